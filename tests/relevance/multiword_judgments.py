"""Multi-word searches as parents type them, each with its full set of relevant services.

A relevant set is a rule over what the seed generator made each service (seed_truth.Truth: its kind, the
variant and name template it came from, the condition of a support group, its SEN needs and categories),
written from what the query asks for, never from what the search engine answers. Only public services count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.relevance.seed_truth import Truth

Rule = Callable[[Truth], bool]


@dataclass(frozen=True)
class MultiWordQuery:
    query: str
    wanted: str  # the rule in words
    rule: Rule


# The support-group variants made for one condition: parents' groups and coffee mornings, play sessions, teen
# socials, dads' groups, online parent groups. (Siblings' groups have no condition.)
CONDITION_GROUP_VARIANTS = (
    "{place} {label} Parent Support Group",
    "{org} \u2013 {place} Group",
    "{place} Sensory Play Sessions",
    "{place} {label} Teen Social Group",
    "{place} SEND Dads' Group",
    "{label} Parents Online ({area})",
)


def group_for(*labels: str) -> Rule:
    """Groups for families (parents', play, teen social, dads', online) whose condition is one of `labels`."""
    return lambda t: t.kind == "support-group" and t.variant in CONDITION_GROUP_VARIANTS and t.label in labels


def group_needing(code: str) -> Rule:
    """Groups whose condition the generator files under the SEN need `code` (ASD: the autism, PDA,
    neurodiversity and sensory processing groups)."""
    return lambda t: t.kind == "support-group" and t.variant in CONDITION_GROUP_VARIANTS and code in t.needs


def template_has(*words: str, kind: str | None = None) -> Rule:
    """Services whose name template says one of `words` (e.g. "Forest School", "Lego")."""
    return lambda t: (kind is None or t.kind == kind) and any(w in t.fact("name_template") for w in words)


def variant_of(*variants: str) -> Rule:
    """Every service made from one of `variants` (a variant's first name template): the same sort of service,
    described by the same opening sentence, whatever name it was given."""
    return lambda t: t.variant in variants


def fact_has(fact: str, *words: str) -> Rule:
    return lambda t: any(word in t.fact(fact) for word in words)


def landmark(*keys: str) -> Rule:
    return lambda t: t.key in {f"landmark:{key}" for key in keys}


def any_of(*rules: Rule) -> Rule:
    return lambda t: any(rule(t) for rule in rules)


def all_of(*rules: Rule) -> Rule:
    return lambda t: all(rule(t) for rule in rules)


def needs(code: str) -> Rule:
    return lambda t: code in t.needs


def category(name: str) -> Rule:
    return lambda t: name in t.categories


QUERIES = [
    MultiWordQuery("autism support group", "parent groups about autism (need ASD)", group_needing("ASD")),
    MultiWordQuery(
        "ADHD support group", "groups about ADHD (ADHD, neurodiversity)", group_for("ADHD", "Neurodiversity")
    ),
    MultiWordQuery("down syndrome support group", "Down syndrome groups", group_for("Down Syndrome")),
    MultiWordQuery("epilepsy support group for parents", "epilepsy groups", group_for("Epilepsy")),
    MultiWordQuery(
        "dyslexia support group", "dyslexia groups (dyslexia, neurodiversity)", group_for("Dyslexia", "Neurodiversity")
    ),
    MultiWordQuery(
        "support group for parents of deaf children", "deaf children's groups", group_for("Deaf Children's")
    ),
    MultiWordQuery(
        "saturday club for disabled children",
        "Saturday short-break clubs and SEND family Saturdays",
        any_of(template_has("Saturday Club", "Weekend Short Breaks Club"), template_has("Family Saturday")),
    ),
    MultiWordQuery(
        "holiday club for autistic children",
        "holiday clubs and schemes that serve autistic children",
        all_of(category("Holiday clubs and schemes"), needs("ASD")),
    ),
    MultiWordQuery(
        "sleep clinic",
        "sleep clinics and sleep workshops",
        any_of(template_has("Sleep Clinic", "Sleep Workshop"), fact_has("course", "Sleep Tight")),
    ),
    MultiWordQuery(
        "hearing test for my child",
        "audiology clinics",
        any_of(template_has("Audiology Clinic", "Hearing Clinic"), landmark("audiology")),
    ),
    MultiWordQuery("children's eye clinic", "orthoptic clinics", template_has("Eye Clinic", "Orthoptic Clinic")),
    MultiWordQuery(
        "young carers group",
        "young carers' and siblings' groups",
        any_of(template_has("Young Carers", kind="carers"), landmark("youngcarers"), template_has("Sibs", "Siblings")),
    ),
    MultiWordQuery(
        "benefits advice for parent carers",
        "advice filed under benefits or welfare advice",
        all_of(
            lambda t: t.kind in ("advice", "landmark"),
            any_of(category("Debt and welfare advice"), category("Money, benefits and housing")),
        ),
    ),
    MultiWordQuery(
        "SEND tribunal advice",
        "tribunal support and SENDIASS",
        any_of(template_has("SEND Tribunal Support", "SEND Legal Advice Line"), landmark("sendiass")),
    ),
    MultiWordQuery(
        "home adaptations for disabled children",
        "home adaptations (occupational therapy)",
        template_has("Home Adaptations"),
    ),
    MultiWordQuery(
        "autism friendly cinema", "autism-friendly cinema screenings", template_has("Autism-Friendly Cinema")
    ),
    MultiWordQuery(
        "forest school",
        "forest schools (the variant's every service is one)",
        variant_of("{place} Forest School for Children with SEND"),
    ),
    MultiWordQuery(
        "riding for disabled children",
        "riding sessions (that variant's every service)",
        variant_of("{area} Riding for Disabled Children"),
    ),
    MultiWordQuery("rebound therapy sessions", "rebound therapy", fact_has("therapy", "Rebound Therapy")),
    MultiWordQuery("dads group", "dads' groups", template_has("Dads")),
    MultiWordQuery("football for disabled children", "inclusive football", fact_has("sport_cap", "Football")),
    MultiWordQuery(
        "lego club",
        "clubs for children who love Lego (that variant's every club) and library Lego clubs",
        any_of(variant_of("{place} Lego Club for Neurodivergent Children"), template_has("Lego Club")),
    ),
    MultiWordQuery(
        "toilet training help",
        "toilet training workshops, continence clinics",
        any_of(
            fact_has("course", "Toilet Training"),
            variant_of("Children's Continence Clinic \u2013 {place}"),
            landmark("bladder-bowel"),
        ),
    ),
    MultiWordQuery(
        "ADHD parenting course",
        "parenting courses about ADHD",
        all_of(lambda t: t.kind in ("family-support", "wellbeing"), fact_has("course", "ADHD")),
    ),
    MultiWordQuery(
        "autism parenting course",
        "parenting courses about autism",
        all_of(lambda t: t.kind in ("family-support", "wellbeing"), fact_has("course", "Autism", "Autistic")),
    ),
    MultiWordQuery(
        "special needs dentist",
        "special care dentistry",
        template_has("Special Care Dentistry", "Dental Clinic for Children"),
    ),
    MultiWordQuery("wheelchair basketball", "wheelchair basketball", fact_has("sport_cap", "Wheelchair Basketball")),
    MultiWordQuery("sensory story time", "sensory story times", template_has("Sensory Story Time")),
    MultiWordQuery("stammering support group", "stammering groups", template_has("Stammering Support Group")),
    MultiWordQuery(
        "physio for cerebral palsy",
        "children's physiotherapy",
        any_of(lambda t: t.kind == "physiotherapy", landmark("physio")),
    ),
    MultiWordQuery("counselling for teenagers", "young people's counselling", template_has("Counselling")),
    MultiWordQuery("send swimming sessions", "SEND swimming", template_has("Swim")),
]
