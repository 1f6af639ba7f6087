"""Loading the sample resources into a running local stack, through the same path officers use.

Each entry of `seed/resources/catalogue.json` is created with the resource service (as an officer would with
`POST /resources`), its file is sent to the presigned POST over HTTP (to moto's S3), and the bucket's
ObjectCreated event then runs the real publisher, which checks the file and publishes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

from devstack.template import REPO_ROOT

RESOURCE_SEED_PATH = REPO_ROOT / "seed" / "resources"
SEED_OFFICER = {"sub": "local-offer-seed", "email": "seed@local-offer.invalid", "cognito:groups": "officers"}


class ResourceSeedError(Exception):
    """The sample resources could not be uploaded."""


def upload_resource_seed(directory: Path = RESOURCE_SEED_PATH) -> list[UUID]:
    """Create every catalogue entry and upload its file; returns the new resource ids (publishing follows)."""
    import requests

    from local_offer.models.identity import Principal
    from local_offer.models.resources import NewResource
    from local_offer.services.resources import create_resource

    catalogue = json.loads((directory / "catalogue.json").read_text(encoding="utf-8"))
    officer = Principal.from_claims(SEED_OFFICER)
    created_ids = []
    for entry in catalogue["resources"]:
        new = NewResource(
            title=entry["title"],
            summary=entry["summary"],
            audience=entry["audience"],
            topics=entry["topics"],
            file_name=entry["file"],
            content_type=entry["content_type"],
        )
        created = create_resource(new, officer, sample_data=bool(catalogue.get("sample_data")))
        body = (directory / entry["file"]).read_bytes()
        files = {"file": (entry["file"], body, entry["content_type"])}
        response = requests.post(created.upload.url, data=created.upload.fields, files=files, timeout=30)
        if response.status_code >= 300:
            raise ResourceSeedError(f"{entry['file']}: upload answered {response.status_code}: {response.text[:200]}")
        created_ids.append(created.resource.id)
    return created_ids
