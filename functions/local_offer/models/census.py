"""Local areas and SEND census figures: the area-set data file, the census CSV row, the load result and the
public API shapes of `/areas` and `/census`.

County totals are the DfE's published figures; per-area figures are modelled (apportioned by child
population), and every census response says so in `basis`, `modelled` and `method`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from local_offer.models.base import Model

Basis = Literal["published", "modelled"]

COUNTY = "county"
ALL_NEEDS = "ALL"

# The primary-need codes of the DfE's EHC plan statistics (labels as the DfE publishes them), plus ALL for
# every plan and UNKNOWN where the plan records no primary need.
PRIMARY_NEEDS: dict[str, str] = {
    ALL_NEEDS: "All EHC plans",
    "ASD": "Autistic spectrum disorder",
    "HI": "Hearing impairment",
    "MLD": "Moderate learning difficulty",
    "MSI": "Multi-sensory impairment",
    "OTH": "Other difficulty/disability",
    "PD": "Physical disability",
    "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "SLCN": "Speech, language and communication needs",
    "SLD": "Severe learning difficulty",
    "SPLD": "Specific learning difficulty",
    "VI": "Visual impairment",
    "UNKNOWN": "Primary need not recorded",
}


# --------------------------------------------------------------------------------------------------------
# The area-set data file (functions/local_offer/data/area_set_<id>.json)
# --------------------------------------------------------------------------------------------------------
class Centre(Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class AreaDefinition(Model):
    """One local area as the area-set file defines it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    name: str
    short_name: str
    centre: Centre
    population_approx: int | None = Field(default=None, ge=0, description="Approximate residents (council figure)")
    postcode_districts: list[str] = []
    main_settlements: list[str] = []


class PostcodeColumn(Model):
    """A packaged CSV (optionally .gz) whose first column is the postcode and `column` the area id."""

    model_config = ConfigDict(frozen=True)

    file: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    column: str


class ModellingBase(Model):
    """The population the per-area figures are apportioned by."""

    description: str
    source: str
    population: dict[str, int] = Field(description="Area id -> population of the modelling base")


class AreaSetFile(Model):
    """A set of local areas: the areas, how postcodes map to them and the modelling base for census figures."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    name: str
    status: Literal["current", "historic"]
    note: str
    areas: list[AreaDefinition] = Field(min_length=1)
    postcode_lookup: PostcodeColumn
    sector_lookup: PostcodeColumn | None = None
    outcode_lookup: PostcodeColumn
    modelling: ModellingBase
    attribution: list[str]


# --------------------------------------------------------------------------------------------------------
# The census CSV and its load
# --------------------------------------------------------------------------------------------------------
class CensusRow(Model):
    """One data row of a census CSV (see docs/api.md "Census CSV format"): the header names these fields."""

    year: int = Field(ge=2000, le=2100, description="Census year: plans as at January of that year")
    area_id: str = Field(description="`county` for the County Durham total, or a local area id of the area set")
    need: str = Field(description="`ALL`, or a DfE primary-need code such as ASD, SEMH, SLCN")
    ehc_plans: int = Field(ge=0, description="EHC plans maintained by the council")
    statements: int = Field(default=0, ge=0, description="Statements of SEN (replaced by EHC plans by 2018)")
    basis: Basis = Field(description="published (DfE figure) or modelled (apportioned by population)")


class CensusProblem(Model):
    """Where a census CSV is wrong: row 1 is the header, data rows start at 2."""

    row: int = Field(ge=1)
    column: str
    message: str


class CensusLoadResult(Model):
    """What a census load stored and made current."""

    dataset_version: str
    source: str
    sha256: str
    area_set: str
    rows: int = Field(ge=1)
    years: dict[str, list[str]] = Field(description="Year -> the needs with figures that year")
    areas: int
    loaded_at: str
    replaced_version: str | None = None


# --------------------------------------------------------------------------------------------------------
# API responses
# --------------------------------------------------------------------------------------------------------
class AreaSetSummary(Model):
    id: str
    name: str
    status: Literal["current", "historic"]
    note: str


class LocalArea(Model):
    """A local area in API answers."""

    id: str
    name: str
    short_name: str
    centre: Centre
    population_approx: int | None = None
    postcode_districts: list[str] = []
    main_settlements: list[str] = []
    area_set: str
    census_url: str = Field(description="This area's census figures")


class AreaList(Model):
    area_set: AreaSetSummary
    total_items: int
    contents: list[LocalArea]


class AreaRef(Model):
    id: str
    name: str
    short_name: str


class AreaLookup(Model):
    """Which local area a postcode is in. A postcode we do not list gives the area most of its sector is in, an
    outward code (e.g. DH1) the area most of its district is in; `precision` says which."""

    postcode: str
    precision: Literal["postcode", "sector", "district"]
    area: AreaRef
    area_set: AreaSetSummary
    area_url: str


class MethodRef(Model):
    basis: Literal["modelled"] = "modelled"
    summary: str
    url: str = Field(description="GET this for the method in full, with each area's population base")


class CensusSource(Model):
    dataset_version: str
    file: str
    loaded_at: str
    attribution: list[str]


class Counts(Model):
    ehc_plans: int
    statements: int
    total: int = Field(description="ehc_plans + statements")
    basis: Basis


class NeedFigure(Counts):
    need: str
    need_label: str


class AreaCensus(Model):
    """One area's figures for one year, by primary need (modelled)."""

    area: AreaRef
    area_set: str
    year: int
    years: list[int] = Field(description="Every year with figures")
    modelled: bool = Field(description="True when any figure in this answer is modelled (the seed's all are)")
    basis: Basis = Field(description="modelled, unless every figure in this answer is published")
    method: MethodRef
    figures: list[NeedFigure]
    source: CensusSource


class AreaFigure(Counts):
    area: AreaRef
    share: float = Field(description="This area's share of the modelling base population")


class CountyFigure(Counts):
    name: str


class CensusByArea(Model):
    """The county's published total for a year and need, and the modelled figure for each area."""

    year: int
    need: str
    need_label: str
    area_set: str
    modelled: bool = Field(description="True when any area figure is modelled (the seed's all are)")
    basis: Basis = Field(description="Of the per-area figures: modelled, unless all are published")
    method: MethodRef
    county: CountyFigure
    areas: list[AreaFigure]
    source: CensusSource


class AreaPopulation(Model):
    area: AreaRef
    population: int
    share: float


class CensusMethod(Model):
    """How the per-area figures are modelled."""

    basis: Literal["modelled"] = "modelled"
    area_set: AreaSetSummary
    summary: str
    steps: list[str]
    population_base: str
    population_source: str
    areas: list[AreaPopulation]
    limitations: list[str]
