"""The API routes anyone may call without signing in: the one allow-list the tests hold the template to.

Every other `Api` event in template.yaml must name the Cognito authorizer
(`Auth: {Authorizer: CognitoAuthorizer}`); tests/infra/test_template_identity.py fails a route that is on
neither side, so a new route cannot become public by omission. Add a route here only when the public
(families, practitioners, ORUK clients) must reach it without an account.
"""

from __future__ import annotations

PUBLIC_ROUTES: frozenset[tuple[str, str]] = frozenset(
    {
        # ORUK 3.0 read API and its discovery documents
        ("GET", "/"),
        ("GET", "/openapi.json"),
        ("GET", "/services"),
        ("GET", "/services/{id}"),
        ("GET", "/service_at_locations"),
        ("GET", "/service_at_locations/{id}"),
        ("GET", "/taxonomies"),
        ("GET", "/taxonomies/{id}"),
        ("GET", "/taxonomy_terms"),
        ("GET", "/taxonomy_terms/{id}"),
        ("GET", "/organizations"),
        ("GET", "/organizations/{organization_id}"),
        # Our public extensions
        ("GET", "/services/suggest"),
        # Local areas and census figures by area (published statistics, modelled per area)
        ("GET", "/areas"),
        ("GET", "/areas/lookup"),
        ("GET", "/areas/{id}"),
        ("GET", "/areas/{id}/census"),
        ("GET", "/census"),
        ("GET", "/census/method"),
        # The FAQ: search, topics, items and "was this helpful?" (rate limited per client)
        ("GET", "/faqs"),
        ("GET", "/faqs/topics"),
        ("GET", "/faqs/{id}"),
        ("POST", "/faqs/{id}/feedback"),
        # Downloadable resources (leaflets, templates, guidance)
        ("GET", "/resources"),
        ("GET", "/resources/{id}"),
        ("GET", "/resources/{id}/download"),
        # Corrections anyone may suggest (rate limited per client; officers decide them)
        ("POST", "/services/{id}/corrections"),
        # Shareable shortlists: made and read without an account, behind unguessable ids
        ("POST", "/shortlists"),
        ("GET", "/shortlists/{id}"),
        ("GET", "/shortlists/{id}/print"),
        # "You said, we did": published entries only
        ("GET", "/you-said-we-did"),
    }
)
