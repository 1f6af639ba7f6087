"""Kinds and their share of the 3,600 records (leisure takes whatever is left), and the pinned examples."""

from __future__ import annotations

from typing import Any

from generator.tables import (
    ADVICE_VARIANTS,
    CARERS_VARIANTS,
    CONDITIONS,
    EARLY_YEARS_VARIANTS,
    EDUCATION_VARIANTS,
    EMPLOYMENT_VARIANTS,
    EQUIPMENT_VARIANTS,
    FAMILY_VARIANTS,
    HEALTH_VARIANTS,
    LEISURE_VARIANTS,
    OT_VARIANTS,
    PFA_VARIANTS,
    PHYSIO_VARIANTS,
    SALT_VARIANTS,
    SHORT_BREAK_VARIANTS,
    SUPPORT_GROUP_VARIANTS,
    TRANSPORT_VARIANTS,
    WELLBEING_VARIANTS,
)

KIND_PLAN: list[tuple[str, list[dict[str, Any]], int | None]] = [
    ("support-group", SUPPORT_GROUP_VARIANTS, 430),
    ("early-years", EARLY_YEARS_VARIANTS, 470),
    ("speech-language", SALT_VARIANTS, 165),
    ("occupational-therapy", OT_VARIANTS, 95),
    ("physiotherapy", PHYSIO_VARIANTS, 80),
    ("wellbeing", WELLBEING_VARIANTS, 160),
    ("short-breaks", SHORT_BREAK_VARIANTS, 285),
    ("advice", ADVICE_VARIANTS, 105),
    ("health", HEALTH_VARIANTS, 215),
    ("education", EDUCATION_VARIANTS, 170),
    ("transport", TRANSPORT_VARIANTS, 45),
    ("equipment", EQUIPMENT_VARIANTS, 45),
    ("carers", CARERS_VARIANTS, 80),
    ("family-support", FAMILY_VARIANTS, 100),
    ("preparing-for-adulthood", PFA_VARIANTS, 110),
    ("employment", EMPLOYMENT_VARIANTS, 75),
    ("leisure", LEISURE_VARIANTS, None),
]
# Local services named in the brief as examples; they exist once each (see `local_examples` in landmarks.json).
PINNED: list[tuple[str, list[dict[str, Any]], int, dict[str, Any]]] = [
    (
        "support-group",
        SUPPORT_GROUP_VARIANTS,
        0,
        {
            "name": "Chester-le-Street Autism Parent Support Group",
            "place": "Chester-le-Street",
            "extra": {"cond": CONDITIONS[0]},
        },
    ),
    (
        "support-group",
        SUPPORT_GROUP_VARIANTS,
        2,
        {"name": "Seaham Sensory Play Sessions", "place": "Seaham", "extra": {"cond": CONDITIONS[8]}},
    ),
]
STATUS_COUNTS = {"inactive": 108, "temporarily closed": 72}  # plus the closed schools as "defunct"
