"""Dedup keys: which Table entry a report's event is routed to, and which changes are one change.

The key is the organisation's group (``org:meta`` for Meta, Facebook, Instagram and WhatsApp
alike), not the person: a report that names nobody ("Zorblax says it found a new CEO") must meet
the later report that names her, and only the organisation links the two. Inside the key the
people are compared (``clusters.py``), so a coarse group never merges two different people.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from streams.dedup.orgs import normalize_org, org_group
from streams.dedup.persons import PERSON, SURNAME, compare_people, person_tokens, surname
from streams.models import LeadershipEvent

__all__ = ["CHANGE_FAMILY", "change_family", "dedup_key", "dedup_keys", "normalize_org",
           "person_tokens", "surname"]

# Change types that describe one move: a "resigns" and an "ousted" report of one exit are one
# change, as are "named" and "returns as" reports of one entry. A leave is its own change: a
# leave and the resignation a week later are two alerts. An exit and a later return are two.
CHANGE_FAMILY = {
    "departure": "exit", "firing": "exit", "retirement": "exit",
    "leave": "leave",
    "appointment": "entry", "return": "entry",
}


def change_family(change: str) -> str:
    return CHANGE_FAMILY.get(change, change)


def dedup_key(event: LeadershipEvent) -> str:
    """The Table key for one event on its own: its organisation's group, else its surname."""
    group = org_group(event.org)
    if group:
        return f"org:{group}"
    return f"person:{surname(event.person_norm or event.person)}"


def dedup_keys(events: Sequence[LeadershipEvent]) -> list[str]:
    """The Table key of each event of one item, using the item's other events as context.

    A detector sometimes reads the wrong organisation for one of two mentions of the same
    change ("Jassy, head of the cloud unit, succeeds Bezos at Amazon" giving Jassy at "Cloud"
    and at "Amazon"), or none at all. The same person with the same kind of change in one item
    is one change, so those events share the key of the organisation the item is mostly about;
    an event with no organisation takes that key too.
    """
    groups = [org_group(e.org) for e in events]
    weight: dict[str, float] = defaultdict(float)  # how much of the item is about each group
    for group, event in zip(groups, events):
        if group:
            weight[group] += max(event.confidence, 0.01)
    if not weight:
        return [dedup_key(e) for e in events]
    order = {g: i for i, g in reversed(list(enumerate(groups)))}

    def main(candidates: set[str]) -> str:  # the group the item reports most surely, then the first
        return min(candidates, key=lambda g: (-round(weight[g], 6), order[g]))

    tokens = [person_tokens(e.person_norm or e.person) for e in events]
    keys = []
    for i, event in enumerate(events):
        same_change = {groups[j] for j, other in enumerate(events)
                       if groups[j] and change_family(other.change) == change_family(event.change)
                       and tokens[i] and compare_people(tokens[i], tokens[j]) in (PERSON, SURNAME)}
        mover = next((j for j, other in enumerate(events) if j != i and change_family(event.change) == "entry"
                      and change_family(other.change) == "exit" and other.to_org and groups[j]
                      and org_group(other.to_org) == groups[i] and tokens[i]
                      and compare_people(tokens[i], tokens[j]) in (PERSON, SURNAME)), None)
        if mover is not None:  # "X leaves A to join B": the arrival is the exit's move, one alert
            keys.append(f"org:{groups[mover]}")
        elif groups[i] and len(same_change) > 1:
            keys.append(f"org:{main(same_change)}")
        elif groups[i]:
            keys.append(f"org:{groups[i]}")
        else:
            keys.append(f"org:{main(same_change or set(weight))}")
    return keys
