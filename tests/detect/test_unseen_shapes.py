"""Failure classes found on items written by an author who never saw the detector
(eval/invented/): our own sentences and names, one test per class."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


# -- a bank or a group named with its descriptor is an organisation, not a person -----------------

@pytest.mark.parametrize("lang, title, summary", [
    ("en", "Banco Ostrava chairman takes medical leave",
     "Ilse Marwick, chairman of Czech lender Banco Ostrava, is taking a leave of absence, the bank said."),
    ("it", "Banca Velmira, il presidente Marwick in congedo",
     "Ilse Marwick, presidente di Banca Velmira, si assenterà per motivi di salute."),
])
def test_a_descriptor_first_name_is_an_organisation(lang, title, summary):
    found = changes(title, summary, lang)
    org = "Banco Ostrava" if lang == "en" else "Banca Velmira"
    assert ("Ilse Marwick", org, "leave") in found
    assert all(person not in ("Banco Ostrava", "Banca Velmira") for person, _, _ in found)


# -- a sentence's first word before a comma is capitalised for the sentence, not a name ----------

@pytest.mark.parametrize("lang, title, summary, person, org", [
    ("en", "Executive moves at Orbelle", "Separately, software maker Orbelle said chief operating officer "
     "Nadia Ferrell will succeed chief executive Ivo Marren, who retires in June.", "Nadia Ferrell", "Orbelle"),
    ("fr", "Quantelis nomme une nouvelle directrice technique", "Ingénieure de formation, Nadia Ferrell a été "
     "nommée directrice technique de Quantelis.", "Nadia Ferrell", "Quantelis"),
])
def test_a_sentence_opener_is_no_organisation(lang, title, summary, person, org):
    found = changes(title, summary, lang)
    assert (person, org, "appointment") in found
    assert {o for _, o, _ in found} == {org}


def test_a_headline_label_before_a_comma_is_still_the_organisation():
    assert changes("Velmira, si dimette l'amministratore delegato Ivo Marren", "", "it") == {
        ("Ivo Marren", "Velmira", "departure")}


# -- leave said as being absent -------------------------------------------------------------------

@pytest.mark.parametrize("lang, title, summary", [
    ("fr", "Orbelle : le président s'absente", "Ivo Marren, président d'Orbelle, s'absente pour raisons médicales."),
    ("es", "El presidente de Orbelle se da de baja", "Ivo Marren, presidente de Orbelle, se ausentará temporalmente."),
])
def test_an_absence_for_health_reasons_is_a_leave(lang, title, summary):
    assert ("Ivo Marren", "Orbelle", "leave") in changes(title, summary, lang)


# -- close negatives: analysis, quotes, denials, talks, a past firing told about someone ---------

@pytest.mark.parametrize("lang, title, summary", [
    ("fr", "Analyse : après le départ de sa directrice, Orbelle doit recruter",
     "Le départ de Nadia Ferrell chez Quantelis, annoncé lundi, montre la difficulté à retenir les talents."),
    ("de", "Porträt: Wer ist die neue Orbelle-Chefin?", "Nadia Ferrell wird Vorstandschefin von Orbelle."),
    ("it", "Ferrell: «Orbelle resterà a Torino»",
     "In un'intervista, Nadia Ferrell, che a luglio prenderà il timone di Orbelle, spiega le sue priorità."),
    ("es", "Orbelle niega que su consejero delegado vaya a dimitir",
     "Orbelle ha desmentido las informaciones que apuntaban a una salida de su consejero delegado, Ivo Marren."),
    ("de", "Orbelle-Gründer verhandelt über Rückkehr an die Spitze",
     "Ivo Marren, der Gründer von Orbelle, führt nach Informationen des Blatts Gespräche über ein Comeback als Vorstandschef."),
    ("en", "Orbelle investors push board to reinstate Marren",
     "Investors are pressing the board to bring back Ivo Marren, who was fired as chief executive on Sunday."),
])
def test_about_a_change_is_not_the_news_of_one(lang, title, summary):
    assert changes(title, summary, lang) == set()


@pytest.mark.parametrize("lang, title, summary, expected", [
    # the predecessor's resignation dates the appointment: "following X's resignation"
    ("en", "Orbelle taps cloud chief Nadia Ferrell as interim CEO",
     "Orbelle has named Nadia Ferrell as interim chief executive following Ivo Marren's resignation on Monday.",
     {("Nadia Ferrell", "Orbelle", "appointment")}),
    ("es", "Orbelle nombra a Nadia Ferrell directora financiera",
     "Orbelle ha nombrado directora financiera a Nadia Ferrell tras la dimisión de Ivo Marren.",
     {("Nadia Ferrell", "Orbelle", "appointment")}),
])
def test_a_change_after_which_the_news_happens_is_background(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


# -- the arrival an exit names, with its post -------------------------------------------------------

@pytest.mark.parametrize("lang, title, summary", [
    ("es", "El cofundador de Orbelle se marcha a la competencia",
     "Ivo Marren, cofundador de Orbelle, deja la compañía para incorporarse a su rival Quantelis como director de estrategia."),
    ("en", "Orbelle co-founder Ivo Marren leaves for rival Quantelis",
     "Ivo Marren is leaving Orbelle for Quantelis, where he becomes chief strategy officer."),
])
def test_an_exit_that_names_the_post_at_the_destination_is_also_an_appointment_there(lang, title, summary):
    found = {(ev.person, ev.org, ev.change, ev.to_org) for ev in events(title, summary, lang)}
    assert ("Ivo Marren", "Orbelle", "departure", "Quantelis") in found
    assert ("Ivo Marren", "Quantelis", "appointment", None) in found


def test_an_exit_to_a_rival_without_a_post_there_is_no_appointment():
    """A researcher who leaves for a rival takes no leadership post there."""
    found = {(ev.person, ev.org, ev.change) for ev in events(
        "Orbelle co-founder Ivo Marren leaves for rival Quantelis", "He will work on research there.", "en")}
    assert found == {("Ivo Marren", "Orbelle", "departure")}


# -- an office laid down, however long the words between -------------------------------------------

@pytest.mark.parametrize("lang, title, summary", [
    ("de", "Orbelle: Aufsichtsratschef Marren tritt zurück",
     "Aufsichtsratschef Ivo Marren legt sein Mandat zur Hauptversammlung am 21. Mai nieder, teilte Orbelle mit."),
    ("nl", "President-commissaris van Orbelle stapt op",
     "Ivo Marren legt in mei zijn functie als voorzitter van de raad van commissarissen van het Duitse "
     "softwarebedrijf Orbelle neer."),
])
def test_an_office_laid_down_is_a_departure(lang, title, summary):
    assert {(p, o, c) for p, o, c in changes(title, summary, lang)} == {("Ivo Marren", "Orbelle", "departure")}


def test_a_year_opening_the_sentence_dates_what_it_tells():
    """Deep in a profile: "Im Jahr 2027 setzte der Aufsichtsrat den damaligen Chef X vor die Tür"."""
    found = changes("Orbelle: Aufsichtsratschef Marren tritt zurück",
                    "Aufsichtsratschef Ivo Marren legt sein Amt im Mai nieder. Im Jahr 2027 setzte der Aufsichtsrat "
                    "unter seiner Führung den damaligen Vorstandschef Aron Quint vor die Tür.", "de")
    assert found == {("Ivo Marren", "Orbelle", "departure")}


# -- "head" in German and Dutch, alone and in compounds --------------------------------------------

@pytest.mark.parametrize("lang, title, summary", [
    ("de", "Orbelle bekommt eine Forschungschefin", "Die Wissenschaftlerin Nadia Ferrell wird Leiterin der Forschung bei Orbelle."),
    ("nl", "Orbelle haalt hoogleraar binnen als onderzoekschef",
     "Softwarebedrijf Orbelle heeft Nadia Ferrell, hoogleraar aan de Universiteit van Haldane, aangesteld als hoofd onderzoek."),
])
def test_a_head_of_research_is_a_leadership_post(lang, title, summary):
    assert changes(title, summary, lang) == {("Nadia Ferrell", "Orbelle", "appointment")}


# -- arguments past long descriptions ---------------------------------------------------------------

@pytest.mark.parametrize("lang, title, summary, expected", [
    # a leave taken, past a long description of who takes it
    ("es", "La fundadora de Orbelle se tomará seis meses sabáticos",
     "Nadia Ferrell, fundadora y presidenta del fabricante noruego de robots logísticos Orbelle, se tomará "
     "un periodo sabático de seis meses.", {("Nadia Ferrell", "Orbelle", "leave")}),
    # a one-word name that only describes the company after it
    ("en", "Orbelle Robotics president to take sabbatical",
     "Nadia Ferrell, the founder and president of Norwegian warehouse-robot maker Orbelle Robotics, will take "
     "a six-month sabbatical, the company said.", {("Nadia Ferrell", "Orbelle Robotics", "leave")}),
    # the board that acts is the company's, when the verb comes last
    ("de", "Zahlungsdienstleister Orbelle wirft Konzernchef raus",
     "Der Aufsichtsrat von Orbelle hat Vorstandschef Ivo Marren mit sofortiger Wirkung abberufen.",
     {("Ivo Marren", "Orbelle", "firing")}),
    # the company inside a split verb is where someone returns
    ("de", "Orbelle-Gründer wird wieder Vorstandschef", "Ivo Marren kehrt zu Orbelle zurück.",
     {("Ivo Marren", "Orbelle", "return")}),
])
def test_arguments_past_long_descriptions(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


# -- acting leaders and offices laid down, in the perfect ----------------------------------------------

@pytest.mark.parametrize("lang, title, summary, expected", [
    ("de", "Orbelle-Chefin Ferrell geht", "Vorstandschefin Nadia Ferrell hat ihr Amt mit sofortiger Wirkung niedergelegt. "
     "Finanzvorstand Ivo Marren führt das Unternehmen kommissarisch.",
     {("Nadia Ferrell", "Orbelle", "departure"), ("Ivo Marren", "Orbelle", "appointment")}),
    ("es", "La presidenta de Orbelle se tomará seis meses sabáticos",
     "Nadia Ferrell, presidenta de Orbelle, se tomará un periodo sabático. Durante su ausencia, el director de "
     "operaciones, Ivo Marren, ejercerá como presidente en funciones.",
     {("Nadia Ferrell", "Orbelle", "leave"), ("Ivo Marren", "Orbelle", "appointment")}),
])
def test_an_acting_leader_is_appointed(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected
