"""The README's first screen, run verbatim as a new user would, against the seeded local stack.

The commands under "Set up" that follow `make run` must run as written: no `<placeholder>` to fill in, no
tool beyond what the README names (`curl`, `python3`), nothing written into the repository, and every
request answered with a 2xx. Only the port is changed, so the test can use a free one.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README_PORT = "127.0.0.1:3000"
# A placeholder is an angle-bracketed word or phrase (`<id from the search>`), not a shell redirection.
PLACEHOLDER = re.compile(r"<[A-Za-z][^<>]*>")


def first_screen_commands() -> str:
    """The second fenced block under "## Set up": what to type once `make run` is going."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    set_up = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", set_up, flags=re.DOTALL)
    assert len(blocks) >= 2, "the README's Set up section should show make run/test, then what to type"
    return blocks[1]


def test_the_first_screen_has_no_placeholder_and_needs_no_unnamed_tool():
    commands = first_screen_commands()
    assert not PLACEHOLDER.search(commands), PLACEHOLDER.search(commands)
    assert "jq" not in commands
    assert not re.search(r">\s*[\w./-]+", commands), "the first screen writes a file"
    programs = {line.split()[0].split("=")[0] for line in commands.splitlines() if line.strip()}
    assert programs <= {"curl", "ID"}, programs


def test_the_documents_the_readme_links_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?:docs|seed)/[^)#]+)\)", readme)
    assert links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert not missing, missing


def run_in_the_repository(script: str) -> subprocess.CompletedProcess[str]:
    """Run shell commands from the repository's root; every curl must get a 2xx and nothing may be written there."""
    before = sorted(path.name for path in ROOT.iterdir())
    wrapped = 'set -euo pipefail\ncurl() { command curl --silent --show-error --fail-with-body "$@"; }\n' + script
    result = subprocess.run(["bash", "-c", wrapped], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert sorted(path.name for path in ROOT.iterdir()) == before
    return result


def test_the_first_screen_runs_verbatim_against_the_seeded_stack(seeded_stack):
    host = seeded_stack["api_url"].removeprefix("http://")
    script = first_screen_commands().replace(README_PORT, host)
    result = run_in_the_repository(script)
    assert '"contents"' in result.stdout
    assert '"precision"' in result.stdout


def resources_example() -> str:
    """The curl walk-through of docs/api.md's "Downloadable resources"."""
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = api.split("### Downloadable resources", 1)[1].split("\n### ", 1)[0]
    (block,) = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    return block


def test_the_resources_example_uploads_a_file_of_the_repository_and_publishes_it(seeded_stack):
    script = resources_example()
    assert not PLACEHOLDER.search(script), PLACEHOLDER.search(script)
    assert "jq" not in script
    upload = re.search(r"file=@(\S+)", script)
    assert upload
    assert (ROOT / upload.group(1)).is_file()
    host = seeded_stack["api_url"].removeprefix("http://")
    # The example finds the stack on port 3000; this one is on a free port, found through its state file.
    script = script.replace(README_PORT, host).replace(
        "local-offer users add", f"local-offer users add --state-file {seeded_stack['state_file']}"
    )
    result = run_in_the_repository(script)
    status = result.stdout.strip().splitlines()[-1]
    assert '"published":true' in status.replace(" ", ""), status
