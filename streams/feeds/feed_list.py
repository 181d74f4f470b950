"""The feed list: a YAML file of feeds (url, name, lang, interval, tags), validated per entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from streams.errors import ConfigError

DEFAULT_FEED_LIST = Path(__file__).resolve().parent.parent.parent / "deploy" / "feeds.yaml"


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str = ""
    lang: str | None = None
    interval: float | None = None  # seconds; None: the poller's default
    tags: tuple[str, ...] = field(default_factory=tuple)


def parse_feed_list(text: str, origin: str = "<feed list>") -> list[FeedSpec]:
    """Read a YAML feed list: ``feeds: [{url, name?, lang?, interval?, tags?}, ...]``.

    Raises:
        ConfigError: the YAML is invalid or an entry is; the message names the entry.
    """
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML: {exc}") from exc
    entries = doc.get("feeds") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{origin}: expected a top-level 'feeds:' list")
    specs, seen = [], set()
    for index, entry in enumerate(entries, start=1):
        spec = spec_from_entry(entry, f"{origin}: feed #{index}")
        if spec.url in seen:
            raise ConfigError(f"{origin}: feed #{index} ({spec.url}) is listed twice")
        seen.add(spec.url)
        specs.append(spec)
    return specs


def load_feed_list(path: str | Path) -> list[FeedSpec]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read feed list {path}: {exc.strerror}") from exc
    return parse_feed_list(text, str(path))


def spec_from_entry(entry: object, where: str) -> FeedSpec:
    """One validated feed-list entry; errors name ``where``."""
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping with 'url', got {entry!r}")
    unknown = set(entry) - {"url", "name", "lang", "interval", "tags"}
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    url = entry.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") \
            or not urlsplit(url).netloc:
        raise ConfigError(f"{where}: 'url' must be an http(s) URL, got {url!r}")
    where = f"{where} ({url})"
    lang = entry.get("lang")
    if lang is not None and not (isinstance(lang, str) and 2 <= len(lang) <= 3 and lang.isalpha()):
        raise ConfigError(f"{where}: 'lang' must be a language code like 'it', got {lang!r}")
    interval = entry.get("interval")
    if interval is not None and (isinstance(interval, bool)
                                 or not isinstance(interval, (int, float)) or interval <= 0):
        raise ConfigError(f"{where}: 'interval' must be a positive number of seconds")
    tags = entry.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{where}: 'tags' must be a list of strings")
    name = entry.get("name") or ""
    if not isinstance(name, str):
        raise ConfigError(f"{where}: 'name' must be a string")
    return FeedSpec(url=url, name=name, lang=lang.lower() if lang else None,
                    interval=float(interval) if interval else None, tags=tuple(tags))


def dump_feed_list(specs: list[FeedSpec], comment: str = "") -> str:
    """The YAML feed list for ``specs``, one flow-style entry per line (reads back identically)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()] if comment else []
    lines.append("feeds:")
    for spec in specs:
        entry: dict = {"url": spec.url}
        if spec.name:
            entry["name"] = spec.name
        if spec.lang:
            entry["lang"] = spec.lang
        if spec.interval:
            entry["interval"] = spec.interval
        if spec.tags:
            entry["tags"] = list(spec.tags)
        text = yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, sort_keys=False,
                              width=10_000).strip()
        lines.append(f"  - {text}")
    if not specs:
        lines[-1] = "feeds: []"
    return "\n".join(lines) + "\n"
