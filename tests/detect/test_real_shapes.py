"""The shapes real feed items take, where a detector tuned on tidy news prose fails: invented
names and companies, our own sentences, one test per failure class."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


# -- a person needs a sign of being one: two capitalised words are not enough -------------------

@pytest.mark.parametrize("title, summary", [
    ("How to use Orbly's assistant, formerly called Search Chat",
     "Search Chat leaves the beta today; the old name is no longer used in the app."),
    ("Blue Snowball leaves the Voxtra catalogue after ten years",
     "The microphone that made Voxtra famous is discontinued, the company said."),
    ("Identity Panel replaces the old settings page in Quorra OS",
     "The update also brings a new lock screen."),
])
def test_product_names_made_of_common_words_are_not_people(title, summary):
    assert changes(title, summary) == set()


@pytest.mark.parametrize("title, summary, person", [
    # no known given name, no title next to it: a name no dictionary has is still a name
    ("With the departure of Zorvan Quillet, Brightloop reshuffles its devices team",
     "Zorvan Quillet is leaving Brightloop after 19 years.", "Zorvan Quillet"),
    # a common-word surname with a known given name
    ("Dana Baker leaves Brightloop for a rival", "The longtime engineer quit on Friday.", "Dana Baker"),
])
def test_people_with_a_sign_of_being_people_still_make_events(title, summary, person):
    assert {p for p, _, _ in changes(title, summary)} == {person}
