"""One feed's status, the same everywhere: `shakeup feeds status`, the feeds.status topic, the page.

The pollers own the truth (their SQLite state, see feeds/state_store). `feeds status` reads it
directly; the worker cannot, so after every poll a poller publishes a :class:`FeedStatus` to the
``feeds.status`` topic (key: the feed URL, compacted: the latest per feed is what counts) and the
worker's status page shows the latest one per feed. Both derive the state with
:func:`feed_state_kind`, so the page and the command never disagree about a feed.

Message ``shakeup.feed-status/v1``: url, name, state (ok | failing | parked | new), last_check,
last_success, last_error, last_error_at, last_status, failures, next_check (epoch seconds or
null), parked_reason, fetch_url (when moved), items_new (in the last poll), poller, published_at.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import orjson

from streams.errors import BadMessage
from streams.feeds.schedule import FeedState

SCHEMA = "shakeup.feed-status/v1"
STATES = ("ok", "failing", "parked", "new")


def feed_state_kind(state: FeedState | None) -> str:
    """ok, failing (at least one consecutive failure), parked, or new (no stored state yet)."""
    if state is None:
        return "new"
    if state.parked:
        return "parked"
    return "failing" if state.failures else "ok"


@dataclass(frozen=True)
class FeedStatus:
    url: str
    name: str = ""
    state: str = "new"
    last_check: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    last_status: int | None = None
    failures: int = 0
    next_check: float | None = None
    parked_reason: str | None = None
    fetch_url: str | None = None
    items_new: int = 0
    poller: str = ""
    published_at: float | None = None

    @classmethod
    def from_state(cls, url: str, name: str, state: FeedState | None, **more: Any) -> "FeedStatus":
        """The status of the feed listed as ``url`` from the poller's stored state (None: never
        polled; ``more`` sets items_new, poller, published_at or a due time for a new feed)."""
        if state is None:
            return cls(url=url, name=name, **more)
        return cls(url=url, name=name, state=feed_state_kind(state), last_check=state.last_check,
                   last_success=state.last_success, last_error=state.last_error,
                   last_error_at=state.last_error_at, last_status=state.last_status,
                   failures=state.failures, next_check=state.next_check,
                   parked_reason=state.parked_reason if state.parked else None,
                   fetch_url=state.fetch_url if state.fetch_url != url else None, **more)

    def row(self) -> dict:
        """The `shakeup feeds status --json` line: ISO-8601 UTC times."""
        return {"url": self.url, "name": self.name, "state": self.state,
                "last_success": iso(self.last_success), "last_error": self.last_error,
                "last_error_at": iso(self.last_error_at), "consecutive_failures": self.failures,
                "next_check": iso(self.next_check), "parked": self.parked_reason,
                "fetch_url": self.fetch_url}

    def problem(self) -> str:
        """What is wrong, in one line ("" when nothing is)."""
        if self.state == "parked":
            return self.parked_reason or "parked"
        return (self.last_error or "") if self.failures else ""

    def to_json(self) -> bytes:
        return orjson.dumps({"schema": SCHEMA, **dataclasses.asdict(self)})


_FIELDS = {f.name: f for f in dataclasses.fields(FeedStatus)}


def decode_feed_status(raw: bytes | None) -> FeedStatus:
    """Raises BadMessage when ``raw`` is not a ``shakeup.feed-status/v1`` record."""
    try:
        doc = orjson.loads(raw or b"")
    except orjson.JSONDecodeError as exc:
        raise BadMessage(f"feed status is not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise BadMessage(f"not a {SCHEMA} record")
    if not isinstance(doc.get("url"), str) or not doc["url"]:
        raise BadMessage("feed status without a url")
    if doc.get("state") not in STATES:
        raise BadMessage(f"feed status with an unknown state {doc.get('state')!r}")
    values = {k: v for k, v in doc.items() if k in _FIELDS}
    try:
        return FeedStatus(**values)
    except TypeError as exc:  # pragma: no cover - fields are filtered above
        raise BadMessage(str(exc)) from exc


def iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
