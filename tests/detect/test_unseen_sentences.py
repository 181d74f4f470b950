"""Failure classes found on items written by authors who never saw the detector
(eval/invented/), second part: Polish forms, successions, press releases and long articles.
Our own sentences and names, one test per class."""

from __future__ import annotations

import pytest

from tests.detect.detected import events


def changes(title: str, summary: str = "", lang: str = "en") -> set[tuple[str, str, str]]:
    return {(ev.person, ev.org, ev.change) for ev in events(title, summary, lang)}


# -- Polish: feminine datives, double surnames, names no table has, -ia companies --------------------

def test_polish_case_forms_are_read_back_to_the_nominative():
    found = changes("Jarogniew Wilk-Orłowski odwołany z funkcji prezesa Velmaru",
                    "Rada nadzorcza Velmaru odwołała Jarogniewa Wilka-Orłowskiego z funkcji prezesa. Obowiązki "
                    "prezesa powierzono członkini zarządu Agnieszce Borowskiej.", "pl")
    assert found == {("Jarogniew Wilk-Orłowski", "Velmar", "firing"), ("Agnieszka Borowska", "Velmar", "appointment")}


def test_a_company_in_ia_named_only_in_its_genitive_is_read_back():
    assert changes("Prezes Orbelii rezygnuje ze stanowiska", "Nadia Ferrell złożyła rezygnację z funkcji prezesa "
                   "Orbelii.", "pl") == {("Nadia Ferrell", "Orbelia", "departure")}


@pytest.mark.parametrize("lang, title, summary", [
    ("en", "Orbelle posts record revenue as interim chief holds guidance",
     "Interim CEO Nadia Ferrell said demand remained strong and kept the outlook unchanged."),
    ("fr", "Le ministre délégué au Numérique, Ivo Marren, démissionne",
     "Ivo Marren a remis sa démission au Premier ministre lundi."),
])
def test_who_someone_is_is_no_change(lang, title, summary):
    """An interim chief quoted on results; a minister who resigns to the Prime Minister."""
    assert changes(title, summary, lang) == set()


@pytest.mark.parametrize("lang, title", [
    ("fr", "La directrice générale d'Orbelle démissionne"),
    ("es", "La directora de tecnología de Orbelle ficha por Quantelis"),
])
def test_a_headline_title_with_its_company_after_it_is_an_unnamed_exit(lang, title):
    assert {(p, o) for p, o, _ in changes(title, "", lang)} == {("", "Orbelle")}


def test_he_succeeds_x_makes_x_the_one_who_leaves():
    """Dutch "Hij volgt X op": the pronoun before the verb is the subject, X inside the verb the object."""
    found = changes("Nadia Ferrell wordt topvrouw van Orbelle",
                    "Nadia Ferrell is benoemd tot ceo van Orbelle. Zij volgt Ivo Marren op.", "nl")
    assert ("Nadia Ferrell", "Orbelle", "appointment") in found
    assert ("Ivo Marren", "Orbelle", "appointment") not in found


@pytest.mark.parametrize("lang, title, summary, successor", [
    ("es", "Orbelle pierde a su directora de operaciones",
     "Nadia Ferrell deja el puesto de directora de operaciones de Orbelle. La sustituirá a partir del 1 de abril "
     "el hasta ahora director de producto, Ivo Marren.", "Ivo Marren"),
    ("it", "Orbelle, lascia l'amministratrice delegata",
     "Nadia Ferrell ha lasciato la carica di amministratrice delegata di Orbelle. Al suo posto, in via "
     "provvisoria, il direttore finanziario Ivo Marren.", "Ivo Marren"),
])
def test_a_successor_named_last_after_a_phrase_of_time(lang, title, summary, successor):
    assert (successor, "Orbelle", "appointment") in changes(title, summary, lang)


@pytest.mark.parametrize("lang, title, summary", [
    ("de", "Orbelle-Gründerin nimmt sich eine Auszeit",
     "Nadia Ferrell, Gründerin und Präsidentin des norwegischen Lagerroboter-Herstellers Orbelle Robotics, geht "
     "ab April für sechs Monate in ein Sabbatical."),
    ("nl", "Oprichtster Orbelle Robotics neemt sabbatical",
     "Nadia Ferrell, oprichtster van Orbelle Robotics, neemt vanaf april een half jaar vrij."),
])
def test_a_sabbatical_past_an_adjective_and_time_off(lang, title, summary):
    assert ("Nadia Ferrell", "Orbelle Robotics", "leave") in changes(title, summary, lang)


def test_the_noun_of_a_retirement_with_its_holder_after_a_phrase_of_time():
    assert ("Ivo Marren", "Orbelle", "retirement") in changes(
        "Orbelle : le directeur général part à la retraite",
        "L'éditeur Orbelle a annoncé le départ à la retraite, fin juin, de son directeur général Ivo Marren.", "fr")


def test_an_interim_said_in_the_passive():
    assert ("Ivo Marren", "Orbelle", "appointment") in changes(
        "Orbelle perd sa directrice technique", "Nadia Ferrell quitte Orbelle. L'intérim sera assuré par Ivo Marren, "
        "vice-président chargé de l'ingénierie.", "fr")


@pytest.mark.parametrize("lang, text, org", [
    ("es", "Ana Ruiz fue nombrada directora del diario digital portugués Correio Velmar.", "Correio Velmar"),
    ("de", "Ana Ruiz ist Präsidentin des norwegischen Lagerroboter-Herstellers Orbelle Robotics.", "Orbelle Robotics"),
])
def test_a_titles_company_after_a_descriptor_and_its_adjectives(lang, text, org):
    from streams.detect.lexicon import load_lexicon
    from streams.detect.mentions import find_mentions
    from streams.detect.segmenter import build_sentence

    m = find_mentions(build_sentence(text, False, 1), load_lexicon(lang))
    assert org in [r.org for r in m.roles]


@pytest.mark.parametrize("title, summary, expected", [
    # a company acting with the verb last: the person before the verb is its object
    ("Orbelle holt Quantelis-Mitgründer als Strategiechef",
     "Der Softwareanbieter Orbelle hat Ivo Marren als Chief Strategy Officer verpflichtet.",
     {("Ivo Marren", "Orbelle", "appointment")}),
    # a headline hire that names what the hire is now, then the post: the hirer's
    ("Orbelle holt Quantelis-Mitgründer als Strategiechef", "", {("", "Orbelle", "appointment")}),
])
def test_a_german_hire_with_the_verb_last(title, summary, expected):
    assert changes(title, summary, "de") == expected


def test_leaving_to_enter_a_rival_names_the_destination_and_the_post_there():
    found = {(ev.person, ev.org, ev.change, ev.to_org) for ev in events(
        "Orbelle perde il cofondatore", "Il cofondatore di Orbelle, Ivo Marren, ha lasciato l'azienda per entrare "
        "nella concorrente Quantelis, dove ricoprirà il ruolo di chief strategy officer.", "it")}
    assert found == {("Ivo Marren", "Orbelle", "departure", "Quantelis"), ("Ivo Marren", "Quantelis", "appointment", None)}


def test_appointed_past_a_description_of_the_current_post():
    found = events("Executive moves at Orbelle", "Orbelle has appointed Nadia Ferrell, until now its head of "
                   "design, as chief product officer.", "en")
    assert [(ev.person, ev.org, ev.change, ev.role) for ev in found] == [
        ("Nadia Ferrell", "Orbelle", "appointment", "chief product officer")]


@pytest.mark.parametrize("lang, title, summary", [
    ("pl", "Założyciel Orbelii wraca na stanowisko prezesa", "Ivo Marren ponownie stanie na czele spółki Orbelia."),
    ("nl", "Oprichter keert terug bij Orbelle", "Ivo Marren wordt opnieuw ceo van Orbelle."),
    ("de", "Orbelle-Gründer wird wieder Vorstandschef", "Ivo Marren wird wieder Vorstandschef von Orbelle."),
])
def test_appointed_again_is_a_return(lang, title, summary):
    assert ("Ivo Marren", "Orbelia" if lang == "pl" else "Orbelle", "return") in changes(title, summary, lang)


def test_common_polish_given_names_missing_from_the_baby_name_tables_are_known():
    from streams.detect.given_names import given_name

    assert all(given_name(name, "pl", False) for name in ("Bartosz", "Bartłomiej", "Małgorzata", "Jarosław"))
    assert changes("Orbelia zwolniła dyrektora marketingu Bartosza Wilka", "", "pl") == {
        ("Bartosz Wilk", "Orbelia", "firing")}


# -- press releases ------------------------------------------------------------------------------------

def test_a_press_release_dateline_and_the_appointment_of_two():
    found = changes("Orbelle Announces Co-CEO Leadership Structure",
                    "AUSTIN, June 12, 2032 - Orbelle, the software company, today announced the appointment of "
                    "Nadia Ferrell and Aron Quint as co-chief executive officers, effective July 1. Founder Ivo "
                    "Marren will step down as CEO.")
    assert found == {("Nadia Ferrell", "Orbelle", "appointment"), ("Aron Quint", "Orbelle", "appointment"),
                     ("Ivo Marren", "Orbelle", "departure")}


@pytest.mark.parametrize("lang, summary", [
    ("fr", "Orbelle a annoncé la nomination de Nadia Ferrell au poste de directrice financière."),
    ("es", "Orbelle anunció el nombramiento de Nadia Ferrell como directora financiera."),
    ("de", "Orbelle gab die Ernennung von Nadia Ferrell zur Finanzchefin bekannt."),
])
def test_the_noun_of_an_appointment(lang, summary):
    assert ("Nadia Ferrell", "Orbelle", "appointment") in changes("Orbelle", summary, lang)


def test_joining_a_committee_after_an_appointment_is_no_move():
    found = changes("Orbelle recrute Nadia Ferrell comme directrice juridique",
                    "La fintech Orbelle a annoncé la nomination de Nadia Ferrell au poste de directrice juridique. "
                    "Elle rejoindra le comité exécutif le 1er septembre.", "fr")
    assert found == {("Nadia Ferrell", "Orbelle", "appointment")}


@pytest.mark.parametrize("lang, title, summary, expected", [
    ("en", "The Orbelle Foundation has a new executive director", "Big news for the open-source packaging crowd: the Orbelle "
     "Foundation's board has appointed Nadia Ferrell as executive director.", {("Nadia Ferrell", "Orbelle Foundation", "appointment")}),
    ("de", "Orbelle verliert Finanzchefin", "Finanzvorständin Nadia Ferrell verlässt Orbelle.",
     {("Nadia Ferrell", "Orbelle", "departure")}),
])
def test_a_long_sentence_opener_and_a_feminine_board_title(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


@pytest.mark.parametrize("lang, title, summary, expected", [
    ("nl", "Orbelle promoveert Nadia Ferrell tot technologiedirecteur", "", {("Nadia Ferrell", "Orbelle", "appointment")}),
    ("de", "Orbelle ernennt Produktchefin Ferrell zur Übergangschefin",
     "Nach dem Rücktritt von Ivo Marren führt vorerst Nadia Ferrell das Start-up Orbelle.",
     {("Nadia Ferrell", "Orbelle", "appointment")}),
])
def test_promotions_and_leading_for_now(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


@pytest.mark.parametrize("lang, title, summary", [
    ("pl", "Nieoficjalnie: prezes Orbelii może wkrótce odejść",
     "Jak dowiedział się nasz portal, Ivo Marren ma rozważać rezygnację z kierowania Orbelią."),
    ("en", "Orbelle says CEO Marren is 'going nowhere' after CTO exit",
     "Orbelle has dismissed speculation that chief executive Ivo Marren could follow his technology chief out."),
    ("fr", "Au forum de Brest, la dirigeante d'Orbelle plaide pour la cyberdéfense",
     "Invitée d'honneur du forum, Nadia Ferrell, directrice générale par intérim d'Orbelle, a appelé les États "
     "à mutualiser leurs moyens."),
])
def test_unofficial_reports_dismissed_speculation_and_a_title_in_an_apposition(lang, title, summary):
    assert changes(title, summary, lang) == set()


@pytest.mark.parametrize("lang, title, summary, expected", [
    # background in a long article: a pluperfect, a sentence opened by an earlier year
    ("fr", "Orbelle limoge son directeur général Ivo Marren",
     "Orbelle a limogé son directeur général Ivo Marren. Le directeur technique, Aron Quint, avait quitté "
     "Orbelle en novembre pour rejoindre un concurrent. Arrivé en 2029 d'un cabinet de conseil, Ivo Marren avait "
     "succédé au fondateur, Luc Perrin, après vingt ans à la tête de l'entreprise.",
     {("Ivo Marren", "Orbelle", "firing")}),
    # the company after its descriptor and a complement: "La empresa de logística X"
    ("es", "Orbelle ficha a la COO de su rival Quantelis",
     "La empresa de logística Orbelle ha nombrado directora de operaciones a Nadia Ferrell.",
     {("Nadia Ferrell", "Orbelle", "appointment")}),
])
def test_background_in_long_articles_and_a_described_company(lang, title, summary, expected):
    assert changes(title, summary, lang) == expected


@pytest.mark.parametrize("lang, title", [
    ("it", "Orbelle, licenziato il direttore marketing dopo la bufera sulla campagna"),
    ("es", "Orbelle, despedido su director financiero tras la auditoría"),
])
def test_a_headline_post_named_after_the_verb_is_an_unnamed_exit(lang, title):
    assert {(p, o) for p, o, _ in changes(title, "", lang)} == {("", "Orbelle")}


def test_a_dutch_headline_title_before_the_company_is_an_unnamed_exit():
    assert changes("Topman Orbelle stapt eind dit jaar op", "", "nl") == {("", "Orbelle", "departure")}


def test_a_bulleted_roundup_is_one_story_per_bullet():
    found = changes("People moves: Orbelle, Quantelis, Velmar",
                    "Orbelle has hired Nadia Ferrell as general counsel. • Quantelis, the design-software maker, has "
                    "promoted Ivo Marren to chief product officer. • Velmar has appointed Aron Quint to its board.")
    assert found == {("Nadia Ferrell", "Orbelle", "appointment"), ("Ivo Marren", "Quantelis", "appointment"),
                     ("Aron Quint", "Velmar", "appointment")}


@pytest.mark.parametrize("lang, title, expected", [
    ("nl", "Ontslagen topvrouw Ferrell keert terug bij Orbelle", "return"),
    ("en", "Ousted CEO Nadia Ferrell returns to Orbelle", "return"),
])
def test_an_exit_participle_before_a_title_and_a_name_is_an_epithet(lang, title, expected):
    found = changes(title, "Nadia Ferrell wordt opnieuw ceo van Orbelle." if lang == "nl" else "", lang)
    assert {c for p, o, c in found if p == "Nadia Ferrell"} == {expected}
