"""Directory search: from validated parameters to an OpenSearch query, and from hits to an ORUK page.

User text only ever reaches the engine inside `multi_match` queries, never as query-string syntax, so
operators typed by a user are searched for as words. Which services the words match, and how the SEND glossary
applies at query time ("SALT" also matches "speech and language therapy"), is `domain.search_text`; under
`sort=distance` strong matches come before weak ones (`match_tiers`).

Postcode searches (ORUK 3.0: distance filters only when `proximity` is given): every match, or with `proximity`
the ones with a place within that many metres of the postcode plus every county-wide and online service (they
serve every postcode). Each result carries
`local_offer.reach` (`local`, `county-wide`, `online`) and, for local ones, `local_offer.distance_metres` to
its nearest place. Sorted by distance, local services come first, nearest first, then county-wide, then
online ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from local_offer.domain.indexing import minutes
from local_offer.models.errors import InvalidRequest
from local_offer.models.oruk import PUBLIC_STATUSES
from local_offer.models.pages import page_envelope

if TYPE_CHECKING:
    from local_offer.domain.places import Place

MAX_SEARCH_LENGTH = 200
MAX_PROXIMITY_METRES = 100_000
# OpenSearch's default index.max_result_window: from + size may not pass it, so neither may page * per_page.
MAX_RESULT_WINDOW = 10_000
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SEN_NEED_CODES = ("ASD", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI", "NSA")
# Age bands for the age facet: a service counts in every band its age range overlaps.
AGE_BANDS = (("0-4", 0, 4), ("5-10", 5, 10), ("11-15", 11, 15), ("16-18", 16, 18), ("19-25", 19, 25))
FACET_SIZE = 50
Sort = Literal["relevance", "distance", "name"]


@dataclass(frozen=True)
class ServiceSearch:
    """Search parameters, already type-checked by the handler; `validated()` checks how they combine."""

    search: str | None = None
    page: int = 1
    per_page: int = 50
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    age: float | None = None
    start_time: str | None = None
    end_time: str | None = None
    day: str | None = None
    place: Place | None = None
    proximity: int | None = None
    local_area: str | None = None
    need: str | None = None
    free: bool | None = None
    sort: Sort = "relevance"
    facets: bool = True
    # ORUK: records modified on or after this instant (ISO 8601, UTC).
    modified_after: str | None = None
    # ORUK `full`: false lists one-to-one fields only; true (and the default) fully nested records.
    full: bool | None = None
    # ORUK `minimal` (ids and modified dates only) is not offered: true is refused, false is the default.
    minimal: bool | None = None
    # Set by `validated()` when the postcode came from the search text rather than the parameter.
    postcode_from_text: bool = field(default=False, compare=False)
    # Set by `validated()` for a postcode typed among the search words that could not be placed: reported in the
    # response (and taken out of the words), never silently dropped.
    unplaced_postcode: dict[str, str] | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return (self.search or "").strip()

    @property
    def radius(self) -> int | None:
        """The distance filter in metres: only what `proximity` asks for (ORUK 3.0), else none."""
        return self.proximity

    def validated(self, local_areas: frozenset[str] | None = None) -> ServiceSearch:
        """Cross-parameter rules, each failure a 400 naming the parameter; returns the normalised search."""
        params = self
        if params.page * params.per_page > MAX_RESULT_WINDOW:
            deepest = MAX_RESULT_WINDOW // params.per_page
            raise InvalidRequest(
                f"page * per_page must be at most {MAX_RESULT_WINDOW:,}, the deepest result the search reaches: "
                f"with per_page={params.per_page} the last page is {deepest}; narrow the search to see more",
                parameter="page",
            )
        if params.search is not None and not params.text:
            params = replace(params, search=None)
        if params.text and params.place is None:
            from local_offer.domain.places import find_postcode_in_text

            found = find_postcode_in_text(params.text)
            if found and found.place:
                params = replace(params, place=found.place, search=found.rest or None, postcode_from_text=True)
            elif found:
                unplaced = {"postcode": found.postcode, "detail": found.reason or ""}
                params = replace(params, search=found.rest or None, unplaced_postcode=unplaced)
        # A postcode typed among the words counts as the postcode these need; say when it could not be placed.
        unplaced_note = f" ({params.unplaced_postcode['detail']})" if params.unplaced_postcode else ""
        if params.proximity is not None and params.place is None:
            raise InvalidRequest(f"proximity needs a postcode to measure from{unplaced_note}", parameter="proximity")
        if params.minimal:
            raise InvalidRequest(
                "minimal=true is not supported: page through the lists (per_page up to 100), with modified_after "
                "for what changed",
                parameter="minimal",
            )
        if params.sort == "distance" and params.place is None:
            raise InvalidRequest(f"sort=distance needs a postcode to measure from{unplaced_note}", parameter="sort")
        if (
            params.minimum_age is not None
            and params.maximum_age is not None
            and params.minimum_age > params.maximum_age
        ):
            raise InvalidRequest("minimum_age must not be greater than maximum_age", parameter="minimum_age")
        start, end = minutes(params.start_time), minutes(params.end_time)
        if start is not None and end is not None and start > end:
            raise InvalidRequest("start_time must not be later than end_time", parameter="start_time")
        if params.day is not None:
            day = params.day.strip().upper()[:2]
            if day not in DAYS or not _is_day_name(params.day):
                raise InvalidRequest(
                    "day must be a day of the week: MO, TU, WE, TH, FR, SA or SU (or its English name)",
                    parameter="day",
                )
            params = replace(params, day=day)
        if params.need is not None:
            need = params.need.strip().upper()
            if need not in SEN_NEED_CODES:
                raise InvalidRequest(f"need must be one of the SEN need codes: {', '.join(SEN_NEED_CODES)}", "need")
            params = replace(params, need=need)
        if params.local_area is not None:
            area = params.local_area.strip().lower()
            if local_areas is not None and area not in local_areas:
                raise InvalidRequest(
                    f"local_area must be one of: {', '.join(sorted(local_areas))}", parameter="local_area"
                )
            params = replace(params, local_area=area)
        return params


def _is_day_name(text: str) -> bool:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    word = text.strip().lower()
    return len(word) == 2 or word in names


def filters(params: ServiceSearch) -> list[dict[str, Any]]:
    """Every filter the parameters ask for (AND-ed); public statuses only, always."""
    clauses: list[dict[str, Any]] = [{"terms": {"status": list(PUBLIC_STATUSES)}}]
    if params.taxonomy_term_id:
        clauses.append({"term": {"taxonomy_term_ids": params.taxonomy_term_id}})
    if params.taxonomy_id:
        clauses.append({"term": {"taxonomy_ids": params.taxonomy_id}})
    if params.organization_id:
        clauses.append({"term": {"organization_id": params.organization_id}})
    # ORUK: minimum_age "at least" the value, maximum_age "at or below" it.
    if params.minimum_age is not None:
        clauses.append({"range": {"minimum_age": {"gte": params.minimum_age}}})
    if params.maximum_age is not None:
        clauses.append({"range": {"maximum_age": {"lte": params.maximum_age}}})
    if params.age is not None:
        # The child's age lies in the service's range; a missing bound is open.
        for bound, op in (("minimum_age", "lte"), ("maximum_age", "gte")):
            clauses.append(
                {
                    "bool": {
                        "should": [
                            {"range": {bound: {op: params.age}}},
                            {"bool": {"must_not": {"exists": {"field": bound}}}},
                        ],
                        "minimum_should_match": 1,
                    }
                }
            )
    session: list[dict[str, Any]] = []
    if params.day:
        session.append({"term": {"sessions.day": params.day}})
    if params.start_time:
        session.append({"range": {"sessions.opens": {"gte": minutes(params.start_time)}}})
    if params.end_time:
        session.append({"range": {"sessions.closes": {"lte": minutes(params.end_time)}}})
    if session:
        clauses.append({"nested": {"path": "sessions", "query": {"bool": {"filter": session}}}})
    if params.local_area:
        clauses.append({"term": {"local_area": params.local_area}})
    if params.modified_after:
        clauses.append({"range": {"last_modified": {"gte": params.modified_after}}})
    if params.need:
        clauses.append({"term": {"need_codes": params.need}})
    if params.free:
        clauses.append({"term": {"markers": "free"}})
        clauses.append({"term": {"has_cost_options": False}})
    if params.place and params.radius is not None:
        clauses.append(
            {
                "bool": {
                    "should": [
                        {
                            "geo_distance": {
                                "distance": f"{params.radius}m",
                                "locations": {"lat": params.place.latitude, "lon": params.place.longitude},
                            }
                        },
                        {"terms": {"reach": ["county-wide", "online"]}},
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    return clauses


def aggregations() -> dict[str, Any]:
    """Facet counts for the same query: categories, needs, local areas and age bands."""
    aggs: dict[str, Any] = {
        "taxonomy_term": {"terms": {"field": "categories", "size": FACET_SIZE}},
        "need": {"terms": {"field": "need_codes", "size": FACET_SIZE}},
        "local_area": {"terms": {"field": "local_area", "size": FACET_SIZE}},
    }
    for label, low, high in AGE_BANDS:
        aggs[f"age_band:{label}"] = {
            "filter": {
                "bool": {
                    "must_not": [
                        {"range": {"minimum_age": {"gt": high}}},
                        {"range": {"maximum_age": {"lt": low}}},
                    ]
                }
            }
        }
    return aggs


def match_tiers(text: str) -> dict[str, Any]:
    """The text's matches, scored only by tier: every strong match (every unit matched exactly) the same score,
    above every weak one (a typo-tolerant match), so sorting by score and then distance keeps strong matches
    first. Constant scores only, so the tiers are the same on any engine."""
    from local_offer.domain.search_text import strong_query, text_query

    return {
        "bool": {
            "should": [
                {"constant_score": {"filter": strong_query(text), "boost": 2}},
                {"constant_score": {"filter": text_query(text), "boost": 1}},
            ],
            "minimum_should_match": 1,
        }
    }


def build_query(params: ServiceSearch) -> dict[str, Any]:
    """The OpenSearch request body for a (validated) search.

    Under `sort=distance`, strong matches come first, then weak ones; within each, local services nearest first,
    then county-wide, then online ones.
    """
    # The glossary-aware text query loads with the first search (the other routes of the function need none).
    from local_offer.domain.search_text import text_query

    must = text_query(params.text) if params.text else {"match_all": {}}
    sort: list[Any]
    if params.sort == "distance" and params.place:
        if params.text:
            must = match_tiers(params.text)
        sort = [
            *([{"_score": "desc"}] if params.text else []),
            {"reach_rank": "asc"},
            {
                "_geo_distance": {
                    "locations": {"lat": params.place.latitude, "lon": params.place.longitude},
                    "order": "asc",
                    "unit": "m",
                }
            },
            {"name.keyword": "asc"},
        ]
    elif params.sort == "name" or not params.text:
        sort = [{"name.keyword": "asc"}, {"id": "asc"}]
    else:
        sort = ["_score", {"name.keyword": "asc"}, {"id": "asc"}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": [must], "filter": filters(params)}},
        "from": (params.page - 1) * params.per_page,
        "size": params.per_page,
        "sort": sort,
        "track_total_hits": True,
        "_source": ["service", "locations", "reach"],
    }
    if params.facets:
        body["aggs"] = aggregations()
    return body


def _distance(source: dict[str, Any], place: Place) -> int | None:
    points = source.get("locations") or []
    if not points:
        return None
    return round(min(place.metres_to(p["lat"], p["lon"]) for p in points))


def _result(source: dict[str, Any], place: Place | None) -> dict[str, Any]:
    service = source["service"]
    if place is None:
        return service
    extension = dict(service.get("local_offer") or {})
    extension["reach"] = source.get("reach", "local")
    distance = _distance(source, place)
    if distance is not None:
        extension["distance_metres"] = distance
    return {**service, "local_offer": extension}


def facets(aggs: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The engine's aggregations as `{facet: [{value, label?, count}]}`, biggest first."""
    result: dict[str, list[dict[str, Any]]] = {}
    for bucket in aggs.get("taxonomy_term", {}).get("buckets", []):
        term_id, _, name = str(bucket["key"]).partition("|")
        result.setdefault("taxonomy_term", []).append({"value": term_id, "label": name, "count": bucket["doc_count"]})
    for name in ("need", "local_area"):
        result[name] = [{"value": b["key"], "count": b["doc_count"]} for b in aggs.get(name, {}).get("buckets", [])]
    result.setdefault("taxonomy_term", [])
    result["age_band"] = [
        {"value": label, "count": aggs.get(f"age_band:{label}", {}).get("doc_count", 0)} for label, _, _ in AGE_BANDS
    ]
    return result


def results_page(response: dict[str, Any], params: ServiceSearch) -> dict[str, Any]:
    """The ORUK page envelope for an engine response, with facets and the place searched from."""
    hits = response["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else int(hits["total"])
    contents = [_result(hit["_source"], params.place) for hit in hits["hits"]]
    page = page_envelope(contents, total, params.page, params.per_page)
    if params.facets:
        page["facets"] = facets(response.get("aggregations") or {})
    page.update(search_context(params))
    return page


def search_context(params: ServiceSearch) -> dict[str, Any]:
    """Envelope extensions saying where a search was made from: `searched_from` (the postcode used and how
    precisely it was placed) and `postcode_not_placed` (a postcode in the search words we could not place)."""
    context: dict[str, Any] = {}
    if params.place:
        context["searched_from"] = {
            "postcode": params.place.postcode,
            "precision": params.place.precision,
            "local_area": params.place.local_area,
            "proximity_metres": params.radius,
            "from_search_text": params.postcode_from_text,
        }
    if params.unplaced_postcode:
        context["postcode_not_placed"] = params.unplaced_postcode
    return context


def did_you_mean(params: ServiceSearch, vocabulary: list[str]) -> list[dict[str, str]]:
    """When nothing matched: a spelling correction from our vocabulary and/or a broader search.

    The corrections come from words we know (glossary terms, taxonomy terms, words of service names), matched
    with difflib, so they are the same on every engine.
    """
    suggestions: list[dict[str, str]] = []
    text = params.text
    if text:
        # Only when nothing matched: difflib and the glossary's normalisation load then.
        import difflib

        from local_offer.domain.glossary import normalise

        known = {normalise(word) for word in vocabulary}
        words = normalise(text).split()
        corrected = [
            word if word in known else next(iter(difflib.get_close_matches(word, known, n=1, cutoff=0.75)), word)
            for word in words
        ]
        if corrected != words:
            suggestions.append({"search": " ".join(corrected), "reason": "spelling"})
        if len(words) > 1:
            suggestions.append({"search": max(words, key=len), "reason": "fewer words"})
    narrowing = [
        name
        for name in ("taxonomy_term_id", "taxonomy_id", "need", "local_area", "age", "day", "free", "proximity")
        if getattr(params, name) not in (None, False)
    ]
    if narrowing:
        suggestions.append({"search": text, "reason": f"remove filters: {', '.join(narrowing)}"})
    if not suggestions and text:
        suggestions.append({"search": "", "reason": "browse every service"})
    return suggestions
