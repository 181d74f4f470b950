"""The pure dedup step: given the open alerts under one key and a new report, decide new/update/duplicate.

State is plain JSON-safe data (a list of cluster dicts) so the Faust Table and the offline
``classify`` path share this one implementation.

A report joins an open alert when it reports the same kind of change (``keys.CHANGE_FAMILY``)
within the time window and the people agree (``persons.compare_people``):
- the full names agree: it joins whatever organisation it names, so one report with a wrong
  organisation (a detector reading the destination as the company left) still joins;
- only a surname is given: the organisations must agree (same, alias, parent or subsidiary);
- one side names nobody: the organisations must agree and the roles must not contradict.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from streams.dedup import orgs, persons
from streams.dedup.keys import change_family
from streams.models import Alert, LeadershipReport, Source

MAX_SOURCES = 50  # per alert: enough to corroborate, bounded so state stays small
MAX_CLUSTERS_PER_KEY = 200  # open alerts per organisation, bounded so one value stays small
MAX_ORG_NAMES = 8  # the organisation names an alert was reported under, for matching

_PERSON_RANK = {persons.PERSON: 3, persons.SURNAME: 2, persons.UNNAMED: 1}
_ORG_RANK = {orgs.SAME: 3, orgs.RELATED: 2, orgs.UNKNOWN: 1, orgs.DIFFERENT: 0}
# Role titles by what they are, to keep an unnamed "new CFO" off a named CEO's alert.
_ROLE_HEADS = (("chief executive", "ceo"), ("ceo", "ceo"), ("cfo", "cfo"), ("financial", "cfo"),
               ("cto", "cto"), ("technology", "cto"), ("coo", "coo"), ("operating", "coo"),
               ("chair", "chair"), ("president", "president"), ("board", "board"))


@dataclass(frozen=True)
class Decision:
    kind: str  # "new", "update" or "duplicate"
    alert: Alert | None
    clusters: list[dict]  # the new state for this key
    alert_id: str = ""  # the alert this report belongs to (for a duplicate: the one it repeats)
    key: str = ""  # the dedup key it was merged under (set by the caller that routed it)
    routed_from: str = ""  # the report's own key, when a person route sent it to ``key``


def _timestamp(iso: str | None, fallback: float) -> float:
    if not iso:
        return fallback
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return fallback


def event_time(report: LeadershipReport, now: float) -> float:
    """When the report's item was published, in seconds; ``now`` when it gives no date."""
    return _timestamp(report.item.published, now)


def alert_id_for(key: str, report: LeadershipReport, when: float, window_s: float,
                 taken: set[str]) -> str:
    """Deterministic: dedup key, surname (one spelling), kind of change and the window the event falls in.

    Not the first item's id: which outlet's report reaches the worker first varies from run to
    run, and the id must not. Reports in one window that share these keys would have merged, so
    the id is unique per key; ``taken`` guards the corners (two people of one surname, or an
    unnamed report named later).
    """
    event = report.event
    bucket = int(when // window_s) if window_s > 0 else 0
    basis = "|".join((key, persons.spelling_key(persons.surname(event.person_norm or event.person)),
                      change_family(event.change), str(bucket)))
    alert_id = hashlib.sha256(basis.encode()).hexdigest()[:20]
    while alert_id in taken:
        alert_id = hashlib.sha256(alert_id.encode()).hexdigest()[:20]
    return alert_id


@lru_cache(maxsize=1024)
def _role_head(role: str | None) -> str:
    folded = persons.ascii_fold(role or "")
    return next((head for word, head in _ROLE_HEADS if word in folded), folded.strip())


@dataclass(frozen=True)
class _Probe:
    """What a report is matched on, computed once per report."""

    family: str
    tokens: tuple[str, ...]
    org: orgs.Org | None
    role_head: str


def _probe(report: LeadershipReport) -> _Probe:
    event = report.event
    return _Probe(family=change_family(event.change),
                  tokens=persons.person_tokens(event.person_norm or event.person),
                  org=orgs.resolve_org(event.org), role_head=_role_head(event.role))


def _match(cluster: dict, report: LeadershipReport, probe: _Probe, when: float,
           window_s: float) -> tuple[tuple, list[str]] | None:
    """(rank, merged_on) when ``report`` reports the change ``cluster`` alerts on, else None."""
    event = report.event
    if abs(when - cluster["first_seen_ts"]) > window_s:
        return None
    move = cluster["family"] != probe.family and (cluster.get("to_org") or event.to_org) is not None \
        and _one_move(cluster, event, probe)
    if cluster["family"] != probe.family and not move:
        return None
    person = persons.compare_people(tuple(cluster["person_tokens"]), probe.tokens)
    if not person:
        return None
    theirs = [orgs.resolve_org(name) for name in cluster.get("org_names") or [cluster["org"]]]
    org = max((orgs.compare_orgs(o, probe.org) for o in theirs), key=_ORG_RANK.__getitem__)
    if move:
        org = orgs.RELATED  # the arrival is where the exit said the person goes
    roles_agree = _role_head(cluster["role"]) == probe.role_head
    if person == persons.SURNAME and org == orgs.DIFFERENT:
        return None  # 'Cook' at one company is not 'Tim Cook' at another
    if person == persons.UNNAMED and (org not in (orgs.SAME, orgs.RELATED) or
                                      (cluster["role"] and event.role and not roles_agree)):
        return None
    rank = (_PERSON_RANK[person], _ORG_RANK[org], roles_agree, -abs(when - cluster["first_seen_ts"]))
    same_change = "move" if move else "change" if cluster["change"] == event.change else "change-family"
    merged_on = [person, *([org] if _ORG_RANK[org] >= 2 else []), same_change, "time-window"]
    return rank, merged_on


def _one_move(cluster: dict, event, probe: _Probe) -> bool:
    """An exit that names where the person goes and the arrival there: one move ("X leaves A
    for B" and "B hires X"), whichever is reported first."""
    families = {cluster["family"], probe.family}
    if families != {"exit", "entry"} or not probe.tokens:
        return False
    if cluster["family"] == "exit":
        dest, arrival = cluster.get("to_org"), event.org
    else:
        dest, arrival = event.to_org, cluster["org"]
    return bool(dest and arrival) and orgs.compare_orgs(orgs.resolve_org(dest), orgs.resolve_org(arrival)) \
        in (orgs.SAME, orgs.RELATED)


def merge_report(clusters: list[dict] | None, key: str, report: LeadershipReport, *,
                 window_hours: float, now: float) -> Decision:
    """Merge one report into the alerts open under ``key``.

    Args:
        clusters: the current state for ``key`` (None or [] when nothing is open).
        key: the dedup key of the report's event.
        report: the event and the item that reported it.
        window_hours: reports further apart than this never merge.
        now: wall-clock seconds, used when the item has no published date.
    Returns:
        The decision, the alert to emit (None for a duplicate) and the new state.
    """
    clusters = list(clusters or ())  # a new list; a cluster that changes is copied (_absorb)
    window_s = window_hours * 3600
    when = event_time(report, now)
    probe = _probe(report)
    candidates = []  # (rank, index, merged_on) of every alert the report could join
    moving = report.event.to_org is not None
    for index, cluster in enumerate(clusters):
        if abs(when - cluster["first_seen_ts"]) > window_s or (
                cluster["family"] != probe.family and not (moving or cluster.get("to_org"))):
            continue  # the cheap tests first: most alerts under a key are other changes
        found = _match(cluster, report, probe, when, window_s)
        if found:
            candidates.append((found[0], index, found[1]))
    source = _source(report)
    for _, index, _ in candidates:  # a repeat of any of them, however the ranks moved since
        if _repeats(clusters[index], report, source):
            return Decision("duplicate", None, clusters, clusters[index]["alert_id"])
    if candidates:
        _, index, merged_on = max(candidates, key=lambda c: c[0])
        cluster = _absorb(clusters[index], report, source, when, now)
        clusters[index] = cluster
        return Decision("update", _alert(cluster, "update", source, merged_on), clusters,
                        cluster["alert_id"])
    cluster = _open(key, report, when, window_s, {c["alert_id"] for c in clusters}, now)
    clusters.append(cluster)
    return Decision("new", _alert(cluster, "new", source, ["first-report"]),
                    _bound(clusters), cluster["alert_id"])


def _repeats(cluster: dict, report: LeadershipReport, source: Source) -> bool:
    """The report repeats one the alert has: same item (re-polled), same link, or the same
    headline in the same language (a syndicated copy under another link)."""
    if report.item.item_id in cluster["item_ids"]:
        return True
    headline = _headline_key(source.title)
    for seen in cluster["sources"]:
        if source.url and source.url == seen["url"]:
            return True
        if headline and seen["lang"] == source.lang and _headline_key(seen["title"]) == headline:
            return True
    return False


@lru_cache(maxsize=16384)
def _headline_key(title: str) -> str:
    words = persons.ascii_fold(title or "").split()
    return " ".join("".join(ch for ch in w if ch.isalnum()) for w in words) if len(words) >= 4 else ""


def _open(key: str, report: LeadershipReport, when: float, window_s: float, taken: set[str],
          now: float) -> dict:
    event = report.event
    return {
        "alert_id": alert_id_for(key, report, when, window_s, taken),
        "family": change_family(event.change),
        "change": event.change,
        "person": event.person,
        "person_tokens": list(persons.person_tokens(event.person_norm or event.person)),
        "role": event.role,
        "org": event.org,
        "org_key": orgs.normalize_org(event.org),
        "org_names": [event.org] if event.org else [],
        "to_org": event.to_org,
        "headline": report.item.title,
        "confidence": event.confidence,
        "evidence": event.evidence,
        "first_seen": report.item.published or _iso(when),
        "first_seen_ts": when,
        "last_seen_ts": when,
        "touched_at": now,
        "languages": [report.language],
        "sources": [_source_dict(_source(report))],
        "item_ids": [report.item.item_id],
    }


def _absorb(cluster: dict, report: LeadershipReport, source: Source, when: float,
            now: float) -> dict:
    event = report.event
    cluster = dict(cluster)
    tokens = persons.person_tokens(event.person_norm or event.person)
    if len(tokens) > len(cluster["person_tokens"]):  # named at last, or in full: 'Altman' -> 'Sam Altman'
        cluster["person"] = event.person
        cluster["person_tokens"] = list(tokens)
    if not cluster["org"] and event.org:
        cluster["org"], cluster["org_key"] = event.org, orgs.normalize_org(event.org)
    names = cluster.get("org_names") or ([cluster["org"]] if cluster["org"] else [])
    if event.org and event.org not in names and len(names) < MAX_ORG_NAMES:
        names = [*names, event.org]
    cluster["org_names"] = names
    cluster["to_org"] = cluster["to_org"] or event.to_org
    cluster["role"] = cluster["role"] or event.role
    cluster["confidence"] = max(cluster["confidence"], event.confidence)
    if report.language not in cluster["languages"]:
        cluster["languages"] = sorted([*cluster["languages"], report.language])
    if len(cluster["sources"]) < MAX_SOURCES:
        cluster["sources"] = [*cluster["sources"], _source_dict(source)]
    cluster["item_ids"] = [*cluster["item_ids"], report.item.item_id][-MAX_SOURCES:]
    cluster["last_seen_ts"] = max(cluster["last_seen_ts"], when)
    cluster["touched_at"] = now
    return cluster


def expire_clusters(clusters: list[dict], now: float, retention_s: float) -> list[dict]:
    """The clusters some report touched within ``retention_s`` (wall clock) of ``now``."""
    return [c for c in clusters if now - c.get("touched_at", now) <= retention_s]


def _bound(clusters: list[dict]) -> list[dict]:
    """At most MAX_CLUSTERS_PER_KEY alerts per key: the least recently touched go first.

    Not by event time: feeds deliver old items late and out of order, and dropping an alert
    because a newer event arrived first would announce the old change a second time. Time
    expiry is the sweep's job (``expire_clusters``, wall clock).
    """
    if len(clusters) <= MAX_CLUSTERS_PER_KEY:
        return clusters
    return sorted(clusters, key=lambda c: c.get("touched_at", 0.0))[-MAX_CLUSTERS_PER_KEY:]


def _source(report: LeadershipReport) -> Source:
    item = report.item
    return Source(url=item.link, title=item.title, lang=report.language,
                  feed=item.source or item.feed_url, published=item.published)


def _alert(cluster: dict, kind: str, source: Source, merged_on: list[str]) -> Alert:
    return Alert(
        alert_id=cluster["alert_id"], kind=kind, change=cluster["change"],
        person={"name": cluster["person"], "role": cluster["role"]},
        org=cluster["org"], to_org=cluster["to_org"], headline=cluster["headline"],
        confidence=cluster["confidence"], first_seen=cluster["first_seen"],
        languages=tuple(sorted(cluster["languages"])),
        sources=tuple(Source(**s) for s in cluster["sources"]),
        evidence=cluster["evidence"], merged_on=tuple(merged_on), source=source)


def _source_dict(source: Source) -> dict:
    return {"url": source.url, "title": source.title, "lang": source.lang,
            "feed": source.feed, "published": source.published}


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
