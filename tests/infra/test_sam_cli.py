"""The pinned sam-cli validates and builds the template offline, without Docker.

Slow: the first run installs sam-cli into .tools/sam (~20-60 s) and builds the dependencies (~20-60 s);
later runs reuse both (~10 s for this module).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.infra.conftest import REPO_ROOT, SAM_CLI_VERSION, TEMPLATE_PATH, output_of, run, tool_env

pytestmark = pytest.mark.slow

# A persistent build root (gitignored, apart from `make build`'s .aws-sam/build) keeps sam's build.toml next
# to the build, so `--cached` reuses the dependencies: ~3 s instead of ~20-60 s.
BUILD_ROOT = REPO_ROOT / ".aws-sam" / "infra-tests"
CACHE_DIR = REPO_ROOT / ".tools" / "sam-build-cache"


def test_sam_cli_is_the_pinned_version(sam_cli: Path) -> None:
    result = run([sam_cli, "--version"], env=tool_env())
    assert result.returncode == 0, output_of(result)
    assert result.stdout.strip().endswith(SAM_CLI_VERSION)


# `sam validate` runs the SAM transform; `sam validate --lint` runs only sam-cli's bundled cfn-lint (which
# skips the transform): each misses what the other catches, so both run.
@pytest.mark.parametrize("mode", [[], ["--lint"]], ids=["transform", "lint"])
def test_sam_validate_passes(sam_cli: Path, mode: list[str]) -> None:
    # When sam validates the template
    result = run([sam_cli, "validate", *mode, "--template-file", TEMPLATE_PATH], env=tool_env(), timeout=120)
    # Then it accepts it
    assert result.returncode == 0, output_of(result)
    assert "is a valid SAM Template" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("mode", "original", "broken"),
    [
        pytest.param([], "RestApiId: !Ref Api\n", "RestApiId: !Ref NoSuchApi\n", id="transform-unknown-api"),
        pytest.param(["--lint"], "PAY_PER_REQUEST\n", "PAY_PER_REQUESTS\n", id="lint-bad-billing-mode"),
    ],
)
def test_sam_validate_rejects_an_invalid_template(
    sam_cli: Path, template_text: str, tmp_path: Path, mode: list[str], original: str, broken: str
) -> None:
    # Given the template with one mistake
    assert original in template_text
    path = tmp_path / "template.yaml"
    path.write_text(template_text.replace(original, broken, 1))
    # When sam validates it, Then it fails
    result = run([sam_cli, "validate", *mode, "--template-file", path], env=tool_env(), timeout=120)
    assert result.returncode != 0, output_of(result)


@pytest.fixture(scope="module")
def built(sam_cli: Path, python312_bin: str) -> Path:
    """`sam build` (cached) of the template; returns the build directory."""
    build_dir = BUILD_ROOT / "build"
    result = run(
        [
            sam_cli,
            "build",
            "--template-file",
            TEMPLATE_PATH,
            "--build-dir",
            build_dir,
            "--cached",
            "--cache-dir",
            CACHE_DIR,
            "--parallel",
        ],
        env=tool_env(python312_bin),
        timeout=600,
    )
    assert result.returncode == 0, output_of(result)
    return build_dir


def built_template(build_dir: Path) -> dict[str, Any]:
    from cfnlint.decode import cfn_yaml

    return cfn_yaml.load(str(build_dir / "template.yaml"))


def pinned_requirements() -> dict[str, str]:
    """Distribution name (normalised) -> pinned version, from the dependency layer's requirements.txt."""
    pins = {}
    for line in (REPO_ROOT / "layers" / "dependencies" / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==([^\s;#]+).*", line)
        if match:
            pins[normalised(match.group(1))] = match.group(2)
    return pins


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def distribution(dist_info: Path) -> tuple[str, str]:
    """(normalised name, version) of an installed `<name>-<version>.dist-info` directory."""
    name, _, installed_version = dist_info.name.removesuffix(".dist-info").rpartition("-")
    return normalised(name), installed_version


def function_artifacts(build_dir: Path) -> dict[str, Path]:
    resources = built_template(build_dir)["Resources"]
    return {
        logical_id: build_dir / resource["Properties"]["CodeUri"]
        for logical_id, resource in resources.items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


def test_sam_build_packages_the_code_of_every_function(built: Path) -> None:
    artifacts = function_artifacts(built)
    assert set(artifacts) >= {"SearchFunction", "IndexerFunction"}
    for logical_id, artifact in artifacts.items():
        assert (artifact / "local_offer" / "__init__.py").exists(), f"{logical_id}: local_offer/ missing"
        assert (artifact / "local_offer" / "handlers").is_dir(), f"{logical_id}: handlers missing"


def layer_packages(build_dir: Path) -> Path:
    """Where sam built the dependency layer's packages (the layer's python/ directory)."""
    resources = built_template(build_dir)["Resources"]
    (layer,) = [r for r in resources.values() if r["Type"] == "AWS::Serverless::LayerVersion"]
    return build_dir / layer["Properties"]["ContentUri"] / "python"


def directory_bytes(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def test_sam_build_installs_the_pinned_dependencies_once_into_the_layer(built: Path) -> None:
    pins = pinned_requirements()
    assert {"aws_lambda_powertools", "boto3", "opensearch_py", "pydantic", "pydantic_settings"} <= set(pins)
    installed = dict(distribution(path) for path in layer_packages(built).glob("*.dist-info"))
    wrong = {name: (pin, installed.get(name)) for name, pin in pins.items() if installed.get(name) != pin}
    assert not wrong, f"layer: pinned -> installed {wrong}"
    assert not {"grpcio", "protobuf", "opensearch_protobufs"} & set(installed), "gRPC/protobuf in the layer"


def test_each_function_artifact_is_local_offer_alone_under_2_mb(built: Path) -> None:
    for logical_id, artifact in function_artifacts(built).items():
        assert not list(artifact.glob("*.dist-info")), f"{logical_id}: dependencies installed into the function"
        assert {path.name for path in artifact.iterdir()} <= {"local_offer"}, f"{logical_id}: more than local_offer"
        assert directory_bytes(artifact) < 2 * 1024 * 1024, f"{logical_id}: {directory_bytes(artifact):,} bytes"


def test_sam_build_uses_arm64_python312_wheels(built: Path) -> None:
    # The functions run on arm64 Python 3.12: compiled dependencies must be aarch64 builds for CPython 3.12.
    extensions = list(layer_packages(built).glob("pydantic_core/*.so"))
    assert extensions, "pydantic_core has no compiled extension in the layer"
    assert all("cpython-312-aarch64" in path.name for path in extensions), extensions
