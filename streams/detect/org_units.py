"""Units and their companies, as an item writes them: "Microsoft's Surface chief", "Microsoft
Windows and Surface leader". The change is reported at the company (see ``ItemContext.parent_org``)."""

from __future__ import annotations

from streams.detect.lexicon import Lexicon
from streams.detect.mentions import Mentions


def find_parents(mentions: list[Mentions], unproven: set[str], lex: Lexicon) -> dict[str, str]:
    """Each unit the item names (lowercase) and the company it says owns it: an owner's
    possessive before it ("Microsoft's former Surface chief"), a company's name written before a
    product-like name ("Microsoft Windows"), and the units listed with those ("... and Surface")."""
    parents: dict[str, str] = {}
    alone = {n.text for m in mentions for n in m.names if n.kind == "org" and " " not in n.text}
    for m in mentions:
        tokens = m.sentence.tokens
        for name in m.names:
            if name.kind != "org" and not (name.text in unproven):
                continue
            k = name.start - 1
            while k > 0 and name.start - k <= 2 and tokens[k].word and not tokens[k].cap:
                k -= 1  # "Microsoft's former Surface chief"
            owner = m.name_at.get(k - 1) if k > 0 and tokens[k].text == "'s" else None
            words = name.text.split()
            if owner is not None and owner.kind == "org" and owner is not name:
                parents.setdefault(name.text.lower(), owner.text)
                owner_text = owner.text
            elif len(words) > 1 and words[0] in alone and name.kind == "person":
                # "Microsoft Windows": a product or unit written after its company's name
                parents.setdefault(name.text.lower(), words[0])
                parents.setdefault(" ".join(words[1:]).lower(), words[0])
                owner_text = words[0]
            else:
                continue
            q = name.end  # "... Windows and Surface leader": the units listed with it
            while q + 1 < len(tokens) and tokens[q].lower in lex.coordinators:
                other = m.name_at.get(q + 1)
                if other is None or other.kind != "org":
                    break
                parents.setdefault(other.text.lower(), owner_text)
                q = other.end
    return parents
