"""The resource models refuse what the catalogue must never hold, naming the field."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from local_offer.domain.resources import ResourceFilter
from local_offer.models.errors import InvalidRequest
from local_offer.models.resources import FileDeclaration, NewResource
from local_offer.repositories.resources import content_disposition

PDF = "application/pdf"


def new_resource(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Understanding SEND",
        "summary": "What SEN and SEND mean and where to get support.",
        "audience": "parents",
        "topics": ["understanding-send"],
        "file_name": "understanding-send.pdf",
        "content_type": PDF,
        **overrides,
    }


@pytest.mark.parametrize(
    "file_name",
    ["leaflet.pdf", "A4 leaflet (2026).pdf", "x.pdf", "Understanding_SEND-v2.PDF"],
)
def test_plain_file_names_with_the_right_extension_are_accepted(file_name: str) -> None:
    assert FileDeclaration(file_name=file_name, content_type=PDF).file_name == file_name


@pytest.mark.parametrize(
    "file_name",
    ["../leaflet.pdf", "dir/leaflet.pdf", "leaflet", ".pdf", "leaflet.pdf.exe", 'a"b.pdf', "l\u00e9aflet.pdf"],
)
def test_file_names_that_could_escape_a_key_or_a_header_are_refused(file_name: str) -> None:
    with pytest.raises(ValidationError):
        FileDeclaration(file_name=file_name, content_type=PDF)


def test_the_extension_must_match_the_declared_type() -> None:
    with pytest.raises(ValidationError, match=re.escape("must end with .jpg or .jpeg for image/jpeg")):
        FileDeclaration(file_name="photo.png", content_type="image/jpeg")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"topics": ["understanding-send", "understanding-send"]}, "a topic is listed twice"),
        ({"topics": ["astrology"]}, "unknown topic 'astrology'"),
        ({"topics": []}, "at least 1 item"),
        ({"audience": "teachers"}, "audience"),
        ({"content_type": "application/zip"}, "content_type"),
    ],
)
def test_new_resources_with_bad_fields_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        NewResource.model_validate(new_resource(**overrides))


def test_an_unknown_topic_filter_names_the_parameter() -> None:
    with pytest.raises(InvalidRequest) as refused:
        ResourceFilter(topic="astrology").validated()

    assert refused.value.parameter == "topic"
    assert "funding" in refused.value.detail


def test_content_disposition_names_the_file_both_ways() -> None:
    assert content_disposition("OT report (v2).docx") == (
        "attachment; filename=\"OT report (v2).docx\"; filename*=UTF-8''OT%20report%20%28v2%29.docx"
    )
