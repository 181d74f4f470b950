"""Through the worker on the embedded broker: one person's change reported under two
organisations is one alert (the route_by_person agent sends the second report to the first's key)."""

from __future__ import annotations

from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_LEADERSHIP
from streams.local_stack import LocalStack
from streams.models import NewsItem, decode_alert, decode_report
from streams.worker.agents import SWEEP_RECORD
from tests.integration.test_worker_restart import _produce, _wait_until_processed


def _item(n: int, lang: str, title: str, summary: str, hour: int) -> NewsItem:
    return NewsItem(item_id=f"route-{n}", title=title, summary=summary, link=f"https://{lang}.example/{n}",
                    lang=lang, published=f"2031-03-02T{hour:02d}:00:00Z", feed_url=f"https://{lang}.example/feed",
                    source=f"Outlet {lang}")


ITEMS = [
    _item(1, "en", "Zorblax chairman Ilse Vandermeer retires",
          "Ilse Vandermeer is retiring as chairman of Zorblax, the company said on Tuesday.", 8),
    _item(2, "de", "Quellwerk-Aufsichtsratschefin Ilse Vandermeer tritt zurück",
          "Ilse Vandermeer ist als Aufsichtsratschefin von Quellwerk zurückgetreten.", 11),
    _item(3, "en", "Quellwerk names Tomasz Okafor chief executive",
          "Quellwerk has named Tomasz Okafor its new chief executive.", 12),
]


async def test_one_persons_change_under_two_organisations_is_one_alert(settings, tmp_path):
    async with LocalStack(settings, tmp_path) as stack:
        await _produce(settings, ITEMS)
        await _wait_until_processed(settings, stack)

    _, raw_reports = await read_to_end(settings, settings.topic(NEWS_LEADERSHIP))
    reports = [decode_report(r) for r in raw_reports if r != SWEEP_RECORD]
    keys = {r.item.item_id: r.dedup_key for r in reports}
    # the detect agent reads news.items' partitions in any order: whichever of the two reports
    # reached the route first gives the key, and the other follows it there
    assert keys["route-1"] == keys["route-2"] in ("org:zorblax", "org:quellwerk")
    assert keys["route-3"] == "org:quellwerk" and len(reports) == 3

    new = [decode_alert(r) for r in (await read_to_end(settings, settings.topic(ALERTS)))[1]]
    updates = [decode_alert(r) for r in (await read_to_end(settings, settings.topic(ALERT_UPDATES)))[1]]
    assert sorted(a.person["name"] for a in new) == ["Ilse Vandermeer", "Tomasz Okafor"]
    [first] = [a for a in new if a.person["name"] == "Ilse Vandermeer"]
    [update] = updates
    assert update.alert_id == first.alert_id and update.person["name"] == "Ilse Vandermeer"
    assert {first.source.lang, update.source.lang} == {"en", "de"}
