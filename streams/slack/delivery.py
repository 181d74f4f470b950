"""Deliver one alert to its Slack destinations once: pacing, retries, reconcile, the delivery log.

For each destination the alert's part (the parent, or one update) is posted at most once:

1. The delivery log says it is done: skip (a replay after a crash or a rebalance).
2. It says ``sending``: a previous run died mid-request and Slack may have the message. In bot
   mode, search the channel (or the thread) for the part's metadata and adopt the found post;
   post only if it is not there. In webhook mode nothing can be searched: take the safer side
   for "never twice", record it as ``unknown`` and dead-letter it with that reason for a human.
3. Otherwise wait for the destination's pacing slot, mark ``sending``, post, mark ``posted``.

429 waits Retry-After (on that destination's pacer); 5xx and connection errors back off
exponentially with jitter; a failure that may have delivered (reset after sending) goes through
step 2 before any retry. When the time budget is spent the part is ``dead`` and the caller
dead-letters the record. An update whose parent is not posted yet (the topics are read in no
guaranteed order) first posts the parent, built from the update.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Callable, Protocol

from streams.errors import ConfigError
from streams.models import Alert
from streams.observability import metrics
from streams.settings import Settings
from streams.slack.client import (BotPoster, SlackRateLimited, SlackRejected, SlackUnavailable,
                                  WebhookPoster, destination_label)
from streams.slack.delivery_log import DeliveryLog
from streams.slack.pacing import ChannelPacer, RetryPolicy
from streams.slack.parts import PARENT, message_metadata, parent_from_update, part_key
from streams.slack.render import SlackMessage, render_new, render_reply, render_update
from streams.slack.routing import destinations, parse_routes

log = logging.getLogger(__name__)

# Slack's ts and our wall clock may disagree a little: search history from a bit earlier.
RECONCILE_MARGIN_S = 300.0
_WEBHOOK_AMBIGUOUS = ("the webhook post may have been delivered and webhooks cannot be searched; "
                      "not re-posted, to never post twice")


class Clock(Protocol):
    def now(self) -> float: ...
    async def sleep(self, seconds: float) -> None: ...


class MonotonicClock:
    """The real clock: monotonic seconds and asyncio.sleep."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass(frozen=True)
class Outcome:
    """What happened to one alert part at one destination."""

    destination: str  # a label: never a webhook URL
    part: str
    status: str  # "posted" | "reconciled" | "skipped" | "unknown" | "dead"
    reason: str = ""

    @property
    def needs_dead_letter(self) -> bool:
        return self.status in ("unknown", "dead")


class SlackDelivery:
    """Posts alerts to their destinations; see the module docstring for the rules."""

    def __init__(self, settings: Settings, poster: BotPoster | WebhookPoster, journal: DeliveryLog,
                 *, clock: Clock | None = None, rand: Callable[[], float] = random.random):
        self.poster = poster
        self.journal = journal
        self.clock = clock or MonotonicClock()
        self.rand = rand
        self.routes = parse_routes(settings.slack_routes)
        self.default = settings.slack_channel if poster.threads else settings.slack_webhook_url
        self.pacer = ChannelPacer(settings.slack_min_interval)
        self.policy = RetryPolicy(base=settings.slack_backoff_base, cap=settings.slack_backoff_cap,
                                  budget=settings.slack_retry_budget)
        self._check_destinations()

    def _check_destinations(self) -> None:
        wanted = [r.destination for r in self.routes] + ([self.default] if self.default else [])
        if not wanted:
            raise ConfigError("no Slack destination: set SHAKEUP_SLACK_CHANNEL (bot token) or "
                              "SHAKEUP_SLACK_ROUTES")
        for destination in wanted:
            is_url = destination.startswith(("http://", "https://"))
            if self.poster.threads and is_url:
                raise ConfigError("SHAKEUP_SLACK_ROUTES: with a bot token, route to channels, "
                                  "not webhook URLs")
            if not self.poster.threads and not is_url:
                raise ConfigError(f"SHAKEUP_SLACK_ROUTES: in webhook mode {destination!r} must "
                                  "be an incoming-webhook URL")

    async def deliver(self, alert: Alert) -> list[Outcome]:
        """Post ``alert`` to every destination it routes to.

        Raises:
            SlackRejected: a fatal refusal (bad token or webhook URL); nothing can be delivered.
        """
        return [await self._deliver_to(alert, destination)
                for destination in destinations(alert, self.routes, self.default)]

    async def _deliver_to(self, alert: Alert, destination: str) -> Outcome:
        label = destination_label(destination)
        if alert.kind != "update":
            return await self._post_part(alert, PARENT, destination, label, None)
        parent = self.journal.get(alert.alert_id, PARENT, label)
        if parent is None or not parent.done:
            log.info("update of %s before its parent was posted to %s: posting the parent first",
                     alert.alert_id, label)
            outcome = await self._post_part(parent_from_update(alert), PARENT, destination, label,
                                            None)
            if outcome.status == "dead":
                return Outcome(label, part_key(alert), "dead",
                               f"its parent message could not be posted: {outcome.reason}")
            parent = self.journal.get(alert.alert_id, PARENT, label)
        thread_ts = parent.ts if (parent is not None and self.poster.threads) else None
        return await self._post_part(alert, part_key(alert), destination, label, thread_ts)

    def _render(self, alert: Alert, thread_ts: str | None) -> SlackMessage:
        if alert.kind != "update":
            return render_new(alert)
        return render_reply(alert) if thread_ts else render_update(alert)

    async def _post_part(self, alert: Alert, part: str, destination: str, label: str,
                         thread_ts: str | None) -> Outcome:
        previous = self.journal.get(alert.alert_id, part, label)
        if previous is not None and previous.done:
            metrics.SLACK_POSTS.labels(status="skipped").inc()
            return Outcome(label, part, "skipped")
        maybe_posted = previous is not None and previous.state == "sending"
        message = self._render(alert, thread_ts)
        metadata = message_metadata(alert.alert_id, part) if self.poster.threads else None
        started = self.clock.now()
        attempt = 0
        while True:
            if maybe_posted:
                result = await self._reconcile(alert.alert_id, part, destination, label, thread_ts)
                if result is None:  # Slack does not have it: post now
                    maybe_posted = False
                    continue
            else:
                result = await self._attempt(alert, part, destination, label, message, metadata,
                                             thread_ts)
                maybe_posted = getattr(result, "maybe_delivered", False)
            if isinstance(result, Outcome):
                return result
            if maybe_posted and not self.poster.can_reconcile:
                return self._unknown(alert.alert_id, part, label, f"{_WEBHOOK_AMBIGUOUS} ({result})")
            if isinstance(result, SlackRateLimited):
                if self.policy.exhausted(started, self.clock.now() + result.retry_after):
                    return self._give_up(alert.alert_id, part, label, maybe_posted,
                                         f"still rate limited when the retry budget ran out: {result}")
                continue  # the pacer holds the destination until Retry-After has passed
            attempt += 1
            delay = self.policy.next_delay(attempt, started, self.clock.now(), self.rand())
            if delay is None:
                return self._give_up(alert.alert_id, part, label, maybe_posted,
                                     f"retry budget spent after {attempt} failures; last: {result}")
            metrics.SLACK_RETRIES.inc()
            log.warning("Slack delivery of %s/%s to %s failed (%d), next try in %.1f s: %s",
                        alert.alert_id, part, label, attempt, delay, result,
                        extra={"alert_id": alert.alert_id, "destination": label,
                               "attempt": attempt})
            await self.clock.sleep(delay)

    async def _attempt(self, alert: Alert, part: str, destination: str, label: str,
                       message: SlackMessage, metadata: dict | None,
                       thread_ts: str | None) -> Outcome | SlackRateLimited | SlackUnavailable:
        """One paced post. Returns the final outcome, or the retriable error."""
        wait = self.pacer.delay(label, self.clock.now())
        if wait > 0:
            await self.clock.sleep(wait)
        self.journal.mark_sending(alert.alert_id, part, label, thread_ts=thread_ts)
        self.pacer.sent(label, self.clock.now())
        sent_at = time.perf_counter()
        try:
            receipt = await self.poster.post(destination, message.payload(), thread_ts=thread_ts,
                                             metadata=metadata)
        except SlackRateLimited as exc:
            _count_request("rate_limited", sent_at)
            self.pacer.rate_limited(label, self.clock.now(), exc.retry_after)
            log.warning("Slack rate limit on %s: waiting %.1f s", label, exc.retry_after,
                        extra={"destination": label, "retry_after": exc.retry_after})
            return exc
        except SlackUnavailable as exc:
            _count_request("unavailable", sent_at)
            return exc
        except SlackRejected as exc:
            _count_request("rejected", sent_at)
            if exc.fatal:
                raise
            return self._dead(alert.alert_id, part, label, str(exc))
        _count_request("ok", sent_at)
        self.journal.mark_posted(alert.alert_id, part, label, channel_id=receipt.channel_id,
                                 ts=receipt.ts)
        if receipt.channel_id and self.poster.threads:
            self.journal.remember_channel(destination, receipt.channel_id)
        metrics.SLACK_POSTS.labels(status="posted").inc()
        return Outcome(label, part, "posted")

    async def _reconcile(self, alert_id: str, part: str, destination: str, label: str,
                         thread_ts: str | None) -> Outcome | SlackUnavailable | SlackRateLimited | None:
        """After a request that may have landed: adopt the post if Slack has it.

        Returns the final outcome (found, or uncheckable), None when Slack does not have it (post
        again), or the error that stopped the search.
        """
        if not self.poster.can_reconcile:
            return self._unknown(alert_id, part, label, _WEBHOOK_AMBIGUOUS)
        record = self.journal.get(alert_id, part, label)
        since = (record.intent_at if record else time.time()) - RECONCILE_MARGIN_S
        sent_at = time.perf_counter()
        try:
            channel_id = (record.channel_id if record and record.channel_id else None) \
                or self.journal.channel_id(destination) \
                or await self.poster.resolve_channel(destination)
            if channel_id is None:
                return self._unknown(alert_id, part, label,
                                     f"cannot find channel {destination} to check whether the "
                                     "post landed; not re-posted")
            ts = await self.poster.find_post(channel_id, alert_id, part, oldest=since,
                                             thread_ts=thread_ts)
            _count_request("ok", sent_at)
        except (SlackUnavailable, SlackRateLimited) as exc:
            _count_request("rate_limited" if isinstance(exc, SlackRateLimited) else "unavailable",
                           sent_at)
            if isinstance(exc, SlackRateLimited):
                self.pacer.rate_limited(label, self.clock.now(), exc.retry_after)
            return exc
        except SlackRejected as exc:
            return self._unknown(alert_id, part, label,
                                 f"cannot check whether the post landed ({exc}); not re-posted")
        if ts is None:
            log.info("reconcile: %s/%s is not in %s; posting it", alert_id, part, label)
            return None
        self.journal.mark_posted(alert_id, part, label, channel_id=channel_id, ts=ts,
                                 note="found by reconcile")
        log.info("reconcile: %s/%s was already posted to %s (ts %s)", alert_id, part, label, ts)
        metrics.SLACK_POSTS.labels(status="reconciled").inc()
        return Outcome(label, part, "reconciled")

    def _give_up(self, alert_id: str, part: str, label: str, maybe_posted: bool,
                 reason: str) -> Outcome:
        if maybe_posted:
            return self._unknown(alert_id, part, label, reason)
        return self._dead(alert_id, part, label, reason)

    def _dead(self, alert_id: str, part: str, label: str, reason: str) -> Outcome:
        log.error("giving up on %s/%s to %s: %s", alert_id, part, label, reason,
                  extra={"alert_id": alert_id, "destination": label})
        self.journal.mark_dead(alert_id, part, label, reason[:1000])
        metrics.SLACK_POSTS.labels(status="dead").inc()
        return Outcome(label, part, "dead", reason)

    def _unknown(self, alert_id: str, part: str, label: str, reason: str) -> Outcome:
        log.error("delivery of %s/%s to %s is unknown: %s", alert_id, part, label, reason,
                  extra={"alert_id": alert_id, "destination": label})
        self.journal.mark_unknown(alert_id, part, label, reason[:1000])
        metrics.SLACK_POSTS.labels(status="unknown").inc()
        return Outcome(label, part, "unknown", f"delivery unknown: {reason}")


def _count_request(result: str, sent_at: float) -> None:
    metrics.SLACK_REQUESTS.labels(result=result).inc()
    metrics.SLACK_REQUEST_DURATION.observe(time.perf_counter() - sent_at)
