"""Which Slack messages an alert becomes, and the key that makes each one idempotent. Pure.

An alert is one *parent* message (its ``kind=new`` record) plus one message per later report
(``kind=update``, one new source each). Each has a part key: ``new`` for the parent,
``update:<hash of the source URL>`` for an update, so the same report replayed by an
at-least-once worker maps to the same key and is posted once.
"""

from __future__ import annotations

import dataclasses
import hashlib

from streams.models import Alert

PARENT = "new"
METADATA_EVENT = "shakeup_alert"


def part_key(alert: Alert) -> str:
    """``new`` for a new alert; for an update, a key derived from the source it adds."""
    if alert.kind != "update":
        return PARENT
    if alert.source is not None:
        identity = alert.source.url or f"{alert.source.feed}|{alert.source.title}"
    else:  # an update without its source: the whole source list is the best identity left
        identity = "|".join(sorted(s.url for s in alert.sources))
    return "update:" + hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:20]


def parent_from_update(update: Alert) -> Alert:
    """The parent message an update implies, for when the update arrives before its ``new``.

    The two alert topics are read by one consumer but Kafka orders only within a partition, so
    an update can come first. Posting the parent from the update's content (minus the source the
    update adds, which then follows as its own reply) keeps the thread the same shape as in order.
    """
    own = update.source.url if update.source is not None else None
    earlier = tuple(s for s in update.sources if s.url != own) or update.sources
    languages = tuple(dict.fromkeys(s.lang for s in earlier if s.lang)) or update.languages
    return dataclasses.replace(update, kind="new", sources=earlier, languages=languages,
                               source=None)


def message_metadata(alert_id: str, part: str) -> dict:
    """Slack message metadata that lets a later run find this exact message again."""
    return {"event_type": METADATA_EVENT, "event_payload": {"alert_id": alert_id, "part": part}}


def metadata_matches(message: dict, alert_id: str, part: str) -> bool:
    """Whether a message from conversations.history/replies carries this alert part's metadata."""
    meta = message.get("metadata") or {}
    payload = meta.get("event_payload") or {}
    return (meta.get("event_type") == METADATA_EVENT and payload.get("alert_id") == alert_id
            and payload.get("part") == part)
