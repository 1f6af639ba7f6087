"""Sending e-mail: through Amazon SES, or (on the local stack) into an outbox file that
`local-offer outbox` lists. `mailer()` picks one from the settings (`NOTIFICATION_CHANNEL`)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any, Protocol

from local_offer.models.notifications import Email
from local_offer.repositories.clients import sesv2_client
from local_offer.settings import get_settings


class Mailer(Protocol):
    def send(self, email: Email) -> str:
        """Send the e-mail; returns the message id. Raises when it was not accepted."""
        ...


class SesMailer:
    """SES v2 `SendEmail` from the verified sender identity."""

    def __init__(self, sender: str) -> None:
        if not sender:
            raise ValueError("NOTIFICATION_SENDER_IDENTITY is not set: no verified address to send from")
        self.sender = sender

    def send(self, email: Email) -> str:
        response = sesv2_client().send_email(
            FromEmailAddress=self.sender,
            Destination={"ToAddresses": [email.to]},
            Content={
                "Simple": {
                    "Subject": {"Data": email.subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": email.text, "Charset": "UTF-8"}},
                }
            },
        )
        return str(response["MessageId"])


class OutboxMailer:
    """Appends each e-mail as one JSON line to a file instead of sending it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def send(self, email: Email) -> str:
        message_id = str(uuid.uuid4())
        line = {"message_id": message_id, "queued_at": dt.datetime.now(dt.UTC).isoformat(), **email.model_dump()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as outbox:
            outbox.write(json.dumps(line, ensure_ascii=False) + "\n")
        return message_id


def read_outbox(path: str | Path) -> list[dict[str, Any]]:
    """The messages in an outbox file, oldest first (none when it does not exist yet)."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def mailer() -> Mailer:
    settings = get_settings()
    if settings.notification_channel == "ses":
        return SesMailer(settings.notification_sender_identity)
    return OutboxMailer(settings.notification_outbox_path)
