"""Census figures by local area: loading a census CSV, and the answers of `/areas` and `/census`.

`load_census_csv(body, source)` validates the whole file first (nothing is written for a bad one), writes
it as a new dataset version, then makes that version current in one conditional write. The resources
publisher calls it for census CSV uploads; the local stack calls it for the seed census.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from local_offer.domain import areas as area_rules
from local_offer.domain.census import METHOD_SUMMARY, CensusDataset, need_order, parse_census_csv
from local_offer.models.census import (
    ALL_NEEDS,
    PRIMARY_NEEDS,
    AreaCensus,
    AreaDefinition,
    AreaFigure,
    AreaList,
    AreaLookup,
    AreaPopulation,
    AreaRef,
    AreaSetFile,
    CensusByArea,
    CensusLoadResult,
    CensusMethod,
    CensusSource,
    Counts,
    CountyFigure,
    LocalArea,
    MethodRef,
    NeedFigure,
)
from local_offer.models.errors import InvalidRequest, NotFound, StaleWrite
from local_offer.observability import logger
from local_offer.repositories.census import CensusRepository, StoredCounts, StoredFigures

COUNTY_NAME = "County Durham"
KEEP_PREVIOUS_VERSIONS = 1  # the version a load replaced stays, to roll back to


# --------------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------------
def _stored(dataset: CensusDataset) -> list[StoredFigures]:
    figures = []
    for (year, need), group in sorted(dataset.groups.items()):
        assert group.county is not None  # parse_census_csv guarantees a county row per group
        figures.append(
            StoredFigures(
                year=year,
                need=need,
                county=StoredCounts(group.county.ehc_plans, group.county.statements, group.county.basis),
                areas={
                    area_id: StoredCounts(counts.ehc_plans, counts.statements, counts.basis)
                    for area_id, counts in sorted(group.areas.items())
                },
            )
        )
    return figures


def load_census_csv(body: bytes, source: str, repository: CensusRepository | None = None) -> CensusLoadResult:
    """Validate a census CSV whole, store it as a new dataset version and make it current.

    Raises CensusFileError (an InvalidRequest naming `row` and `column`) for a bad file, and StaleWrite (a
    Conflict) when another load became current meanwhile; in both cases the current figures are unchanged.
    """
    area_set = area_rules.current_area_set()
    dataset = parse_census_csv(body, source, (area.id for area in area_set.areas))
    repository = repository or CensusRepository()
    now = datetime.now(UTC)
    digest = hashlib.sha256(body).hexdigest()
    replaced = repository.current_version()
    result = CensusLoadResult(
        dataset_version=f"{now:%Y%m%dT%H%M%S%fZ}-{digest[:12]}",
        source=source,
        sha256=digest,
        area_set=area_set.id,
        rows=dataset.rows,
        years=dataset.years(),
        areas=len(area_set.areas),
        loaded_at=now.isoformat(timespec="seconds"),
        replaced_version=replaced,
    )
    repository.write_version(result, _stored(dataset))
    try:
        repository.make_current(result.dataset_version, replaced, result.loaded_at)
    except StaleWrite:
        repository.delete_version(result.dataset_version)
        raise
    _remove_old_versions(repository, keep={result.dataset_version, *([replaced] if replaced else [])})
    logger.info("census loaded", extra={"census": result.model_dump()})
    return result


def _remove_old_versions(repository: CensusRepository, keep: set[str]) -> None:
    """Best effort: a failure leaves unreachable items behind, never wrong answers."""
    try:
        for version in repository.versions():
            if version not in keep:
                repository.delete_version(version)
    except Exception:  # clean-up must not fail a load that is already current
        logger.exception("could not remove old census versions")


# --------------------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------------------
def _ref(area: AreaDefinition) -> AreaRef:
    return AreaRef(id=area.id, name=area.name, short_name=area.short_name)


def _local_area(area_set: AreaSetFile, area: AreaDefinition, base_url: str) -> LocalArea:
    return LocalArea(
        **area.model_dump(),
        area_set=area_set.id,
        census_url=f"{base_url}/areas/{area.id}/census",
    )


def list_areas(base_url: str) -> AreaList:
    area_set = area_rules.current_area_set()
    contents = [_local_area(area_set, area, base_url) for area in area_set.areas]
    return AreaList(area_set=area_rules.summary(area_set), total_items=len(contents), contents=contents)


def get_area(area_id: str, base_url: str) -> LocalArea:
    area_set = area_rules.current_area_set()
    return _local_area(area_set, area_rules.find_area(area_set, area_id), base_url)


def lookup_area(postcode: str, base_url: str) -> AreaLookup:
    area_set = area_rules.current_area_set()
    found = area_rules.area_for_postcode(area_set, postcode)
    return AreaLookup(
        postcode=found.postcode,
        precision=found.precision,
        area=_ref(found.area),
        area_set=area_rules.summary(area_set),
        area_url=f"{base_url}/areas/{found.area.id}",
    )


# --------------------------------------------------------------------------------------------------------
# Census answers
# --------------------------------------------------------------------------------------------------------
def _current(repository: CensusRepository, area_set: AreaSetFile) -> CensusLoadResult:
    current = repository.current()
    if current is None:
        raise NotFound("no census figures have been loaded yet")
    if current.area_set != area_set.id:
        # Figures for another area set cannot be shown against this one's areas.
        raise NotFound(f"the census figures loaded are for area set '{current.area_set}', not '{area_set.id}'")
    return current


def _year(current: CensusLoadResult, year: int | None) -> int:
    years = sorted(int(value) for value in current.years)
    if year is None:
        return years[-1]
    if str(year) not in current.years:
        raise InvalidRequest(
            f"year {year} has no census figures; the years are {', '.join(map(str, years))}", parameter="year"
        )
    return year


def _need(current: CensusLoadResult, year: int, need: str | None) -> str:
    code = (need or ALL_NEEDS).strip().upper()
    valid = current.years[str(year)]
    if code not in valid:
        problem = (
            f"need {code} has no figures for {year}"
            if code in PRIMARY_NEEDS
            else f"'{(need or '')[:20]}' is not a need code"
        )
        raise InvalidRequest(f"{problem}; the needs for {year} are {', '.join(valid)}", parameter="need")
    return code


def _method_ref(base_url: str) -> MethodRef:
    return MethodRef(summary=METHOD_SUMMARY, url=f"{base_url}/census/method")


def _source(current: CensusLoadResult, area_set: AreaSetFile) -> CensusSource:
    return CensusSource(
        dataset_version=current.dataset_version,
        file=current.source,
        loaded_at=current.loaded_at,
        attribution=area_set.attribution,
    )


def _counts(counts: StoredCounts) -> Counts:
    """The stored counts as answered, with their total."""
    return Counts(
        ehc_plans=counts.ehc_plans,
        statements=counts.statements,
        total=counts.ehc_plans + counts.statements,
        basis=counts.basis,
    )


def area_census(
    area_id: str, year: int | None, base_url: str, repository: CensusRepository | None = None
) -> AreaCensus:
    """One area's figures for a year (default: the latest), every need with figures that year."""
    area_set = area_rules.current_area_set()
    area = area_rules.find_area(area_set, area_id)
    repository = repository or CensusRepository()
    current = _current(repository, area_set)
    chosen = _year(current, year)
    stored = sorted(repository.figures_for_year(current.dataset_version, chosen), key=lambda f: need_order(f.need))
    figures = [
        NeedFigure(need=figure.need, need_label=PRIMARY_NEEDS[figure.need], **dict(_counts(figure.areas[area.id])))
        for figure in stored
        if area.id in figure.areas
    ]
    modelled = any(figure.basis == "modelled" for figure in figures)
    return AreaCensus(
        area=_ref(area),
        area_set=area_set.id,
        modelled=modelled,
        basis="modelled" if modelled else "published",
        year=chosen,
        years=sorted(int(value) for value in current.years),
        method=_method_ref(base_url),
        figures=figures,
        source=_source(current, area_set),
    )


def county_census(
    year: int | None, need: str | None, base_url: str, repository: CensusRepository | None = None
) -> CensusByArea:
    """The county total for a year and need (defaults: latest year, ALL) and each area's modelled figure."""
    area_set = area_rules.current_area_set()
    repository = repository or CensusRepository()
    current = _current(repository, area_set)
    chosen_year = _year(current, year)
    chosen_need = _need(current, chosen_year, need)
    figure = repository.figures(current.dataset_version, chosen_year, chosen_need)
    if figure is None:  # META lists it, so only a damaged version gets here
        raise NotFound(f"no census figures for {chosen_year} {chosen_need}")
    population = area_set.modelling.population
    base_total = sum(population.values()) or 1
    areas = [
        AreaFigure(
            area=_ref(area),
            share=round(population.get(area.id, 0) / base_total, 4),
            **dict(_counts(figure.areas[area.id])),
        )
        for area in area_set.areas
        if area.id in figure.areas
    ]
    modelled = any(area.basis == "modelled" for area in areas)
    return CensusByArea(
        modelled=modelled,
        basis="modelled" if modelled else "published",
        year=chosen_year,
        need=chosen_need,
        need_label=PRIMARY_NEEDS[chosen_need],
        area_set=area_set.id,
        method=_method_ref(base_url),
        county=CountyFigure(name=COUNTY_NAME, **dict(_counts(figure.county))),
        areas=areas,
        source=_source(current, area_set),
    )


def census_method() -> CensusMethod:
    """How the per-area figures are modelled, with each area's population base and share."""
    area_set = area_rules.current_area_set()
    modelling = area_set.modelling
    total = sum(modelling.population.values()) or 1
    return CensusMethod(
        area_set=area_rules.summary(area_set),
        summary=METHOD_SUMMARY,
        steps=[
            "Take the DfE's published County Durham figure for the year and primary need (EHC plans and, "
            "before 2019, statements of SEN maintained by the council as at January).",
            f"Split it over the areas in proportion to the modelling base: {modelling.description}.",
            "Round with the largest remainder method, so the areas add up exactly to the county figure.",
            "In a year broken down by primary need, split each need, then add an area's needs up to give its "
            "ALL figure, so every area's needs add up to its total too.",
        ],
        population_base=modelling.description,
        population_source=modelling.source,
        areas=[
            AreaPopulation(
                area=_ref(area),
                population=modelling.population.get(area.id, 0),
                share=round(modelling.population.get(area.id, 0) / total, 4),
            )
            for area in area_set.areas
        ],
        limitations=[
            "It assumes plans are spread like the child population; real rates differ between areas "
            "(deprivation, special school places and family choices all vary).",
            "The 2011 child population is the most recent by postcode sector in the reference data; it is "
            "older than the figures it splits.",
            "Postcode sectors that straddle areas are split by their share of postcodes, not of people.",
            "The council publishes no EHC plan counts by local area; use these figures for planning and "
            "conversation, not as counts.",
        ],
    )
