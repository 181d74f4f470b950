"""The Prometheus metrics of every Shakeup process, declared once, on prometheus-client's registry.

Names follow the Prometheus conventions: ``shakeup_<process>_<what>_<unit>``; counters are
exposed with ``_total``, durations in seconds, sizes in bytes. Labels have few values by
construction (no feed URL, no alert id): 10,000 feeds must not become 10,000 time series.

Pollers (``shakeup poll``)
    shakeup_poller_polls_total{outcome,reason}   outcome ok (200, parsed) | not_modified (304) |
                                                 error; reason for errors (see poll_error_reason)
    shakeup_poller_poll_duration_seconds         one poll: fetch, parse, store
    shakeup_poller_fetched_bytes_total           decoded feed bodies
    shakeup_poller_items_new_total               new items queued for news.items
    shakeup_poller_items_delivered_total         items Kafka acknowledged on news.items
    shakeup_poller_delivery_failures_total       outbox batches Kafka did not acknowledge (retried)
    shakeup_poller_feeds{state}                  this poller's feeds: ok | failing | parked | new
    shakeup_poller_outbox_items                  items waiting for Kafka (on disk)
    shakeup_poller_owned_shards                  shards Kafka assigned to this poller
Worker (``shakeup worker``)
    shakeup_worker_items_total                   records read from news.items
    shakeup_worker_leadership_items_total        items with at least one leadership change
    shakeup_worker_reports_total                 reports produced to news.leadership
    shakeup_worker_alerts_total{kind}            new | update alerts produced
    shakeup_worker_duplicate_reports_total       reports that added nothing to their alert
    shakeup_worker_detect_duration_seconds       the detector on one item
    shakeup_worker_dedup_duration_seconds        the dedup step on one report
    shakeup_worker_dead_letters_total{topic}     records sent to <topic>.dlq
Slack forwarder (``shakeup slack``)
    shakeup_slack_records_total{topic}           alert records handled (then committed)
    shakeup_slack_posts_total{status}            alert parts per destination: posted | reconciled |
                                                 skipped (done before) | unknown | dead
    shakeup_slack_requests_total{result}         requests to Slack: ok | rate_limited (429) |
                                                 unavailable (5xx, network) | rejected
    shakeup_slack_retries_total                  retries after a 5xx or a connection error
    shakeup_slack_dead_letters_total{topic}      records sent to <topic>.dlq
    shakeup_slack_request_duration_seconds       one request to Slack
Every process
    shakeup_consumer_lag{topic,partition}        records not yet committed (worker, forwarder)
    shakeup_kafka_reachable                      1 when the last Kafka metadata probe answered
    shakeup_event_loop_lag_seconds               how late the last event-loop tick ran
    shakeup_healthy                              1 when /healthz answers 200
"""

from __future__ import annotations

import re

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest

# --- pollers -------------------------------------------------------------------------------------
POLLS = Counter("shakeup_poller_polls", "Feed polls by outcome and, for errors, reason.",
                ["outcome", "reason"])
POLL_DURATION = Histogram("shakeup_poller_poll_duration_seconds",
                          "Time of one poll: fetch, parse and store.",
                          buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
FETCHED_BYTES = Counter("shakeup_poller_fetched_bytes", "Decoded feed body bytes fetched.")
ITEMS_NEW = Counter("shakeup_poller_items_new", "New items queued in the outbox for news.items.")
ITEMS_DELIVERED = Counter("shakeup_poller_items_delivered",
                          "Items Kafka acknowledged on news.items (then marked seen).")
DELIVERY_FAILURES = Counter("shakeup_poller_delivery_failures",
                            "Outbox batches Kafka did not acknowledge in time (they are retried).")
FEEDS = Gauge("shakeup_poller_feeds", "Feeds this poller owns, by state.", ["state"])
OUTBOX_ITEMS = Gauge("shakeup_poller_outbox_items", "Items waiting in the outbox for Kafka.")
OWNED_SHARDS = Gauge("shakeup_poller_owned_shards", "Feed shards Kafka assigned to this poller.")
FEED_STATES = ("ok", "failing", "parked", "new")

# --- worker --------------------------------------------------------------------------------------
WORKER_ITEMS = Counter("shakeup_worker_items", "Records read from news.items.")
LEADERSHIP_ITEMS = Counter("shakeup_worker_leadership_items",
                           "Items in which the detector found at least one leadership change.")
REPORTS = Counter("shakeup_worker_reports",
                  "Leadership reports produced (to news.leadership, or news.leadership.people when they name someone in full).")
ROUTED_REPORTS = Counter("shakeup_worker_routed_reports",
                         "Reports sent to another organisation's key: the person's earlier report of the change was there.")
ALERTS = Counter("shakeup_worker_alerts", "Alerts produced, by kind (new, update).", ["kind"])
DUPLICATE_REPORTS = Counter("shakeup_worker_duplicate_reports",
                            "Reports the dedup step dropped: their alert already had the source.")
_STEP_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
DETECT_DURATION = Histogram("shakeup_worker_detect_duration_seconds",
                            "The detector (and report keying) on one item.", buckets=_STEP_BUCKETS)
DEDUP_DURATION = Histogram("shakeup_worker_dedup_duration_seconds",
                           "The dedup step on one report, Table read and write included.",
                           buckets=_STEP_BUCKETS)
WORKER_DEAD_LETTERS = Counter("shakeup_worker_dead_letters",
                              "Records the worker sent to a dead-letter topic, by source topic.",
                              ["topic"])

# --- Slack forwarder -----------------------------------------------------------------------------
SLACK_RECORDS = Counter("shakeup_slack_records", "Alert records handled and committed, by topic.",
                        ["topic"])
SLACK_POSTS = Counter("shakeup_slack_posts",
                      "Alert parts per destination, by outcome (posted, reconciled, skipped, "
                      "unknown, dead).", ["status"])
SLACK_REQUESTS = Counter("shakeup_slack_requests",
                         "Requests to Slack by result (ok, rate_limited, unavailable, rejected).",
                         ["result"])
SLACK_RETRIES = Counter("shakeup_slack_retries", "Retries after a 5xx or a connection error.")
SLACK_DEAD_LETTERS = Counter("shakeup_slack_dead_letters",
                             "Records the forwarder sent to a dead-letter topic, by source topic.",
                             ["topic"])
SLACK_REQUEST_DURATION = Histogram("shakeup_slack_request_duration_seconds",
                                   "One request to Slack (post or search).",
                                   buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))

# --- every process -------------------------------------------------------------------------------
CONSUMER_LAG = Gauge("shakeup_consumer_lag",
                     "Records on a partition after the committed offset of this process's group.",
                     ["topic", "partition"])
KAFKA_REACHABLE = Gauge("shakeup_kafka_reachable", "1 when the last Kafka metadata probe answered.")
LOOP_LAG = Gauge("shakeup_event_loop_lag_seconds", "How late the last event-loop tick ran.")
HEALTHY = Gauge("shakeup_healthy", "1 when the process reports itself healthy on /healthz.")

_HTTP = re.compile(r"^HTTP (\d{3})\b")
# (reason, words in the fetcher's and handler's messages): first match wins
_REASONS = (
    ("blocked", ("network guard", "blocked", "not allowed")),
    ("timeout", ("timeout", "took longer")),
    ("connect", ("cannot connect",)),
    ("too_large", ("cap",)),
    ("redirects", ("redirect",)),
    ("not_a_feed", ("not a usable feed",)),
    ("invalid_url", ("invalid url", "unreadable url")),
)


def poll_labels(status: str, error: str | None) -> tuple[str, str]:
    """(outcome, reason) labels of one poll from the handler's status and error text.

    ``status`` is the handler's "ok", "not-modified" or "error". Reasons are few by design:
    ``http_<code>`` for an HTTP error status, else one of blocked, timeout, connect, too_large,
    redirects, not_a_feed, invalid_url, other.
    """
    if status == "ok":
        return "ok", ""
    if status == "not-modified":
        return "not_modified", ""
    text = (error or "").strip()
    match = _HTTP.match(text)
    if match:
        return "error", f"http_{match.group(1)}"
    lowered = text.lower()
    for reason, words in _REASONS:
        if any(word in lowered for word in words):
            return "error", reason
    return "error", "other"


def exposition() -> tuple[bytes, str]:
    """The process's metrics in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def sample(name: str, labels: dict[str, str] | None = None) -> float:
    """The current value of one sample of this process's registry (0 when absent)."""
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0
