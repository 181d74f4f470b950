"""Finds role titles in a sentence: "chief executive", "amministratore delegato", "Intel-Chef"."""

from __future__ import annotations

from dataclasses import dataclass

from streams.detect.lexicon import Lexicon
from streams.detect.segmenter import Token

ORG_PREFIX_TOKENS = 3  # capitalised words before "Systems-Chef" that still belong to the company


@dataclass(slots=True)
class Role:
    """A role title in the text ("chief executive", "amministratore delegato", "Intel-Chef")."""

    start: int
    end: int  # token indexes [start, end)
    title: str  # short English title
    leader: bool
    org: str = ""  # the organisation the title belongs to, when the text says
    org_end: int = -1  # token index just after that organisation
    former: bool = False  # "former CEO", "ex-CEO": a past title, not the current one
    relational: bool = False  # "successor", "numero due di X": "of X" names a person


def find_titles(tokens: list[Token], lex: Lexicon) -> tuple[list[Role], dict[int, Role]]:
    """The titles of a sentence, and each title by the indexes of the tokens it covers."""
    roles: list[Role] = []
    role_at: dict[int, Role] = {}
    firsts, non_leaders = lex.roles_by_first, lex.non_leaders
    endings = lex.gate_suffixes + lex.non_leader_suffixes
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower
        # most words are no title: a set lookup settles them before any closer look
        if not tok.word or (low not in firsts and low not in non_leaders and "-" not in low
                            and not (endings and low.endswith(endings))):
            i += 1
            continue
        role = _role_at(tokens, i, lex)
        if role is None:
            i += 1
            continue
        role.former = role.former or any(
            tokens[k].lower in lex.former_words for k in range(max(0, role.start - 3), role.start))
        roles.append(role)
        for k in range(role.start, role.end):
            role_at[k] = role
        i = role.end
    return roles, role_at


def is_descriptor(tok: Token, lex: Lexicon) -> bool:
    """A common noun that describes an organisation: "company", "Konzern", "Videoplattform"."""
    return tok.lower in lex.descriptors or (len(tok.lower) > 7 and tok.lower.endswith(lex.descriptor_suffixes))


def _role_at(tokens: list[Token], i: int, lex: Lexicon) -> Role | None:
    tok = tokens[i]
    low = tok.lower
    for key, title in lex.roles_by_first.get(low, ()):
        n = len(key)
        if all(i + k < len(tokens) and tokens[i + k].lower == key[k] for k in range(1, n)):
            return Role(i, i + n, title, True, relational=key in lex.relational)
    guarded = lex.guarded_roles.get(low)
    if guarded is not None:  # "l'ad", "il nuovo ad": a title only after its guard words
        title, after = guarded
        return Role(i, i + 1, title, True) if i and tokens[i - 1].lower in after else None
    if low in lex.non_leaders or (len(low) > 6 and low.endswith(lex.non_leader_suffixes)):
        return Role(i, i + 1, low, False)
    head, _, tail = tok.text.rpartition("-")
    if head and tail:  # "Intel-Chef", "TikTok-topman", "Ex-Radeon-Chef"
        title = _compound_title(tail.lower(), lex)
        if title:
            former = head.lower() == "ex" or head.lower().startswith("ex-")
            org = head[3:] if head.lower().startswith("ex-") else head
            org = "" if org.lower() in ("ex", "co", "vize") or not org[:1].isupper() else org
            start = _org_prefix(tokens, i, lex) if org and not former else i
            if start == i and org.lower() in lex.field_words:
                org = ""  # "Cloud-Vorstand": a field, no company ("Brennholt Analytics-Chef" is one)
            org = " ".join([t.text for t in tokens[start:i]] + [org.replace("-", " ")])
            return Role(start, i + 1, title, True, org.strip(), i + 1 if org else -1, former)
        if tail.lower() in lex.non_leaders:
            return Role(i, i + 1, tail.lower(), False)
    if tok.word and len(low) > 4:
        title = _compound_title(low, lex, whole=False)
        if title:
            return Role(i, i + 1, title, True)
    return None


def _compound_title(low: str, lex: Lexicon, whole: bool = True) -> str:
    if whole:
        title = lex.roles.get((low,))
        if title:
            return title
    if not lex.gate_suffixes or not low.endswith(lex.gate_suffixes):
        return ""
    for suffix, title in lex.role_suffixes:
        if low.endswith(suffix) and (whole or low == suffix or len(low) > len(suffix) + 2):
            return title
    return ""




def _org_prefix(tokens: list[Token], i: int, lex: Lexicon) -> int:
    """Where the company's name starts when its last word is glued to a title: "Fiorelli
    Systems-Chef" is the chief of Fiorelli Systems. Only name-like words count: not a noun
    ("Rücktritt", "Überraschung"), a cue word, a title or a stopword."""
    start = i
    while start > 0 and i - start < ORG_PREFIX_TOKENS:
        tok = tokens[start - 1]
        low = tok.lower
        if not (tok.cap and tok.word) or low in lex.stopwords or low in lex.non_names \
                or low in lex.cue_index.by_word or low in lex.roles_by_first or "-" in tok.text \
                or is_descriptor(tok, lex) or (lex.noun_suffixes and low.endswith(lex.noun_suffixes)):
            break
        if start - 1 == 0 and lex.vs_order and low in lex.verb_words:
            break
        start -= 1
    return start
