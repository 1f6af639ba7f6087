"""Well-known organisations and the landmark services (each exists exactly once; see landmarks.json)."""

from __future__ import annotations

from generator.common import slugify
from generator.drafts import Draft, Org, schedule
from generator.state import Gen
from generator.tables import LANDMARKS, PUBLIC_ORGS

OFFICE_HOURS = [
    schedule(["MO", "TU", "WE", "TH"], "09:00", "17:00"),
    schedule("FR", "09:00", "16:30"),
]


def public_org(g: Gen, key: str) -> Org:
    spec = PUBLIC_ORGS[key]
    return g.org(
        key,
        spec["name"],
        spec["description"],
        spec["legal_status"],
        g.place(spec["home"]),
        domain=spec["domain"],
        alternate_name=spec.get("alternate_name"),
        email_user="enquiries",
    )


def kind_landmarks(g: Gen) -> None:
    for spec in LANDMARKS:
        org = public_org(g, spec["org"])
        low, high = spec["ages"]
        draft = Draft(
            key=f"landmark:{spec['key']}",
            kind="landmark",
            name=spec["name"],
            org=org,
            description="",
            categories=list(spec["categories"]),
            needs=list(spec["needs"]),
            markers={"county-wide", *spec["markers"]},
            min_age=low,
            max_age=high,
            delivery="county",
            alternate_name=spec.get("alternate_name"),
            landmark_queries=spec["queries"],
            status="active",
            recent=True,
        )
        draft.venues = [g.venue(g.place(spec["town"]), spec["venue"])]
        access = g.access(draft, spec["access"])
        draft.description = f"{spec['description']} {access}"
        draft.schedules = [dict(item) for item in OFFICE_HOURS]
        draft.area_description = "Families living anywhere in County Durham."
        g.free(draft, "Free.")
        draft.phone = g.phone()
        draft.email = f"{slugify(spec['key'], 20)}@{org.domain}"
        draft.url = f"{org.website}{slugify(spec['name'], 40)}"
        if "bsl" in draft.markers:
            draft.languages = [("English", "en"), ("British Sign Language", "bfi")]
            draft.interpretation = "BSL interpreters and spoken language interpreters are arranged free of charge."
        g.add(draft)
