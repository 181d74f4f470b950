"""Connection settings shared by every aiokafka client and by Faust (bootstrap, TLS, SASL)."""

from __future__ import annotations

import ssl
from typing import Any

from streams.settings import Settings


def _ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if "SSL" not in settings.kafka_security_protocol:
        return None
    return ssl.create_default_context(cafile=settings.kafka_ssl_cafile or None)


def client_kwargs(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer/Consumer/AdminClient."""
    kwargs: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap,
        "security_protocol": settings.kafka_security_protocol,
    }
    context = _ssl_context(settings)
    if context is not None:
        kwargs["ssl_context"] = context
    if settings.kafka_sasl_mechanism:
        kwargs.update(sasl_mechanism=settings.kafka_sasl_mechanism,
                      sasl_plain_username=settings.kafka_sasl_username,
                      sasl_plain_password=settings.kafka_sasl_password)
    return kwargs


def faust_credentials(settings: Settings) -> Any:
    """Faust's ``broker_credentials`` for TLS/SASL, or None for plaintext."""
    import faust  # only the worker shell needs faust

    context = _ssl_context(settings)
    if settings.kafka_sasl_mechanism:
        return faust.SASLCredentials(
            username=settings.kafka_sasl_username, password=settings.kafka_sasl_password,
            mechanism=settings.kafka_sasl_mechanism, ssl_context=context)
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def producer_kwargs(settings: Settings) -> dict[str, Any]:
    """Producer settings: acks=all, idempotence where the broker supports it (real Kafka)."""
    return {**client_kwargs(settings), "acks": "all",
            "enable_idempotence": settings.kafka_idempotence, "linger_ms": 5}


async def topic_partitions(consumer: Any, topic: str) -> list:
    """The partitions of ``topic`` as TopicPartitions, from fresh metadata.

    Raises:
        BrokerError: the topic does not exist.
    """
    from aiokafka import TopicPartition

    from streams.errors import BrokerError

    await consumer.topics()  # refreshes the metadata of every topic
    partitions = consumer.partitions_for_topic(topic)
    if not partitions:
        raise BrokerError(f"topic {topic} does not exist (is the prefix right? has a worker run?)")
    return [TopicPartition(topic, p) for p in sorted(partitions)]
