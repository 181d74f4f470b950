"""Which Slack destinations an alert goes to, from the SHAKEUP_SLACK_ROUTES rules. Pure.

Rules are ``;``-separated ``match=destination`` pairs, checked in order; *every* rule that matches
adds its destination (so "all to #leadership, OpenAI also to #ai-watch" is two rules), and an
alert no rule matches goes to the default destination::

    org:OpenAI=#ai-watch; change:firing=#exits; *=#leadership

``org:NAME`` matches the organisation or the destination organisation (case-insensitive, exact
name); ``change:TYPE`` matches the change type; ``*`` matches everything. A destination is a
channel (``#name`` or an ID) in bot-token mode and an incoming-webhook URL in webhook mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.errors import ConfigError
from streams.models import CHANGE_TYPES, Alert


@dataclass(frozen=True)
class Route:
    field: str  # "org", "change" or "*"
    value: str  # casefolded
    destination: str


def parse_routes(text: str) -> tuple[Route, ...]:
    """Parse the rules string.

    Raises:
        ConfigError: a rule is not ``match=destination`` or names an unknown field or change.
    """
    routes = []
    for raw in text.split(";"):
        rule = raw.strip()
        if not rule:
            continue
        match, sep, destination = rule.partition("=")
        match, destination = match.strip(), destination.strip()
        if not sep or not match or not destination:
            raise ConfigError(f"SHAKEUP_SLACK_ROUTES: {rule!r} is not 'match=destination'")
        if match == "*":
            routes.append(Route("*", "", destination))
            continue
        field, colon, value = match.partition(":")
        field, value = field.strip().lower(), value.strip().casefold()
        if not colon or field not in ("org", "change") or not value:
            raise ConfigError(
                f"SHAKEUP_SLACK_ROUTES: {match!r} should be 'org:NAME', 'change:TYPE' or '*'")
        if field == "change" and value not in CHANGE_TYPES:
            raise ConfigError(f"SHAKEUP_SLACK_ROUTES: unknown change {value!r}; "
                              f"one of {', '.join(CHANGE_TYPES)}")
        routes.append(Route(field, value, destination))
    return tuple(routes)


def destinations(alert: Alert, routes: tuple[Route, ...], default: str) -> tuple[str, ...]:
    """The destinations of ``alert``, in rule order without repeats; ``default`` if none matched."""
    found: list[str] = []
    for route in routes:
        if _matches(route, alert) and route.destination not in found:
            found.append(route.destination)
    if not found and default:
        found.append(default)
    return tuple(found)


def _matches(route: Route, alert: Alert) -> bool:
    if route.field == "*":
        return True
    if route.field == "change":
        return _fold(alert.change) == route.value
    return route.value in (_fold(alert.org), _fold(alert.to_org))


def _fold(value: object) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""
