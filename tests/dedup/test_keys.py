"""Dedup keys: events that may report one change must meet under one key."""

import pytest

from streams.dedup import dedup_key, dedup_keys
from streams.dedup.keys import change_family
from streams.models import LeadershipEvent


def event(person, org, change="departure", confidence=0.8):
    return LeadershipEvent(person=person, person_norm=person.lower(), role="CEO", org=org,
                           change=change, confidence=confidence)


@pytest.mark.parametrize("a, b", [
    (event("Ilse Vandermeer", "Zorblax"), event("", "Zorblax Inc.")),           # unnamed person
    (event("Ilse Vandermeer", "Meta"), event("Ilse Vandermeer", "Instagram")),  # parent, subsidiary
    (event("Ilse Vandermeer", "Facebook"), event("Vandermeer", "Meta Platforms")),
    (event("Ilse Vandermeer", "Nintendo of America"), event("Ilse Vandermeer", "Nintendo")),
    (event("Ilse Vandermeer", "Zorblax"), event("Tomasz Okafor", "Zorblax Cloud")),
])
def test_reports_that_may_be_one_change_share_a_key(a, b):
    assert dedup_key(a) == dedup_key(b)


def test_without_an_organisation_the_key_is_the_surname():
    assert dedup_key(event("Ilse Vandermeer", "")) == dedup_key(event("Vandermeer", "")) == "person:vandermeer"


def test_one_item_reporting_a_change_under_two_organisations_keys_both_events_alike():
    # "Zorblax founder Vandermeer hands the CEO job to cloud chief Okafor": the detector read
    # "Cloud" as an organisation for one mention of each change
    events = [event("Ilse Vandermeer", "Zorblax"), event("Tomasz Okafor", "Cloud", "appointment", 0.5),
              event("Ilse Vandermeer", "Cloud", "departure", 0.6),
              event("Tomasz Okafor", "Zorblax", "appointment")]
    assert set(dedup_keys(events)) == {dedup_key(events[0])}


def test_an_event_without_organisation_takes_the_item_s_organisation():
    events = [event("Ilse Vandermeer", "Zorblax"), event("Tomasz Okafor", "", "appointment")]
    assert dedup_keys(events) == [dedup_key(events[0])] * 2


def test_a_roundup_keeps_each_organisation_s_own_key():
    events = [event("Ilse Vandermeer", "Zorblax"), event("Tomasz Okafor", "Quellwerk"),
              event("Marisol Quintero", "Brightwave", "leave")]
    assert dedup_keys(events) == [dedup_key(e) for e in events]
    assert len(set(dedup_keys(events))) == 3


@pytest.mark.parametrize("a, b, same", [
    ("departure", "firing", True), ("departure", "retirement", True), ("appointment", "return", True),
    ("leave", "departure", False), ("departure", "return", False), ("leave", "return", False),
])
def test_change_families(a, b, same):
    assert (change_family(a) == change_family(b)) is same
