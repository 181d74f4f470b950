"""What the forwarder has posted to Slack, per alert part and destination, kept across restarts.

Why a local SQLite file: offsets are committed only after Slack accepted, so after a crash
records are read again, and this log is what turns that replay into "skip" instead of a second
post. It must be written *between* Slack's answer and the offset commit and survive kill -9,
which a single-file database with atomic, fsynced commits does, with no server to run; it also
holds each parent's ``ts`` for threading replies. A Kafka topic would need a full read-back at
start-up and compaction (the embedded broker has none); Slack itself can only be searched in
bot mode. Keep the file on a volume (``SHAKEUP_SLACK_DELIVERY_LOG``).

Limits: the file belongs to one forwarder. Run one replica (Slack's one message per second per
channel leaves nothing to scale out); a second replica with its own file could repost a message
whose offset the first had not committed when it died.

States per (alert_id, part, destination):
    sending  the request is about to go out: after a crash the outcome is unknown (reconcile)
    posted   Slack accepted it (``ts`` set in bot mode)
    unknown  maybe posted, could not be checked (webhook mode): never posted again
    dead     dead-lettered after the retry budget or a refusal
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    alert_id TEXT NOT NULL, part TEXT NOT NULL, destination TEXT NOT NULL,
    state TEXT NOT NULL, channel_id TEXT, ts TEXT, thread_ts TEXT,
    intent_at REAL NOT NULL, updated_at REAL NOT NULL, note TEXT,
    PRIMARY KEY (alert_id, part, destination)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channels (name TEXT PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
"""

DONE_STATES = ("posted", "unknown")


@dataclass(frozen=True)
class Delivery:
    alert_id: str
    part: str
    destination: str
    state: str
    channel_id: str | None
    ts: str | None
    thread_ts: str | None
    intent_at: float  # wall-clock time the last request was about to go out
    note: str | None

    @property
    def done(self) -> bool:
        """Posted (or maybe posted and uncheckable): never post it again."""
        return self.state in DONE_STATES


class DeliveryLog:
    """The record of posted alert parts. Every write is one fsynced transaction."""

    def __init__(self, path: str | Path, *, wall_clock=time.time):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._now = wall_clock
        self._db = sqlite3.connect(str(path), isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a posted mark must survive power loss too
        self._db.executescript(_SCHEMA)

    def get(self, alert_id: str, part: str, destination: str) -> Delivery | None:
        row = self._db.execute(
            "SELECT alert_id, part, destination, state, channel_id, ts, thread_ts, intent_at, note "
            "FROM deliveries WHERE alert_id=? AND part=? AND destination=?",
            (alert_id, part, destination)).fetchone()
        return Delivery(*row) if row else None

    def mark_sending(self, alert_id: str, part: str, destination: str, *,
                     thread_ts: str | None = None) -> None:
        """Record the intent to post, before the request: a crash now leaves ``sending``."""
        now = self._now()
        self._write(
            "INSERT INTO deliveries (alert_id, part, destination, state, thread_ts, intent_at, "
            "updated_at) VALUES (?,?,?,'sending',?,?,?) ON CONFLICT DO UPDATE SET "
            "state='sending', thread_ts=excluded.thread_ts, "
            # an earlier attempt that may have landed must stay inside the reconcile window
            "intent_at=CASE WHEN state='sending' THEN min(intent_at, excluded.intent_at) "
            "ELSE excluded.intent_at END, "
            "updated_at=excluded.updated_at, note=NULL",
            (alert_id, part, destination, thread_ts, now, now))

    def mark_posted(self, alert_id: str, part: str, destination: str, *,
                    channel_id: str | None, ts: str | None, note: str | None = None) -> None:
        self._finish(alert_id, part, destination, "posted", channel_id, ts, note)

    def mark_unknown(self, alert_id: str, part: str, destination: str, note: str) -> None:
        self._finish(alert_id, part, destination, "unknown", None, None, note)

    def mark_dead(self, alert_id: str, part: str, destination: str, note: str) -> None:
        self._finish(alert_id, part, destination, "dead", None, None, note)

    def _finish(self, alert_id: str, part: str, destination: str, state: str,
                channel_id: str | None, ts: str | None, note: str | None) -> None:
        now = self._now()
        self._write(
            "INSERT INTO deliveries (alert_id, part, destination, state, channel_id, ts, "
            "intent_at, updated_at, note) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET "
            "state=excluded.state, channel_id=coalesce(excluded.channel_id, channel_id), "
            "ts=coalesce(excluded.ts, ts), updated_at=excluded.updated_at, note=excluded.note",
            (alert_id, part, destination, state, channel_id, ts, now, now, note))

    def channel_id(self, name: str) -> str | None:
        """The channel ID a name resolved to when we last posted there."""
        row = self._db.execute("SELECT id FROM channels WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def remember_channel(self, name: str, channel_id: str) -> None:
        if name != channel_id and self.channel_id(name) != channel_id:
            self._write("INSERT OR REPLACE INTO channels VALUES (?,?)", (name, channel_id))

    def prune(self, older_than_days: float) -> int:
        """Forget finished deliveries older than the given age; returns how many rows went."""
        cutoff = self._now() - older_than_days * 86400
        cursor = self._write("DELETE FROM deliveries WHERE updated_at < ? AND state != 'sending'",
                             (cutoff,))
        return cursor.rowcount

    def counts(self) -> dict[str, int]:
        """Deliveries per state (for logs and tests)."""
        return dict(self._db.execute("SELECT state, count(*) FROM deliveries GROUP BY state"))

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        with self._db:  # isolation_level=None: autocommit statements, each its own transaction
            return self._db.execute(sql, params)

    def close(self) -> None:
        self._db.close()
