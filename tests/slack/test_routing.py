"""Channel routing rules: parse, match by organisation or change, fan out, default."""

from __future__ import annotations

import pytest

from streams.errors import ConfigError
from streams.slack.routing import destinations, parse_routes
from tests.slack.conftest import make_alert

RULES = "org:OpenAI=#ai-watch; change:firing=#exits; *=#leadership"


@pytest.mark.parametrize("alert, expected", [
    (make_alert("1", org="OpenAI"), ("#ai-watch", "#leadership")),
    (make_alert("2", org="Acme", to_org="openai"), ("#ai-watch", "#leadership")),
    (make_alert("3", org="Acme", change="firing"), ("#exits", "#leadership")),
    (make_alert("4", org="Acme"), ("#leadership",)),
])
def test_every_matching_rule_adds_its_channel(alert, expected):
    assert destinations(alert, parse_routes(RULES), "#default") == expected


def test_default_only_when_no_rule_matches():
    routes = parse_routes("org:OpenAI=#ai-watch")
    assert destinations(make_alert("1", org="OpenAI"), routes, "#leadership") == ("#ai-watch",)
    assert destinations(make_alert("2", org="Acme"), routes, "#leadership") == ("#leadership",)
    assert destinations(make_alert("3", org="Acme"), routes, "") == ()


def test_a_destination_is_listed_once():
    routes = parse_routes("org:Acme=#x; change:departure=#x")
    assert destinations(make_alert("1"), routes, "") == ("#x",)


def test_webhook_urls_are_destinations_too():
    routes = parse_routes("org:OpenAI=https://hooks.slack.com/services/T/B/x")
    assert destinations(make_alert("1", org="OpenAI"), routes, "") == (
        "https://hooks.slack.com/services/T/B/x",)


@pytest.mark.parametrize("bad", ["#leadership", "org=#x", "org:=#x", "team:x=#y",
                                 "change:promotion=#x", "org:OpenAI="])
def test_bad_rules_are_config_errors_naming_the_setting(bad):
    with pytest.raises(ConfigError, match="SHAKEUP_SLACK_ROUTES"):
        parse_routes(bad)


def test_empty_rules_are_fine():
    assert parse_routes(" ; ") == ()
