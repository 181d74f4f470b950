"""The detector on invented people and companies (none appear in its code, data or the dev set)."""

from __future__ import annotations

import time

import pytest

from streams.detect import detect_leadership_changes, normalize_person
from streams.models import NewsItem


def detect(title: str, summary: str = "", lang: str | None = None):
    return detect_leadership_changes(NewsItem(item_id="t", title=title, summary=summary, lang=lang,
                                              published="2023-05-04T10:00:00Z"))


def triples(detection) -> set[tuple[str, str, str]]:
    return {(e.person_norm, e.org.casefold(), e.change) for e in detection.events}


POSITIVES = [
    # (lang, title, summary, expected (person_norm, org, change) subset)
    ("en", "Zentrix CEO Marta Lindqvist steps down", "Marta Lindqvist will step down as chief "
     "executive of Zentrix at the end of the year, the company said.",
     {("marta lindqvist", "zentrix", "departure")}),
    ("en", "Corvana names Kofi Mensah chief executive", "Corvana said Kofi Mensah, its finance chief, "
     "will become CEO on March 1, replacing Hana Kowalczyk.",
     {("kofi mensah", "corvana", "appointment"), ("hana kowalczyk", "corvana", "departure")}),
    ("en", "Heliopath ousts CEO Rafael Okafor", "The board of Heliopath voted to remove chief "
     "executive Rafael Okafor after a failed product launch.",
     {("rafael okafor", "heliopath", "firing")}),
    ("en", "Brightlane founder Yuki Tanabe to retire", "Yuki Tanabe, founder and chairman of "
     "Brightlane, plans to retire next spring after three decades.",
     {("yuki tanabe", "brightlane", "retirement")}),
    ("en", "Nuvaro CTO Dana Whitfield takes leave of absence", "Dana Whitfield, chief technology "
     "officer of Nuvaro, is taking a medical leave of absence.",
     {("dana whitfield", "nuvaro", "leave")}),
    ("en", "Kestrel Labs co-founder Omar Haddad returns as CEO", "Omar Haddad is returning to Kestrel "
     "Labs as chief executive two years after he left.",
     {("omar haddad", "kestrel labs", "return")}),
    ("en", "A week of exits: three tech bosses quit", "Zentrix CEO Marta Lindqvist resigned on Monday. "
     "Ombrix chairman Piet Aalders stepped down on Tuesday. Vetrano fired CFO Lena Strand on Friday.",
     {("marta lindqvist", "zentrix", "departure"), ("piet aalders", "ombrix", "departure"),
      ("lena strand", "vetrano", "firing")}),
    ("it", "Solvex, si dimette l'amministratore delegato Bruno Castellani", "Bruno Castellani lascia la "
     "guida di Solvex dopo sei anni. Al suo posto arriva Giulia Ferretti, finora direttrice finanziaria.",
     {("bruno castellani", "solvex", "departure"), ("giulia ferretti", "solvex", "appointment")}),
    ("it", "Vetrano, il numero uno di Ombrix Carlo Benedetti va in pensione", "Carlo Benedetti, "
     "amministratore delegato di Ombrix, andrà in pensione a fine anno.",
     {("carlo benedetti", "ombrix", "retirement")}),
    ("it", "Zentrix licenzia il ceo Paolo Marini", "Il consiglio di amministrazione di Zentrix ha "
     "revocato tutte le deleghe all'amministratore delegato Paolo Marini.",
     {("paolo marini", "zentrix", "firing")}),
    ("de", "Corvana-Chef Jürgen Albrecht tritt zurück", "Jürgen Albrecht gibt den Vorstandsvorsitz "
     "bei Corvana ab. Sein Nachfolger wird Finanzchef Tobias Reinhardt.",
     {("juergen albrecht", "corvana", "departure"), ("tobias reinhardt", "corvana", "appointment")}),
    ("de", "Heliopath trennt sich von Konzernchef Markus Engel", "Der Aufsichtsrat von Heliopath hat "
     "Markus Engel mit sofortiger Wirkung abberufen.",
     {("markus engel", "heliopath", "firing")}),
    ("fr", "Le patron de Nuvaro, Sophie Marchand, quitte ses fonctions", "Sophie Marchand quitte la "
     "direction générale de Nuvaro. Elle sera remplacée par Julien Morel, directeur financier.",
     {("sophie marchand", "nuvaro", "departure"), ("julien morel", "nuvaro", "appointment")}),
    ("fr", "Brightlane nomme Claire Dubois directrice générale", "Le conseil d'administration de "
     "Brightlane a nommé Claire Dubois directrice générale à compter du 1er juin.",
     {("claire dubois", "brightlane", "appointment")}),
    ("es", "Lucía Ferreira dimite como consejera delegada de Solvex", "Lucía Ferreira abandona la "
     "dirección de Solvex tras cinco años al frente de la compañía.",
     {("lucia ferreira", "solvex", "departure")}),
    ("es", "Ombrix nombra a Diego Salvatierra nuevo consejero delegado", "Ombrix ha nombrado a Diego "
     "Salvatierra consejero delegado en sustitución de Marta Quiroga.",
     {("diego salvatierra", "ombrix", "appointment")}),
    ("pt", "Rafaela Monteiro deixa o cargo de CEO da Vetrano", "Rafaela Monteiro anunciou que deixará "
     "o posto de presidente-executiva da Vetrano em junho.",
     {("rafaela monteiro", "vetrano", "departure")}),
    ("nl", "Topman Dirk Vermeulen stapt op bij Kestrel", "Dirk Vermeulen, topman van Kestrel, stopt "
     "per 1 juli als ceo.",
     {("dirk vermeulen", "kestrel", "departure")}),
]


@pytest.mark.parametrize("lang,title,summary,expected", POSITIVES,
                         ids=[f"{p[0]}-{n}" for n, p in enumerate(POSITIVES)])
def test_finds_changes_of_unseen_people_and_companies(lang, title, summary, expected):
    detection = detect(title, summary, lang)
    assert detection.supported and detection.language == lang
    assert expected <= triples(detection), triples(detection)
    for event in detection.events:
        assert event.evidence and event.cue and 0 < event.confidence <= 1


NEGATIVES = [
    ("en", "statement", "Zentrix CEO Marta Lindqvist says AI demand is booming",
     "Chief executive Marta Lindqvist said orders doubled and the company will hire engineers."),
    ("en", "keynote", "Corvana CEO Kofi Mensah unveils a foldable phone at its keynote",
     "Kofi Mensah showed the device on stage and said it ships in June."),
    ("en", "denial", "Heliopath CEO Rafael Okafor says he won't step down",
     "Rafael Okafor told investors he has no plans to leave the company."),
    ("en", "rumour", "Nuvaro in talks to bring back founder Omar Haddad, people say",
     "Nuvaro is in talks with Omar Haddad, who could return as chief executive, people familiar said."),
    ("en", "lawsuit", "Regulator sues Brightlane and its CEO Yuki Tanabe",
     "The regulator accused chief executive Yuki Tanabe of misleading investors."),
    ("en", "layoffs", "Vetrano lays off 2,000 employees", "Vetrano is cutting 12% of its staff, "
     "chief executive Lena Strand said in a memo."),
    ("en", "engineer fired", "Ombrix fires engineer who leaked roadmap",
     "Ombrix has fired Pavel Novak, a software engineer who posted internal plans online."),
    ("en", "market leader", "Solvex remains market leader in routers", "Solvex kept its lead, "
     "CEO Bruno Castellani said, and was named a Leader in the analyst ranking."),
    ("en", "market exit", "Kestrel leaves the Brazilian market", "Kestrel will exit Brazil by June, "
     "chief executive Ana Duarte said."),
    ("en", "product retired", "Zentrix finally retires its Orbit browser",
     "Zentrix is retiring the Orbit browser after 15 years; users will move to Orbit Next."),
    ("en", "earnings", "Corvana beats estimates as CEO Kofi Mensah hails cloud growth",
     "Corvana reported record revenue; Kofi Mensah said the cloud unit grew 40%."),
    ("en", "background", "Heliopath launches satellite service",
     "The launch comes a year after Rafael Okafor, who resigned in 2021, left the company."),
    ("en", "fiction", "'Boardroom' season 2: Rafael Okafor ousted as CEO of fictional Quanta",
     "The HBO series returns with its hero ousted as chief executive, played by a veteran actor."),
    ("en", "named after", "Kestrel opens a lab named after founder Omar Haddad",
     "Kestrel chief executive Ana Duarte said the lab, named after its founder, will hire 200 people."),
    ("en", "named among", "Zentrix CEO Marta Lindqvist named one of the year's top leaders",
     "Marta Lindqvist was named among the most influential executives in Europe."),
    ("it", "sport", "Il Calcio Vetrano esonera l'allenatore Marco Villa",
     "La società ha sollevato dall'incarico l'allenatore Marco Villa dopo la sconfitta."),
    ("it", "product", "Solvex manda in pensione il suo vecchio router",
     "Il router resterà in vendita fino a esaurimento scorte."),
    ("it", "denial", "Castellani: «Non lascio la guida di Solvex»",
     "L'amministratore delegato Bruno Castellani ha escluso di voler lasciare l'incarico."),
    ("de", "market exit", "Corvana zieht sich aus dem Heimatmarkt zurück",
     "Corvana verkauft sein Geschäft in Deutschland. Vorstandschef Jürgen Albrecht will wachsen."),
    ("de", "coach", "FC Nordstadt trennt sich von Trainer Lukas Brandt",
     "Nach der Niederlage hat der Verein den Trainer entlassen."),
    ("fr", "series", "« Start-up » : la série sur la chute du patron de Nuvaro",
     "La série retrace l'éviction de Sophie Marchand, incarnée par une actrice célèbre."),
    ("es", "funding", "Ombrix cierra una ronda de 50 millones",
     "El consejero delegado de Ombrix, Diego Salvatierra, destinará los fondos a crecer."),
    ("pt", "layoffs", "Vetrano demite 500 funcionários",
     "A Vetrano anunciou a demissão de 500 funcionários, cerca de 10% do total."),
    ("nl", "results", "Kestrel boekt recordomzet", "Topman Dirk Vermeulen verwacht verdere groei."),
]


@pytest.mark.parametrize("lang,kind,title,summary", NEGATIVES,
                         ids=[f"{n[0]}-{n[1]}" for n in NEGATIVES])
def test_rejects_mentions_that_are_not_changes(lang, kind, title, summary):
    detection = detect(title, summary, lang)
    assert detection.supported
    assert not detection.leadership_change, [(e.person, e.change, e.cue) for e in detection.events]


@pytest.mark.parametrize("title,summary,expected", [
    ("Zentrix CEO Marta Lindqvist steps down", "", "en"),
    ("Solvex, si dimette l'amministratore delegato Bruno Castellani", "Lascia la guida dopo sei anni.", "it"),
    ("Corvana-Chef Jürgen Albrecht tritt zurück", "Er gibt den Vorstandsvorsitz ab.", "de"),
    ("Dirk Vermeulen stapt op als topman van Kestrel", "Hij vertrekt per 1 juli bij het bedrijf.", "nl"),
])
def test_language_is_detected_when_not_declared(title, summary, expected):
    assert detect(title, summary).language == expected


@pytest.mark.parametrize("title,summary,lang", [
    ("Zentrix vd Marta Lindqvist avgår", "Hon lämnar bolaget efter sex år och det är inte klart vem som tar över.", None),
    ("Zentrix CEO Marta Lindqvist steps down", "", "ja-ignored-then-detected-as"),
    ("ゼントリクスの社長が辞任", "同社は後任を発表していない。", None),
])
def test_unsupported_language_gets_no_events(title, summary, lang):
    detection = detect(title, summary, None if lang and lang.startswith("ja-") else lang)
    if lang and lang.startswith("ja-"):
        return  # declared but unsupported codes fall back to detection: covered below
    assert not detection.supported and not detection.events
    assert detection.language not in ("en", "it", "de", "fr", "es", "pt", "nl")


def test_declared_unsupported_language_falls_back_to_detection():
    detection = detect("Zentrix CEO Marta Lindqvist steps down", "", "sv")
    assert detection.language == "en" and detection.supported


@pytest.mark.parametrize("a,b", [
    ("Jürgen Müller", "Juergen Mueller"),
    ("  Zoë   Ångström ", "zoe angstroem"),
    ("Lucía Ferreira", "LUCIA FERREIRA"),
])
def test_normalize_person_matches_spellings(a, b):
    assert normalize_person(a) == normalize_person(b)


def test_normalize_person_is_lowercase_ascii():
    assert normalize_person("Jürgen  Müller-Lüdenscheidt") == "juergen mueller-luedenscheidt"


@pytest.mark.parametrize("title,summary", [
    ("CEO steps down", "word " * 200_000),
    ("CEO resigns", "a" * 1_000_000),
    ("Chief Executive Resigns", " ".join(f"Xy{k} Zed{k}" for k in range(100_000))),
    ("CEO quits", "Ann Lee resigns. " * 60_000),
])
def test_pathological_input_is_bounded(title, summary):
    detect(title, summary, "en")  # warm the tables
    start = time.perf_counter()
    detect(title, summary, "en")
    assert time.perf_counter() - start < 0.05
