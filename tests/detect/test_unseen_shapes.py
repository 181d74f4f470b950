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
