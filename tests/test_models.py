"""The decoders refuse a field of the wrong type as a bad message (it would otherwise reach the
dedup Table and break the next good report of the same change)."""

from __future__ import annotations

import orjson
import pytest

from streams.errors import BadMessage
from streams.models import (LeadershipEvent, LeadershipReport, NewsItem, decode_item, decode_report,
                            to_json)

ITEM = NewsItem(item_id="i1", title="Zorblax CEO resigns", summary="s", link="https://x.example/1",
                lang="en", published="2031-03-01T10:00:00Z")
REPORT = LeadershipReport(item=ITEM, event=LeadershipEvent(
    person="Ilse Vandermeer", person_norm="ilse vandermeer", role="CEO", org="Zorblax",
    change="departure", confidence=0.9), language="en", dedup_key="org:zorblax")


def _with(raw: bytes, path: str, value) -> bytes:
    data = orjson.loads(raw)
    target = data
    *parents, leaf = path.split(".")
    for parent in parents:
        target = target[parent]
    target[leaf] = value
    return orjson.dumps(data)


def test_good_messages_decode():
    assert decode_item(to_json(ITEM)) == ITEM
    assert decode_report(to_json(REPORT)) == REPORT
    assert decode_report(_with(to_json(REPORT), "event.confidence", 1)).event.confidence == 1


@pytest.mark.parametrize("path,value", [
    ("title", 42), ("summary", ["x"]), ("lang", 7), ("published", 20310301), ("link", None)])
def test_item_with_a_field_of_the_wrong_type_is_a_bad_message(path, value):
    with pytest.raises(BadMessage):
        decode_item(_with(to_json(ITEM), path, value))


@pytest.mark.parametrize("path,value", [
    ("event.confidence", "high"), ("event.confidence", True), ("event.person", None),
    ("event.to_org", 3), ("event.org", ["Zorblax"]), ("language", 5), ("dedup_key", 17),
    ("dedup_key", ""), ("item.title", ["x"])])
def test_report_with_a_field_of_the_wrong_type_is_a_bad_message(path, value):
    with pytest.raises(BadMessage):
        decode_report(_with(to_json(REPORT), path, value))
