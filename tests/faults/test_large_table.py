"""RELIABILITY item 7: restart with many dedup keys in the Table: recovery under 60 s, key count
unchanged.

The Table is filled the way production fills it, only faster: one leadership report per
invented organisation straight onto `news.leadership` (the detect agent's output), so the dedup
agent opens one alert, and one Table key, per organisation (10k here, 100k in the slow run).
The worker then stops cleanly and a new one starts with an empty memory store: it rebuilds the
Table from the changelog. A second report of every change, sent right after the restart, counts
the keys that came back: each must become an update of its alert, none a second `new`.

Recovery time is printed twice: restart -> first update out (group join + Table recovery +
the first records), and Faust's own "restoring state" -> "recovery complete" from its log.
"""

from __future__ import annotations

import datetime
import itertools
import json
import time

import pytest

from streams.dedup import reports_for
from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS, NEWS_LEADERSHIP
from streams.models import LeadershipEvent, NewsItem, to_json
from tests.faults.news_mix import BASE_TS
from tests.faults.pipeline_fleet import produce_raw, wait_caught_up

SYLLABLES = ["ka", "ve", "lo", "ri", "zu", "ne", "ta", "mi", "so", "bu", "de", "fi", "go", "ha",
             "ju", "pe", "qo", "ry", "wa", "xo"]
PEOPLE = [("Ilse Vandermeer", "ilse vandermeer"), ("Tomasz Okafor", "tomasz okafor"),
          ("Marisol Quintero", "marisol quintero"), ("Henrik Aalto", "henrik aalto")]
RECOVERY_LIMIT_S = 60.0


def _orgs(count: int) -> list[str]:
    """``count`` one-word invented company names (each its own dedup key)."""
    names = ("Q" + "".join(parts) for parts in itertools.product(SYLLABLES, repeat=4))
    return list(itertools.islice(names, count))


def _reports(orgs: list[str], outlet: str) -> list[tuple[bytes, bytes]]:
    """One report of each company's chief executive leaving, as the detect agent writes it."""
    published = datetime.datetime.fromtimestamp(BASE_TS, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    out = []
    for n, org in enumerate(orgs):
        person, norm = PEOPLE[n % len(PEOPLE)]
        item = NewsItem(item_id=f"{outlet}-{org}", title=f"{org} chief executive {person} resigns ({outlet})",
                        link=f"https://{outlet}.example/{org}", lang="en", published=published,
                        source=outlet)
        event = LeadershipEvent(person=person, person_norm=norm, role="CEO", org=org,
                                change="departure", confidence=0.9,
                                evidence=f"{person} has stepped down as chief executive of {org}.")
        [report] = reports_for(item, [event], "en")
        out.append((report.dedup_key.encode(), to_json(report)))
    return out


def _recovery_from_log(log_text: str) -> float | None:
    """Seconds between Faust's 'Restoring state' and 'Recovery complete' in a JSON log."""
    marks = {}
    for line in log_text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = str(entry.get("message", ""))
        for mark in ("Restoring state from changelog topics", "Recovery complete"):
            if mark in message:
                marks[mark] = datetime.datetime.fromisoformat(entry["ts"].replace("Z", "+00:00"))
    if len(marks) < 2:
        return None
    return (marks["Recovery complete"] - marks["Restoring state from changelog topics"]).total_seconds()


async def _restart_with_keys(settings, fleet, keys: int) -> None:
    orgs = _orgs(keys)
    fleet.start()
    started = time.monotonic()
    await produce_raw(settings, NEWS_LEADERSHIP, _reports(orgs, "first"), batched=True)
    await wait_caught_up(settings, fleet, timeout=600)
    filled = time.monotonic() - started
    _, changelog = await read_to_end(settings, f"{settings.app_id}-dedup-alerts-changelog")
    fleet.stop()

    fleet.start(log_level="INFO")  # Faust's recovery lines are at INFO
    restarted = time.monotonic()
    await produce_raw(settings, NEWS_LEADERSHIP, _reports(orgs, "second"), batched=True)
    first_update = None
    while first_update is None:
        fleet.check()
        _, updates = await read_to_end(settings, settings.topic(ALERT_UPDATES), idle=0.1)
        if updates:
            first_update = time.monotonic() - restarted
        assert time.monotonic() - restarted < 300, "no update within 300 s of the restart"
    assert first_update < RECOVERY_LIMIT_S
    await wait_caught_up(settings, fleet, timeout=max(120.0, keys / 100))
    fleet.check()
    _, new = await read_to_end(settings, settings.topic(ALERTS))
    _, updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    faust_recovery = _recovery_from_log(fleet.workers["w1"].log.read_text(errors="replace"))
    print(f"\nitem 7: {keys} keys filled in {filled:.1f} s ({len(changelog)} changelog records); "
          f"restart -> first update {first_update:.1f} s; Faust recovery "
          f"{faust_recovery if faust_recovery is None else round(faust_recovery, 1)} s")
    print(f"after the restart: {len(updates)} of {keys} second reports were updates of a known "
          f"alert, {len(new) - keys} opened a second alert")
    assert len(new) == keys, "a second report opened a new alert: its key was lost"
    assert len(updates) == keys, "second reports were skipped (no update for them)"


async def test_item7_restart_with_10k_dedup_keys(settings, fleet):
    await _restart_with_keys(settings, fleet, 10_000)


@pytest.mark.slow
@pytest.mark.timeout(1800)
async def test_item7_restart_with_100k_dedup_keys(settings, fleet):
    await _restart_with_keys(settings, fleet, 100_000)
