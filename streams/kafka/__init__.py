"""Kafka plumbing: the embedded broker, topic names and creation, client settings."""
