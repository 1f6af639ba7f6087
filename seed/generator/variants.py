"""Organisations made up for the directory, and kinds described as data: each variant (in `data/`) says how
to name, place, describe and price one sort of service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.common import cap, slugify
from generator.drafts import Draft, Org, age_phrase
from generator.landmarks import public_org
from generator.reference import Place
from generator.schedules import SCHEDULES, when_phrase
from generator.state import Gen
from generator.tables import (
    CLOSING_TEXT,
    CUTE,
    FOUNDED,
    FUNDERS,
    GENERIC_PEOPLE,
    GENERIC_TOPICS,
    LOCALITIES,
    LOCALITY_AAPS,
    LOCALITY_OF,
    LOCALITY_TOWNS,
    MIN_REUSE,
    ORG_TYPES,
    SPECIAL_SCHOOL_NEEDS,
    VILLAGE_VENUES,
)


def new_org(g: Gen, org_type: str, name: str, place: Place, focus: str) -> Org | None:
    """A made-up organisation; None if the name is taken."""
    key = f"{org_type}:{slugify(name, 60)}"
    if key in g.orgs or name in g.org_names:
        return None
    spec = ORG_TYPES[org_type]
    year = g.rng.randint(*FOUNDED.get(org_type, (1978, 2024)))
    description = g.pick(spec["desc"]).format(
        name=name, place=place.name, area=g.area_name(place.aap_id), focus=focus, year=year
    )
    return g.org(key, name, description, g.pick(spec["legal"]), place, year=year if g.chance(0.6) else None)


# Variants that can be county-wide or online are a little more often so than their own figures say.
DELIVERY_SCALE = 1.5


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"template placeholder {{{key}}} has no value")


def fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Fill(values))


def _where(g: Gen, draft: Draft) -> str:
    if draft.delivery == "county":
        return g.pick(["across County Durham", "anywhere in County Durham", "county-wide"])
    if draft.delivery == "online":
        return g.pick(["online", "online and by phone", "by video call"])
    if not draft.venues:
        return ""
    venue = draft.venues[0]
    if venue.place.name in venue.name:
        return f"at {venue.name}"
    return g.pick([f"at {venue.name} in {venue.place.name}", f"at {venue.name}, {venue.place.name}"])


def _resolve_org(g: Gen, spec: dict[str, Any], pool_key: str, values: dict[str, Any]) -> tuple[Org | None, Place]:
    """The organisation running the service and the place it is based."""
    strategy = spec.get("org", ("public", "dcc"))
    mode = strategy[0]
    placing = spec.get("place", "any")

    def choose_place() -> Place:
        if "pin_place" in values:
            return g.place(values["pin_place"])
        if placing == "locality":
            locality = g.pick(LOCALITIES)
            values["locality"] = locality[0]
            return g.place(g.pick(LOCALITY_TOWNS[locality[0]]))
        return g.pick_place(towns=placing == "town")

    if mode == "public":
        return public_org(g, strategy[1]), choose_place()
    if mode == "school":
        wanted = strategy[1]
        candidates = [
            (row, org)
            for row, org in g.schools
            if row["status"] != "closed"
            and (
                (wanted == "college" and row["subtype"] == "college")
                or (wanted == "special" and row["school_name"] in SPECIAL_SCHOOL_NEEDS)
                or (wanted == "mainstream" and row["subtype"] in ("maintained", "academy"))
            )
        ]
        _row, org = g.pick(candidates)
        values["school"] = org.name
        return org, org.home
    if mode == "self":
        return None, choose_place()
    # ("new", org_type, name templates, reuse probability, scope)
    _, org_type, templates, reuse, scope = strategy
    pool = g.pools.setdefault(pool_key, [])
    reuse = max(reuse, MIN_REUSE.get(org_type, 0.0))
    if scope == "home" and pool and g.chance(reuse):
        # A practice or social enterprise working from its base: somewhere in its own locality.
        org = g.pick(pool)
        if g.chance(0.25):
            return org, org.home
        aaps = [g.ref.aap_by_id[a] for a in LOCALITY_AAPS[LOCALITY_OF[org.home.aap_id]]]
        return org, g.pick_place(g.weighted([a.id for a in aaps], [a.population for a in aaps]))
    place = choose_place()
    # A local organisation (scope "area") runs services in its own locality (one of the five former districts
    # that most local charities and teams still work in); a county-wide one anywhere.
    candidates = [org for org in pool if scope != "area" or LOCALITY_OF[org.home.aap_id] == LOCALITY_OF[place.aap_id]]
    if scope != "home" and candidates and g.chance(reuse):
        return g.pick(candidates), place
    for _ in range(8):
        template = g.pick(templates)
        name = fill(template, {**values, "place": place.name, "area": g.area_name(place.aap_id), "cute": g.pick(CUTE)})
        org = new_org(g, org_type, name, place, fill(spec.get("focus", "support for families"), values))
        if org:
            pool.append(org)
            return org, place
    return (g.pick(pool) if pool else public_org(g, "dcc")), place


def run_variant(g: Gen, kind: str, index: int, spec: dict[str, Any], pin: dict[str, Any] | None = None) -> Draft:
    """One service from a variant; `pin` fixes its name, place and extras (see PINNED)."""
    values: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    for key, pool in spec.get("extra", {}).items():
        item = pin["extra"][key] if pin and key in pin["extra"] else g.pick(pool)
        if isinstance(item, dict):
            for sub, value in item.items():
                if sub.startswith("_"):
                    overrides[sub] = value
                elif sub == "topics":
                    for n, topic in enumerate(g.sample(value, 3), start=1):
                        values[f"topic{n}"] = topic
                elif isinstance(value, list):
                    values[sub] = g.pick(value)
                else:
                    values[sub] = value
        else:
            values[key] = item
    values.setdefault("need_words", "SEND")
    values.setdefault("short", "SEND")
    values.setdefault("label", "SEND")
    if "topic1" not in values:
        for n, topic in enumerate(g.sample(GENERIC_TOPICS, 3), start=1):
            values[f"topic{n}"] = topic
    values["youth_topic"] = g.pick(GENERIC_TOPICS)
    pool_key = spec.get("pool", f"{kind}:{spec['names'][0]}")
    if spec.get("pool_by"):
        pool_key += ":" + values[spec["pool_by"]]
    org: Org | None = None
    name = ""
    place: Place | None = None
    county, online = spec.get("delivery", (0.04, 0.05))
    delivery = "physical" if pin else g.delivery(county * DELIVERY_SCALE, online * DELIVERY_SCALE)
    names = spec["names"]
    if delivery != "physical":
        names = [name for name in names if "{place}" not in name] or names
    for _ in range(10):
        values.pop("locality", None)
        if pin:
            values["pin_place"] = pin["place"]
        before = len(g.pools.get(pool_key, ()))
        org, place = _resolve_org(g, spec, pool_key, values)
        values.update(place=place.name, area=g.area_name(place.aap_id), town=g.main_town(place.aap_id).name)
        values.setdefault("locality", next(name for name, _, aaps in LOCALITIES if place.aap_id in aaps))
        values.setdefault("cute", g.pick(CUTE))
        values["org"] = org.name if org else ""
        template = "" if pin else g.pick(names)
        name = pin["name"] if pin else fill(template, values)
        if pin or (name not in g.reserved_names and g.names[name] == 0):
            break
        g.forget_orgs(pool_key, before)  # an organisation made for a name that is taken runs nothing
    else:
        raise NameTaken(name)
    assert place is not None
    if org is None:  # the group is its own organisation
        org_type = spec["org"][1]
        org = new_org(g, org_type, name, place, fill(spec.get("focus", "support for families"), values))
        org = org or public_org(g, "dcc")
        values["org"] = org.name
    key = f"pinned:{slugify(name)}" if pin else f"{kind}:{index:04d}"
    draft = Draft(key=key, kind=kind, name=name, org=org, description="", categories=[])
    draft.variant = spec["names"][0]
    draft.facts = {word: value for word, value in values.items() if isinstance(value, str)}
    draft.facts["name_template"] = template
    draft.delivery = delivery
    if pin:
        draft.status = "active"
        draft.recent = True
    if spec.get("org", ("",))[0] == "school" and draft.delivery == "physical":
        row = next(row for row, school in g.schools if school is org)
        postcode = g.ref.postcode_by_code[row["postcode"]]
        draft.venues = [g.school_venue(org.name, postcode, org.home.name)]
    elif draft.delivery == "physical" or (draft.delivery == "county" and g.chance(0.5)):
        labels = spec.get("venues", ["{place} Community Centre"])
        own = [label for label in labels if "{org}" in label]  # the organisation's own premises
        village = own or spec.get("village_venues", VILLAGE_VENUES)
        label = g.pick(labels if place.is_town else village)
        draft.venues = [g.venue(place, fill(label, {**values, "place": place.name}))]
        if draft.delivery == "physical" and "{org}" not in label and g.chance(spec.get("multi", 0.15)):
            for _ in range(g.pick([1, 1, 2])):
                other = g.pick_place(place.aap_id, towns=True) if g.chance(0.6) else g.pick_place(towns=True)
                label = g.pick(labels if other.is_town else village)
                venue = g.venue(other, fill(label, {**values, "place": other.name}))
                if venue not in draft.venues:
                    draft.venues.append(venue)
    # Who it is for
    pool, low, high = spec.get("needs", ([], 0, 0))
    needs = list(overrides.get("_needs", g.sample(pool, g.rng.randint(low, high)) if pool else []))
    draft.needs = needs[:4]
    cats = list(overrides.get("_cats", [])) + list(spec["cats"][:1])
    extra_cats = [c for c in spec["cats"][1:] if c not in cats]
    cats += g.sample(extra_cats, g.rng.randint(0, min(2, len(extra_cats))))
    draft.categories = list(dict.fromkeys(cats))[:3]
    draft.markers.update(spec.get("markers", ()))
    draft.markers.update(overrides.get("_markers", ()))
    draft.min_age, draft.max_age = overrides.get("_ages") or g.pick(spec.get("ages", [(0, 25)]))
    if spec.get("school_ages"):
        row = next(row for row, school in g.schools if school is org)
        draft.min_age = max(float(row["age_min"]), 4.0)
        draft.max_age = None if row["age_max"] == "99" else float(row["age_max"])
    # When
    sched_name = spec.get("sched")
    if sched_name and g.chance(spec.get("sched_p", 1.0)):
        draft.schedules = SCHEDULES[sched_name](g)
        if sched_name == "holiday":
            draft.markers.add("school-holidays")
    values.update(
        name=name,
        ages=age_phrase(draft.min_age, draft.max_age),
        when=when_phrase(draft.schedules),
        where=_where(g, draft),
        venue=draft.venues[0].name if draft.venues else "the venue",
    )
    values.setdefault("people", g.pick(spec.get("people", GENERIC_PEOPLE)))
    # What it says
    sentences = [cap(fill(g.pick(spec["opener"]), values).replace("  ", " ").replace(" .", "."))]
    low_n, high_n = spec.get("nbody", (2, 3))
    sentences += [fill(text, values) for text in g.sample(spec["body"], g.rng.randint(low_n, high_n))]
    modes = spec.get("access", {"self": 1})
    sentences.append(g.access(draft, g.weighted(list(modes), list(modes.values()))))
    if draft.delivery == "physical":
        low_p, high_p = spec.get("practical", (0, 0) if spec.get("sched") == "office" else (0, 2))
        sentences += g.practical(draft, g.rng.randint(low_p, high_p))
    strategy = spec.get("org", ("public",))
    if strategy[0] in ("new", "self") and strategy[1] in ("charity", "community", "cic", "club") and g.chance(0.3):
        sentences.append(g.pick(CLOSING_TEXT))
    if spec.get("eligibility") and g.chance(0.6):
        draft.eligibility = fill(g.pick(spec["eligibility"]), values)
    draft.description = " ".join(sentence.strip() for sentence in sentences if sentence.strip())
    for extra in g.sample(CLOSING_TEXT, len(CLOSING_TEXT)):
        if draft.description not in g.descriptions:
            break
        draft.description += " " + extra  # two services never read the same
    g.descriptions.add(draft.description)
    # Cost
    if g.chance(spec.get("free", 0.7)) or not spec.get("costs"):
        g.free(draft)
    else:
        g.cost(draft, spec["costs"])
    if draft.delivery == "county":
        draft.markers.add("county-wide")
        draft.area_description = g.pick(
            ["Families living anywhere in County Durham.", "All of County Durham.", "County Durham-wide."]
        )
    elif draft.delivery == "online":
        draft.markers.add("online")
    if "bsl" in draft.markers and g.chance(0.6):
        draft.languages = [("English", "en"), ("British Sign Language", "bfi")]
    elif g.chance(0.05):
        draft.languages = [("English", "en"), g.pick([("Polish", "pl"), ("Arabic", "ar"), ("Romanian", "ro")])]
        draft.interpretation = "Interpreters can be arranged for appointments; please ask when booking."
    if spec.get("funding") and g.chance(0.3):
        draft.funding = [g.pick(FUNDERS)]
    if spec.get("contact_title"):
        draft.contact_title = g.pick(spec["contact_title"])
    g.contact_details(draft)
    return g.add(draft)


class NameTaken(Exception):
    """Every name a variant tried is already in use."""


def run_kind(g: Gen, kind: str, variants: Sequence[dict[str, Any]], count: int) -> None:
    weights = [variant.get("w", 1) for variant in variants]
    for index in range(count):
        for _ in range(50):
            try:
                run_variant(g, kind, index, g.weighted(variants, weights))
                break
            except NameTaken:
                continue
        else:
            raise RuntimeError(f"{kind}: cannot find an unused service name")
