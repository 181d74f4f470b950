"""A leaver who sets out to found a named company goes there (to_org). Invented names."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def destinations(title: str, summary: str, lang: str) -> list[tuple[str, str, str | None]]:
    return [(e.person, e.change, e.to_org) for e in events(title, summary, lang)]


FOUNDING = [
    ("en", "Marta Lindqvist leaves Corvana to start a robotics startup called Brisk Labs", ""),
    ("en", "Marta Lindqvist to leave Corvana and found independent design firm Brisk Labs", ""),
    ("it", "Marta Lindqvist lascia Corvana per fondare una startup, Brisk Labs", ""),
    ("fr", "Marta Lindqvist quitte Corvana pour fonder son propre studio, Brisk Labs", ""),
    ("es", "Marta Lindqvist deja Corvana para fundar su propia empresa, Brisk Labs", ""),
    ("de", "Marta Lindqvist verlässt Corvana", "Die Managerin will eine eigene Firma namens Brisk Labs gründen."),
]


@pytest.mark.parametrize("lang,title,summary", FOUNDING, ids=[f[0] + "-" + str(n) for n, f in enumerate(FOUNDING)])
def test_a_company_founded_on_leaving_is_the_destination(lang, title, summary):
    assert destinations(title, summary, lang) == [("Marta Lindqvist", "departure", "Brisk Labs")]


@pytest.mark.parametrize("title,summary", [
    ("Marta Lindqvist leaves Corvana to launch Gemini", ""),  # a product, not called a company
    ("Marta Lindqvist leaves Corvana", "Orbitex will launch a startup fund called Gradient."),  # another founder
])
def test_no_destination_without_a_company_the_leaver_founds(title, summary):
    assert destinations(title, summary, "en") == [("Marta Lindqvist", "departure", None)]
