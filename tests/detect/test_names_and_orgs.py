"""Name and organisation recognition around change verbs and titles, on invented people and companies."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


# A verb may open the sentence in Romance headlines; it is not the first name of the person.
VERB_FIRST = [
    ("es", "Dimite Ana Beltrán, consejera delegada de Norquist", "Ana Beltrán", "Norquist"),
    ("es", "Renuncia Hugo Salcedo, presidente de Vantoria", "Hugo Salcedo", "Vantoria"),
    ("it", "Lascia Paolo Gentile, amministratore delegato di Vellamo", "Paolo Gentile", "Vellamo"),
    ("it", "Si dimette Carla Fontana, amministratrice delegata di Brisk Labs", "Carla Fontana", "Brisk Labs"),
]


@pytest.mark.parametrize("lang,title,person,org", VERB_FIRST, ids=[v[0] + "-" + v[2] for v in VERB_FIRST])
def test_a_sentence_initial_verb_is_not_part_of_the_name(lang, title, person, org):
    found = events(title, "", lang)
    assert [(e.person, e.org, e.change) for e in found] == [(person, org, "departure")]


# German and Dutch glue a title to the company: the whole company name belongs to it.
COMPOUND_TITLES = [
    ("de", "Brennholt Analytics-Chef Lena Vogt tritt zurück", "Lena Vogt", "Brennholt Analytics", "CEO"),
    ("de", "Quarzwerk-Chef Ole Brandt tritt zurück", "Ole Brandt", "Quarzwerk", "CEO"),
    ("de", "Quarzwerk-Finanzchef Ole Brandt tritt zurück", "Ole Brandt", "Quarzwerk", "CFO"),
    ("de", "Quarzwerk-Aufsichtsratschef Ole Brandt tritt zurück", "Ole Brandt", "Quarzwerk", "chairman"),
    ("de", "Rücktritt: Quarzwerk-Chef Ole Brandt geht", "Ole Brandt", "Quarzwerk", "CEO"),
    ("nl", "Velmor Group-topman Joost Akkerman stapt op", "Joost Akkerman", "Velmor Group", "CEO"),
]


@pytest.mark.parametrize("lang,title,person,org,role", COMPOUND_TITLES, ids=[c[1] for c in COMPOUND_TITLES])
def test_a_title_compound_names_the_whole_company_and_the_chief_is_the_ceo(lang, title, person, org, role):
    found = events(title, "", lang)
    assert [(e.person, e.org, e.role) for e in found] == [(person, org, role)]


# "founder of ORG PERSON": a company name directly before a person's name is split off.
ORG_THEN_PERSON = [
    ("es", "El cofundador de Quorvia Elena Ruiz ficha por Tesselate", "Elena Ruiz", "Quorvia", "co-founder"),
    ("es", "El cofundador de NovaByte Elena Ruiz ficha por Tesselate", "Elena Ruiz", "NovaByte", "co-founder"),
    ("it", "Il fondatore di Brisk Labs Marco Ferri passa a Tesselate", "Marco Ferri", "Brisk Labs", "founder"),
]


@pytest.mark.parametrize("lang,title,person,org,role", ORG_THEN_PERSON, ids=[o[1] for o in ORG_THEN_PERSON])
def test_a_company_before_a_persons_name_is_split_off(lang, title, person, org, role):
    found = events(title, "", lang)
    assert [(e.person, e.org, e.change, e.role, e.to_org) for e in found] == [
        (person, org, "departure", role, "Tesselate")]


# "joins Y" in an item about X: the person leaves X for Y.
DESTINATIONS = [
    ("fr", "Quorvia : Élodie Marchal rejoint Tesselate", ""),
    ("fr", "Départ chez Quorvia", "La cofondatrice Élodie Marchal quitte l'entreprise pour rejoindre son "
     "concurrent Tesselate, a annoncé Quorvia."),
    ("es", "Quorvia pierde a su cofundadora", "La cofundadora de Quorvia, Élodie Marchal, deja la compañía "
     "para incorporarse a Tesselate."),
    ("it", "Quorvia, la cofondatrice Élodie Marchal lascia l'azienda", "Élodie Marchal lascia Quorvia per "
     "unirsi a Tesselate."),
]


@pytest.mark.parametrize("lang,title,summary", DESTINATIONS, ids=[f"{d[0]}-{n}" for n, d in enumerate(DESTINATIONS)])
def test_joining_another_company_is_a_departure_with_a_destination(lang, title, summary):
    found = events(title, summary, lang)
    assert [(e.person, e.org, e.change, e.to_org) for e in found] == [
        ("Élodie Marchal", "Quorvia", "departure", "Tesselate")]


# English Title Case headlines capitalise the verbs: a change verb is not part of the name or
# the organisation around it ("Marta Lindqvist Retires", "Heliopath Ousts").
TITLE_CASE = [
    ("Zentrix CEO Marta Lindqvist Retires After Four Years", ("Marta Lindqvist", "Zentrix", "retirement")),
    ("Heliopath Ousts CEO Rafael Okafor Amid Board Revolt", ("Rafael Okafor", "Heliopath", "firing")),
    ("Brightlane Founder Yuki Tanabe Steps Down As Chairman", ("Yuki Tanabe", "Brightlane", "departure")),
    ("Kestrel Labs Co-Founder Omar Haddad Returns As CEO", ("Omar Haddad", "Kestrel Labs", "return")),
    ("Ombrix Taps Former Google Executive Lena Strand As New CFO", ("Lena Strand", "Ombrix", "appointment")),
    ("Quillbyte Appoints Ines Vasquez As President And COO", ("Ines Vasquez", "Quillbyte", "appointment")),
    ("Orbelt Systems Hires Priya Ramanathan As Chief Financial Officer",
     ("Priya Ramanathan", "Orbelt Systems", "appointment")),
    ("Norvane's CEO Tomás Ibarrola Resigned On Friday", ("Tomás Ibarrola", "Norvane", "departure")),
    ("Corvana Names Kofi Mensah Chief Executive, Replacing Hana Kowalczyk",
     ("Kofi Mensah", "Corvana", "appointment")),
]


@pytest.mark.parametrize("title,expected", TITLE_CASE, ids=[t[1][0] for t in TITLE_CASE])
def test_title_case_headlines_keep_verbs_out_of_names(title, expected):
    assert expected in [(e.person, e.org, e.change) for e in events(title, "", "en")]


# An organisation the text also calls by a short name is reported by its full one: a definition
# in parentheses, or an acronym of another organisation the item names.
ALIASES = [
    ("en", "NVT board ousts CEO Lena Strand",
     "The board of Norvane Vista Telecom (NVT) removed chief executive Lena Strand on Monday.",
     ("Lena Strand", "Norvane Vista Telecom", "firing")),
    ("de", "Machtwechsel: KW trennt sich von Konzernchef Ole Brandt",
     "Kestrelwerke trennt sich von Konzernchef Ole Brandt. Neuer Chef wird Finanzchef Jan Hollmann.",
     ("Ole Brandt", "Kestrelwerke", "firing")),
]


@pytest.mark.parametrize("lang,title,summary,expected", ALIASES, ids=[a[0] for a in ALIASES])
def test_short_names_of_an_organisation_become_its_full_name(lang, title, summary, expected):
    found = [(e.person, e.org, e.change) for e in events(title, summary, lang)]
    assert expected in found, found


# German capitalises nouns: a noun after a numeral or a determiner is no company or person
# ("nach fast zwei Jahrzehnten", "zu dessen ersten Kunden Brennholt gehört").
def test_german_nouns_after_numerals_and_determiners_are_not_names():
    found = events("Designchefin Lena Vogt verlässt Brennholt",
                   "Brennholts Chefdesignerin Lena Vogt verlässt nach fast zwei Jahrzehnten den Konzern. Sie "
                   "gründet ein eigenes Studio, zu dessen ersten Kunden Brennholt gehören soll.", "de")
    assert [(e.person, e.org, e.change, e.to_org) for e in found] == [("Lena Vogt", "Brennholt", "departure", None)]


@pytest.mark.parametrize("title,person", [
    ("Velmora co-founder Jan Brouwer is leaving Ombrix", "Jan Brouwer"),
    ("Ombrix CEO Jun Takeda steps down", "Jun Takeda"),
])
def test_first_names_that_abbreviate_months_are_names(title, person):
    assert person in [e.person for e in events(title, "", "en")]


# A company sold to a buyer names the buyer after "to"/"a": it is no destination, and no
# organisation the person leaves ("years after selling it to Globodyne").
SOLD_TO = [
    ("en", "Zentrix co-founders Alma Ruud and Piet Kram resign",
     "The co-founders of Zentrix, CEO Alma Ruud and CTO Piet Kram, are leaving the messaging app "
     "four years after selling it to Globodyne for $2 billion."),
    ("it", "Zentrix, si dimettono i fondatori Alma Ruud e Piet Kram",
     "I cofondatori di Zentrix lasciano l'azienda quattro anni dopo la vendita dell'app a Globodyne."),
    ("es", "Dimiten Alma Ruud y Piet Kram, fundadores de Zentrix",
     "Los cofundadores de Zentrix dejan la empresa cuatro años después de la venta de la app a Globodyne."),
]


@pytest.mark.parametrize("lang,title,summary", SOLD_TO, ids=[s[0] for s in SOLD_TO])
def test_the_buyer_of_a_sold_company_is_no_destination(lang, title, summary):
    found = {(e.person, e.org, e.change, e.to_org) for e in events(title, summary, lang)}
    assert found == {("Alma Ruud", "Zentrix", "departure", None), ("Piet Kram", "Zentrix", "departure", None)}


# Two people leaving together take the plural verb ("si dimettono", "dimiten").
@pytest.mark.parametrize("lang,title", [
    ("it", "Zentrix, si dimettono i cofondatori Alma Ruud e Piet Kram"),
    ("es", "Dimiten Alma Ruud y Piet Kram, fundadores de Zentrix"),
    ("es", "Alma Ruud y Piet Kram, cofundadores de Zentrix, renuncian"),
])
def test_plural_resignation_verbs(lang, title):
    found = {(e.person, e.org, e.change) for e in events(title, "", lang)}
    assert found == {("Alma Ruud", "Zentrix", "departure"), ("Piet Kram", "Zentrix", "departure")}
