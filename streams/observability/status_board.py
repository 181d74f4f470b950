"""The worker's live picture for the status page: feeds, the latest alerts, throughput (pure).

The worker feeds it from Kafka (feeds.status, the two alert topics) and from its own counters;
:meth:`StatusBoard.snapshot` is what ``/status.json`` serves and what the page renders. Times
in, times out: epoch seconds; nothing here reads a clock.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from streams.models import Alert
from streams.observability.feed_status import STATES, FeedStatus, iso

MAX_ALERTS = 25
RATE_WINDOWS = (("1m", 60.0), ("15m", 900.0))
# the order the page lists feeds in: what needs a person's attention first
_STATE_ORDER = {"parked": 0, "failing": 1, "new": 2, "ok": 3}


@dataclass
class AlertView:
    alert: Alert
    first_at: float  # when this board saw the alert first (record time)
    last_at: float  # when it saw its latest message
    updates: int = 0


@dataclass
class StatusBoard:
    max_alerts: int = MAX_ALERTS
    feeds: dict[str, FeedStatus] = field(default_factory=dict)
    alerts: dict[str, AlertView] = field(default_factory=dict)
    _samples: deque = field(default_factory=lambda: deque(maxlen=2000))  # (time, counters)

    # --- input ---------------------------------------------------------------------------------
    def feed_status(self, status: FeedStatus) -> None:
        """Keep the latest status per feed (an older one arriving late changes nothing)."""
        known = self.feeds.get(status.url)
        if known is None or (status.published_at or 0.0) >= (known.published_at or 0.0):
            self.feeds[status.url] = status

    def alert(self, alert: Alert, at: float) -> None:
        """A message from an alert topic; an update carries the alert's full, grown source list."""
        view = self.alerts.get(alert.alert_id)
        if view is None:
            self.alerts[alert.alert_id] = AlertView(alert, at, at, int(alert.kind == "update"))
        else:
            if alert.kind == "update":
                view.updates += 1
                if len(alert.sources) >= len(view.alert.sources):
                    view.alert = alert
            elif view.alert.kind == "update" and len(alert.sources) > len(view.alert.sources):
                view.alert = alert  # the `new` arrived after an update (two topics): keep the fuller
            view.first_at = min(view.first_at, at)
            view.last_at = max(view.last_at, at)
        if len(self.alerts) > self.max_alerts:
            oldest = sorted(self.alerts.values(), key=lambda v: v.last_at)
            for gone in oldest[:len(self.alerts) - self.max_alerts]:
                del self.alerts[gone.alert.alert_id]

    def count(self, now: float, counters: dict[str, float]) -> None:
        """A sample of the worker's monotonic counters (items, alerts...) for the rates."""
        if len(self._samples) >= 2 and now - self._samples[-2][0] < 1.0:
            self._samples[-1] = (now, dict(counters))  # many page views: one sample a second
        else:
            self._samples.append((now, dict(counters)))
        while self._samples and self._samples[0][0] < now - RATE_WINDOWS[-1][1] - 60:
            self._samples.popleft()

    # --- output --------------------------------------------------------------------------------
    def rates(self, now: float) -> dict[str, dict[str, float]]:
        """Per counter and window, the rate per minute over that window (or since the first
        sample, when the board is younger than the window)."""
        if len(self._samples) < 2:
            return {}
        last_t, last = self._samples[-1]
        out: dict[str, dict[str, float]] = {}
        for label, seconds in RATE_WINDOWS:
            base_t, base = next(((t, c) for t, c in self._samples if t >= now - seconds),
                                self._samples[0])
            span = last_t - base_t
            if span <= 0:
                continue
            for name, value in last.items():
                delta = max(0.0, value - base.get(name, 0.0))
                out.setdefault(name, {})[label] = round(delta * 60.0 / span, 1)
        return out

    def snapshot(self, now: float, *, health: dict | None = None, lag: dict | None = None,
                 totals: dict | None = None, worker: str = "") -> dict:
        """Everything the page shows, as plain JSON data."""
        feeds = sorted(self.feeds.values(),
                       key=lambda s: (_STATE_ORDER.get(s.state, 9), (s.name or s.url).lower()))
        counts = dict.fromkeys(STATES, 0)
        for status in feeds:
            counts[status.state] = counts.get(status.state, 0) + 1
        alerts = sorted(self.alerts.values(), key=lambda v: v.last_at, reverse=True)
        return {
            "generated_at": iso(now),
            "worker": worker,
            "health": health or {},
            "feeds": {"counts": counts, "total": len(feeds),
                      "items": [_feed(s, now) for s in feeds]},
            "alerts": [_alert(v) for v in alerts],
            "throughput": {"per_minute": self.rates(now), "totals": totals or {}},
            "lag": lag or {},
        }


def _feed(status: FeedStatus, now: float) -> dict:
    return {"url": status.url, "name": status.name, "state": status.state,
            "last_success": iso(status.last_success), "last_check": iso(status.last_check),
            "next_check": iso(status.next_check),
            "next_check_in_s": None if status.next_check is None else round(status.next_check - now),
            "failures": status.failures, "problem": status.problem(),
            "last_status": status.last_status, "items_new": status.items_new,
            "poller": status.poller, "reported_at": iso(status.published_at)}


def _alert(view: AlertView) -> dict:
    alert = view.alert
    return {"alert_id": alert.alert_id, "headline": alert.headline, "change": alert.change,
            "person": alert.person.get("name", ""), "role": alert.person.get("role", ""),
            "org": alert.org, "to_org": alert.to_org, "confidence": alert.confidence,
            "first_seen": alert.first_seen, "languages": list(alert.languages),
            "sources": [{"outlet": s.feed, "title": s.title, "url": s.url, "lang": s.lang,
                         "published": s.published} for s in alert.sources],
            "updates": view.updates, "last_seen": iso(view.last_at)}
