import os
import signal
import subprocess
import sys
import time
import textwrap

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streams.errors import BrokerError
from streams.kafka.client_config import topic_partitions
from streams.kafka.client_config import topic_partitions
from streams.kafka.embedded_broker import EmbeddedBroker, free_port
from streams.kafka.topics import all_topics, ensure_topics
from tests.conftest import pid_alive


async def test_produce_and_consume_through_the_embedded_broker(settings):
    await ensure_topics(settings)
    topic = settings.topic("news.items")
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"hello", key=b"k", partition=0)
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        record = await consumer.getone()
        assert record.value == b"hello"
    finally:
        await consumer.stop()


async def test_topics_are_created_once_with_the_configured_partitions(settings):
    settings = settings.replace(partitions=3)
    created = await ensure_topics(settings)
    assert sorted(created) == sorted(all_topics(settings))
    assert await ensure_topics(settings) == []
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap)
    await consumer.start()
    try:
        assert len(await topic_partitions(consumer, settings.topic("alerts.leadership"))) == 3
    finally:
        await consumer.stop()


def test_stop_leaves_no_process():
    broker = EmbeddedBroker().start()
    pid = broker.pid
    assert pid_alive(pid)
    broker.stop()
    assert not pid_alive(pid)


def test_a_taken_port_is_a_clear_error():
    with EmbeddedBroker() as first:
        with pytest.raises(BrokerError, match="in use"):
            EmbeddedBroker(port=first.port).start()


def test_broker_dies_with_a_killed_parent(tmp_path):
    """SIGKILL of the process that started the broker must not leave the broker running."""
    pid_file = tmp_path / "pid"
    code = textwrap.dedent(f"""
        import time
        from streams.kafka.embedded_broker import EmbeddedBroker
        b = EmbeddedBroker().start()
        open({str(pid_file)!r}, "w").write(str(b.pid))
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 10
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    broker_pid = int(pid_file.read_text())
    assert pid_alive(broker_pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while pid_alive(broker_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not pid_alive(broker_pid)


def test_free_port_is_bindable():
    import socket
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


async def test_existing_topics_with_another_partition_count_are_a_clear_error(settings):
    from streams.errors import ConfigError

    await ensure_topics(settings.replace(partitions=3))
    with pytest.raises(ConfigError, match="has 3 partitions but SHAKEUP_PARTITIONS is 4"):
        await ensure_topics(settings.replace(partitions=4))
