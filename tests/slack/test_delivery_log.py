"""The delivery log: states survive a reopen (a restart), channel ids, pruning."""

from __future__ import annotations

from streams.slack.delivery_log import DeliveryLog


def test_posted_and_in_flight_deliveries_survive_a_restart(tmp_path):
    path = tmp_path / "log" / "deliveries.sqlite"
    log = DeliveryLog(path)
    log.mark_sending("a1", "new", "#x")
    log.mark_posted("a1", "new", "#x", channel_id="C1", ts="100.000001")
    log.mark_sending("a1", "update:abc", "#x", thread_ts="100.000001")
    log.remember_channel("#x", "C1")
    log.close()

    again = DeliveryLog(path)
    posted = again.get("a1", "new", "#x")
    assert posted.done and posted.ts == "100.000001" and posted.channel_id == "C1"
    in_flight = again.get("a1", "update:abc", "#x")
    assert in_flight.state == "sending" and not in_flight.done
    assert in_flight.thread_ts == "100.000001"
    assert again.channel_id("#x") == "C1"
    assert again.get("a1", "new", "#other") is None


def test_unknown_counts_as_done_and_dead_does_not(tmp_path):
    log = DeliveryLog(tmp_path / "d.sqlite")
    log.mark_unknown("a", "new", "#x", "maybe posted")
    log.mark_dead("b", "new", "#x", "budget spent")
    assert log.get("a", "new", "#x").done
    assert not log.get("b", "new", "#x").done
    assert log.counts() == {"unknown": 1, "dead": 1}


def test_retry_keeps_the_first_intent_time_for_the_reconcile_window(tmp_path):
    clock = iter([100.0, 200.0, 300.0, 400.0]).__next__
    log = DeliveryLog(tmp_path / "d.sqlite", wall_clock=clock)
    log.mark_sending("a", "new", "#x")
    log.mark_sending("a", "new", "#x")
    assert log.get("a", "new", "#x").intent_at == 100.0


def test_prune_forgets_old_finished_deliveries_but_never_in_flight_ones(tmp_path):
    now = [1_000_000.0]
    log = DeliveryLog(tmp_path / "d.sqlite", wall_clock=lambda: now[0])
    log.mark_posted("old", "new", "#x", channel_id=None, ts=None)
    log.mark_sending("stuck", "new", "#x")
    now[0] += 40 * 86400
    log.mark_posted("fresh", "new", "#x", channel_id=None, ts=None)
    assert log.prune(30) == 1
    assert log.get("old", "new", "#x") is None
    assert log.get("stuck", "new", "#x") is not None and log.get("fresh", "new", "#x") is not None
