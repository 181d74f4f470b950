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


# -- Polish: inflected titles, names and organisations ------------------------------------------

@pytest.mark.parametrize("title, summary, expected", [
    ("Prezes Kwantex Jarosław Wilczek odwołany",
     "Rada nadzorcza spółki Kwantex odwołała Jarosława Wilczka z funkcji prezesa zarządu.",
     {("Jarosław Wilczek", "Kwantex", "firing")}),
    ("Agnieszka Borowiec rezygnuje z funkcji prezesa Lumetry",
     "Agnieszka Borowiec złożyła rezygnację. Nowym prezesem zostanie Tomasz Grabski.",
     {("Agnieszka Borowiec", "Lumetry", "departure"), ("Tomasz Grabski", "Lumetry", "appointment")}),
    ("Marek Zając odchodzi z firmy Bitnova po 12 latach",
     "Marek Zając, współzałożyciel Bitnova, przechodzi do konkurencyjnej firmy Datarion.",
     {("Marek Zając", "Bitnova", "departure")}),
    ("Ewa Lis na czele Polvexu", "Stanowisko dyrektora generalnego w firmie Polvex obejmuje Ewa Lis.",
     {("Ewa Lis", "Polvex", "appointment")}),
    ("Zmiany w Kantorii", "Stanowisko dyrektora sprzedaży w spółce Kantoria obejmuje Michał Nowicki.",
     {("Michał Nowicki", "Kantoria", "appointment")}),
    # the successor named in the accusative: reported in the nominative
    ("Jan Wróbel nowym szefem Datarionu", "Jan Wróbel zastąpi Łukasza Szymaka, który żegna się ze spółką.",
     {("Jan Wróbel", "Datarion", "appointment"), ("Łukasz Szymak", "Datarion", "departure")}),
])
def test_polish_changes_are_found_in_every_case(title, summary, expected):
    assert changes(title, summary, "pl") == expected


@pytest.mark.parametrize("title, summary", [
    ("Prezes Lumetry może odejść. Spekulacje rosną",
     "Według nieoficjalnych informacji Agnieszka Borowiec rozważa odejście."),
    ("Minister cyfryzacji Jan Kowal podał się do dymisji", "Jan Kowal odchodzi z rządu."),
    ("Kowal: nie rozważam dymisji", "Nie rozważam podania się do dymisji - powiedział w Nowym Jorku szef "
     "resortu Jan Kowal."),
    ("Paweł Sowa pozostaje na stanowisku prezesa Kwantex", "Rada nadzorcza przedłużyła jego kadencję."),
])
def test_polish_rumours_politics_and_denials_are_not_changes(title, summary):
    assert changes(title, summary, "pl") == set()


def test_polish_items_are_recognised_without_a_declared_language():
    ev = events("Agnieszka Borowiec rezygnuje z funkcji prezesa Lumetry",
                "Agnieszka Borowiec złożyła rezygnację, którą rada nadzorcza przyjęła w piątek.", None)
    assert [(e.person, e.change) for e in ev] == [("Agnieszka Borowiec", "departure")]


# -- analysis, reports of reports, background: about a change, not its news ---------------------

@pytest.mark.parametrize("title, summary", [
    ("Interview: Kestrel Labs' new research chief Ivo Marren on AI and art",
     "Ivo Marren takes on the role of chief scientist at Kestrel Labs on Monday."),
    ("Why Norvane's CEO Tomás Ibarrola resigned", "The board had lost patience, insiders say."),
    ("What to expect from Brightloop's autumn hardware event",
     "Brightloop will show new laptops on Thursday. The event comes just days after Dana Ruiz, "
     "Brightloop's former head of devices and software, resigned in a surprise announcement."),
    ("Brightloop's former devices chief Dana Ruiz is reportedly heading to Quellwerk",
     "Dana Ruiz is reportedly joining Quellwerk, a news agency reports."),
    ("New report claims Dana Ruiz will lead Quellwerk's hardware unit",
     "An unconfirmed report claims Dana Ruiz is headed to rival Quellwerk to run its devices unit."),
    ("Auto workers change tactics with new strike",
     "This time the union, under new President Ken Rusk, did not pick a target company."),
    ("China's drive for a new trade order",
     "President Wen Tao's visit to Berlin was the latest step in Beijing's bid to court Europe."),
])
def test_analysis_rumours_and_background_are_not_changes(title, summary):
    assert changes(title, summary) == set()


# -- the company left, not the unit led --------------------------------------------------------

@pytest.mark.parametrize("title, summary, org", [
    ("Glimmer chief Dana Ruiz leaves Brightloop", "Dana Ruiz led the Glimmer tablets for ten years.", "Brightloop"),
    ("Dana Ruiz, leader of the Glimmer and Sparq teams, is leaving Brightloop",
     "She will be replaced by Omar Vance.", "Brightloop"),
    ("Brightloop Glimmer and Sparq leader Dana Ruiz is departing the company after 19 years",
     "Dana Ruiz, who joined Brightloop in 2004, is leaving the company.", "Brightloop"),
    # a founder or a CEO heads a company of its own, even one another owns
    ("Quipster founder Ivo Marren leaves Brightloop", "Ivo Marren sold Quipster to Brightloop in 2019.", "Quipster"),
])
def test_a_unit_head_leaving_a_company_named_after_the_verb_leaves_that_company(title, summary, org):
    assert {o for _, o, c in changes(title, summary) if c == "departure"} == {org}


# -- a headline with a role and no name --------------------------------------------------------

def test_a_headline_role_takes_the_person_the_summary_names():
    assert changes("Telco Kestrel's CEO resigns after network outage",
                   "Mara Quint stepped down on Friday, two days after the outage.") == {
        ("Mara Quint", "Kestrel", "departure")}
    ev = events("Telco Kestrel's CEO resigns after network outage", "Mara Quint stepped down on Friday.", "en")
    assert ev[0].role == "CEO"


def test_a_headline_role_takes_the_person_the_link_names():
    from streams.models import NewsItem
    from streams.detect import detect_leadership_changes

    item = NewsItem(item_id="t", title="Velocar's robotaxi unit CEO Resigns", summary="The company did not comment.",
                    link="https://news.example/2031/05/velocar-robotaxi-ceo-mara-velkova-resigns", lang="en",
                    published="2031-05-04T10:00:00Z")
    assert [(e.person, e.org, e.change) for e in detect_leadership_changes(item).events] == [
        ("Mara Velkova", "Velocar", "departure")]


def test_a_headline_role_with_no_name_anywhere_is_an_unnamed_event():
    ev = events("Exchange CEO steps down as Zorblax pays record fine",
                "The crypto exchange agreed to pay $2 billion to settle the charges.", "en")
    assert [(e.person, e.role, e.org, e.change) for e in ev] == [("", "CEO", "Zorblax", "departure")]


def test_a_headline_of_several_stories_keeps_each_unnamed_post_next_to_a_named_one():
    """A "moves" roundup: the named hire is in the lead; the other posts are other companies'
    news, and two different unnamed people are no move from one to the other."""
    ev = events("Tech Moves: startup vet Dana Quint lands new gig; Velmar exec resigns; Orbex hires CFO",
                "Dana Quint, a marketing exec who led teams at Porch Labs, Big Door, and Mozzle, is now chief "
                "marketing officer at Spring Vale.", "en")
    assert {(e.person, e.org, e.change, e.to_org) for e in ev} == {
        ("Dana Quint", "Spring Vale", "appointment", None), ("", "Velmar", "departure", None),
        ("", "Orbex", "appointment", None)}


def test_an_unnamed_post_at_the_named_persons_company_is_still_hers():
    assert changes("Velmar CEO resigns; Dana Quint to take over", "Dana Quint, a veteran who ran the Orbex unit, "
                   "is now chief executive of Velmar.") == {("Dana Quint", "Velmar", "appointment")}


# -- hires phrased around the hirer ------------------------------------------------------------

@pytest.mark.parametrize("title, summary, expected", [
    ("Ivo Marren joins BigSoft to lead new AI project", "The former Kestrel researcher starts in June.",
     {("Ivo Marren", "BigSoft", "appointment")}),
    ("BigSoft snatches Ivo Marren and former colleagues from Kestrel", "The hires are a coup for BigSoft.",
     {("Ivo Marren", "BigSoft", "appointment")}),
    ("BigSoft hires Ivo Marren and Dana Ruiz", "The two Kestrel researchers start next month.",
     {("Ivo Marren", "BigSoft", "appointment"), ("Dana Ruiz", "BigSoft", "appointment")}),
])
def test_hires_phrased_around_the_hirer(title, summary, expected):
    assert changes(title, summary) == expected


def test_a_company_hiring_a_politician_into_office_is_still_out_of_scope():
    assert changes("Velmora names Tomas Reyland prime minister", "The coalition deal was signed.") == set()


# -- the organisation in front of a field or an adjective --------------------------------------

@pytest.mark.parametrize("title, summary, expected", [
    ("Kestrel graphics chief Ivo Marren leaves after five years battling Quellwerk", "",
     {("Ivo Marren", "Kestrel", "departure")}),
    ("Longtime Brightloop hardware leader Dana Ruiz is leaving the company after 19 years",
     "Dana Ruiz, the Brightloop chief product officer, is leaving the company.",
     {("Dana Ruiz", "Brightloop", "departure")}),
    ("Kwantex CEO Jan Ruby steps down; Morgan and Klein named co-CEOs",
     "Kwantex chief executive Jan Ruby is stepping down, the company said, naming board members Rita "
     "Morgan and Paul Klein as co-CEOs.",
     {("Jan Ruby", "Kwantex", "departure"), ("Rita Morgan", "Kwantex", "appointment"),
      ("Paul Klein", "Kwantex", "appointment")}),
])
def test_the_organisation_before_a_field_word_or_after_an_adjective(title, summary, expected):
    assert changes(title, summary) == expected


def test_a_headline_that_only_doubts_a_change_makes_the_item_no_news_of_one():
    assert changes("New report claims former Glimmer head Dana Ruiz is jumping ship from Brightloop to Quellwerk",
                   "A new but unconfirmed report claims Glimmer leader Dana Ruiz, who was announced as leaving "
                   "Brightloop today, is actually headed over to rival Quellwerk to run its devices unit.") == set()


def test_a_roundup_bullet_names_its_person_and_the_headline_its_company():
    assert changes("Tech Moves: Remitly exec to step down; Ivo Marren named CEO of new Kestrel division",
                   "- Dana Ruiz, vice president of sustainability at Seattle payments giant Remitly, will step "
                   "down from her role at the end of the quarter.") == {
        ("Dana Ruiz", "Remitly", "departure"), ("Ivo Marren", "Kestrel", "appointment")}


def test_a_place_describing_a_company_is_no_person():
    assert changes("Brightloop inks another deal to store carbon underground",
                   "A rendering of Quellwerk's carbon removal modules. The Los Angeles-based startup will "
                   "build its plant in Wyoming.") == set()


def test_a_headline_about_an_unnamed_executive_takes_the_name_in_the_link():
    from streams.detect import detect_leadership_changes
    from streams.models import NewsItem

    item = NewsItem(item_id="t", title="One of Kestrel Studios' Most Important Executives Just Left the Company",
                    summary="A few names have been attached to every Kestrel Studios film since the first one.",
                    link="https://news.example/mara-velkova-kestrel-studios-films-1850244773", lang="en",
                    published="2031-05-04T10:00:00Z")
    assert [(e.person, e.org, e.change) for e in detect_leadership_changes(item).events] == [
        ("Mara Velkova", "Kestrel Studios", "departure")]


def test_a_feed_that_tags_its_polish_items_english_is_overruled_by_their_text():
    from streams.detect.language import identify_language

    text = ("Agnieszka Borowiec rezygnuje z funkcji prezesa Lumetry\nAgnieszka Borowiec złożyła rezygnację "
            "w piątek, a rada nadzorcza ją przyjęła. To nie jest zaskoczenie dla rynku.")
    assert identify_language(text, "en") == "pl"
    assert identify_language("Quellwerk names Ilse Vandermeer CEO, a move that surprised Warsaw", "pl") == "pl"


@pytest.mark.parametrize("title, expected", [
    ("Maveronix hires CFO", {("", "Maveronix", "appointment")}),
    ("Tech Moves: Ida Sorn lands new gig; Quantora names new chief executive", {("", "Quantora", "appointment")}),
    ("Quantora hires a CFO from Velmont", {("", "Quantora", "appointment")}),
    ("Quantora names new CFO Ida Sorn", {("Ida Sorn", "Quantora", "appointment")}),
    ("Quantora names CFO Ida Sorn", {("Ida Sorn", "Quantora", "appointment")}),
    # her old post is what she is, no new one at Velmont: the hire is Quantora's
    ("Quantora hires former Velmont CEO Ida Sorn", {("Ida Sorn", "Quantora", "appointment")}),
    ("Quantora poaches Velmont CTO Ida Sorn", {("Ida Sorn", "Quantora", "appointment")}),
    ("Ministry of Finance appoints new director", set()),
    ("Quantora FC hires new manager", set()),
])
def test_a_headline_hire_that_names_no_one_is_an_event_for_the_post(title, expected):
    assert changes(title, "") == expected
