"""Dedup without Kafka: the same merge step over an in-memory dict, for `classify` and `eval`."""

from __future__ import annotations

import dataclasses
import itertools
import time
from typing import Iterable

from streams.dedup.clusters import Decision, merge_report
from streams.dedup.keys import dedup_keys
from streams.dedup.people import person_key, route_report
from streams.models import LeadershipEvent, LeadershipReport, NewsItem


class OfflineDeduplicator:
    """Feeds reports, in ``published`` order, through ``route_report`` and ``merge_report``
    with dicts as the Tables, as the worker's route and dedup agents do."""

    def __init__(self, window_hours: float = 96.0):
        self.window_hours = window_hours
        self.state: dict[str, list[dict]] = {}
        self.routes: dict[str, list[dict]] = {}

    def add(self, report: LeadershipReport, now: float | None = None) -> Decision:
        """The decision for ``report``; its ``key`` is the one it was merged under, and
        ``routed_from`` its own when an earlier report of the person sent it there."""
        now = time.time() if now is None else now
        routed_from = ""
        person = person_key(report)
        if person is not None:
            route = route_report(self.routes.get(person), report, window_hours=self.window_hours, now=now)
            self.routes[person] = route.routes
            report, routed_from = dataclasses.replace(report, dedup_key=route.key), route.routed_from
        decision = merge_report(self.state.get(report.dedup_key), report.dedup_key, report,
                                window_hours=self.window_hours, now=now)
        self.state[report.dedup_key] = decision.clusters
        return dataclasses.replace(decision, key=report.dedup_key, routed_from=routed_from)


def reports_for(item: NewsItem, events: Iterable[LeadershipEvent], language: str) -> list[LeadershipReport]:
    """The reports of one item's events, each with its key (``keys.dedup_keys``).

    This is what the detect agent sends to the dedup agent, one message per report.
    """
    events = list(events)
    if not events:
        return []
    return [LeadershipReport(item=item, event=event, language=language, dedup_key=key)
            for event, key in zip(events, dedup_keys(events))]


def assign_alert_ids(reports: Iterable[LeadershipReport], window_hours: float = 96.0) -> list[str]:
    """The alert id each report ends up in (duplicates get the id of the alert they repeat).

    Reports of one item must be consecutive, as ``classify`` builds them; their keys are computed
    again with the item as context (``reports_for``), exactly as the detect agent does.
    """
    dedup = OfflineDeduplicator(window_hours)
    ids = []
    for _, group in itertools.groupby(reports, key=lambda r: r.item.item_id):
        group = list(group)
        keys = dedup_keys([r.event for r in group])
        for report, key in zip(group, keys):
            report = dataclasses.replace(report, dedup_key=key)
            ids.append(dedup.add(report).alert_id)
    return ids
