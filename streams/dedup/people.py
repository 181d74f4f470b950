"""Person routes: one person's change reported under two organisations' keys is one change.

Dedup keys are organisations (``keys.py``), so that a report naming nobody meets the one that
names her. But one person can leave two companies at once, and outlets name one, the other or
both ("steps down as chairman of Fox and News Corp", "retires from News Corp", "Fox's founder
retires"): under organisation keys alone those are two alerts. So a report that names someone in
full is routed first by the person: the first report of a change records its organisation key
under the person's surname, and a later report naming the same person, with the same kind of
change, in the same time window, goes to that key, where ``clusters.py`` joins it on the full
name. So does the arrival an exit named ("X leaves A for B", then "B hires X": one move). A
surname alone routes nowhere: "Cook" at one company is not "Tim Cook" at another.

State per person key is a plain JSON-safe list of routes, as for the alerts' clusters.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.dedup.clusters import event_time, expire_clusters
from streams.dedup.keys import change_family
from streams.dedup.orgs import org_group
from streams.dedup.persons import PERSON, compare_people, person_tokens, spelling_key
from streams.models import LeadershipReport

__all__ = ["MAX_ROUTES_PER_PERSON", "Route", "expire_routes", "person_key", "route_report"]

MAX_ROUTES_PER_PERSON = 50  # open changes of people sharing one surname, bounded so one value stays small


@dataclass(frozen=True)
class Route:
    key: str  # the dedup key the report goes to
    routes: list[dict]  # the new state for the person key
    routed_from: str = ""  # the report's own key when the person's earlier report sent it elsewhere


def person_key(report: LeadershipReport) -> str | None:
    """The key a report is routed by: its person's surname, when it names someone in full."""
    tokens = person_tokens(report.event.person_norm or report.event.person)
    if len(tokens) < 2:
        return None
    return f"person:{spelling_key(tokens[-1])}"


def route_report(routes: list[dict] | None, report: LeadershipReport, *, window_hours: float,
                 now: float) -> Route:
    """Where ``report`` goes: the key of an earlier report of the same person's same kind of
    change within ``window_hours``, else its own (recorded for the reports after it).

    ``now`` is wall-clock seconds, for an item with no published date and for expiry.
    """
    routes = list(routes or ())
    event = report.event
    tokens = person_tokens(event.person_norm or event.person)
    family = change_family(event.change)
    when = event_time(report, now)
    window_s = window_hours * 3600
    listed = list(tokens)
    org, to_org = org_group(event.org), org_group(event.to_org)
    for index in range(len(routes) - 1, -1, -1):  # the latest first: the likeliest to match
        route = routes[index]
        if abs(when - route["first_seen_ts"]) > window_s or not (
                route["family"] == family or _one_move(route, family, org, to_org)):
            continue
        theirs = route["person_tokens"]
        if theirs == listed or compare_people(tuple(theirs), tokens) == PERSON:
            routes[index] = {**route, "touched_at": now}
            routed_from = report.dedup_key if route["key"] != report.dedup_key else ""
            return Route(route["key"], routes, routed_from)
    routes.append({"key": report.dedup_key, "family": family, "person_tokens": listed,
                   "org": org, "to_org": to_org, "first_seen_ts": when, "touched_at": now})
    if len(routes) > MAX_ROUTES_PER_PERSON:  # the least recently touched go first
        routes = sorted(routes, key=lambda r: r["touched_at"])[-MAX_ROUTES_PER_PERSON:]
    return Route(report.dedup_key, routes)


def _one_move(route: dict, family: str, org: str, to_org: str) -> bool:
    """An exit that names where the person goes and the arrival there ("X leaves A for B",
    "B hires X"), in either order: one move, so the arrival goes to the exit's key."""
    if {route["family"], family} != {"exit", "entry"}:
        return False
    if route["family"] == "exit":
        return bool(org) and route.get("to_org") == org
    return bool(to_org) and route.get("org") == to_org


def expire_routes(routes: list[dict], now: float, retention_s: float) -> list[dict]:
    """The routes some report touched within ``retention_s`` (wall clock) of ``now``."""
    return expire_clusters(routes, now, retention_s)
