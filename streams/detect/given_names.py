"""Given names known in some language: a sign that a capitalised word is (part of) a person's name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from anyascii import anyascii

_GIVEN_NAMES = Path(__file__).with_name("lang") / "given_names.txt"
_MORE_NAMES = Path(__file__).with_name("lang") / "given_names_more.txt"  # kept by hand: what Faker lacks


@cache
def _given_names() -> dict[str, frozenset[str]]:
    """Each given name (lowercase) and the languages where it is also a common word."""
    out: dict[str, frozenset[str]] = {}
    for path in (_GIVEN_NAMES, _MORE_NAMES):  # the built table first: its word marks stand
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            name, _, langs = line.partition("\t")
            out.setdefault(name.lower(), frozenset(langs.split(",")) if langs else frozenset())
    return out


def given_name(word: str, lang: str, title_case: bool) -> bool:
    """Whether ``word`` is a known given name that tells a person here: in a Title Case
    sentence, not one that is also a common word of ``lang`` ("Star Wars", "Will Pay")."""
    lower = word.lower()
    langs = _given_names().get(lower)
    if langs is None and not lower.isascii():
        langs = _given_names().get(anyascii(lower))  # the table is transliterated: "Jarosław"
    return langs is not None and not (title_case and lang in langs)
