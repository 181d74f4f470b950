"""RELIABILITY item 9: a poison record on an input topic of the worker goes to `<topic>.dlq` with
the reason, its offset is committed, nothing crashes, and good records around it still work.

The worker's input topics are `news.items` and `news.leadership` (the forwarder's, the alert
topics, are covered in tests/slack). Poison here means bytes that break the contract: not
JSON, not UTF-8, the wrong schema, missing fields, fields of the wrong type, a tombstone, JSON
nested too deep. A report with a field of the wrong type is the subtle one: if it were taken in,
it would sit in the dedup Table and break the next good report of the same change.
"""

from __future__ import annotations

import orjson

from aiokafka import AIOKafkaConsumer

from streams.dedup import reports_for
from streams.detect import detect_leadership_changes
from streams.kafka.client_config import client_kwargs, topic_partitions
from streams.kafka.topics import NEWS_ITEMS, NEWS_LEADERSHIP, dlq
from streams.models import ALERT_SCHEMA, ITEM_SCHEMA, to_json
from tests.faults import news_mix
from tests.faults.alert_outcome import read_alerts, topic_outcome
from tests.faults.pipeline_fleet import ItemProducer, produce_raw, wait_caught_up

DEEP = b"[" * 5000 + b"]" * 5000


def _item(**fields) -> bytes:
    return orjson.dumps({"schema": ITEM_SCHEMA, "item_id": "poison", "title": "CEO resigns", **fields})


POISON_ITEMS = {
    "not JSON": b"{not json",
    "empty": b"",
    "tombstone": None,
    "not UTF-8": b"\xff\xfe\xfa\x00",
    "a JSON array": b"[1, 2, 3]",
    "a JSON string": b'"Zorblax CEO resigns"',
    "too deep": DEEP,
    "another schema": orjson.dumps({"schema": ALERT_SCHEMA, "alert_id": "a"}),
    "no item_id": orjson.dumps({"schema": ITEM_SCHEMA, "title": "CEO resigns"}),
    "title a number": _item(title=42),
    "summary a list": _item(summary=["Zorblax chief executive Ilse Vandermeer resigns"]),
    "lang a number": _item(lang=7),
    "published a number": _item(published=20310301),
}


def _poison_reports(good: dict) -> dict[str, bytes | None]:
    """Bad variants of one real report (so each lands on its change's key and partition)."""

    def variant(**changes) -> bytes:
        data = orjson.loads(orjson.dumps(good))
        for path, value in changes.items():
            target = data
            *parents, leaf = path.split("__")
            for parent in parents:
                target = target[parent]
            target[leaf] = value
        return orjson.dumps(data)

    # the type errors each carry their own headline, item and link: a repeat of a known headline
    # would be dropped as a syndicated copy before its fields were ever used
    typed = {
        "confidence a string": dict(event__confidence="high"),
        "language a number": dict(language=5),
        "person null": dict(event__person=None),
        "to_org a number": dict(event__to_org=3),
        "dedup_key a number": dict(dedup_key=17),
        "item title a list": dict(item__title=["x"]),
    }
    return {
        "not JSON": b"\x00\x01 not json",
        "tombstone": None,
        "too deep": DEEP,
        "another schema": orjson.dumps({"schema": ITEM_SCHEMA, "item_id": "x", "title": "y"}),
        "no event": orjson.dumps({k: v for k, v in good.items() if k != "event"}),
        "unknown control record": b'{"schema":"shakeup.sweep/v9"}',
        **{name: variant(**{"item__title": f"{good['item']['title']} ({name})",
                            "item__item_id": f"poison-{n}",
                            "item__link": f"https://poison.example/{n}", **changes})
           for n, (name, changes) in enumerate(typed.items())},
    }


async def _dead_letters(settings, topic: str) -> list:
    consumer = AIOKafkaConsumer(**client_kwargs(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        parts = await topic_partitions(consumer, settings.topic(dlq(topic)))
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        records = []
        while batch := await consumer.getmany(timeout_ms=500):
            records += [r for rs in batch.values() for r in rs]
        return records
    finally:
        await consumer.stop()


def _check_dead_letters(records: list, topic: str, sent: dict[str, tuple[bytes | None, tuple[int, int]]]
                        ) -> list[str]:
    """Each poison record is on the .dlq once, original bytes, with where it came from and why."""
    by_origin = {}
    for record in records:
        headers = {k: v.decode() for k, v in record.headers}
        by_origin[(int(headers["shakeup-partition"]), int(headers["shakeup-offset"]))] = (record, headers)
    lines = []
    for name, (value, origin) in sent.items():
        assert origin in by_origin, f"{topic}: poison '{name}' at {origin} is not on the .dlq"
        record, headers = by_origin[origin]
        assert headers["shakeup-topic"] == topic
        assert record.value == (value or b""), name
        assert headers["shakeup-error"], name
        lines.append(f"  {name:<24} -> {headers['shakeup-error'][:90]}")
    assert len(records) == len(sent), f"{topic}.dlq: {len(records)} records for {len(sent)} poison"
    return lines


async def test_item9_poison_records_on_worker_inputs_go_to_their_dlq(settings, fleet, tmp_path):
    replay = news_mix.replay(40, 4, seed=9, salt="poison")
    # the poison reports are variants of a real report, on its key, ahead of every real one
    first = next(i for i in replay.items if "/change/" in i.link)
    detection = detect_leadership_changes(first)
    [good_report] = reports_for(first, detection.events, detection.language)
    key = good_report.dedup_key.encode()
    poison_reports = _poison_reports(orjson.loads(to_json(good_report)))

    fleet.start()
    async with ItemProducer(settings) as producer:
        item_places = await produce_raw(settings, NEWS_ITEMS,
                                        [(b"poison", v) for v in POISON_ITEMS.values()])
        report_places = await produce_raw(settings, NEWS_LEADERSHIP,
                                          [(key, v) for v in poison_reports.values()])
        await producer.send(replay.items)
        await wait_caught_up(settings, fleet)  # the offsets moved past every poison record
    fleet.check()

    item_lines = _check_dead_letters(
        await _dead_letters(settings, NEWS_ITEMS), settings.topic(NEWS_ITEMS),
        {n: (v, p) for (n, v), p in zip(POISON_ITEMS.items(), item_places)})
    report_lines = _check_dead_letters(
        await _dead_letters(settings, NEWS_LEADERSHIP), settings.topic(NEWS_LEADERSHIP),
        {n: (v, p) for (n, v), p in zip(poison_reports.items(), report_places)})
    new, updates = await read_alerts(settings)
    outcome = topic_outcome(replay.expected, new, updates)
    log = fleet.workers["w1"].log.read_text(errors="replace")
    crashes = log.count("Traceback") + log.count("crashed")
    print(f"\nitem 9: {len(POISON_ITEMS)} poison items, {len(poison_reports)} poison reports, "
          f"all dead-lettered with a reason; worker crashes {crashes}")
    print("\n".join([f"{settings.topic(NEWS_ITEMS)}.dlq:", *item_lines,
                     f"{settings.topic(NEWS_LEADERSHIP)}.dlq:", *report_lines]))
    print(outcome.line())
    assert crashes == 0, log[-3000:]
    # the good records after the poison, on the same key, all made their alerts
    assert not outcome.lost_ids and not outcome.unexpected_ids and outcome.lost_reports == 0
    assert outcome.duplicate_new_records == 0
