"""`local-offer users`: provider and officer accounts in the running local stack's user pool.

    local-offer users add --email E --group providers|officers [--organization ID ...] [--password P]
    local-offer users token --email E --password P
    local-offer users list

`add` creates the user the way an administrator does in AWS (admin-create-user with the invitation
suppressed, a permanent password, the group), links a provider to organisations in the memberships table,
signs in with the app client (USER_PASSWORD_AUTH) and prints the ID token on stdout (everything else goes
to stderr), so `TOKEN=$(local-offer users add ...)` works. Adding an existing user again sets the password
and group and adds links. The stack is found through its state file (`--port`, or `--state-file`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import secrets
import sys
import uuid
from pathlib import Path
from typing import Any

from devstack.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, subcommand

GROUPS = ("providers", "officers")
LINKED_BY = "local-offer-cli"


class StackNotRunning(Exception):
    """No state file for the requested stack."""


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def stack_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--port", type=int, default=3000, help="port of the running `local-offer serve` (3000)")
        sub.add_argument("--state-file", type=Path, default=None, help="that stack's state file instead of --port")

    add = actions.add_parser("add", help="create a user, link organisations, print an ID token")
    add.add_argument("--email", required=True)
    add.add_argument("--group", required=True, choices=GROUPS)
    add.add_argument(
        "--organization",
        action="append",
        default=[],
        metavar="ID",
        help="organisation id a provider acts for (repeat for several)",
    )
    add.add_argument("--password", default=None, help="default: a new random one, printed on stderr")
    stack_options(add)

    token = actions.add_parser("token", help="sign in again and print a fresh ID token")
    token.add_argument("--email", required=True)
    token.add_argument("--password", required=True)
    stack_options(token)

    listing = actions.add_parser("list", help="users with their groups and organisations")
    stack_options(listing)


def read_state(port: int, state_file: Path | None) -> dict[str, Any]:
    from devstack.stack import default_state_file

    path = state_file or default_state_file(port)
    if not path.exists():
        raise StackNotRunning(f"no local stack state at {path}: start one with `local-offer serve --port {port}`")
    return dict(json.loads(path.read_text(encoding="utf-8")))


class LocalUsers:
    """The user pool, app client and memberships table of a running local stack."""

    def __init__(self, cognito: Any, pool_id: str, client_id: str, memberships: Any = None) -> None:
        """`memberships`: a MembershipRepository (default: one from this process's settings)."""
        self.cognito = cognito
        self.pool_id = pool_id
        self.client_id = client_id
        self._memberships = memberships

    @property
    def memberships(self) -> Any:
        from local_offer.repositories.memberships import MembershipRepository

        if self._memberships is None:
            self._memberships = MembershipRepository()
        return self._memberships

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LocalUsers:
        """For the stack a state file describes, with clients aimed at its moto (this process's environment
        is left alone, so tests can use it beside their own mocks)."""
        import boto3

        from local_offer.repositories.memberships import MembershipRepository

        environment, resources = state["environment"], state["resources"]
        session = boto3.session.Session(
            aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
            region_name=environment["AWS_REGION"],
        )
        endpoint = environment["AWS_ENDPOINT_URL"]
        memberships = MembershipRepository(
            environment["MEMBERSHIPS_TABLE_NAME"], dynamodb=session.resource("dynamodb", endpoint_url=endpoint)
        )
        cognito = session.client("cognito-idp", endpoint_url=endpoint)
        return cls(cognito, resources["UserPool"]["name"], resources["UserPoolClient"]["name"], memberships)

    def add(self, email: str, group: str, password: str) -> str:
        """Create (or update) the user with a permanent password in `group`; returns their `sub`."""
        with contextlib.suppress(self.cognito.exceptions.UsernameExistsException):
            self.cognito.admin_create_user(
                UserPoolId=self.pool_id,
                Username=email,
                MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
            )
        self.cognito.admin_set_user_password(UserPoolId=self.pool_id, Username=email, Password=password, Permanent=True)
        self.cognito.admin_add_user_to_group(UserPoolId=self.pool_id, Username=email, GroupName=group)
        return self.subject(email)

    def subject(self, email: str) -> str:
        attributes = self.cognito.admin_get_user(UserPoolId=self.pool_id, Username=email)["UserAttributes"]
        return next(attribute["Value"] for attribute in attributes if attribute["Name"] == "sub")

    def link(self, subject: str, organization_ids: list[uuid.UUID]) -> None:
        for organization_id in organization_ids:
            self.memberships.link(uuid.UUID(subject), organization_id, added_by=LINKED_BY)

    def id_token(self, email: str, password: str) -> str:
        """Sign in as the app would (USER_PASSWORD_AUTH with the public client)."""
        result = self.cognito.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
        return str(result["AuthenticationResult"]["IdToken"])

    def rows(self) -> list[dict[str, Any]]:
        repository = self.memberships
        rows = []
        paginator = self.cognito.get_paginator("list_users")
        for page in paginator.paginate(UserPoolId=self.pool_id):
            for user in page["Users"]:
                attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
                groups = self.cognito.admin_list_groups_for_user(UserPoolId=self.pool_id, Username=user["Username"])
                rows.append(
                    {
                        "email": attributes.get("email", user["Username"]),
                        "sub": attributes.get("sub", ""),
                        "groups": sorted(group["GroupName"] for group in groups["Groups"]),
                        "organizations": [
                            str(link.organization_id) for link in repository.organizations_of(attributes.get("sub", ""))
                        ],
                    }
                )
        return sorted(rows, key=lambda row: row["email"])


def new_password() -> str:
    """A random password that meets the pool's policy (12+ characters, all four character classes)."""
    return f"{secrets.token_urlsafe(12)}-Aa1"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@subcommand("users", help="create local provider/officer users and print their tokens", configure=_configure)
def users(args: argparse.Namespace) -> int:
    try:
        organization_ids = [uuid.UUID(value) for value in getattr(args, "organization", [])]
    except ValueError as exc:
        _say(f"local-offer users: --organization must be an organisation id (a UUID): {exc}")
        return EXIT_USAGE
    if organization_ids and args.group != "providers":
        _say("local-offer users: --organization is for providers; officers act on every organisation")
        return EXIT_USAGE
    try:
        local = LocalUsers.from_state(read_state(args.port, args.state_file))
    except StackNotRunning as exc:
        _say(f"local-offer users: {exc}")
        return EXIT_ERROR

    if args.action == "list":
        for row in local.rows():
            groups, organizations = ",".join(row["groups"]) or "-", ",".join(row["organizations"]) or "-"
            print(f"{row['email']}\t{row['sub']}\t{groups}\t{organizations}")
        return EXIT_OK

    if args.action == "token":
        try:
            print(local.id_token(args.email, args.password))
        except local.cognito.exceptions.NotAuthorizedException:
            _say("local-offer users: wrong e-mail or password")
            return EXIT_ERROR
        return EXIT_OK

    password = args.password or new_password()
    try:
        subject = local.add(args.email, args.group, password)
    except local.cognito.exceptions.InvalidPasswordException as exc:
        _say(f"local-offer users: {exc.response['Error']['Message']}")
        return EXIT_USAGE
    local.link(subject, organization_ids)
    _say(f"{args.email}: sub {subject}, group {args.group}")
    if organization_ids:
        _say(f"  acts for organisations: {', '.join(str(o) for o in organization_ids)}")
    if not args.password:
        _say(f"  password: {password}")
    _say("ID token (valid for one hour; `local-offer users token` gets a new one) on stdout:")
    print(local.id_token(args.email, password))
    return EXIT_OK
