"""Block Kit messages for alerts: readable on a phone, escaped, within Slack's limits. Pure.

Slack's limits are 3,000 characters per section text, 2,000 per field and 50 blocks; we also keep
one message under 12,000 characters in total. Every feed-written value is clipped to its own
budget (by grapheme, after escaping) so the totals hold by construction, whatever a feed sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from streams.models import Alert, Source
from streams.slack.text import clip, host_of, link

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
MAX_BLOCKS = 50
MESSAGE_LIMIT = 12_000

NAME_CHARS = 150  # person, role, organisation, outlet
HEADLINE_CHARS = 500
EVIDENCE_CHARS = 1500
TITLE_CHARS = 150
SOURCES_SHOWN = 10
FALLBACK_CHARS = 300

_CHANGE = {  # change type -> (label, verb phrase)
    "departure": ("Departure", "leaves"),
    "appointment": ("Appointment", "joins"),
    "leave": ("Leave of absence", "takes leave from"),
    "return": ("Return", "returns to"),
    "firing": ("Dismissal", "is ousted from"),
    "retirement": ("Retirement", "retires from"),
}


@dataclass(frozen=True)
class SlackMessage:
    """One message: the notification text (also the fallback) and its Block Kit blocks."""

    text: str
    blocks: tuple[dict, ...]

    def payload(self) -> dict[str, Any]:
        """The body fields for chat.postMessage or a webhook; never ``link_names`` or ``parse``."""
        return {"text": self.text, "blocks": [dict(b) for b in self.blocks]}


def message_chars(message: SlackMessage) -> int:
    """Characters of text in the message: the fallback plus every text object in its blocks."""
    total = len(message.text)
    for block in message.blocks:
        if "text" in block:
            total += len(block["text"]["text"])
        total += sum(len(f["text"]) for f in block.get("fields", ()))
        total += sum(len(e["text"]) for e in block.get("elements", ()))
    return total


def render_new(alert: Alert) -> SlackMessage:
    """The parent message of an alert: who, what, where, sources, evidence, confidence."""
    label, verb = _change(alert)
    name = _person(alert)
    role = clip(_field(alert.person, "role"), NAME_CHARS)
    where = _where(alert)
    headline_line = f"*{name}*" + (f" · {role}" if role else "") + f"\n{verb} {where}"
    blocks: list[dict] = [_section(headline_line)]
    headline = clip(alert.headline, HEADLINE_CHARS)
    if headline:
        blocks.append(_section(f"_{headline}_"))
    blocks.append({"type": "section", "fields": [
        _mrkdwn(f"*Change*\n{label}"),
        _mrkdwn(f"*Organisation*\n{where}"),
        _mrkdwn(f"*Role*\n{role or '—'}"),
        _mrkdwn(f"*Confidence*\n{_confidence(alert.confidence)}"),
        _mrkdwn(f"*First seen*\n{_when(alert.first_seen)}"),
        _mrkdwn(f"*Languages*\n{_languages(alert.languages)}"),
    ]})
    evidence = clip(alert.evidence, EVIDENCE_CHARS)
    if evidence:
        blocks.append(_section(f"*Evidence*\n>{evidence}"))
    if alert.sources:
        blocks.append(_section(_source_list(alert.sources)))
    blocks.append(_context(_footer(alert)))
    fallback = clip(f"Leadership change: {_plain_summary(alert)}", FALLBACK_CHARS)
    return SlackMessage(text=fallback, blocks=tuple(blocks))


def render_reply(alert: Alert) -> SlackMessage:
    """A thread reply for an update: the outlet that also reported it and its link."""
    line = _also_reported(alert)
    blocks = (_section(line), _context(_tally(alert)))
    return SlackMessage(text=clip(_upper_first(_plain_also(alert)), FALLBACK_CHARS), blocks=blocks)


def render_update(alert: Alert) -> SlackMessage:
    """A short stand-alone update (webhook mode, where replies cannot be threaded)."""
    name = _person(alert)
    _, verb = _change(alert)
    first = f"*Update* · *{name}* {verb} {_where(alert)}"
    blocks = (_section(f"{first}\n{_also_reported(alert)}"), _context(_tally(alert)))
    text = clip(f"Update: {_plain_summary(alert)} — {_plain_also(alert)}", FALLBACK_CHARS)
    return SlackMessage(text=text, blocks=blocks)


# --- pieces -----------------------------------------------------------------------------------


def _known_change(alert: Alert) -> bool:
    return isinstance(alert.change, str) and alert.change in _CHANGE


def _change(alert: Alert) -> tuple[str, str]:
    """(label, verb phrase), escaped; an unknown change type is shown as written."""
    if _known_change(alert):
        return _CHANGE[alert.change]
    shown = clip(alert.change, NAME_CHARS) or "change"
    return shown, f"({shown})"


def _field(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _person(alert: Alert) -> str:
    return clip(_field(alert.person, "name"), NAME_CHARS) or "(unnamed)"


def _where(alert: Alert) -> str:
    org = clip(alert.org, NAME_CHARS) or "(unknown organisation)"
    to_org = clip(alert.to_org, NAME_CHARS)
    return f"*{org}*" + (f" → *{to_org}*" if to_org else "")


def _plain_summary(alert: Alert) -> str:
    """Raw text (clipped later as a whole) for notifications: no markup of ours."""
    name = _field(alert.person, "name") or "(unnamed)"
    role = _field(alert.person, "role")
    verb = _CHANGE[alert.change][1] if _known_change(alert) else str(alert.change)
    org = alert.org or "(unknown organisation)"
    target = f"{org} → {alert.to_org}" if alert.to_org else org
    return f"{name}" + (f" ({role})" if role else "") + f" {verb} {target}"


def _plain_also(alert: Alert) -> str:
    source = alert.source
    if source is None:
        return "also reported by another outlet"
    return f"also reported by {source.feed or host_of(source.url) or 'another outlet'}" + (
        f" ({source.lang})" if source.lang else "")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _also_reported(alert: Alert) -> str:
    source = alert.source
    if source is None:
        return "Also reported by another outlet."
    outlet = clip(source.feed, NAME_CHARS) or clip(host_of(source.url), NAME_CHARS) or "another outlet"
    lang = clip(source.lang, 12)
    return f"Also reported by *{outlet}*" + (f" ({lang})" if lang else "") + \
        f"\n• {_source_link(source)}"


def _source_link(source: Source) -> str:
    host = host_of(source.url)
    shown = link(source.url, source.title, TITLE_CHARS)
    return shown + (f" · {clip(host, NAME_CHARS)}" if host else "")


def _source_list(sources: tuple[Source, ...]) -> str:
    lines = [f"*Sources* ({len(sources)})"]
    used = len(lines[0])
    shown = 0
    for source in sources[:SOURCES_SHOWN]:
        outlet = clip(source.feed, NAME_CHARS)
        lang = clip(source.lang, 12)
        line = f"• {_source_link(source)}" + (f" — {outlet}" if outlet else "") + \
            (f" ({lang})" if lang else "")
        if used + 1 + len(line) > SECTION_LIMIT - 40:  # room for the "+N more" line
            break
        lines.append(line)
        used += 1 + len(line)
        shown += 1
    if shown < len(sources):
        lines.append(f"+{len(sources) - shown} more")
    return "\n".join(lines)


def _tally(alert: Alert) -> str:
    count = len(alert.sources)
    return (f"{count} source{'s' * (count != 1)} · {_languages(alert.languages)} · "
            f"alert {clip(alert.alert_id, 80)}")


def _footer(alert: Alert) -> str:
    merged = ", ".join(clip(k, 40) for k in alert.merged_on[:10])
    return f"alert {clip(alert.alert_id, 80)}" + (f" · merged on {merged}" if merged else "")


def _languages(languages: Any) -> str:
    names = [clip(l, 12) for l in (languages or ())[:30]]
    return ", ".join(n for n in names if n) or "—"


def _confidence(value: Any) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return "—"


def _when(first_seen: Any) -> str:
    try:
        parsed = datetime.fromisoformat(str(first_seen).replace("Z", "+00:00"))
    except ValueError:
        return clip(first_seen, 40) or "—"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def _section(text: str) -> dict:
    return {"type": "section", "text": _mrkdwn(text[:SECTION_LIMIT])}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [_mrkdwn(text[:FIELD_LIMIT])]}


def _mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}
