"""The three taxonomies: DfE Family Hubs service categories, SEN primary needs and the Local Offer markers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.common import MARKER_TAXONOMY, SEN_NEED_TAXONOMY, SERVICE_CATEGORY_TAXONOMY, uid
from generator.reference import Reference
from generator.tables import MARKERS


@dataclass
class Taxonomies:
    taxonomies: list[dict[str, Any]]
    terms: dict[tuple[str, str], dict[str, Any]]  # (taxonomy, code) -> taxonomy term

    def term(self, taxonomy: str, code: str) -> dict[str, Any]:
        try:
            return self.terms[(taxonomy, code)]
        except KeyError:
            raise KeyError(f"unknown {taxonomy} term {code!r}") from None


def build_taxonomies(ref: Reference) -> Taxonomies:
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    taxonomies: list[dict[str, Any]] = []

    dfe_id = uid("taxonomy", SERVICE_CATEGORY_TAXONOMY)
    dfe_terms = []
    labels = {row["id"]: row["term"] for row in ref.service_categories}
    for row in ref.service_categories:
        parent = row["parent_id"] or None
        description = (
            f"DfE Family Hubs service category: {row['parent_term']} > {row['term']}."
            if parent
            else f"DfE Family Hubs service category (top level): {row['term']}."
        )
        term = {
            "id": row["id"],
            "name": row["term"],
            "description": description,
            "taxonomy": SERVICE_CATEGORY_TAXONOMY,
            "taxonomy_id": dfe_id,
            "term": row["term"],
        }
        if parent:
            term["parent_id"] = parent
            assert parent in labels
        terms[(SERVICE_CATEGORY_TAXONOMY, row["term"])] = term
        dfe_terms.append(term)
    taxonomies.append(
        {
            "id": dfe_id,
            "name": SERVICE_CATEGORY_TAXONOMY,
            "description": "Department for Education Family Hubs service directory categories (6 top-level and "
            "43 second-level service categories, including 12 SEND categories), with the DfE's own ids.",
            "uri": "https://github.com/DFE-Digital/fh-service-directory-api",
            "version": "2023-01",
            "taxonomy_terms": dfe_terms,
        }
    )

    need_id = uid("taxonomy", SEN_NEED_TAXONOMY)
    need_terms = []
    for row in ref.need_types:
        area = row["send_cop_area_of_need"]
        description = f"DfE SEN primary need type {row['code']}: {row['label']}."
        if area:
            description += f" SEND Code of Practice area of need: {area}."
        term = {
            "id": uid("taxonomy-term", SEN_NEED_TAXONOMY, row["code"]),
            "name": row["label"],
            "description": description,
            "taxonomy": SEN_NEED_TAXONOMY,
            "taxonomy_id": need_id,
            "term": row["code"],
        }
        terms[(SEN_NEED_TAXONOMY, row["code"])] = term
        need_terms.append(term)
    taxonomies.append(
        {
            "id": need_id,
            "name": SEN_NEED_TAXONOMY,
            "description": "Special educational needs primary need types as used in the DfE school census and "
            "SEN2 statistics; the term is the DfE code (e.g. ASD, SLCN, SEMH).",
            "version": "2025",
            "taxonomy_terms": need_terms,
        }
    )

    marker_id = uid("taxonomy", MARKER_TAXONOMY)
    marker_terms = []
    for code, name, description in MARKERS:
        term = {
            "id": uid("taxonomy-term", MARKER_TAXONOMY, code),
            "name": name,
            "description": description,
            "taxonomy": MARKER_TAXONOMY,
            "taxonomy_id": marker_id,
            "term": code,
        }
        terms[(MARKER_TAXONOMY, code)] = term
        marker_terms.append(term)
    taxonomies.append(
        {
            "id": marker_id,
            "name": MARKER_TAXONOMY,
            "description": "Local Offer markers: practical facts families filter on (free, drop-in, online, "
            "county-wide, referral needed, accessibility).",
            "version": "1",
            "taxonomy_terms": marker_terms,
        }
    )
    return Taxonomies(taxonomies, terms)
