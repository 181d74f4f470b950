"""Matching forms of names: lowercase ASCII, umlauts expanded, whitespace collapsed."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_NOT_NAME = re.compile(r"[^a-z0-9'\- ]+")
_SPACES = re.compile(r"\s+")


def normalize_person(name: str) -> str:
    """'Jürgen  Müller' and 'Juergen Mueller' -> 'juergen mueller'; 'Zinédine' -> 'zinedine'."""
    text = unicodedata.normalize("NFC", name or "").translate(_UMLAUTS)
    text = anyascii(text).lower().replace("\u2019", "'")
    text = _NOT_NAME.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" -'")
