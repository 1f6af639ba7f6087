"""Generated files are current: requirements for `sam build`, and the schemas in `schemas/`."""

from __future__ import annotations

from pathlib import Path

from devstack import requirements, schemas

ROOT = Path(__file__).resolve().parents[2]


def test_layer_requirements_match_pyproject() -> None:
    committed = requirements.LAYER_REQUIREMENTS.read_text(encoding="utf-8")
    assert committed == requirements.render(), "run `make requirements` and commit layers/dependencies/requirements.txt"


def test_function_code_has_no_requirements_of_its_own() -> None:
    # A requirements file under functions/ would make `sam build` install every dependency into each function.
    assert not list((ROOT / "functions").rglob("requirements*.txt"))


def test_schemas_directory_matches_the_models() -> None:
    rendered = schemas.render()
    committed = {
        str(path.relative_to(ROOT / "schemas")): path.read_text(encoding="utf-8")
        for path in (ROOT / "schemas").rglob("*.json")
    }
    assert sorted(committed) == sorted(rendered), "run `make schemas` and commit schemas/"
    stale = [path for path, text in rendered.items() if committed[path] != text]
    assert not stale, f"stale generated schemas (run `make schemas`): {stale}"


def test_packaged_openapi_document_is_the_generated_one() -> None:
    packaged = schemas.PACKAGED_OPENAPI.read_text(encoding="utf-8")
    assert packaged == (ROOT / "schemas" / "openapi.json").read_text(encoding="utf-8"), "run `make schemas`"
