"""`local-offer outbox`: the e-mail the running local stack would have sent (it writes to an outbox file,
never to SES). The stack is found through its state file, as `local-offer users` finds it.

    local-offer outbox [--port P | --state-file F] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys

from devstack.cli import EXIT_ERROR, EXIT_OK, subcommand


def _configure(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.add_argument("--port", type=int, default=3000, help="port of the running `local-offer serve` (3000)")
    parser.add_argument("--state-file", type=Path, default=None, help="that stack's state file instead of --port")
    parser.add_argument("--json", action="store_true", help="one JSON object per message (to, subject, text...)")


@subcommand("outbox", help="list the e-mail the local stack has sent to its outbox", configure=_configure)
def outbox(args: argparse.Namespace) -> int:
    from devstack.users import StackNotRunning, read_state
    from local_offer.repositories.mail import read_outbox

    try:
        state = read_state(args.port, args.state_file)
    except StackNotRunning as exc:
        print(f"local-offer outbox: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if not state.get("outbox"):
        print("local-offer outbox: this stack keeps no outbox (started by an older version?)", file=sys.stderr)
        return EXIT_ERROR
    messages = read_outbox(state["outbox"])
    for message in messages:
        if args.json:
            print(json.dumps(message, ensure_ascii=False))
            continue
        print(f"--- {message['queued_at']}  {message['message_id']}")
        print(f"To: {message['to']}\nSubject: {message['subject']}\n\n{message['text']}")
    if not args.json:
        print(f"{len(messages)} message(s) in {state['outbox']}", file=sys.stderr)
    return EXIT_OK
