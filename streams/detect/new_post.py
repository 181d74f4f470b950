"""The title of the post someone is appointed to when the words after the cue name none: inside
the cue, before it in a verb-final clause, or between the verb and the person."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions, Name, Role


def _post(r: Role) -> bool:
    return r.leader and not r.relational


def new_post_title(m: Mentions, i: int, j: int, person: Name, here: bool, lex: Lexicon,
                   acts_on: bool = False) -> Role | None:
    """The leader title an appointment cue at tokens ``i:j`` gives ``person`` (``here``: named
    in this sentence; ``acts_on``: the cue is a verb of naming or hiring, its object the person),
    or None."""
    tokens = m.sentence.tokens
    inside = next((r for r in m.roles if i <= r.start and r.end <= j and _post(r)), None)
    if inside is not None or not here:  # "heuert als Finanzchef bei Y an", "prend la direction"
        return inside
    if person.end <= i:
        # verb-final clauses: "X als Chefarchitekten verpflichtet", "X come CFO assunto",
        # "hat X zum CTO ernannt"
        return next((r for r in m.roles if person.end < r.start < i and _post(r)
                     and (tokens[r.start - 1].lower in lex.as_words
                          or tokens[r.start - 1].lower in lex.to_preps)), None)
    if person.start < j:
        return None
    k = i - 1
    while k >= 0 and tokens[k].lower in lex.stopwords:
        k -= 1
    before = m.role_at.get(k)
    if before is not None and _post(before):
        return before
    # "nombra presidente a X": the new title between the verb and the person
    between = next((r for r in m.roles if j <= r.start and r.end <= person.start
                    and _post(r) and r not in person.roles), None)
    if between is not None or not acts_on:
        return between
    # ... and "names CFO X", "names new CFO X": right after a verb of naming, the title written
    # before her name is the post she gets (not "hires Velmont CFO X", "hires former CEO X")
    return next((r for r in person.roles if j <= r.start and r.end == person.start and _post(r)
                 and not (r.org or r.former) and all(
                     tokens[k].lower in lex.indefinites or tokens[k].lower in lex.possessives
                     or tokens[k].lower in lex.new_words for k in range(j, r.start))), None)
