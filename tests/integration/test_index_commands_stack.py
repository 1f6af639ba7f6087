"""`local-offer reindex` / `check-index` with `--stack`: a moto CloudFormation stack's outputs point the
commands at the deployed table and search domain, signed with the caller's credentials (SigV4)."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.index_commands import _use_target

ENDPOINT = "https://search-local-offer-prod-abc.eu-west-2.es.amazonaws.com"


@pytest.fixture
def restored_environment() -> Iterator[None]:
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def create_stack(aws: Any, name: str, outputs: dict[str, str]) -> None:
    body = {
        "Resources": {"Marker": {"Type": "AWS::SQS::Queue"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    aws.session.client("cloudformation").create_stack(StackName=name, TemplateBody=json.dumps(body))


def arguments(stack: str) -> argparse.Namespace:
    return argparse.Namespace(
        command="reindex", stack=stack, region="eu-west-2", port=3000, state_file=None, from_environment=False
    )


def test_a_deployed_stack_names_the_table_and_the_signed_search_domain(aws, restored_environment):
    create_stack(aws, "local-offer-prod", {"RecordsTableName": "prod-records", "SearchDomainEndpoint": ENDPOINT})

    assert _use_target(arguments("local-offer-prod")).error is None

    from local_offer.settings import get_settings

    settings = get_settings()
    assert settings.records_table_name == "prod-records"
    assert settings.opensearch_endpoint == ENDPOINT
    assert settings.opensearch_auth == "sigv4"


def test_a_stack_without_a_search_domain_output_is_refused(aws, restored_environment):
    create_stack(aws, "no-search", {"RecordsTableName": "records"})

    error = _use_target(arguments("no-search")).error

    assert error == "stack no-search has no output SearchDomainEndpoint: deploy the current template.yaml first"


def test_an_unknown_stack_is_refused_by_name(aws, restored_environment):
    error = _use_target(arguments("nowhere")).error

    assert error is not None
    assert error.startswith("stack nowhere:")
