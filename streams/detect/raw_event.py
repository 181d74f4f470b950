"""RawEvent: one change found at a cue, before the item-level merge."""

from __future__ import annotations

from dataclasses import dataclass

from streams.detect.lexicon import Cue


@dataclass(slots=True)
class RawEvent:
    """An event before the item-level merge: names as found, org possibly unknown."""

    person: str
    role: str
    org: str
    change: str
    to_org: str | None
    cue: Cue
    evidence: str
    sentence: int
    org_explicit: bool
    role_explicit: bool
    trigger: str = ""  # the words that matched the cue
    fallback_org: str = ""  # the item's topic: the organisation when nothing better is known
    own_orgs: tuple[str, ...] = ()  # organisations of the person's current titles ("Ombrix CEO X")
    succeeds: str = ""  # the person a successor replaces ("X will replace him"): their post
