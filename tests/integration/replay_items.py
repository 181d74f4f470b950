"""Multilingual replay items for pipeline tests: invented people and companies, several outlets.

Each change is reported once per language, a few hours apart; ordinary news is mixed in.
"""

from __future__ import annotations

import hashlib

from streams.models import NewsItem

# (person, organisation) of each invented change: all departures of a chief executive
CHANGES = [
    ("Ilse Vandermeer", "Zorblax"),
    ("Tomasz Okafor", "Quellwerk"),
    ("Marisol Quintero", "Brightwave"),
    ("Henrik Aalto", "Norvane"),
    ("Chiara Bellandi", "Fiorelli Systems"),
    ("Anders Lykke", "Pellucid"),
]

REPORTS = {
    "en": ("{org} chief executive {person} resigns",
           "{person} has stepped down as chief executive of {org}, the company said on Tuesday. "
           "The board will begin a search for a successor."),
    "it": ("{org}, si dimette l'amministratore delegato {person}",
           "{person} ha rassegnato le dimissioni da amministratore delegato di {org}. "
           "Il consiglio avvierà la ricerca di un successore."),
    "de": ("{org}-Chef {person} tritt zurück",
           "{person} ist als Vorstandschef von {org} zurückgetreten. Der Aufsichtsrat sucht "
           "nun einen Nachfolger."),
    "fr": ("{org} : le directeur général {person} démissionne",
           "{person} a démissionné de son poste de directeur général de {org}. Le conseil "
           "d'administration cherche un successeur."),
    "es": ("Dimite {person}, consejero delegado de {org}",
           "{person} ha dimitido como consejero delegado de {org}. El consejo de "
           "administración buscará un sucesor."),
}

ORDINARY = {
    "en": ("{org} opens a new data centre in Ohio",
           "The facility will host cloud services for customers in the region, {org} said."),
    "it": ("{org} presenta il nuovo servizio cloud",
           "Il servizio sarà disponibile da settembre per le aziende italiane, ha detto {org}."),
    "de": ("{org} stellt neue Software für Banken vor",
           "Die Lösung soll ab Herbst verfügbar sein, teilte {org} mit."),
    "fr": ("{org} lance une offre de stockage en ligne",
           "Le service sera disponible en France dès le mois prochain, selon {org}."),
    "es": ("{org} presenta un nuevo servicio de pagos",
           "La plataforma llegará a España en otoño, según ha anunciado {org}."),
}


def _item(kind: str, lang: str, index: int, title: str, summary: str, hour: int) -> NewsItem:
    item_id = hashlib.sha256(f"{kind}|{lang}|{index}".encode()).hexdigest()[:32]
    return NewsItem(item_id=item_id, title=title, summary=summary,
                    link=f"https://{lang}.outlet.example/{kind}/{index}", lang=lang,
                    published=f"2031-03-0{1 + index % 3}T{hour:02d}:00:00Z",
                    feed_url=f"https://{lang}.outlet.example/feed", source=f"Outlet {lang}")


def replay_items() -> list[NewsItem]:
    """One report per (change, language) and one ordinary item per (organisation, language)."""
    items = []
    for index, (person, org) in enumerate(CHANGES):
        for hour, (lang, (title, summary)) in enumerate(REPORTS.items(), start=8):
            items.append(_item("change", lang, index, title.format(person=person, org=org),
                               summary.format(person=person, org=org), hour))
            news_title, news_summary = ORDINARY[lang]
            items.append(_item("news", lang, index, news_title.format(org=org),
                               news_summary.format(org=org), hour))
    return items
