"""Scores detector output against a labelled JSONL set: item P/R/F1, event F1, dedup B-cubed."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from streams.dedup.orgs import LEADING_ARTICLE
from streams.detect.normalize import normalize_person
from streams.errors import ShakeupError

_ORG_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|se|gmbh|sa|s\.?a|"
    r"s\.?p\.?a|s p a|s a|sp z o o|sp|srl|sarl|sas|kgaa|nv|bv|holdings?|group|grupo|gruppo|groupe|gruppe|grupa|platforms)\b\.?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_ARTICLE = re.compile(rf"^{LEADING_ARTICLE}(?=\w)")
REQUIRED = ("id", "title", "leadership_change", "events")
EVENT_KEYS = ("person", "org", "change")


class LabelError(ShakeupError):
    """A labelled file is malformed; the message names the line."""


@dataclass(frozen=True)
class Prf:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Everything ``shakeup eval`` prints."""

    items: dict[str, Prf]  # per language, plus "all"
    support: dict[str, int]  # items per language, plus "all"
    events: Prf
    events_by_lang: dict[str, Prf]  # event matching per language
    surname_events: Prf  # events matched on surname + org + change
    surname_events_by_lang: dict[str, Prf]
    to_org_accuracy: float  # on matched events that have a gold or predicted to_org
    bcubed_multi: float  # extended B-cubed F1 over positive items, clusters as multi-membership
    bcubed_primary: float  # B-cubed F1, primary `cluster` against the item's headline alert
    alerts_per_event: float  # distinct alerts per gold cluster (1.0 is ideal)
    # the primary B-cubed and alerts per event over each language's positive items alone
    dedup_by_lang: dict[str, tuple[float, float]] = field(default_factory=dict)
    by_change: "DedupByChange | None" = None  # dedup at the alert's own granularity (see below)
    errors: list[str] = field(default_factory=list)


def normalize_org(name: str | None) -> str:
    """Loose organisation key: casefold, ASCII, legal suffixes, a leading article ("De Waalbode",
    "The Information": the detector writes such names without it) and punctuation dropped."""
    text = normalize_person(name or "")
    text = re.sub(r"'s\b", "", text)
    text = _LEADING_ARTICLE.sub("", text)
    return _NON_ALNUM.sub("", _ORG_SUFFIX.sub(" ", text))


def _person(event: dict) -> str:
    """The event's person, normalised; "" for an unnamed one (gold "unnamed (the CFO)")."""
    name = normalize_person(event.get("person") or "")
    return "" if name.startswith("unnamed") else name


def _org(event: dict) -> str:
    """The event's organisation, normalised; "" for one the report does not name (gold
    "unnamed (media empire)"), as the detector writes it."""
    org = normalize_org(event.get("org"))
    return "" if org.startswith("unnamed") else org


def event_key(event: dict) -> tuple[str, str, str]:
    return _person(event), _org(event), event.get("change") or ""


def surname_key(event: dict) -> tuple[str, str, str]:
    """The looser event key of real-feed scoring: surname, organisation, change."""
    words = _person(event).replace("-", " ").split()
    return (words[-1] if words else ""), _org(event), event.get("change") or ""


def load_labelled(path: str | Path) -> list[dict]:
    """Read a labelled JSONL file. Raises LabelError naming the first bad line."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelError(f"{path}:{n}: not JSON: {exc.msg}") from exc
            check_record(rec, f"{path}:{n}")
            records.append(rec)
    return records


def check_record(rec: object, where: str) -> None:
    """Raise LabelError unless ``rec`` follows the labelled-item schema."""
    if not isinstance(rec, dict):
        raise LabelError(f"{where}: expected a JSON object")
    missing = [k for k in REQUIRED if k not in rec]
    if missing:
        raise LabelError(f"{where}: missing {', '.join(missing)}")
    if not isinstance(rec["id"], str) or not isinstance(rec["title"], str):
        raise LabelError(f"{where}: id and title must be strings")
    if not isinstance(rec["events"], list) or not isinstance(rec["leadership_change"], bool):
        raise LabelError(f"{where}: events must be a list and leadership_change a boolean")
    for ev in rec["events"]:
        if not isinstance(ev, dict) or any(not isinstance(ev.get(k), str) for k in EVENT_KEYS):
            raise LabelError(f"{where}: each event needs string person, org and change")


def _bcubed(gold: dict[str, set[str]], pred: dict[str, set[str]]) -> float:
    """Extended B-cubed (Amigo et al. 2009): items may belong to several clusters."""
    ids = list(gold)
    if not ids:
        return 1.0
    precision = recall = 0.0
    for i in ids:
        p_sum = r_sum = 0.0
        p_n = r_n = 0
        for j in ids:
            shared_pred = len(pred[i] & pred[j])
            shared_gold = len(gold[i] & gold[j])
            if shared_pred:
                p_sum += min(shared_pred, shared_gold) / shared_pred
                p_n += 1
            if shared_gold:
                r_sum += min(shared_pred, shared_gold) / shared_gold
                r_n += 1
        precision += p_sum / p_n if p_n else 1.0
        recall += r_sum / r_n if r_n else 1.0
    precision, recall = precision / len(ids), recall / len(ids)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# Kinds of change that are one move whatever verb an outlet used (labelling conventions 5-6).
CHANGE_FAMILY = {"departure": "exit", "firing": "exit", "retirement": "exit", "leave": "leave",
                 "appointment": "entry", "return": "entry"}


@dataclass(frozen=True)
class DedupByChange:
    """Dedup scored per real-world change: what one alert is (one person, one change).

    A labelled cluster is one announcement and holds every change it reports (a succession is
    two), so scoring per-change alerts against clusters item by item punishes every correct
    succession. Here each (item, gold event) is one element, its gold class the change
    (cluster, person, kind of change), its predicted class the alert of the detected event of
    the same person and kind; an undetected event is a singleton (``bcubed``) or left out
    (``bcubed_detected``, dedup alone).
    """

    bcubed: float
    bcubed_detected: float
    alerts_per_change: float  # distinct alerts per gold change (1.0 is ideal)
    merged: int  # alerts holding two or more gold changes (0 is the bar)


def _alerts_per_event(gold_primary: dict[str, set[str]], pred_primary: dict[str, set[str]]) -> float:
    """Distinct headline alerts per gold cluster, over the items that made one."""
    per_cluster: dict[str, set[str]] = defaultdict(set)
    for item_id, clusters in gold_primary.items():
        for cluster in clusters:
            if not next(iter(pred_primary[item_id])).startswith("none:"):
                per_cluster[cluster] |= pred_primary[item_id]
    return sum(len(v) for v in per_cluster.values()) / len(per_cluster) if per_cluster else 0.0


def _surname(name: str) -> str:
    words = normalize_person(name).replace("-", " ").split()
    return words[-1] if words else ""


def score_dedup_by_change(gold: list[dict], predicted: dict[str, dict]) -> DedupByChange:
    """B-cubed F1 of alerts against real-world changes (see ``DedupByChange``)."""
    clusters_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # roundups: which cluster
    for rec in gold:
        if len(rec.get("clusters") or []) == 1:
            for ev in rec["events"]:
                clusters_of[(normalize_person(ev["person"]), ev["change"])].add(rec["clusters"][0])
    gold_cls: dict[tuple, set] = {}
    pred_cls: dict[tuple, set] = {}
    for rec in gold:
        if not rec["leadership_change"]:
            continue
        pred = predicted.get(rec["id"], {})
        pairs = list(zip(pred.get("events") or [], pred.get("alert_ids") or []))
        for ev in rec["events"]:
            person = normalize_person(ev["person"])
            family = CHANGE_FAMILY.get(ev["change"], ev["change"])
            options = clusters_of.get((person, ev["change"]), set()) & set(rec.get("clusters") or [])
            change = (min(options) if options else rec.get("cluster"), person, family)
            element = (rec["id"], change)
            if element in gold_cls:
                continue  # one person's one change reported twice in an item (two orgs)
            found = [(normalize_org(p.get("org")) == normalize_org(ev["org"]), alert)
                     for p, alert in pairs if alert and _surname(p.get("person") or "") == _surname(person)
                     and CHANGE_FAMILY.get(p.get("change")) == family]
            gold_cls[element] = {change}
            pred_cls[element] = {max(found)[1]} if found else {f"none:{element}"}
    detected = [e for e in gold_cls if not next(iter(pred_cls[e])).startswith("none:")]
    alerts_of: dict[tuple, set[str]] = defaultdict(set)
    changes_of: dict[str, set[tuple]] = defaultdict(set)
    for element in detected:
        (change,), (alert,) = gold_cls[element], pred_cls[element]
        alerts_of[change].add(alert)
        changes_of[alert].add(change)
    return DedupByChange(
        bcubed=_bcubed(gold_cls, pred_cls),
        bcubed_detected=_bcubed({e: gold_cls[e] for e in detected}, {e: pred_cls[e] for e in detected}),
        alerts_per_change=sum(map(len, alerts_of.values())) / len(alerts_of) if alerts_of else 0.0,
        merged=sum(len(v) > 1 for v in changes_of.values()))


def score(gold: Iterable[dict], predicted: dict[str, dict]) -> Report:
    """Compare gold records with predictions keyed by item id.

    A prediction is ``{"leadership_change": bool, "events": [...], "alert_id": str,
    "alert_ids": [one per event]}`` (the ``classify`` output line, plus ``alert_ids``).
    """
    gold = list(gold)
    counts: dict[str, Counter] = defaultdict(Counter)
    ev_tp = ev_fp = ev_fn = 0
    ev_lang: dict[str, Counter] = defaultdict(Counter)
    sur_lang: dict[str, Counter] = defaultdict(Counter)
    to_org_hits = to_org_total = 0
    errors: list[str] = []
    gold_multi: dict[str, set[str]] = {}
    pred_multi: dict[str, set[str]] = {}
    gold_primary: dict[str, set[str]] = {}
    pred_primary: dict[str, set[str]] = {}
    item_lang: dict[str, str] = {}
    for rec in gold:
        pred = predicted.get(rec["id"], {"leadership_change": False, "events": []})
        lang = rec.get("eval_lang") or rec.get("lang") or "?"
        truth, guess = rec["leadership_change"], bool(pred.get("leadership_change"))
        cell = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}.get((truth, guess))
        if cell:
            counts[lang][cell] += 1
            counts["all"][cell] += 1
        counts[lang]["n"] += 1
        counts["all"]["n"] += 1
        gold_events = {event_key(e): e for e in rec["events"]}
        pred_events = {event_key(e): e for e in pred.get("events", [])}
        for key in gold_events.keys() & pred_events.keys():
            g, p = gold_events[key].get("to_org"), pred_events[key].get("to_org")
            if g or p:
                to_org_total += 1
                to_org_hits += normalize_org(g) == normalize_org(p)
        ev_tp += len(gold_events.keys() & pred_events.keys())
        ev_fp += len(pred_events.keys() - gold_events.keys())
        ev_fn += len(gold_events.keys() - pred_events.keys())
        ev_lang[lang]["tp"] += len(gold_events.keys() & pred_events.keys())
        ev_lang[lang]["fp"] += len(pred_events.keys() - gold_events.keys())
        ev_lang[lang]["fn"] += len(gold_events.keys() - pred_events.keys())
        gold_sur = {surname_key(e) for e in rec["events"]}
        pred_sur = {surname_key(e) for e in pred.get("events", [])}
        for bucket in (sur_lang[lang], sur_lang["all"]):
            bucket["tp"] += len(gold_sur & pred_sur)
            bucket["fp"] += len(pred_sur - gold_sur)
            bucket["fn"] += len(gold_sur - pred_sur)
        for key in sorted(pred_events.keys() - gold_events.keys()):
            errors.append(f"{rec['id']} {lang} extra   {key}")
        for key in sorted(gold_events.keys() - pred_events.keys()):
            errors.append(f"{rec['id']} {lang} missing {key}")
        if truth:
            clusters = rec.get("clusters") or ([rec["cluster"]] if rec.get("cluster") else [])
            gold_multi[rec["id"]] = set(clusters)
            gold_primary[rec["id"]] = {rec.get("cluster") or clusters[0]} if clusters else set()
            alert_ids = [a for a in pred.get("alert_ids") or [] if a]
            pred_multi[rec["id"]] = set(alert_ids) or {f"none:{rec['id']}"}
            pred_primary[rec["id"]] = {pred.get("alert_id") or f"none:{rec['id']}"}
            item_lang[rec["id"]] = lang
    alerts = _alerts_per_event(gold_primary, pred_primary)
    dedup_by_lang = {}
    for lang in {item_lang[i] for i in gold_primary}:
        mine = [i for i in gold_primary if item_lang[i] == lang]
        gold_l, pred_l = {i: gold_primary[i] for i in mine}, {i: pred_primary[i] for i in mine}
        dedup_by_lang[lang] = (_bcubed(gold_l, pred_l), _alerts_per_event(gold_l, pred_l))
    items = {lang: Prf(c["tp"], c["fp"], c["fn"]) for lang, c in counts.items()}
    return Report(items=items, support={lang: c["n"] for lang, c in counts.items()},
                  events=Prf(ev_tp, ev_fp, ev_fn),
                  events_by_lang={lang: Prf(c["tp"], c["fp"], c["fn"]) for lang, c in ev_lang.items()},
                  surname_events=Prf(sur_lang["all"]["tp"], sur_lang["all"]["fp"], sur_lang["all"]["fn"]),
                  surname_events_by_lang={lang: Prf(c["tp"], c["fp"], c["fn"])
                                          for lang, c in sur_lang.items() if lang != "all"},
                  to_org_accuracy=to_org_hits / to_org_total if to_org_total else 1.0,
                  bcubed_multi=_bcubed(gold_multi, pred_multi),
                  bcubed_primary=_bcubed(gold_primary, pred_primary),
                  alerts_per_event=alerts, dedup_by_lang=dedup_by_lang,
                  by_change=score_dedup_by_change(gold, predicted),
                  errors=errors)


def render(report: Report) -> str:
    """The table ``shakeup eval`` prints."""
    order = sorted((k for k in report.items if k != "all"), key=lambda k: (-report.support[k], k))
    lines = [f"{'lang':<6}{'items':>6}{'pos':>5}{'prec':>8}{'recall':>8}{'F1':>8}{'event F1':>10}"
             f"{'surname':>9}{'dedup B3':>10}{'alerts/ev':>11}"]
    for lang in order + ["all"]:
        prf = report.items[lang]
        ev = report.events if lang == "all" else report.events_by_lang.get(lang, Prf(0, 0, 0))
        sur = report.surname_events if lang == "all" else report.surname_events_by_lang.get(lang, Prf(0, 0, 0))
        b3, per_event = (report.bcubed_primary, report.alerts_per_event) if lang == "all" else \
            report.dedup_by_lang.get(lang, (None, None))
        dedup = f"{b3:>10.3f}{per_event:>11.2f}" if b3 is not None else f"{'-':>10}{'-':>11}"
        lines.append(f"{lang:<6}{report.support[lang]:>6}{prf.tp + prf.fn:>5}{prf.precision:>8.3f}"
                     f"{prf.recall:>8.3f}{prf.f1:>8.3f}{ev.f1:>10.3f}{sur.f1:>9.3f}{dedup}")
    ev, sur = report.events, report.surname_events
    lines += ["",
              f"events (person+org+change): precision {ev.precision:.3f}  recall {ev.recall:.3f}  "
              f"F1 {ev.f1:.3f}  (tp {ev.tp}, fp {ev.fp}, fn {ev.fn})",
              f"events (surname+org+change): precision {sur.precision:.3f}  recall {sur.recall:.3f}  "
              f"F1 {sur.f1:.3f}  (tp {sur.tp}, fp {sur.fp}, fn {sur.fn})",
              f"to_org accuracy on matched events: {report.to_org_accuracy:.3f}",
              f"dedup: B-cubed F1 {report.bcubed_multi:.3f} (clusters, multi-membership), "
              f"{report.bcubed_primary:.3f} (primary cluster vs headline alert); "
              f"alerts per real-world event {report.alerts_per_event:.2f}"]
    if report.by_change:
        bc = report.by_change
        lines.append(f"dedup by change: B-cubed F1 {bc.bcubed:.3f} ({bc.bcubed_detected:.3f} on the "
                     f"changes detected); alerts per real-world change {bc.alerts_per_change:.2f}; "
                     f"alerts merging two changes {bc.merged}")
    return "\n".join(lines)
