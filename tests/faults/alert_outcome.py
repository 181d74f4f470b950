"""What a replay became on the alerts topics and in Slack, compared with what it must become."""

from __future__ import annotations

from collections import Counter, defaultdict
import dataclasses
from dataclasses import dataclass

from streams.kafka.progress import read_to_end
from streams.kafka.topics import ALERT_UPDATES, ALERTS
from streams.models import Alert, decode_alert
from streams.settings import Settings
from streams.slack.parts import PARENT


@dataclass
class TopicOutcome:
    """Alerts on the topics against the expected alert ids and their reports."""

    expected_ids: int
    new_records: int
    update_records: int
    lost_ids: set[str]
    unexpected_ids: set[str]
    duplicate_new_records: int  # `new` records beyond the first per alert_id (at-least-once)
    lost_reports: int  # reports that reached no alert record (neither its new nor an update)
    lost_links: set[str] = dataclasses.field(default_factory=set)  # the links of those reports

    def line(self) -> str:
        return (f"alerts: {self.expected_ids} expected, {self.new_records} new records, "
                f"{self.update_records} update records; lost alert ids {len(self.lost_ids)}, "
                f"unexpected ids {len(self.unexpected_ids)}, duplicate new records "
                f"{self.duplicate_new_records}, lost reports {self.lost_reports}"
                + (f" {sorted(self.lost_links)[:5]}" if self.lost_links else ""))


async def read_alerts(settings: Settings) -> tuple[list[Alert], list[Alert]]:
    """Every record of both alert topics, from the beginning: (new, updates)."""
    _, raw_new = await read_to_end(settings, settings.topic(ALERTS))
    _, raw_updates = await read_to_end(settings, settings.topic(ALERT_UPDATES))
    return [decode_alert(r) for r in raw_new], [decode_alert(r) for r in raw_updates]


def topic_outcome(expected: dict[str, set[str]], new: list[Alert], updates: list[Alert]) -> TopicOutcome:
    """``expected``: alert_id -> links of the reports it must carry."""
    counts = Counter(a.alert_id for a in new)
    carried = defaultdict(set)
    for alert in [*new, *updates]:
        if alert.source is not None:
            carried[alert.alert_id].add(alert.source.url)
    lost_links = {link for alert_id, links in expected.items()
                  for link in links - carried.get(alert_id, set())}
    return TopicOutcome(
        expected_ids=len(expected), new_records=len(new), update_records=len(updates),
        lost_ids=set(expected) - set(counts), unexpected_ids=set(counts) - set(expected),
        duplicate_new_records=sum(n - 1 for n in counts.values()), lost_reports=len(lost_links),
        lost_links=lost_links)


@dataclass
class SlackOutcome:
    posts: int
    posted_twice: int  # (alert_id, part) keys posted more than once
    alerts_without_parent: int  # expected alerts with no top-level post
    missing_replies: int  # expected reports with no post (the parent counts for one)
    unexpected_posts: int

    def line(self) -> str:
        return (f"slack: {self.posts} posts; posted twice {self.posted_twice}, alerts without "
                f"their post {self.alerts_without_parent}, missing thread replies "
                f"{self.missing_replies}, posts for unknown alerts {self.unexpected_posts}")


def slack_outcome(expected: dict[str, set[str]], messages: list) -> SlackOutcome:
    """``messages``: the fake Slack's accepted messages (their metadata names alert and part)."""
    keys = Counter(m.key for m in messages)
    parents = {alert_id for alert_id, part in keys if part == PARENT}
    replies = Counter(alert_id for alert_id, part in keys if part != PARENT)
    missing = sum(max(0, len(links) - 1 - replies.get(alert_id, 0))
                  for alert_id, links in expected.items())
    return SlackOutcome(posts=len(messages), posted_twice=sum(1 for n in keys.values() if n > 1),
                        alerts_without_parent=len(set(expected) - parents),
                        missing_replies=missing,
                        unexpected_posts=sum(n for (alert_id, _), n in keys.items()
                                             if alert_id not in expected))


async def locate_lost(settings: Settings, links: set[str]) -> dict[str, int]:
    """Where the reports of ``links`` got lost: counts of 'report on news.leadership' (the dedup
    agent never emitted it) and 'item only on news.items' (no report was written for it)."""
    from streams.kafka.topics import NEWS_LEADERSHIP
    from streams.models import decode_report

    _, raw = await read_to_end(settings, settings.topic(NEWS_LEADERSHIP))
    reported = set()
    for value in raw:
        try:
            reported.add(decode_report(value).item.link)
        except Exception:  # noqa: BLE001 - sweep records and poison
            continue
    on_reports = len(links & reported)
    return {"report on news.leadership, no alert": on_reports,
            "item on news.items, no report": len(links) - on_reports}


async def print_where_lost(settings: Settings, outcome: TopicOutcome) -> None:
    """Print where lost reports got lost, so a failing assertion comes with its diagnosis."""
    if outcome.lost_links:
        print(f"lost reports located: {await locate_lost(settings, outcome.lost_links)}")
