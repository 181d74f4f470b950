"""What an operator sees: Prometheus metrics, health checks, structured logs and the status page.

    metrics               the metric families of every process (prometheus-client, one registry)
    health                pure health rules: Kafka contact, progress while behind, event-loop stalls
    health_probes         the shells that feed them: a Kafka metadata probe, an event-loop watchdog
    http_endpoints        /metrics and /healthz on a small aiohttp server (pollers, forwarder)
    feed_status           one feed's status record: the `feeds status` row and the feeds.status message
    feed_status_publisher pollers -> feeds.status (latest per feed, never blocks a poll)
    status_board          the worker's live picture: feeds, latest alerts, throughput, lag (pure)
    status_render         that picture as HTML sections (pure, escaped)
    log_setup             JSON log lines off a terminal, readable lines on one; extra fields kept
    cli_progress          progress on stderr for long CLI work, only on a terminal or when asked
"""
