"""The arrival an exit names: "leaves A to join rival B as chief strategy officer" is also an
appointment at B, when the item gives the post there.

A departure's destination (``to_org``) comes from many shapes ("for rival B", "passa alla
concorrente B", "przechodzi do B"), and so does the post taken there: "B as CSO", "B come CTO",
"directrice technique de la rivale B", "obejmie stanowisko dyrektora ... w B". A leader's title
bound to B that no other person holds, or a title a few words after B ("B as CSO", "B como
director", "B, where he becomes CTO") is the post. Without one it is no appointment: a
researcher who leaves for a rival takes no leadership post there.
"""

from __future__ import annotations

from dataclasses import replace

from streams.detect.mentions import Mentions, Role
from streams.detect.salience import ItemContext
from streams.models import LeadershipEvent

__all__ = ["with_arrivals"]

AFTER_REACH = 8  # tokens between the destination's name and the title taken there


def with_arrivals(events: list[LeadershipEvent], ctx: ItemContext) -> list[LeadershipEvent]:
    """``events`` with an appointment at the destination of each exit that names its post."""
    out = list(events)
    for ev in events:
        if not ev.to_org or not ev.person:
            continue
        dest = ev.to_org.lower()
        if any(e.person_norm == ev.person_norm and e.org.lower() == dest for e in events):
            continue
        role = _post_at(ctx, dest)
        if role is not None:
            out.append(replace(ev, role=role.title, org=ev.to_org, change="appointment", to_org=None,
                               confidence=round(max(0.5, ev.confidence - 0.1), 2)))
    return out


def _post_at(ctx: ItemContext, dest: str) -> Role | None:
    """A leadership title the item gives at ``dest`` (lowercase) that is nobody else's."""
    for m in ctx.mentions:
        held = {id(r) for name in m.persons() for r in name.roles}
        for role in m.roles:
            if role.leader and not role.relational and not role.former and id(role) not in held \
                    and (role.org.lower() == dest or ctx.canonical_org(role.org).lower() == dest):
                return role
        after = _title_after(m, ctx, dest)
        if after is not None and id(after) not in held:
            return after
    return None


def _title_after(m: Mentions, ctx: ItemContext, dest: str) -> Role | None:
    """A title a few words after the destination's name, with no other name between:
    "Vantorix as chief strategy officer", "Vantorix como director de estrategia", "Quantelis,
    where he becomes CSO", "Vantorix, dove ricoprirà il ruolo di CSO"."""
    tokens = m.sentence.tokens
    for name in m.names:
        if name.text.lower() != dest and ctx.canonical_org(name.text).lower() != dest:
            continue
        for k in range(name.end, min(len(tokens), name.end + AFTER_REACH)):
            if tokens[k].text in (";", ":", "(") or (k in m.name_at and k not in m.role_at):
                break
            role = m.role_at.get(k)
            if role is not None:
                return role if role.leader and not role.relational and not role.former else None
    return None
