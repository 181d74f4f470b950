"""The messages Shakeup moves between its parts: plain frozen data, JSON (orjson) on the wire.

These are the contracts of DESIGN.md. Every message carries a ``schema`` field; a change that
breaks a consumer needs a new schema version.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import orjson

from streams.errors import BadMessage

ITEM_SCHEMA = "shakeup.item/v1"
LEADERSHIP_SCHEMA = "shakeup.leadership/v1"
ALERT_SCHEMA = "shakeup.alert/v1"

CHANGE_TYPES = ("departure", "appointment", "leave", "return", "firing", "retirement")


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One feed entry, normalised. ``item_id`` is stable across polls and pollers."""

    item_id: str
    title: str
    summary: str = ""
    link: str = ""
    lang: str | None = None  # declared by the feed or the feed list; None = unknown
    published: str | None = None  # ISO-8601 UTC, "YYYY-MM-DDTHH:MM:SSZ"
    feed_url: str = ""
    source: str = ""  # outlet name (feed title or the feed list's name)


@dataclass(frozen=True, slots=True)
class LeadershipEvent:
    """One leadership change reported in one item."""

    person: str  # as written in the item ("" when the item names nobody)
    person_norm: str  # lowercase ASCII, for matching ("" when unnamed)
    role: str  # short English title: "CEO", "president", ...
    org: str
    change: str  # one of CHANGE_TYPES
    to_org: str | None = None
    confidence: float = 0.0
    evidence: str = ""  # the sentence the event was read from
    cue: str = ""  # which rule or trigger fired, for explanations


@dataclass(frozen=True, slots=True)
class Detection:
    """What the detector says about one item."""

    item_id: str
    language: str
    supported: bool
    events: tuple[LeadershipEvent, ...] = ()

    @property
    def leadership_change(self) -> bool:
        return bool(self.events)


@dataclass(frozen=True, slots=True)
class LeadershipReport:
    """An event together with the item that reported it: the message on ``news.leadership``."""

    item: NewsItem
    event: LeadershipEvent
    language: str
    dedup_key: str


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str
    lang: str
    feed: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Alert:
    """One real-world leadership change, as emitted on the alerts topics.

    ``kind`` is ``new`` for the first report and ``update`` for each later one; both carry the
    same deterministic ``alert_id``. ``source`` is the report that caused this message.
    """

    alert_id: str
    kind: str  # "new" | "update"
    change: str
    person: dict[str, str]  # {"name": ..., "role": ...}
    org: str
    to_org: str | None
    headline: str
    confidence: float
    first_seen: str
    languages: tuple[str, ...]
    sources: tuple[Source, ...]
    evidence: str
    merged_on: tuple[str, ...] = ()  # which keys matched ("person", "org", "change", ...)
    source: Source | None = None


# --- wire format -----------------------------------------------------------------------------


def to_json(obj: Any) -> bytes:
    """Serialise a model (or a dict of them) to UTF-8 JSON with its schema tag."""
    if dataclasses.is_dataclass(obj):
        data = dataclasses.asdict(obj)
        schema = _SCHEMA_OF.get(type(obj))
        if schema:
            data = {"schema": schema, **data}
        return orjson.dumps(data)
    return orjson.dumps(obj)


def _require(data: dict, schema: str) -> dict:
    if not isinstance(data, dict):
        raise BadMessage(f"expected a JSON object, got {type(data).__name__}")
    got = data.get("schema")
    if got != schema:
        raise BadMessage(f"expected schema {schema!r}, got {got!r}")
    return data


# Declared field types a decoder enforces (annotations are strings: postponed evaluation). A
# field of the wrong type must fail here, as a bad message: taken in, it would reach the dedup
# Table and break the next good report of the same change.
_ALLOWED_TYPES = {"str": (str,), "str | None": (str, type(None)), "float": (int, float)}


def _build(cls: type, data: dict) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    try:
        obj = cls(**{k: v for k, v in data.items() if k in names})
    except TypeError as exc:
        raise BadMessage(f"{cls.__name__}: {exc}") from exc
    for f in dataclasses.fields(cls):
        allowed = _ALLOWED_TYPES.get(f.type)
        value = getattr(obj, f.name)
        if allowed and (not isinstance(value, allowed) or isinstance(value, bool)):
            raise BadMessage(f"{cls.__name__}.{f.name} must be {f.type}, "
                             f"got {type(value).__name__}")
    return obj


def item_from_dict(data: dict) -> NewsItem:
    item = _build(NewsItem, data)
    if not isinstance(item.item_id, str) or not item.item_id or not isinstance(item.title, str):
        raise BadMessage("item needs a non-empty string item_id and a string title")
    return item


def event_from_dict(data: dict) -> LeadershipEvent:
    return _build(LeadershipEvent, data)


def source_from_dict(data: dict) -> Source:
    return _build(Source, data)


def decode_item(raw: bytes) -> NewsItem:
    """Parse a ``news.items`` message. Raises BadMessage on anything malformed."""
    return item_from_dict(_require(_loads(raw), ITEM_SCHEMA))


def decode_report(raw: bytes) -> LeadershipReport:
    data = _require(_loads(raw), LEADERSHIP_SCHEMA)
    try:
        report = LeadershipReport(
            item=item_from_dict(data["item"]),
            event=event_from_dict(data["event"]),
            language=data["language"],
            dedup_key=data["dedup_key"],
        )
    except (KeyError, TypeError) as exc:
        raise BadMessage(f"leadership report: missing {exc}") from exc
    if not isinstance(report.language, str) or not isinstance(report.dedup_key, str) \
            or not report.dedup_key:
        raise BadMessage("leadership report needs a string language and a non-empty string dedup_key")
    return report


def decode_alert(raw: bytes) -> Alert:
    data = dict(_require(_loads(raw), ALERT_SCHEMA))
    try:
        data["sources"] = tuple(source_from_dict(s) for s in data["sources"])
        data["languages"] = tuple(data["languages"])
        data["merged_on"] = tuple(data.get("merged_on") or ())
        if data.get("source"):
            data["source"] = source_from_dict(data["source"])
    except (KeyError, TypeError) as exc:
        raise BadMessage(f"alert: missing {exc}") from exc
    return _build(Alert, data)


def _loads(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadMessage(f"not JSON: {exc}") from exc


_SCHEMA_OF: dict[type, str] = {
    NewsItem: ITEM_SCHEMA,
    LeadershipReport: LEADERSHIP_SCHEMA,
    Alert: ALERT_SCHEMA,
}
