"""What each seed service is, from the generator that made it: the ground truth multi-word relevance is judged on.

The seed generator is deterministic, so building its drafts again (about two seconds, nothing written) gives,
for every service id in seed/directory, the kind of service it is, the variant (the first name template of the
sort of service it was made from, e.g. "{place} {label} Parent Support Group"), the words it was filled with
(`facts`: the condition label of a support group, the sport of a club...), its SEN need codes, categories and
markers. Relevant sets are written as rules over these facts, never over what the search engine answers.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seed"
PUBLIC = {"active", "temporarily closed"}


@dataclass(frozen=True)
class Truth:
    """One seed service as the generator knows it."""

    id: str
    key: str
    kind: str
    variant: str
    name: str
    status: str
    needs: frozenset[str]
    categories: frozenset[str]
    markers: frozenset[str]
    facts: tuple[tuple[str, str], ...]
    delivery: str
    schedule_days: frozenset[str]

    def fact(self, name: str) -> str:
        return dict(self.facts).get(name, "")

    @property
    def label(self) -> str:
        """A support group's (or other conditioned variant's) condition label, e.g. "Autism"; "" when none."""
        return self.fact("label")

    @property
    def public(self) -> bool:
        return self.status in PUBLIC


def _generator_package() -> None:
    if str(SEED) not in sys.path:
        sys.path.insert(0, str(SEED))


@cache
def seed_truth() -> dict[str, Truth]:
    """Every seed service by id, rebuilt with the seed generator (its drafts, before records are written)."""
    _generator_package()
    from generator.common import DEFAULT_REFERENCE, uid
    from generator.directory import build_drafts
    from generator.reference import Reference
    from generator.taxonomies import build_taxonomies

    reference = Reference(DEFAULT_REFERENCE)
    drafts = build_drafts(reference, build_taxonomies(reference)).drafts
    truths = {}
    for draft in drafts:
        service_id = uid("service", draft.key)
        truths[service_id] = Truth(
            id=service_id,
            key=draft.key,
            kind=draft.kind,
            variant=draft.variant or draft.key,
            name=draft.name,
            status=draft.status or "active",
            needs=frozenset(draft.needs),
            categories=frozenset(draft.categories),
            markers=frozenset(draft.markers),
            facts=tuple(sorted(draft.facts.items())),
            delivery=draft.delivery,
            schedule_days=frozenset(
                day for spec in draft.schedules for day in str(spec.get("byday", "")).split(",") if day
            ),
        )
    return truths
