"""Organisation names compared across outlets: legal suffixes, aliases, renames, parents, branches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from streams.data_files import read_yaml
from streams.dedup.persons import ascii_fold

_LEGAL = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc ag se gmbh sa spa srl nv bv "
    "holding holdings group platforms technologies kg kgaa lp llp pty sas sarl ab asa oyj".split())
_ARTICLES = frozenset({"the"})
_SP_Z_OO = re.compile(r"\b[Ss]p(?: z ?o ?o)?$")  # Polish "Sp. z o.o." (or its "Sp." alone, a name cut at the dot)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
LEADING_ARTICLE = r"(?:the|la|il|le|l'|lo|die|der|das|el|a|o|het|de) "  # also the scorer's (evaluation)
_PHRASE_CHARS = re.compile(r"[^a-z0-9' -]+")  # what the parent phrases are written with

SAME = "org"  # one organisation, however it was written ("Meta Platforms, Inc." / "Facebook")
RELATED = "org-parent"  # parent, subsidiary or branch of each other ("Instagram" / "Meta")
UNKNOWN = "org-unknown"  # one side names no organisation
DIFFERENT = ""


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation name, resolved: ``name`` to compare on, ``group`` to route on."""

    name: str  # canonical compact form: "meta", "nintendoofamerica", "zorblax"
    words: tuple[str, ...]  # the words of the name as written, suffixes dropped
    group: str  # the top of its family: "meta" for Instagram, "nintendo" for Nintendo of America
    ancestors: tuple[str, ...] = ()  # known parents, nearest first


def _words(name: str) -> tuple[str, ...]:
    folded = _SP_Z_OO.sub(" ", ascii_fold(name).replace(".", ""))
    folded = re.sub(r"'s\b", "", folded.replace("\u2019", "'"))
    tokens = [t for t in _NON_ALNUM.split(folded) if t]
    while tokens and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    kept = [t for t in tokens if t not in _LEGAL]
    return tuple(kept or tokens)


@lru_cache(maxsize=1)
def _table() -> dict:
    data = read_yaml(Path(__file__).with_name("org_aliases.yaml"))
    canonical: dict[str, str] = {}  # compact alias -> compact canonical name
    parent: dict[str, str] = {}
    for entry in data["organisations"]:
        name = "".join(_words(entry["name"]))
        for alias in [entry["name"], *entry.get("also", ())]:
            canonical["".join(_words(str(alias)))] = name
        if entry.get("parent"):
            parent[name] = "".join(_words(entry["parent"]))
    phrases = []
    for phrase in data["parent_phrases"]:
        pattern = re.escape(ascii_fold(phrase)).replace(re.escape("{org}"), "(?P<org>.+?)")
        phrases.append(re.compile(f"^(?:{LEADING_ARTICLE})?{pattern}$"))
    regions = sorted((tuple(r.split()) for r in data["regions"]), key=len, reverse=True)
    return {"canonical": canonical, "parent": parent, "phrases": phrases, "regions": regions}


def _ancestors(name: str) -> tuple[str, ...]:
    parents, chain = _table()["parent"], []
    while name in parents and parents[name] not in chain and len(chain) < 8:
        name = parents[name]
        chain.append(name)
    return tuple(chain)


def _known(words: tuple[str, ...]) -> str | None:
    return _table()["canonical"].get("".join(words))


def _without_region(words: tuple[str, ...]) -> tuple[str, ...]:
    """'nintendo of america' -> 'nintendo'; 'zorblax deutschland' -> 'zorblax'; else unchanged."""
    for region in _table()["regions"]:
        n = len(region)
        if len(words) > n and words[-n:] == region:
            rest = words[:-n]
            if rest[-1] == "of" and len(rest) > 1:
                rest = rest[:-1]
                if not _known(rest):  # "Bank of China" is a bank, not a branch of "Bank"
                    return words
            return rest
    return words


@lru_cache(maxsize=8192)
def resolve_org(name: str | None) -> Org | None:
    """Canonical name and routing group of an organisation as a report names it; None for none."""
    table = _table()
    folded = " ".join(_PHRASE_CHARS.sub(" ", ascii_fold(name or "").replace(".", "")).split())
    if not folded:
        return None
    for phrase in table["phrases"]:  # "Facebook's parent" -> Meta
        match = phrase.match(folded)
        if match:
            child = resolve_org(match.group("org"))
            if child is None:
                break
            top = child.ancestors[0] if child.ancestors else child.name
            return Org(name=top, words=(top,), group=child.group, ancestors=child.ancestors[1:])
    words = _words(name)
    if not words:
        return None
    known = _known(words)
    if known is None:
        base = _without_region(words)
        if base != words:  # a regional branch: grouped with its organisation
            parent = _known(base) or "".join(base)
            chain = (parent, *_ancestors(parent))
            return Org(name="".join(words), words=words, group=chain[-1], ancestors=chain)
        for size in range(len(words) - 1, 0, -1):  # "Google Cloud Platform", "Intel Foundry"
            prefix = _known(words[:size])
            if prefix:
                chain = (prefix, *_ancestors(prefix))
                return Org(name="".join(words), words=words, group=chain[-1], ancestors=chain)
        # unknown: route on the first word, so "Zorblax" and "Zorblax Cloud" meet; inside the
        # key only people are compared, so a coarse key costs nothing but a longer list
        return Org(name="".join(words), words=words, group=words[0])
    chain = _ancestors(known)
    return Org(name=known, words=words, group=chain[-1] if chain else known, ancestors=chain)


def normalize_org(name: str | None) -> str:
    """'Meta Platforms, Inc.' -> 'meta'; 'Facebook' -> 'meta'; 'OpenAI' -> 'openai'; '' for nothing."""
    org = resolve_org(name)
    return org.name if org else ""


def org_group(name: str | None) -> str:
    """The routing group: 'Instagram' -> 'meta'; 'Nintendo of America' -> 'nintendo'; '' for nothing."""
    org = resolve_org(name)
    return org.group if org else ""


def compare_orgs(a: Org | None, b: Org | None) -> str:
    """SAME, RELATED (parent/subsidiary/branch), UNKNOWN (one side missing) or DIFFERENT."""
    if a is None or b is None:
        return UNKNOWN
    if a.name == b.name:
        return SAME
    if a.name in b.ancestors or b.name in a.ancestors:
        return RELATED
    if a.ancestors and b.ancestors and a.group == b.group:  # two units of one parent
        return RELATED
    shorter, longer = sorted((a.words, b.words), key=len)
    if longer[:len(shorter)] == shorter:  # "Zorblax" / "Zorblax Cloud Services"
        return RELATED
    return DIFFERENT
