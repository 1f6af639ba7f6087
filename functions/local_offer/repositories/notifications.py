"""Users' notification preferences and the reminders already sent, in the notifications table.

Item layout (keys `pk`/`sk`; `expires_at` is the table's TTL attribute):
    pk = "USER#<sub>", sk = "PREFERENCES"      stale_reminders (bool), updated_at
    pk = "USER#<sub>", sk = "SENT#<run>"       sent_at, expires_at (epoch seconds)
A user without a preferences item gets every notification. The SENT item is claimed with a conditional put
before a reminder is sent, so one sweep sends a provider one e-mail however many of their records it lists
and however often an event is retried.
"""

from __future__ import annotations

import datetime as dt

from local_offer.models.notifications import NotificationPreferences
from local_offer.repositories.dynamo import TableRepository

PREFERENCES = "PREFERENCES"
SENT_RETENTION = dt.timedelta(days=60)  # long after the sweep's events stop arriving
DEFAULT_PREFERENCES = NotificationPreferences(stale_reminders=True)


def _user(subject: str) -> str:
    return f"USER#{subject}"


class NotificationRepository(TableRepository):
    """Reads and writes preferences; claims and releases "reminder sent" marks."""

    table_setting = "notifications_table_name"

    def preferences(self, subject: str) -> NotificationPreferences:
        item = self.table.get_item(Key={"pk": _user(subject), "sk": PREFERENCES}, ConsistentRead=True).get("Item")
        if item is None:
            return DEFAULT_PREFERENCES
        return NotificationPreferences(stale_reminders=bool(item.get("stale_reminders", True)))

    def save_preferences(self, subject: str, preferences: NotificationPreferences, now: dt.datetime) -> None:
        self.table.put_item(
            Item={
                "pk": _user(subject),
                "sk": PREFERENCES,
                "stale_reminders": preferences.stale_reminders,
                "updated_at": now.isoformat(),
            }
        )

    def claim_reminder(self, subject: str, run: str, now: dt.datetime) -> bool:
        """Mark the run's reminder to this user as sent; False when it already was."""
        from boto3.dynamodb.conditions import Attr

        item = {
            "pk": _user(subject),
            "sk": f"SENT#{run}",
            "sent_at": now.isoformat(),
            "expires_at": int((now + SENT_RETENTION).timestamp()),
        }
        try:
            self.table.put_item(Item=item, ConditionExpression=Attr("pk").not_exists())
        except self.table.meta.client.exceptions.ConditionalCheckFailedException:
            return False
        return True

    def release_reminder(self, subject: str, run: str) -> None:
        """Undo a claim whose e-mail could not be sent, so the retried event sends it."""
        self.table.delete_item(Key={"pk": _user(subject), "sk": f"SENT#{run}"})
