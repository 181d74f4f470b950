"""Dedup keys: canonical organisation and person keys that agree across languages and outlets."""

from __future__ import annotations

import re

from anyascii import anyascii

from streams.models import LeadershipEvent

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_LEGAL_SUFFIX = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|se|gmbh|sa|s\.a|spa"
    r"|s\.p\.a|srl|nv|bv|holdings?|group|platforms|technologies)\b\.?", re.I)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Change types that describe the same kind of move: a "resigns" and an "ousted" report of one
# exit are one change; a later "returns" or "appointed" is another.
CHANGE_FAMILY = {
    "departure": "exit", "firing": "exit", "retirement": "exit",
    "leave": "leave", "return": "return", "appointment": "appointment",
}


def ascii_fold(text: str) -> str:
    """Lowercase ASCII with German umlauts expanded, so 'Müller' and 'Mueller' agree."""
    return anyascii(text.translate(_UMLAUTS)).lower()


def normalize_org(name: str | None) -> str:
    """'Meta Platforms, Inc.' -> 'meta'; 'OpenAI' -> 'openai'; '' for nothing."""
    if not name:
        return ""
    folded = ascii_fold(name)
    folded = re.sub(r"'s\b", "", folded)
    folded = _LEGAL_SUFFIX.sub(" ", folded)
    return _NON_ALNUM.sub("", folded)


def person_tokens(person_norm: str) -> tuple[str, ...]:
    return tuple(t for t in _NON_ALNUM.split(ascii_fold(person_norm)) if len(t) > 1)


def surname(person_norm: str) -> str:
    tokens = person_tokens(person_norm)
    return tokens[-1] if tokens else ""


def change_family(change: str) -> str:
    return CHANGE_FAMILY.get(change, change)


def dedup_key(event: LeadershipEvent) -> str:
    """The key that routes an event to the Table entry holding its candidate alerts.

    The organisation, not the person: a report that names nobody ("X says it found a new CEO")
    must meet the later report that names her. Without an organisation, the surname.
    """
    org = normalize_org(event.org)
    if org:
        return f"org:{org}"
    return f"person:{surname(event.person_norm or event.person)}"
