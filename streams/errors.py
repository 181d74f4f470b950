"""Shakeup's exceptions: one root, one-line subclasses, translated at the I/O boundary.

    ShakeupError
    ├── ConfigError        bad settings or feed list; names the offending entry
    ├── BadMessage         a Kafka record that does not match its schema (goes to <topic>.dlq)
    ├── FeedError          a feed could not be fetched or parsed (per feed, never fatal)
    │   ├── FetchError     network, HTTP status, limits, network guard
    │   └── ParseError     not a feed, hostile XML, undecodable
    ├── BrokerError        the embedded broker could not start or Kafka is unreachable
    └── SlackError         Slack refused or could not be reached

``retriable`` says whether trying again later can help.
"""

from __future__ import annotations


class ShakeupError(Exception):
    """Root of every error Shakeup raises on purpose."""

    retriable: bool = False


class ConfigError(ShakeupError):
    """A setting or a feed-list entry is invalid."""


class BadMessage(ShakeupError):
    """A record on a topic is not valid for its schema."""


class FeedError(ShakeupError):
    """A feed failed; reported per feed, never fatal to the poller."""

    retriable = True


class FetchError(FeedError):
    """The feed could not be fetched (network, status, size/time caps, network guard)."""

    def __init__(self, message: str, *, status: int | None = None, retriable: bool = True):
        super().__init__(message)
        self.status = status
        self.retriable = retriable


class ParseError(FeedError):
    """The bytes are not a usable feed."""

    retriable = False


class BrokerError(ShakeupError):
    """Kafka is unreachable or the embedded broker failed."""

    retriable = True


class SlackError(ShakeupError):
    """Slack refused a message or could not be reached."""

    def __init__(self, message: str, *, retriable: bool = True):
        super().__init__(message)
        self.retriable = retriable
