"""Every Shakeup setting, declared once with its environment name, default and meaning.

Only the CLI reads the environment: it calls ``Settings.from_env`` and passes the frozen result
down. Nothing else in the package calls ``os.getenv``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping

from streams.errors import ConfigError


def setting(default: Any, env: str, help: str) -> Any:
    """Declare one setting: default, environment variable, one-line description."""
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    # --- Kafka -----------------------------------------------------------------------------
    kafka_bootstrap: str = setting(
        "", "SHAKEUP_KAFKA_BOOTSTRAP",
        "Kafka bootstrap servers, e.g. kafka:9092. Empty: `demo`/`run` start an embedded broker.")
    topic_prefix: str = setting(
        "", "SHAKEUP_TOPIC_PREFIX", "Prefix for every topic name, e.g. 'prod.' gives 'prod.news.items'.")
    partitions: int = setting(
        4, "SHAKEUP_PARTITIONS", "Partitions of the topics Shakeup creates (upper bound on workers).")
    replication_factor: int = setting(
        1, "SHAKEUP_REPLICATION_FACTOR", "Replication factor of the topics Shakeup creates.")
    topic_retention_hours: float = setting(
        720.0, "SHAKEUP_TOPIC_RETENTION_HOURS",
        "Retention of the topics Shakeup creates (news, alerts and dead letters), in hours.")
    kafka_idempotence: bool = setting(
        False, "SHAKEUP_KAFKA_IDEMPOTENCE",
        "Idempotent producers. Turn on for real Kafka; the embedded broker does not support it.")
    kafka_security_protocol: str = setting(
        "PLAINTEXT", "SHAKEUP_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    kafka_sasl_mechanism: str = setting(
        "", "SHAKEUP_KAFKA_SASL_MECHANISM", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 when using SASL.")
    kafka_sasl_username: str = setting("", "SHAKEUP_KAFKA_SASL_USERNAME", "SASL user name.")
    kafka_sasl_password: str = setting("", "SHAKEUP_KAFKA_SASL_PASSWORD", "SASL password.")
    kafka_ssl_cafile: str = setting("", "SHAKEUP_KAFKA_SSL_CAFILE", "CA bundle for TLS to Kafka.")

    # --- worker ----------------------------------------------------------------------------
    app_id: str = setting(
        "shakeup", "SHAKEUP_APP_ID", "Faust application id: consumer group and changelog prefix.")
    worker_data_dir: str = setting(
        "", "SHAKEUP_DATA_DIR", "Directory for worker state (Tables). Empty: ./.shakeup/<app_id>.")
    worker_web_port: int = setting(
        6066, "SHAKEUP_WEB_PORT", "Port of the worker's web server (health, status).")
    table_store: str = setting(
        "memory://", "SHAKEUP_TABLE_STORE",
        "Faust Table store: memory:// (rebuilt from the changelog at start) or rocksdb:// "
        "(kept on disk; needs the rocksdb extra: pip install 'shakeup[rocksdb]').")
    consumer_fetch_wait_ms: int = setting(
        100, "SHAKEUP_CONSUMER_FETCH_WAIT_MS",
        "How long the worker's Kafka fetch may wait for data (Faust's own 1500 ms adds up to "
        "1.5 s per hop on a broker that holds empty fetches).")
    dedup_window_hours: float = setting(
        96.0, "SHAKEUP_DEDUP_WINDOW_HOURS",
        "Reports of the same change within this many hours join one alert.")
    dedup_retention_hours: float = setting(
        336.0, "SHAKEUP_DEDUP_RETENTION_HOURS",
        "An alert no report touched for this many hours leaves the dedup Table (bounds its size).")
    dedup_sweep_interval: float = setting(
        600.0, "SHAKEUP_DEDUP_SWEEP_INTERVAL", "Seconds between two sweeps of expired alerts.")

    # --- pollers ---------------------------------------------------------------------------
    feeds_file: str = setting(
        "", "SHAKEUP_FEEDS", "Feed list (YAML). Empty: the default list shipped in deploy/feeds.yaml.")
    poll_interval: float = setting(
        300.0, "SHAKEUP_POLL_INTERVAL", "Default seconds between two polls of a feed.")
    poll_concurrency: int = setting(
        20, "SHAKEUP_POLL_CONCURRENCY", "Feeds fetched at the same time by one poller.")
    fetch_timeout: float = setting(
        25.0, "SHAKEUP_FETCH_TIMEOUT", "Total seconds allowed for one feed fetch.")
    max_feed_bytes: int = setting(
        10_000_000, "SHAKEUP_MAX_FEED_BYTES", "Cap on a feed's decoded body size, in bytes.")
    allow_private_networks: bool = setting(
        False, "SHAKEUP_ALLOW_PRIVATE_NETWORKS",
        "Allow feeds on loopback/private addresses (the demo and tests turn this on).")
    state_dir: str = setting(
        "", "SHAKEUP_STATE_DIR", "Where pollers keep seen items and validators. Empty: ./.shakeup.")
    fetch_connect_timeout: float = setting(
        10.0, "SHAKEUP_FETCH_CONNECT_TIMEOUT", "Seconds allowed to open a connection to a feed host.")
    fetch_read_timeout: float = setting(
        15.0, "SHAKEUP_FETCH_READ_TIMEOUT",
        "Seconds a feed server may stay silent (headers or body) before the fetch is aborted.")
    max_redirects: int = setting(
        5, "SHAKEUP_MAX_REDIRECTS",
        "Redirects followed per fetch (each hop re-checked by the network guard); more is an error.")
    fetch_allow_networks: str = setting(
        "", "SHAKEUP_FETCH_ALLOW_NETWORKS",
        "Comma-separated CIDRs the network guard lets through anyway, e.g. an intranet feed "
        "server '10.1.2.3/32'.")
    poll_min_interval: float = setting(
        60.0, "SHAKEUP_POLL_MIN_INTERVAL",
        "Lower bound on the time between two polls of a feed, whatever the feed or server asks.")
    poll_max_interval: float = setting(
        21_600.0, "SHAKEUP_POLL_MAX_INTERVAL",
        "Upper bound on the time between two polls: caps Cache-Control, Retry-After and backoff.")
    poll_backoff_base: float = setting(
        60.0, "SHAKEUP_POLL_BACKOFF_BASE",
        "First retry delay of a failing feed; doubles per consecutive failure (with jitter).")
    poll_jitter: float = setting(
        0.1, "SHAKEUP_POLL_JITTER", "Fraction of random spread on poll intervals (0.1 = ±10%).")
    poll_max_failures: int = setting(
        10, "SHAKEUP_POLL_MAX_FAILURES", "Consecutive failures after which a feed is parked.")
    poll_parked_retry: float = setting(
        86_400.0, "SHAKEUP_POLL_PARKED_RETRY",
        "Seconds between probes of a parked feed (one success un-parks it); 0: never probe.")
    poll_start_rate: float = setting(
        20.0, "SHAKEUP_POLL_START_RATE",
        "New feeds polled per second at start-up: their first polls spread over "
        "min(interval, feeds / rate) seconds.")
    poll_per_host: int = setting(
        2, "SHAKEUP_POLL_PER_HOST", "Fetches running at the same time against one host.")
    poller_partitions: int = setting(
        12, "SHAKEUP_POLLER_PARTITIONS",
        "Partitions of the poller assignment topic: the most poller processes that share work.")
    poller_session_timeout: float = setting(
        10.0, "SHAKEUP_POLLER_SESSION_TIMEOUT",
        "Seconds after which a silent poller is dead and its feeds move to the others.")
    produce_timeout: float = setting(
        30.0, "SHAKEUP_PRODUCE_TIMEOUT",
        "Seconds to wait for Kafka to acknowledge a batch of items before retrying it.")
    outbox_max_items: int = setting(
        100_000, "SHAKEUP_OUTBOX_MAX_ITEMS",
        "Items waiting for Kafka (kept on disk) above which pollers stop fetching new ones.")
    seen_retention_days: float = setting(
        30.0, "SHAKEUP_SEEN_RETENTION_DAYS",
        "Days an item id is remembered after it last appeared in its feed.")
    parse_threads: int = setting(
        2, "SHAKEUP_PARSE_THREADS", "Threads that parse feeds, off the event loop.")

    # --- Slack -----------------------------------------------------------------------------
    slack_webhook_url: str = setting(
        "", "SHAKEUP_SLACK_WEBHOOK_URL", "Slack incoming-webhook URL: new alerts, and updates as short separate messages.")
    slack_bot_token: str = setting(
        "", "SHAKEUP_SLACK_BOT_TOKEN", "Slack bot token (xoxb-...); updates are threaded.")
    slack_channel: str = setting(
        "", "SHAKEUP_SLACK_CHANNEL", "Default channel for bot-token mode, e.g. #leadership.")
    slack_api_url: str = setting(
        "https://slack.com/api/", "SHAKEUP_SLACK_API_URL",
        "Base URL of Slack's Web API (bot-token mode); tests point it at a fake server.")
    slack_routes: str = setting(
        "", "SHAKEUP_SLACK_ROUTES",
        "Extra destinations, ';'-separated rules 'org:OpenAI=#ai-watch; change:firing=#exits; "
        "*=#leadership'. Every matching rule adds its channel (a webhook URL in webhook mode); "
        "no match: the default channel or webhook.")
    slack_min_interval: float = setting(
        1.0, "SHAKEUP_SLACK_MIN_INTERVAL",
        "Minimum seconds between two posts to one channel (Slack allows about one per second).")
    slack_backoff_base: float = setting(
        1.0, "SHAKEUP_SLACK_BACKOFF_BASE",
        "Seconds before the first retry after a 5xx or connection error; doubles per attempt, "
        "with jitter.")
    slack_backoff_cap: float = setting(
        60.0, "SHAKEUP_SLACK_BACKOFF_CAP", "Longest wait between two retries of one message, seconds.")
    slack_retry_budget: float = setting(
        900.0, "SHAKEUP_SLACK_RETRY_BUDGET",
        "Seconds one message may spend waiting and retrying before it goes to the dead-letter topic.")
    slack_timeout: float = setting(
        10.0, "SHAKEUP_SLACK_TIMEOUT", "Seconds allowed for one request to Slack.")
    slack_delivery_log: str = setting(
        "", "SHAKEUP_SLACK_DELIVERY_LOG",
        "SQLite file recording what was posted (and thread ts); keep it on a volume. "
        "Empty: <state dir>/slack-deliveries.sqlite.")
    slack_log_retention_days: float = setting(
        30.0, "SHAKEUP_SLACK_LOG_RETENTION_DAYS",
        "Days a posted message stays in the delivery log (keep above the alert topics' retention).")
    slack_group: str = setting(
        "", "SHAKEUP_SLACK_GROUP", "Kafka consumer group of the forwarder. Empty: <app id>-slack.")
    slack_session_timeout: float = setting(
        10.0, "SHAKEUP_SLACK_SESSION_TIMEOUT",
        "Kafka group session timeout of the forwarder, seconds (real Kafka needs at least 6).")

    # --- metrics, health, logging -----------------------------------------------------------
    poller_metrics_port: int = setting(
        9101, "SHAKEUP_POLLER_METRICS_PORT",
        "Port of `shakeup poll`'s /metrics and /healthz (0: none). The worker serves both on "
        "SHAKEUP_WEB_PORT.")
    slack_metrics_port: int = setting(
        9102, "SHAKEUP_SLACK_METRICS_PORT",
        "Port of `shakeup slack`'s /metrics and /healthz (0: none).")
    health_stall_seconds: float = setting(
        120.0, "SHAKEUP_HEALTH_STALL_SECONDS",
        "/healthz fails when work waits (consumer lag, outbox) and nothing moved for this long.")
    health_loop_block_seconds: float = setting(
        5.0, "SHAKEUP_HEALTH_LOOP_BLOCK_SECONDS",
        "/healthz fails for a minute after the event loop was blocked this long.")
    cache_dir: str = setting(
        "", "SHAKEUP_CACHE_DIR",
        "Where the compiled language tables are kept between runs (rebuilt when they change; "
        "saves ~0.4 s per start). Empty: $XDG_CACHE_HOME/shakeup or ~/.cache/shakeup; off: none.")
    log_level: str = setting("INFO", "SHAKEUP_LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR.")
    log_format: str = setting(
        "auto", "SHAKEUP_LOG_FORMAT",
        "json (one JSON object per line), text (readable), or auto: text on a terminal, else json.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **overrides: Any) -> "Settings":
        """Build settings from environment variables; ``overrides`` (e.g. CLI flags) win.

        Raises:
            ConfigError: a variable does not parse as its setting's type.
        """
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is not None and raw != "":
                values[f.name] = _convert(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def topic(self, name: str) -> str:
        """The full name of a logical topic, with the configured prefix."""
        return f"{self.topic_prefix}{name}"

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)


def _convert(f: dataclasses.Field, raw: str) -> Any:
    kind = type(f.default)
    try:
        if kind is bool:
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(
            f"{f.metadata['env']}={raw!r} is not a valid {kind.__name__}") from exc


def describe_settings() -> list[tuple[str, str, str]]:
    """(env name, default, description) for every setting: used by docs and `shakeup settings`."""
    return [(f.metadata["env"], repr(f.default), f.metadata["help"])
            for f in dataclasses.fields(Settings)]


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment variables that rebuild ``settings`` in a child process."""
    env = {}
    for f in dataclasses.fields(Settings):
        value = getattr(settings, f.name)
        env[f.metadata["env"]] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return env
