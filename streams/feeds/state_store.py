"""What pollers remember across restarts, in one SQLite file: feed states, seen items, the outbox.

Why SQLite: the state must survive a restart and a kill -9 (WAL commits do), it is small and
local, it is in the standard library, and one transaction can span tables — "these items wait for
Kafka" and "these validators are current" are committed together, "acknowledged" moves items from
the outbox to the seen set in one step. Several poller processes on one host share the file (WAL,
busy timeout), which is what lets a poller take over a dead one's feeds with their history.
A Kafka topic would need a read-back at start-up and compaction, which the embedded broker lacks.

Tables:
- ``feeds``: one :class:`FeedState` per feed (validators, schedule, status for `feeds status`).
- ``outbox``: new items not yet acknowledged by Kafka, with their serialised message. Stored
  before delivery, so items survive a broker outage or a crash even if the feed drops them.
- ``seen``: item ids Kafka acknowledged; an id is written here only after the ack. ``listed_at``
  is refreshed whenever the feed still lists the item, and old ids are pruned after retention.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from streams.feeds.schedule import FeedState

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    feed_url TEXT PRIMARY KEY, fetch_url TEXT NOT NULL, etag TEXT, last_modified TEXT,
    last_check REAL, last_success REAL, last_error TEXT, last_error_at REAL, last_status INTEGER,
    failures INTEGER NOT NULL DEFAULT 0, next_check REAL, parked INTEGER NOT NULL DEFAULT 0,
    parked_reason TEXT);
CREATE TABLE IF NOT EXISTS seen (
    feed_url TEXT NOT NULL, item_id TEXT NOT NULL, acked_at REAL NOT NULL, listed_at REAL NOT NULL,
    PRIMARY KEY (feed_url, item_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, feed_url TEXT NOT NULL, item_id TEXT NOT NULL,
    shard INTEGER NOT NULL, msg_key BLOB NOT NULL, payload BLOB NOT NULL, queued_at REAL NOT NULL,
    UNIQUE (feed_url, item_id));
CREATE INDEX IF NOT EXISTS outbox_by_shard ON outbox (shard, seq);
"""
_FIELDS = [f.name for f in dataclasses.fields(FeedState)]
_CHUNK = 500  # SQLite's host-parameter limit is 999 on old builds


@dataclass(frozen=True)
class PendingItem:
    """One outbox row: a message waiting for Kafka's acknowledgement."""

    seq: int
    feed_url: str
    item_id: str
    key: bytes
    payload: bytes


class StateStore:
    """The poller's SQLite state. One instance per process; not shared between threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # survives kill -9; fsync at checkpoints
        self._db.executescript(_SCHEMA)

    def _transaction(self):
        return _Transaction(self._db)

    # --- feed states -----------------------------------------------------------------------

    def feed_state(self, feed_url: str) -> FeedState | None:
        row = self._db.execute(f"SELECT {','.join(_FIELDS)} FROM feeds WHERE feed_url=?",
                               (feed_url,)).fetchone()
        return _state(row) if row else None

    def feed_states(self) -> dict[str, FeedState]:
        rows = self._db.execute(f"SELECT {','.join(_FIELDS)} FROM feeds")
        return {row[0]: _state(row) for row in rows}

    def save_feed_state(self, state: FeedState) -> None:
        with self._transaction():
            self._put_state(state)

    def _put_state(self, state: FeedState) -> None:
        values = [getattr(state, f) for f in _FIELDS]
        self._db.execute(f"INSERT OR REPLACE INTO feeds ({','.join(_FIELDS)}) "
                         f"VALUES ({','.join('?' * len(_FIELDS))})", values)

    # --- polls and the outbox ----------------------------------------------------------------

    def new_item_ids(self, feed_url: str, item_ids: list[str]) -> set[str]:
        """The ids neither acknowledged nor already waiting in the outbox."""
        known: set[str] = set()
        for chunk in _chunks(item_ids):
            marks = ",".join("?" * len(chunk))
            for table in ("seen", "outbox"):
                known.update(r[0] for r in self._db.execute(
                    f"SELECT item_id FROM {table} WHERE feed_url=? AND item_id IN ({marks})",
                    [feed_url, *chunk]))
        return set(item_ids) - known

    def record_poll(self, state: FeedState, *, new_items: Iterable[tuple[str, bytes, bytes]] = (),
                    shard: int = 0, listed_ids: list[str] = ()) -> None:
        """Commit one poll at once: its new items into the outbox and the feed's new state.

        Args:
            new_items: (item_id, key, payload) of each item to deliver.
            listed_ids: every id the feed lists now, to keep them from being pruned.
        """
        now = time.time()
        with self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO outbox (feed_url, item_id, shard, msg_key, payload, queued_at)"
                " VALUES (?,?,?,?,?,?)",
                [(state.feed_url, item_id, shard, key, payload, now)
                 for item_id, key, payload in new_items])
            for chunk in _chunks(list(listed_ids)):
                self._db.execute(
                    f"UPDATE seen SET listed_at=? WHERE feed_url=? AND item_id IN "
                    f"({','.join('?' * len(chunk))})", [now, state.feed_url, *chunk])
            self._put_state(state)

    def pending(self, *, shards: Iterable[int] | None = None, limit: int = 500) -> list[PendingItem]:
        """The oldest outbox rows (of ``shards``; all when None)."""
        sql = "SELECT seq, feed_url, item_id, msg_key, payload FROM outbox"
        params: list = []
        if shards is not None:
            shards = sorted(set(shards))
            if not shards:
                return []
            sql += f" WHERE shard IN ({','.join('?' * len(shards))})"
            params.extend(shards)
        rows = self._db.execute(sql + " ORDER BY seq LIMIT ?", [*params, limit])
        return [PendingItem(*row) for row in rows]

    def acknowledge(self, items: list[PendingItem]) -> None:
        """Kafka acknowledged ``items``: mark them seen and drop them from the outbox, atomically."""
        now = time.time()
        with self._transaction():
            self._db.executemany(
                "INSERT INTO seen (feed_url, item_id, acked_at, listed_at) VALUES (?,?,?,?) "
                "ON CONFLICT (feed_url, item_id) DO UPDATE SET listed_at=excluded.listed_at",
                [(i.feed_url, i.item_id, now, now) for i in items])
            self._db.executemany("DELETE FROM outbox WHERE seq=?", [(i.seq,) for i in items])

    def outbox_size(self) -> int:
        return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def seen_ids(self, feed_url: str) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT item_id FROM seen WHERE feed_url=?",
                                               (feed_url,))}

    def prune_seen(self, older_than: float) -> int:
        """Forget ids their feed stopped listing before ``older_than`` (epoch seconds)."""
        with self._transaction():
            return self._db.execute("DELETE FROM seen WHERE listed_at < ?", (older_than,)).rowcount

    def close(self) -> None:
        self._db.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front, so two processes queue."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _state(row: tuple) -> FeedState:
    values = dict(zip(_FIELDS, row))
    values["parked"] = bool(values["parked"])
    return FeedState(**values)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]
