"""Dedup without Kafka: the same merge step over an in-memory dict, for `classify` and `eval`."""

from __future__ import annotations

import time
from typing import Iterable

from streams.dedup.clusters import Decision, merge_report
from streams.models import LeadershipReport


class OfflineDeduplicator:
    """Feeds reports, in ``published`` order, through ``merge_report`` with a dict as the Table."""

    def __init__(self, window_hours: float = 96.0):
        self.window_hours = window_hours
        self.state: dict[str, list[dict]] = {}

    def add(self, report: LeadershipReport, now: float | None = None) -> Decision:
        decision = merge_report(self.state.get(report.dedup_key), report.dedup_key, report,
                                window_hours=self.window_hours,
                                now=time.time() if now is None else now)
        self.state[report.dedup_key] = decision.clusters
        return decision


def assign_alert_ids(reports: Iterable[LeadershipReport], window_hours: float = 96.0) -> list[str]:
    """The alert id each report ends up in (duplicates get the id of the alert they repeat)."""
    dedup = OfflineDeduplicator(window_hours)
    ids = []
    for report in reports:
        decision = dedup.add(report)
        if decision.alert is not None:
            ids.append(decision.alert.alert_id)
        else:
            ids.append(_alert_holding(decision.clusters, report.item.item_id, report.item.link))
    return ids


def _alert_holding(clusters: list[dict], item_id: str, link: str) -> str:
    for cluster in clusters:
        if item_id in cluster["item_ids"] or (link and link in {s["url"] for s in cluster["sources"]}):
            return cluster["alert_id"]
    return ""
