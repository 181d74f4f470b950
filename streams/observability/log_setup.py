"""Log lines: one JSON object per line off a terminal (for log collectors), readable text on one.

Context goes in ``extra=`` fields, never only in the message, so a collector can filter on it::

    log.error("dead-lettered %s[%s]@%s: %s", topic, partition, offset, reason,
              extra={"topic": topic, "partition": partition, "offset": offset})

gives, off a terminal::

    {"ts":"2026-11-28T10:02:03.120Z","level":"error","logger":"streams.worker.agents",
     "message":"dead-lettered news.items[2]@41: BadMessage: ...","topic":"news.items",
     "partition":2,"offset":41}

and on a terminal the same message followed by ``  topic=news.items partition=2 offset=41``.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from typing import IO, Any

import orjson

# attributes every LogRecord has: whatever else a record carries came in through ``extra=``
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message", "asctime", "taskName"}
FORMATS = ("auto", "json", "text")


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record: ts, level, logger, message, the extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {"ts": _timestamp(record), "level": record.levelname.lower(),
                               "logger": record.name, "message": record.getMessage()}
        for key, value in extra_fields(record).items():
            doc.setdefault(key, value)
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            doc["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(doc, default=str, option=orjson.OPT_NON_STR_KEYS).decode()


class ReadableFormatter(logging.Formatter):
    """``time LEVEL logger: message  key=value ...`` for people at a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        fields = extra_fields(record)
        if not fields:
            return text
        first, newline, rest = text.partition("\n")  # keep a traceback below the fields
        pairs = " ".join(f"{k}={v}" for k, v in fields.items())
        return f"{first}  {pairs}{newline}{rest}"


def use_json(log_format: str, stream: IO) -> bool:
    """json / text as asked; auto: text on a terminal, JSON otherwise."""
    if log_format == "json":
        return True
    if log_format == "text":
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


def make_formatter(json_lines: bool = True) -> logging.Formatter:
    """Factory for logging.config (``"()"``) and for :func:`configure_logging`."""
    return JsonLineFormatter() if json_lines else ReadableFormatter()


def configure_logging(level: str, log_format: str = "auto", stream: IO | None = None) -> None:
    """Send every log record to ``stream`` (stderr) in the chosen format, at ``level``."""
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(make_formatter(use_json(log_format, stream)))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())


def logging_config(level: str, log_format: str = "auto", stream: IO | None = None) -> dict:
    """The same set-up as a logging.config dictionary, for Faust's Worker (which applies it
    after its own start-up would otherwise install colour logs on stdout)."""
    stream = stream or sys.stderr
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"shakeup": {"()": make_formatter,
                                   "json_lines": use_json(log_format, stream)}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "shakeup",
                                 "stream": stream}},
        "root": {"level": level.upper(), "handlers": ["default"]},
    }
