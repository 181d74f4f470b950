"""Scope: leadership changes at companies and organisations count; government, politics and
sport do not. Invented people, parties, ministries and clubs, per language."""

from __future__ import annotations

import pytest

from streams.detect import detect_leadership_changes
from streams.models import NewsItem


def detect(title: str, summary: str, lang: str):
    return detect_leadership_changes(NewsItem(item_id="t", title=title, summary=summary, lang=lang,
                                              published="2031-03-02T09:00:00Z"))


OUT_OF_SCOPE = [
    # (lang, kind, title, summary)
    ("en", "prime minister", "Velmora names Tomas Reyland prime minister after coalition deal",
     "Tomas Reyland will head the government until the next election, the president's office said."),
    ("en", "head a government", "Parliament vote looms in Ostravia",
     "Mira Kessel, who leads the Civic Forward party, is set to become the first woman to head a "
     "government in Ostravia."),
    ("en", "agency director", "Director of the Ministry of Transport resigns",
     "The director of the Ministry of Transport and Roads, Arlo Pemberton, has resigned over a "
     "conflict of interest, officials said."),
    ("en", "party leader", "Civic Forward party ousts leader Dana Holloway",
     "The party's national council removed Dana Holloway as leader of the Civic Forward party."),
    ("en", "football manager", "Transfer deadline day: Rovers appoint Jon Castell as new boss",
     "Jon Castell becomes the club's new manager as the transfer window closes."),
    ("it", "ministro", "Governo, Lucio Ferrante nominato ministro dell'Innovazione",
     "Il presidente del Consiglio ha scelto Lucio Ferrante come nuovo ministro."),
    ("it", "sindaco", "Si dimette il sindaco di Valdoria Marco Salvi",
     "Marco Salvi lascia la guida del comune dopo due anni di mandato."),
    ("de", "Minister", "Bundesregierung: Wirtschaftsminister Kai Brenner tritt zurück",
     "Kai Brenner gibt sein Amt als Minister ab. Sein Nachfolger wird Lena Roth."),
    ("de", "Partei", "Partei wählt Jana Keller zur neuen Vorsitzenden",
     "Die Partei hat Jana Keller zur Vorsitzenden gewählt, sie folgt auf Tom Hagen."),
    ("fr", "député", "Assemblée nationale : Paul Verdier désigné rapporteur",
     "Paul Verdier fait partie des deux députés désignés par le président de l'Assemblée nationale."),
    ("fr", "premier ministre", "Nouveau Premier ministre à Valdoria",
     "Deux semaines après la démission du Premier ministre Henri Lasalle, Marc Dufay a été nommé."),
    ("es", "ministro", "El Gobierno nombra a Irene Salcedo nueva ministra de Industria",
     "Irene Salcedo sustituye en el cargo a Pablo Reyes, que deja el ministerio."),
    ("es", "alcalde", "Dimite el alcalde de Villarta, Andrés Molina",
     "Andrés Molina deja la alcaldía tras ocho años al frente del ayuntamiento."),
    ("pt", "ministro", "Governo anuncia Rui Tavares como novo ministro da Economia",
     "Rui Tavares substitui no cargo o ministro Paulo Neves, que deixa o governo."),
    ("fr", "sélectionneur", "Mercato : le club de Valdoria limoge son entraîneur Hugo Ferrand",
     "Le club a remercié Hugo Ferrand après une série de défaites en championnat."),
    ("es", "club", "El club Atlético Villarta destituye a su presidente, Luis Ortega",
     "La junta del club ha cesado a Luis Ortega tras la derrota en la final."),
    ("nl", "minister", "Minister Eva de Groot stapt op",
     "Eva de Groot vertrekt als minister van Economische Zaken, meldt de regering."),
]


@pytest.mark.parametrize("lang,kind,title,summary", OUT_OF_SCOPE,
                         ids=[f"{c[0]}-{c[1]}" for c in OUT_OF_SCOPE])
def test_government_politics_and_sport_make_no_event(lang, kind, title, summary):
    detection = detect(title, summary, lang)
    assert not detection.events, [(e.person, e.org, e.change, e.cue) for e in detection.events]


IN_SCOPE = [
    # a company's change stays one when the text also mentions government, or a politician moves
    ("en", "Corvana CEO Kofi Mensah resigns amid government probe",
     "Kofi Mensah stepped down as chief executive of Corvana as regulators widened an inquiry.",
     ("kofi mensah", "corvana", "departure")),
    ("en", "Former minister Hana Kowalczyk joins Zentrix as chief executive",
     "Zentrix named Hana Kowalczyk, a former finance minister, chief executive on Monday.",
     ("hana kowalczyk", "zentrix", "appointment")),
    ("it", "Solvex, l'ex ministro Bruno Castellani diventa presidente",
     "Il consiglio di amministrazione di Solvex ha nominato presidente Bruno Castellani.",
     ("bruno castellani", "solvex", "appointment")),
    ("de", "Corvana-Chef Jürgen Albrecht geht, Ex-Ministerin Eva Brandt übernimmt",
     "Jürgen Albrecht tritt als Vorstandschef von Corvana zurück. Nachfolgerin wird Eva Brandt.",
     ("juergen albrecht", "corvana", "departure")),
    ("en", "Zentrix's head of United Kingdom operations, Ana Ruiz, resigns",
     "Ana Ruiz, head of United Kingdom and Ireland operations at Zentrix, is leaving the company.",
     ("ana ruiz", "zentrix", "departure")),
    ("en", "Kestrel Games head of Legends League Omar Haddad steps down",
     "Omar Haddad, who led the Legends League game at Kestrel Games, steps down as its head.",
     ("omar haddad", "kestrel games", "departure")),
    ("it", "Solvex, lascia il responsabile della regione Emea Paolo Marini",
     "Paolo Marini, responsabile della regione Emea di Solvex, lascia il gruppo.",
     ("paolo marini", "solvex", "departure")),
    ("fr", "Nuvaro : Sophie Marchand quitte la direction malgré l'appel du gouvernement",
     "Sophie Marchand, directrice générale de Nuvaro, quitte ses fonctions.",
     ("sophie marchand", "nuvaro", "departure")),
]


@pytest.mark.parametrize("lang,title,summary,expected", IN_SCOPE, ids=[c[0] for c in IN_SCOPE])
def test_company_changes_near_government_words_still_count(lang, title, summary, expected):
    detection = detect(title, summary, lang)  # the change is kept (its organisation is tested elsewhere)
    person, _, change = expected
    assert (person, change) in {(e.person_norm, e.change) for e in detection.events}, \
        [(e.person, e.org, e.change, e.cue) for e in detection.events]


@pytest.mark.parametrize("title,org", [("Premier Foods CEO Ana Ruiz steps down", "Premier Foods"),
                                       ("MP Materials CEO Ana Ruiz steps down", "MP Materials")])
def test_company_names_that_look_like_offices_stay_companies(title, org):
    assert [(e.person, e.org) for e in detect(title, "", "en").events] == [("Ana Ruiz", org)]
