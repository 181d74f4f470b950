from streams.models import Alert
from streams.sinks.alert_reader import NewBeforeUpdates


def alert(kind: str, alert_id: str) -> Alert:
    return Alert(alert_id=alert_id, kind=kind, change="departure", person={"name": "X", "role": ""},
                 org="O", to_org=None, headline="h", confidence=1.0, first_seen="", languages=(),
                 sources=(), evidence="")


def test_updates_wait_for_their_new_alert():
    order = NewBeforeUpdates(hold_s=5)
    assert order.push(alert("update", "a"), b"u1", now=0) == []
    assert order.push(alert("update", "a"), b"u2", now=1) == []
    released = order.push(alert("new", "a"), b"n", now=2)
    assert [raw for _, raw in released] == [b"n", b"u1", b"u2"]
    assert [raw for _, raw in order.push(alert("update", "a"), b"u3", now=3)] == [b"u3"]


def test_an_update_whose_new_never_comes_is_released_after_the_hold():
    order = NewBeforeUpdates(hold_s=5)
    order.push(alert("update", "b"), b"u", now=0)
    assert order.expired(now=4) == []
    assert [raw for _, raw in order.expired(now=5)] == [b"u"]
