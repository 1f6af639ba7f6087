"""Which stack a data command (`import`, `export`, `seed`) works on, and pointing this process at it.

By default the running local stack (`local-offer serve`), found through its state file exactly as
`local-offer users` finds it (`--port`, or `--state-file`). With `--stack NAME` a deployed CloudFormation
stack: its Outputs name the tables, bucket and search domain, and the caller's own AWS credentials (profile,
environment, SSO...) are used as they are.

The app's repositories read their names from the environment (`local_offer.settings`), so a target is a set
of environment variables applied to this process before any repository is created.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Stack output -> the app's environment variable. Every output named here is in template.yaml's Outputs.
OUTPUT_VARIABLES: Mapping[str, str] = {
    "RecordsTableName": "RECORDS_TABLE_NAME",
    "ResourcesTableName": "RESOURCES_TABLE_NAME",
    "ResourcesBucketName": "RESOURCES_BUCKET_NAME",
    "CensusTableName": "CENSUS_TABLE_NAME",
    "EventBusName": "EVENT_BUS_NAME",
    "SearchDomainEndpoint": "OPENSEARCH_ENDPOINT",
}
# What each command cannot work without.
REQUIRED_OUTPUTS: Mapping[str, tuple[str, ...]] = {
    "import": ("RecordsTableName",),
    "export": ("RecordsTableName",),
    "seed": ("RecordsTableName", "ResourcesTableName", "ResourcesBucketName", "CensusTableName"),
    "reindex": ("RecordsTableName", "SearchDomainEndpoint"),
    "check-index": ("RecordsTableName", "SearchDomainEndpoint"),
    "backfill-verification": ("RecordsTableName",),
}


class TargetError(Exception):
    """The chosen stack cannot be reached or lacks what the command needs; the message says which."""


@dataclass(frozen=True)
class Target:
    """A stack to work on: how to describe it and the environment that points the app at it."""

    description: str
    environment: Mapping[str, str]
    local: bool
    state: Mapping[str, Any] = field(default_factory=dict)

    def activate(self) -> None:
        """Point this process's settings and clients at the stack (the caller's credentials stay as they are
        for a deployed stack; a local stack brings moto's)."""
        if self.local:
            # A developer's profile or session token would override moto's fake keys.
            for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
                os.environ.pop(name, None)
        os.environ.update(self.environment)
        from local_offer.repositories.clients import clear_caches

        clear_caches()


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """`--stack NAME [--region R]` for a deployed stack; `--port`/`--state-file` for a local one (default)."""
    group = parser.add_argument_group("target (default: the local stack started with `local-offer serve`)")
    group.add_argument("--stack", default=None, metavar="NAME", help="a deployed CloudFormation stack")
    group.add_argument("--region", default=None, help="its region (default: your AWS configuration's)")
    group.add_argument("--port", type=int, default=3000, help="port of the running `local-offer serve` (3000)")
    group.add_argument("--state-file", type=Path, default=None, help="that local stack's state file instead of --port")


def resolve_target(args: argparse.Namespace, command: str) -> Target:
    """The target the arguments name; raises TargetError when it cannot be used for `command`."""
    if args.stack:
        return deployed_target(args.stack, command, region=args.region)
    return local_target(args.port, args.state_file)


def local_target(port: int, state_file: Path | None) -> Target:
    """The running local stack, from its state file."""
    from devstack.users import StackNotRunning, read_state

    try:
        state = read_state(port, state_file)
    except StackNotRunning as exc:
        raise TargetError(str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise TargetError(f"cannot read the local stack's state file: {exc}") from exc
    environment = {**state["environment"], "AWS_ENDPOINT_URL": state["moto_url"]}
    return Target(f"the local stack at {state['api_url']}", environment, local=True, state=state)


def stack_outputs(stack_name: str, region: str | None = None) -> dict[str, str]:
    """A deployed stack's Outputs (key -> value), read with the caller's credentials."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        client = boto3.session.Session(region_name=region).client("cloudformation")
        stacks = client.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as exc:
        raise TargetError(f"stack {stack_name}: {exc.response['Error']['Message']}") from exc
    except BotoCoreError as exc:
        raise TargetError(f"stack {stack_name}: {exc}") from exc
    return {output["OutputKey"]: output["OutputValue"] for output in stacks[0].get("Outputs", [])}


def deployed_target(stack_name: str, command: str, region: str | None = None) -> Target:
    """A deployed stack, named by its Outputs."""
    outputs = stack_outputs(stack_name, region)
    missing = [name for name in REQUIRED_OUTPUTS[command] if name not in outputs]
    if missing:
        raise TargetError(
            f"stack {stack_name} has no output {', '.join(missing)}: deploy the current template.yaml first"
        )
    environment = {variable: outputs[key] for key, variable in OUTPUT_VARIABLES.items() if key in outputs}
    if "OPENSEARCH_ENDPOINT" in environment:
        environment["OPENSEARCH_AUTH"] = "sigv4"
    if region:
        environment["AWS_REGION"] = environment["AWS_DEFAULT_REGION"] = region
    else:
        import boto3

        session_region = boto3.session.Session().region_name
        if session_region:
            environment["AWS_REGION"] = session_region
    return Target(f"stack {stack_name}", environment, local=False)
