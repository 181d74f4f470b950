"""Why the detector did or did not flag an item: what `shakeup explain` prints.

Built from ``analyse_item``'s record of one run, plus the cue checks read again (they are pure),
so an explanation never disagrees with what ``detect_leadership_changes`` returned.
"""

from __future__ import annotations

import dataclasses

from streams.detect.context import blocked, item_veto, news_date
from streams.detect.detector import Analysis
from streams.detect.lexicon import SUPPORTED, load_lexicon
from streams.detect.segmenter import MAX_SUMMARY, MAX_TITLE, clean, lower_aligned, split_parts
from streams.detect.triggers import item_words

TEXT_SHOWN = 240  # characters of a sentence shown


def explain_analysis(a: Analysis) -> dict:
    """A JSON-ready account of one item: language, sentences and their cues (fired, or the
    rule that blocked each), people and why they are people, raw and final events."""
    item = a.item
    out: dict = {"id": item.item_id, "title": item.title, "language": a.language,
                 "supported": a.supported, "leadership_change": bool(a.events)}
    if not a.supported:
        out["verdict"] = f"language '{a.language}' is not supported (supported: {', '.join(sorted(SUPPORTED))})"
        return out
    lex = load_lexicon(a.language)
    title, summary = clean(item.title, MAX_TITLE), clean(item.summary, MAX_SUMMARY)
    lower = f"{title}\n{summary}".lower()
    words = item_words(lower)
    anchors = lex.cue_index.present(words)
    parts = a.parts or split_parts(title, summary)
    veto = item_veto(lex, lower)
    read = {k: n for n, k in enumerate(a.chosen)}
    sentences = []
    for k, (in_title, text) in enumerate(parts):
        low = lower_aligned(text)
        ids = lex.cue_index.in_text(low, anchors) if anchors else []
        cues = []
        for cue_no, match in lex.cue_index.scan(low, ids=ids) if ids else ():
            cue = lex.cues[cue_no]
            cues.append({"cue": cue.cue_id, "change": cue.change or ("succession" if cue.succession else "idiom"),
                         "words": match.group(),
                         "verdict": _cue_verdict(a, lex, cue, low, match, k in a.live, read.get(k))})
        sentences.append({"n": k, "in_title": in_title, "text": text[:TEXT_SHOWN],
                          "read_for_names": k in read, "cues": cues})
    out["sentences"] = sentences
    if a.ctx is not None:
        out["people"] = [{"name": name, "person": True, "why": why} for name, why in a.ctx.evidence.items()] + \
            [{"name": name, "person": False, "why": "no sign it is a person (given name, title, "
                                                      "honorific, pronoun, speech verb)"}
             for name in sorted(a.ctx.unproven)] + \
            [{"name": name, "person": False, "why": why} for name, why in sorted(a.ctx.set_aside.items())]
    out["raw_events"] = [{"sentence": a.chosen[ev.sentence] if ev.sentence < len(a.chosen) else ev.sentence,
                          "person": ev.person, "role": ev.role, "org": ev.org, "change": ev.change,
                          "to_org": ev.to_org, "cue": f"{ev.cue.cue_id} '{ev.trigger}'"} for ev in a.raw]
    out["events"] = [dataclasses.asdict(ev) for ev in a.events]
    out["verdict"] = _verdict(a, anchors, veto)
    return out


def _cue_verdict(a: Analysis, lex, cue, low: str, match, live: bool, read_as: int | None) -> str:
    if cue.change is None and not cue.succession:
        return "idiom: blocks the changes it covers"
    why = blocked(lex, cue, low, match.start(), match.end(), news_date(a.item.published))
    if why:
        return f"blocked: {why}"
    if not live:
        return "screened out: no person, title or organisation where this cue needs one"
    found = [ev for ev in a.raw if ev.sentence == read_as and ev.trigger == match.group()]
    if not found:
        return "fired, no event: no person (with a sign of being one) or organisation bound to it"
    return "fired: " + "; ".join(f"{ev.person or '(unnamed)'} / {ev.org or '?'} / {ev.change}" for ev in found)


def _verdict(a: Analysis, anchors: dict, veto: str) -> str:
    if a.events:
        return f"flagged: {len(a.events)} event(s)"
    if not anchors:
        return "not flagged: no change words (resign, appoint, ...) in the item"
    if veto:
        return f"not flagged: the item is out of scope ({veto})"
    if not a.live:
        return "not flagged: every change cue was blocked or screened out"
    if a.framing:
        return f"not flagged: the headline frames the item as no news of a change ({a.framing})"
    if not a.chosen:
        return "not flagged: neither the headline nor the lead reports a change (the live cues further down are background)"
    if not a.raw:
        return "not flagged: cues fired but bound no person and organisation"
    return "not flagged: the changes found were at no organisation the item names, or dropped in the merge"


def render_explanation(e: dict, dedup: list[dict] | None = None) -> str:
    """The explanation as text for a terminal; ``dedup`` gives, per event, the alert it joined."""
    lines = [f"item {e['id']}: {e['title'][:120]}", f"  language: {e['language']}"
             + ("" if e["supported"] else " (not supported)"), f"  verdict: {e['verdict']}"]
    for s in e.get("sentences", ()):
        if not s["cues"] and not s["in_title"]:
            continue
        where = "title" if s["in_title"] else f"sentence {s['n']}"
        lines.append(f"  [{where}] {s['text']}")
        for c in s["cues"]:
            lines.append(f"      cue {c['cue']} ({c['change']}) '{c['words']}': {c['verdict']}")
    for p in e.get("people", ()):
        lines.append(f"  {'person' if p['person'] else 'not a person'}: {p['name']} ({p['why']})")
    for ev, d in zip(e.get("events", ()), dedup or [{}] * len(e.get("events", ()))):
        lines.append(f"  event: {ev['person'] or '(unnamed)'} | {ev['role'] or '-'} | {ev['org'] or '(no organisation named)'} | "
                     f"{ev['change']}" + (f" -> {ev['to_org']}" if ev["to_org"] else "")
                     + f"  (cue {ev['cue']}, confidence {ev['confidence']})")
        if d:
            routed = f" (routed by the person from {d['routed_from']})" if d.get("routed_from") else ""
            lines.append(f"      alert {d['alert_id']} ({d['kind']}), key {d['key']}{routed}, "
                         f"matched on: {', '.join(d['merged_on']) or '-'}")
    return "\n".join(lines)
