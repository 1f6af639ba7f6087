"""SEND census figures: the census CSV format, its whole-file validation, and the per-area modelling.

A census CSV (UTF-8, comma-separated, header row) has the columns of `CensusRow`:

    year,area_id,need,ehc_plans,statements,basis
    2025,county,ALL,5390,0,published
    2025,durham,ALL,721,0,modelled
    ...

Row 1 is the header; data rows are numbered from 2, as a spreadsheet shows them. A file is accepted only
when every row is valid and the rows add up (`parse_census_csv`); otherwise `CensusFileError` names the
row and column of each problem and nothing is stored.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from local_offer.models.census import ALL_NEEDS, COUNTY, PRIMARY_NEEDS, CensusProblem
from local_offer.models.errors import InvalidRequest

COLUMNS: tuple[str, ...] = ("year", "area_id", "need", "ehc_plans", "statements", "basis")
REQUIRED_COLUMNS = frozenset(COLUMNS) - {"statements"}
BASES = ("published", "modelled")
MAX_BYTES = 2_000_000
MAX_ROWS = 20_000
MAX_REPORTED_PROBLEMS = 20
_YEAR = re.compile(r"^\d{4}$")
_COUNT = re.compile(r"^\d{1,9}$")

METHOD_SUMMARY = (
    "County totals are the DfE's published figures. Each local area's figure is modelled: the county figure "
    "apportioned by the area's share of children aged 0-15 in the 2011 Census (largest remainder rounding, "
    "so areas add up to the county total). It is an estimate, not a count of plans in the area."
)


class CensusFileError(InvalidRequest):
    """A census CSV that was rejected whole: `row` and `column` locate the first problem, `problems` all of
    them (up to MAX_REPORTED_PROBLEMS)."""

    code = "invalid_census_file"

    def __init__(self, source: str, problems: list[CensusProblem], more: int = 0) -> None:
        first = problems[0]
        extra = f" (and {len(problems) - 1 + more} more problems)" if len(problems) > 1 or more else ""
        super().__init__(
            f"{source}: row {first.row}, column {first.column}: {first.message}{extra}; nothing was loaded",
            parameter=first.column,
        )
        self.source = source
        self.row = first.row
        self.column = first.column
        self.problems = problems
        self.more = more


@dataclass(frozen=True)
class Counts:
    ehc_plans: int
    statements: int
    basis: str
    row: int  # where it came from, for cross-row messages

    @property
    def total(self) -> int:
        return self.ehc_plans + self.statements


@dataclass
class FigureGroup:
    """Every figure for one year and need: the county's and each area's."""

    year: int
    need: str
    county: Counts | None = None
    areas: dict[str, Counts] = field(default_factory=dict)


@dataclass
class CensusDataset:
    """A validated census file, grouped by (year, need)."""

    groups: dict[tuple[int, str], FigureGroup]
    rows: int

    def years(self) -> dict[str, list[str]]:
        """Year (as text) -> its needs, ALL first then alphabetical."""
        by_year: dict[int, set[str]] = defaultdict(set)
        for year, need in self.groups:
            by_year[year].add(need)
        return {str(year): sorted(needs, key=need_order) for year, needs in sorted(by_year.items())}


def need_order(need: str) -> tuple[int, str]:
    return (0 if need == ALL_NEEDS else 1, need)


class _Problems:
    def __init__(self) -> None:
        self.items: list[CensusProblem] = []
        self.more = 0

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) < MAX_REPORTED_PROBLEMS:
            self.items.append(CensusProblem(row=row, column=column, message=message))
        else:
            self.more += 1

    def raise_if_any(self, source: str) -> None:
        if self.items:
            raise CensusFileError(source, self.items, self.more)


def _decode(body: bytes, source: str) -> str:
    if len(body) > MAX_BYTES:
        raise CensusFileError(
            source, [CensusProblem(row=1, column="year", message=f"the file is over {MAX_BYTES:,} bytes")]
        )
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise CensusFileError(source, [CensusProblem(row=line, column="(text)", message="is not UTF-8 text")]) from exc


def _header(cells: list[str], problems: _Problems) -> dict[str, int]:
    names = [cell.strip().lower() for cell in cells]
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in positions:
            problems.add(1, name, f"column {name} appears twice in the header")
        elif name not in COLUMNS:
            shown = name or f"(column {index + 1}, no name)"
            problems.add(1, shown, f"is not a census column; the columns are {', '.join(COLUMNS)}")
        else:
            positions[name] = index
    for name in COLUMNS:
        if name in REQUIRED_COLUMNS and name not in positions:
            problems.add(1, name, "the header has no such column (it is required)")
    return positions


def _count(text: str, row: int, column: str, problems: _Problems, blank_is_zero: bool = False) -> int | None:
    value = text.strip()
    if not value and blank_is_zero:
        return 0
    if not _COUNT.match(value):
        shown = f"'{value[:20]}'" if value else "empty"
        problems.add(row, column, f"{shown} is not a whole number of plans (digits only, 0 or more)")
        return None
    return int(value)


def parse_census_csv(body: bytes, source: str, area_ids: Iterable[str]) -> CensusDataset:
    """Validate a whole census CSV against the area set's ids; raises CensusFileError naming row and column."""
    areas = frozenset(area_ids)
    text = _decode(body, source)
    reader = csv.reader(io.StringIO(text, newline=""))
    problems = _Problems()
    groups: dict[tuple[int, str], FigureGroup] = {}
    seen: dict[tuple[int, str, str], int] = {}
    rows = 0
    try:
        header_cells = next(reader, None)
        if header_cells is None or not any(cell.strip() for cell in header_cells):
            empty = CensusProblem(row=1, column="year", message=f"the file is empty; the header is {','.join(COLUMNS)}")
            raise CensusFileError(source, [empty])
        positions = _header(header_cells, problems)
        problems.raise_if_any(source)
        width = len(header_cells)
        for cells in reader:
            row = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank line (often the last) is not a row
            rows += 1
            if rows > MAX_ROWS:
                problems.add(row, "year", f"the file has more than {MAX_ROWS:,} rows")
                break
            if len(cells) != width:
                column = (
                    header_cells[len(cells)].strip().lower()
                    if len(cells) < width
                    else f"(column {width + 1}, beyond {header_cells[-1].strip().lower()})"
                )
                problems.add(row, column, f"the row has {len(cells)} values, the header {width}")
                continue
            value = {name: cells[index] for name, index in positions.items()}
            parsed = _parse_row(value, row, areas, problems)
            if parsed is None:
                continue
            year, area_id, need, counts = parsed
            key = (year, area_id, need)
            if key in seen:
                problems.add(row, "need", f"repeats row {seen[key]} ({year}, {area_id}, {need})")
                continue
            seen[key] = row
            group = groups.setdefault((year, need), FigureGroup(year, need))
            if area_id == COUNTY:
                group.county = counts
            else:
                group.areas[area_id] = counts
    except csv.Error as exc:
        problems.add(reader.line_num, "(text)", f"is not valid CSV: {exc}")
    problems.raise_if_any(source)
    if not groups:
        problems.add(2, "year", "the file has a header but no figures")
        problems.raise_if_any(source)
    _check_totals(groups, areas, problems)
    problems.raise_if_any(source)
    return CensusDataset(groups=groups, rows=rows)


def _parse_row(
    value: Mapping[str, str], row: int, areas: frozenset[str], problems: _Problems
) -> tuple[int, str, str, Counts] | None:
    before = len(problems.items) + problems.more
    year_text = value["year"].strip()
    year = int(year_text) if _YEAR.match(year_text) and 2000 <= int(year_text) <= 2100 else None
    if year is None:
        problems.add(row, "year", f"'{year_text[:20]}' is not a year from 2000 to 2100")
    area_id = value["area_id"].strip().lower()
    if area_id != COUNTY and area_id not in areas:
        shown = f"'{area_id[:40]}'" if area_id else "empty"
        problems.add(row, "area_id", f"{shown} is not {COUNTY} or a local area ({', '.join(sorted(areas))})")
    need = value["need"].strip().upper()
    if need not in PRIMARY_NEEDS:
        shown = f"'{need[:20]}'" if need else "empty"
        problems.add(row, "need", f"{shown} is not a need code ({', '.join(PRIMARY_NEEDS)})")
    ehc_plans = _count(value["ehc_plans"], row, "ehc_plans", problems)
    statements = _count(value.get("statements", ""), row, "statements", problems, blank_is_zero=True)
    basis = value["basis"].strip().lower()
    if basis not in BASES:
        problems.add(row, "basis", f"'{basis[:20]}' is not one of {', '.join(BASES)}")
    if len(problems.items) + problems.more > before:
        return None
    assert year is not None
    assert ehc_plans is not None
    assert statements is not None
    return year, area_id, need, Counts(ehc_plans, statements, basis, row)


def _check_totals(groups: Mapping[tuple[int, str], FigureGroup], areas: frozenset[str], problems: _Problems) -> None:
    """Each (year, need) has a county row and a row for every area, and the areas add up to the county; in a
    year broken down by need, each place's needs add up to its ALL figure."""
    for (year, need), group in sorted(groups.items(), key=lambda item: (item[0][0], need_order(item[0][1]))):
        if group.county is None:
            first = min(counts.row for counts in group.areas.values())
            problems.add(first, "area_id", f"{year} {need} has area rows but no {COUNTY} row")
            continue
        missing = sorted(areas - set(group.areas))
        if missing:
            problems.add(group.county.row, "area_id", f"{year} {need} has no row for area {', '.join(missing)}")
            continue
        for column in ("ehc_plans", "statements"):
            county_value = getattr(group.county, column)
            area_sum = sum(getattr(counts, column) for counts in group.areas.values())
            if area_sum != county_value:
                problems.add(
                    group.county.row,
                    column,
                    f"the areas' {column} for {year} {need} add up to {area_sum}, the {COUNTY} row says {county_value}",
                )
    by_year: dict[int, list[FigureGroup]] = defaultdict(list)
    for group in groups.values():
        by_year[group.year].append(group)
    for year, year_groups in sorted(by_year.items()):
        needs = [group for group in year_groups if group.need != ALL_NEEDS]
        if not needs:
            continue
        whole = next((group for group in year_groups if group.need == ALL_NEEDS), None)
        if whole is None or whole.county is None:
            problems.add(min(_rows(needs)), "need", f"{year} has figures by need but no {ALL_NEEDS} figures")
            continue
        for place, all_counts in [(COUNTY, whole.county), *sorted(whole.areas.items())]:
            for column in ("ehc_plans", "statements"):
                by_need = sum(getattr(_counts_for(group, place), column, 0) for group in needs)
                if by_need != getattr(all_counts, column):
                    problems.add(
                        all_counts.row,
                        column,
                        f"{place}'s {column} by need for {year} add up to {by_need}, its {ALL_NEEDS} row says "
                        f"{getattr(all_counts, column)}",
                    )


def _counts_for(group: FigureGroup, place: str) -> Counts | None:
    return group.county if place == COUNTY else group.areas.get(place)


def _rows(groups: Iterable[FigureGroup]) -> Iterable[int]:
    for group in groups:
        if group.county is not None:
            yield group.county.row
        yield from (counts.row for counts in group.areas.values())


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split a whole number over keys in proportion to their weights so the parts add up to `total` exactly
    (largest remainder; ties go to the larger weight, then the key that sorts first)."""
    if total < 0:
        raise ValueError("total must be 0 or more")
    weight_sum = sum(weights.values())
    if not weights or weight_sum <= 0 or any(weight < 0 for weight in weights.values()):
        raise ValueError("weights must be non-negative with a positive sum")
    quotas = {key: total * weight / weight_sum for key, weight in weights.items()}
    parts = {key: math.floor(quota) for key, quota in quotas.items()}
    left = total - sum(parts.values())
    order = sorted(quotas, key=lambda key: (-(quotas[key] - parts[key]), -weights[key], key))
    for key in order[:left]:
        parts[key] += 1
    return parts
