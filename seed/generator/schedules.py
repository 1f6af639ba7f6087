"""Schedules: the opening-time patterns a variant picks from, and how they read in a description."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from generator.common import join_words
from generator.drafts import DAY_NAMES, DAY_PLURALS, ORDINALS, WEEKDAYS, schedule
from generator.state import Gen

HOLIDAYS = [
    ("the October half term", dt.date(2026, 10, 26), dt.date(2026, 10, 30)),
    ("the Christmas holidays", dt.date(2026, 12, 21), dt.date(2026, 12, 31)),
    ("the February half term", dt.date(2027, 2, 15), dt.date(2027, 2, 19)),
    ("the Easter holidays", dt.date(2027, 3, 29), dt.date(2027, 4, 9)),
    ("the summer holidays", dt.date(2026, 7, 22), dt.date(2026, 8, 28)),
    ("the summer holidays", dt.date(2027, 7, 21), dt.date(2027, 8, 27)),
]


def _slot(g: Gen, options: Sequence[tuple[str, str]]) -> tuple[str, str]:
    return g.pick(options)


def sched_group(g: Gen) -> list[dict[str, Any]]:
    opens, closes = _slot(
        g, [("09:30", "11:30"), ("10:00", "12:00"), ("13:00", "15:00"), ("18:30", "20:30"), ("19:00", "21:00")]
    )
    roll = g.rng.random()
    if roll < 0.3:
        day = g.pick(["1", "2", "3", "4", "-1"]) + g.pick([*WEEKDAYS, "SA"])
        return [schedule(day, opens, closes, freq="MONTHLY")]
    day = g.pick([*WEEKDAYS, "SA"])
    note = "term time" if g.chance(0.35) and day != "SA" else None
    return [schedule(day, opens, closes, note=note, interval=2 if roll < 0.45 else None)]


def sched_daytime(g: Gen) -> list[dict[str, Any]]:
    opens, closes = _slot(g, [("09:30", "11:00"), ("09:30", "11:30"), ("10:00", "11:30"), ("13:00", "14:30")])
    if g.chance(0.2):
        return [schedule(g.pick(["1", "2", "3", "-1"]) + g.pick(WEEKDAYS), opens, closes, freq="MONTHLY")]
    return [schedule(g.pick(WEEKDAYS), opens, closes, note="term time" if g.chance(0.4) else None)]


def sched_session(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(["MO", "TU", "WE", "TH", "FR", "SA", "SA", "SU"])
    if day in ("SA", "SU"):
        opens, closes = _slot(g, [("09:00", "10:00"), ("10:00", "11:30"), ("11:00", "12:00"), ("13:00", "15:00")])
    else:
        opens, closes = _slot(g, [("16:00", "17:00"), ("17:00", "18:00"), ("17:30", "19:00"), ("18:00", "19:30")])
    return [schedule(day, opens, closes, note="term time" if g.chance(0.3) else None)]


def sched_youth(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(WEEKDAYS)
    opens, closes = _slot(g, [("18:00", "20:00"), ("18:30", "20:30"), ("17:30", "19:30"), ("19:00", "21:00")])
    return [schedule(day, opens, closes, note="term time" if g.chance(0.5) else None)]


def sched_clinic(g: Gen) -> list[dict[str, Any]]:
    if g.chance(0.5):
        return [schedule(WEEKDAYS, "09:00", g.pick(["16:30", "17:00"]))]
    days = sorted(g.sample(WEEKDAYS, g.rng.randint(1, 3)), key=WEEKDAYS.index)
    return [schedule(days, g.pick(["08:30", "09:00", "09:30"]), g.pick(["12:30", "16:00", "16:30"]))]


def sched_office(g: Gen) -> list[dict[str, Any]]:
    return [schedule(WEEKDAYS, g.pick(["08:30", "09:00"]), g.pick(["16:30", "17:00"]))]


def sched_nursery(g: Gen) -> list[dict[str, Any]]:
    return [schedule(WEEKDAYS, g.pick(["07:00", "07:30", "07:45", "08:00"]), g.pick(["17:30", "18:00", "18:15"]))]


def sched_preschool(g: Gen) -> list[dict[str, Any]]:
    if g.chance(0.5):
        return [schedule(WEEKDAYS, g.pick(["08:45", "09:00"]), g.pick(["15:00", "15:15"]), note="term time")]
    return [schedule(WEEKDAYS, g.pick(["09:00", "09:15"]), g.pick(["11:45", "12:00"]), note="term time")]


def sched_childminder(g: Gen) -> list[dict[str, Any]]:
    days = WEEKDAYS if g.chance(0.7) else ["MO", "TU", "WE", "TH"]
    return [schedule(days, g.pick(["07:00", "07:30", "08:00"]), g.pick(["17:30", "18:00"]))]


def sched_holiday(g: Gen) -> list[dict[str, Any]]:
    label, start, end = g.pick(HOLIDAYS)
    days = WEEKDAYS if g.chance(0.6) else sorted(g.sample(WEEKDAYS, 2), key=WEEKDAYS.index)
    opens, closes = _slot(g, [("10:00", "15:00"), ("09:30", "14:30"), ("10:00", "13:00"), ("09:00", "16:00")])
    return [schedule(days, opens, closes, note=label.replace("the ", "during the ", 1), valid=(start, end))]


def sched_afterschool(g: Gen) -> list[dict[str, Any]]:
    days = sorted(g.sample(WEEKDAYS, g.rng.randint(1, 2)), key=WEEKDAYS.index)
    return [schedule(days, g.pick(["15:15", "15:30", "15:45"]), g.pick(["17:00", "17:30", "18:00"]), note="term time")]


def sched_weekend(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(["SA", "SA", "SU"])
    opens, closes = _slot(g, [("10:00", "13:00"), ("10:00", "15:00"), ("13:00", "16:00"), ("09:30", "12:30")])
    if g.chance(0.4):
        return [schedule(g.pick(["1", "2", "3", "-1"]) + day, opens, closes, freq="MONTHLY")]
    return [schedule(day, opens, closes)]


SCHEDULES = {
    "group": sched_group,
    "daytime": sched_daytime,
    "session": sched_session,
    "youth": sched_youth,
    "clinic": sched_clinic,
    "office": sched_office,
    "nursery": sched_nursery,
    "preschool": sched_preschool,
    "childminder": sched_childminder,
    "holiday": sched_holiday,
    "afterschool": sched_afterschool,
    "weekend": sched_weekend,
}


def when_phrase(specs: Sequence[dict[str, Any]]) -> str:
    """Schedule as a phrase inside a sentence: 'every Tuesday morning', 'on the second Monday of each month'."""
    if not specs:
        return "by appointment"
    spec = specs[0]
    days = spec["byday"].split(",")
    hour = int(spec["opens_at"][:2])
    part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
    if spec["freq"] == "MONTHLY":
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", days[0])
        assert match
        return f"on the {ORDINALS[int(match.group(1))]} {DAY_NAMES[match.group(2)]} {part} of each month"
    if "valid_from" in spec:
        return spec["description"].split("(")[-1].rstrip(")")
    if days == WEEKDAYS:
        return "Monday to Friday"
    if len(days) == 1:
        every = "every other" if spec.get("interval") == 2 else "every"
        return f"{every} {DAY_NAMES[days[0]]} {part}"
    return "on " + join_words([DAY_PLURALS[day] for day in days])
