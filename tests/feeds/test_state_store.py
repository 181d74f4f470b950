"""The poller's SQLite state: survives a restart; items become seen only through acknowledge()."""

import dataclasses
import time

from streams.feeds.schedule import FeedState
from streams.feeds.state_store import StateStore

URL = "https://a.example/feed"


def test_state_seen_items_and_outbox_survive_a_restart(tmp_path):
    path = tmp_path / "poller.sqlite"
    store = StateStore(path)
    state = dataclasses.replace(FeedState.new(URL), etag='W/"x"', last_modified="Tue, 06 Aug 2024",
                                failures=2, next_check=123.5, parked=True, parked_reason="gone")
    store.record_poll(state, new_items=[("i1", b"i1", b"{}"), ("i2", b"i2", b"{}")], shard=4,
                      listed_ids=["i1", "i2"])
    store.acknowledge(store.pending(limit=1))
    store.close()

    reopened = StateStore(path)
    assert reopened.feed_state(URL) == state
    assert reopened.seen_ids(URL) == {"i1"}
    assert [p.item_id for p in reopened.pending()] == ["i2"]  # still waiting for Kafka
    assert reopened.new_item_ids(URL, ["i1", "i2", "i3"]) == {"i3"}  # neither re-sent nor re-queued
    reopened.close()


def test_recording_a_poll_marks_nothing_seen(tmp_path):
    store = StateStore(tmp_path / "s.sqlite")
    store.record_poll(FeedState.new(URL), new_items=[("i1", b"k", b"v")], listed_ids=["i1"])
    assert store.seen_ids(URL) == set() and store.outbox_size() == 1
    store.acknowledge(store.pending())
    assert store.seen_ids(URL) == {"i1"} and store.outbox_size() == 0


def test_pending_filters_by_shard_and_keeps_order(tmp_path):
    store = StateStore(tmp_path / "s.sqlite")
    for n in range(6):
        store.record_poll(FeedState.new(f"{URL}/{n}"), new_items=[(f"i{n}", b"k", b"v")], shard=n % 3)
    assert [p.item_id for p in store.pending(shards=[0, 2])] == ["i0", "i2", "i3", "i5"]
    assert store.pending(shards=[]) == []


def test_ids_the_feed_stopped_listing_are_pruned_after_retention(tmp_path):
    store = StateStore(tmp_path / "s.sqlite")
    store.record_poll(FeedState.new(URL), new_items=[("old", b"k", b"v"), ("kept", b"k", b"v")])
    store.acknowledge(store.pending())
    time.sleep(0.01)
    cutoff = time.time()
    store.record_poll(FeedState.new(URL), listed_ids=["kept"])  # the feed still lists "kept"
    assert store.prune_seen(cutoff) == 1
    assert store.seen_ids(URL) == {"kept"}
