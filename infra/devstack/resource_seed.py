"""Loading the sample resources into a running local stack, through the same path officers use.

Each entry of `seed/resources/catalogue.json` is created with the resource service (as an officer would with
`POST /resources`), its file is sent to the presigned POST over HTTP (to moto's S3), and the bucket's
ObjectCreated event then runs the real publisher, which checks the file and publishes it. The seed census
CSV goes the same way as a `census` resource, so its figures are loaded by the publisher.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID

from devstack.template import REPO_ROOT

RESOURCE_SEED_PATH = REPO_ROOT / "seed" / "resources"
SEED_OFFICER = {"sub": "local-offer-seed", "email": "seed@local-offer.invalid", "cognito:groups": "officers"}


class ResourceSeedError(Exception):
    """The sample resources could not be uploaded."""


def upload_resource_seed(directory: Path = RESOURCE_SEED_PATH) -> list[UUID]:
    """Create every catalogue entry and upload its file; returns the new resource ids (publishing follows)."""
    catalogue = json.loads((directory / "catalogue.json").read_text(encoding="utf-8"))
    sample_data = bool(catalogue.get("sample_data"))
    return [upload_catalogue_entry(directory, entry, sample_data=sample_data) for entry in catalogue["resources"]]


def upload_catalogue_entry(directory: Path, entry: dict[str, Any], *, sample_data: bool = False) -> UUID:
    """Create one `catalogue.json` entry as a resource and upload its file from `directory`."""
    from local_offer.models.resources import NewResource

    new = NewResource(
        title=entry["title"],
        summary=entry["summary"],
        audience=entry["audience"],
        topics=entry["topics"],
        file_name=entry["file"],
        content_type=entry["content_type"],
    )
    return upload_file(new, (directory / entry["file"]).read_bytes(), sample_data=sample_data)


def upload_file(new: Any, body: bytes, *, sample_data: bool = False) -> UUID:
    """Create one resource (a NewResource) as the seed officer and POST its file to the presigned upload."""
    import requests

    from local_offer.models.identity import Principal
    from local_offer.services.resources import create_resource

    created = create_resource(new, Principal.from_claims(SEED_OFFICER), sample_data=sample_data)
    files = {"file": (new.file_name, body, new.content_type)}
    response = requests.post(created.upload.url, data=created.upload.fields, files=files, timeout=30)
    if response.status_code >= 300:
        raise ResourceSeedError(f"{new.file_name}: upload answered {response.status_code}: {response.text[:200]}")
    return created.resource.id


def upload_census(path: Path) -> UUID:
    """Publish a census CSV as a `census` resource; the publisher loads its figures (or refuses the file)."""
    from local_offer.models.resources import NewResource

    new = NewResource(
        title="SEND census: EHC plans by local area",
        summary=(
            "County Durham's education, health and care plans by year and primary need (DfE, published) and by "
            "local area (modelled from 2011 child population), as a CSV for children's centres and health."
        ),
        audience="practitioners",
        topics=["census"],
        file_name=path.name,
        content_type="text/csv",
    )
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise ResourceSeedError(f"{path}: cannot read: {exc}") from exc
    return upload_file(new, body)
