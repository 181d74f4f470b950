"""What pollers remember across restarts: seen item ids and HTTP validators, in SQLite.

SQLite (stdlib, one file, atomic commits) because the seen set must survive a restart and must
only grow after Kafka acknowledged an item; a Kafka topic would need a read-back at start-up and
real Kafka's compaction, which the embedded broker lacks.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (feed_url TEXT, item_id TEXT, seen_at REAL,
                                 PRIMARY KEY (feed_url, item_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS validators (feed_url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
"""


class PollState:
    """Seen items and validators of the feeds one poller owns."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def unseen(self, feed_url: str, item_ids: list[str]) -> set[str]:
        """The subset of ``item_ids`` never acknowledged by Kafka for this feed."""
        if not item_ids:
            return set()
        marks = ",".join("?" * len(item_ids))
        rows = self._db.execute(
            f"SELECT item_id FROM seen WHERE feed_url=? AND item_id IN ({marks})",
            [feed_url, *item_ids])
        return set(item_ids) - {r[0] for r in rows}

    def mark_seen(self, feed_url: str, item_ids: list[str]) -> None:
        """Record items as delivered. Call only after Kafka acknowledged them."""
        now = time.time()
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?,?,?)",
                                 [(feed_url, i, now) for i in item_ids])

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        row = self._db.execute("SELECT etag, last_modified FROM validators WHERE feed_url=?",
                               (feed_url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_validators(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO validators VALUES (?,?,?)",
                             (feed_url, etag, last_modified))

    def close(self) -> None:
        self._db.close()
