"""The item mix of bench_pipeline: what pollers really produce, with a few % leadership changes.

Ordinary news comes from the real feeds in ../shared/data/real-feeds (parsed by the poller's own
parser: tech and general news in several languages, half without a declared language) when they
are there, else from templates. Leadership changes are templated with invented people and
companies, in six languages; each change is reported by one to three outlets in different
languages, so the dedup agent opens alerts and merges updates.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random
import time
from pathlib import Path

from streams.models import NewsItem

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
SKIP_DIRS = ("kurtmckee__feedparser",)  # the feedparser project's parser test cases, not news

CHANGE_TEMPLATES = {
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
    "pt": ("{person} deixa o cargo de CEO da {org}",
           "{person} deixou o cargo de presidente-executivo da {org}, informou a empresa. "
           "O conselho vai escolher um sucessor."),
}
ORDINARY_TEMPLATES = {
    "en": ("{org} unveils a {product} with a faster chip and a brighter display",
           "The {product} ships in June in Europe and the United States, {org} said on Tuesday."),
    "it": ("{org} presenta il nuovo {product} con un chip più veloce",
           "Il {product} sarà disponibile da giugno in Italia e in Europa, ha spiegato {org}."),
    "de": ("{org} stellt neues {product} mit schnellerem Chip vor",
           "Das {product} kommt im Juni in Deutschland auf den Markt, teilte {org} mit."),
    "fr": ("{org} dévoile son nouveau {product} avec une puce plus rapide",
           "Le {product} sera disponible en juin en France et en Europe, selon {org}."),
    "es": ("{org} presenta su nuevo {product} con un chip más rápido",
           "El {product} llegará en junio a España y al resto de Europa, según {org}."),
    "pt": ("{org} lança o novo {product} com chip mais rápido",
           "O {product} chega em junho ao Brasil e a Portugal, segundo a {org}."),
}
PRODUCTS = ["tablet", "router", "smartwatch", "Omnibook 14", "Pulse X2"]
FIRST = ["Ilse", "Tomasz", "Marisol", "Henrik", "Chiara", "Anders", "Yuki", "Oona", "Rafael",
         "Greta", "Emeka", "Lucia", "Pavel", "Noor", "Bruno", "Sigrid"]
LAST = ["Vandermeer", "Okafor", "Quintero", "Aalto", "Bellandi", "Lykke", "Moreau", "Haverkamp",
        "Castellano", "Brandvold", "Oyelaran", "Ferreira", "Novak", "Lindqvist", "Santorini"]
SYLLABLES = ["ka", "ve", "lo", "ri", "zu", "ne", "ta", "mi", "so", "bu", "de", "fi", "go", "ha"]


def real_feed_items(root: Path = SHARED / "real-feeds") -> list[NewsItem]:
    """The items of every feed file under ``root``, parsed as the pollers parse them."""
    from streams.feeds.parser import parse_feed

    items: list[NewsItem] = []
    if not root.is_dir():
        return items
    for path in sorted(root.rglob("*")):
        if path.suffix not in FEED_SUFFIXES or any(d in path.parts for d in SKIP_DIRS):
            continue
        try:
            items += parse_feed(path.read_bytes(), f"https://feeds.example/{path.name}").items
        except Exception:  # noqa: BLE001 - a broken fixture is simply not part of the mix
            continue
    return items


def _iso(ts: float) -> str:
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _template_ordinary(rnd: random.Random) -> NewsItem:
    lang = rnd.choice(list(ORDINARY_TEMPLATES))
    title, summary = ORDINARY_TEMPLATES[lang]
    fill = {"org": "Q" + "".join(rnd.choice(SYLLABLES) for _ in range(3)), "product": rnd.choice(PRODUCTS)}
    return NewsItem(item_id="", title=title.format(**fill), summary=summary.format(**fill), lang=lang)


class ItemMix:
    """An endless, reproducible stream of items: ``change_share`` of them report a leadership
    change (one to three reports per change, in different languages), the rest ordinary news."""

    def __init__(self, change_share: float = 0.03, seed: int = 1, use_real_feeds: bool = True):
        self.change_share = change_share
        self.rnd = random.Random(seed)
        self.ordinary = real_feed_items() if use_real_feeds else []
        self.source = "real feeds" if self.ordinary else "templates"
        self._counter = itertools.count()
        self._orgs = ("Q" + "".join(p) for p in itertools.product(SYLLABLES, repeat=5))
        self._pending: list[NewsItem] = []  # later reports of changes already started

    def describe(self) -> str:
        langs = ", ".join(CHANGE_TEMPLATES)
        return (f"ordinary news from {self.source}"
                f"{f' ({len(self.ordinary)} items, cycled)' if self.ordinary else ''}, "
                f"{self.change_share:.0%} leadership-change reports in {langs}")

    def _change_reports(self) -> list[NewsItem]:
        org = next(self._orgs).capitalize()
        person = f"{self.rnd.choice(FIRST)} {self.rnd.choice(LAST)}"
        langs = self.rnd.sample(list(CHANGE_TEMPLATES), self.rnd.choice((1, 2, 2, 3)))
        reports = []
        for lang in langs:
            title, summary = CHANGE_TEMPLATES[lang]
            reports.append(NewsItem(item_id="", title=title.format(org=org, person=person),
                                    summary=summary.format(org=org, person=person), lang=lang,
                                    source=f"Outlet {lang}"))
        return reports

    def take(self, count: int) -> list[NewsItem]:
        """The next ``count`` items, each with a unique id and link and a recent publish time."""
        out = []
        for _ in range(count):
            if self.rnd.random() < self.change_share:
                if not self._pending or self.rnd.random() < 0.45:
                    first, *later = self._change_reports()
                    self._pending += later
                    base = first
                else:
                    base = self._pending.pop(0)
            elif self.ordinary:
                base = self.rnd.choice(self.ordinary)
            else:
                base = _template_ordinary(self.rnd)
            n = next(self._counter)
            out.append(dataclasses.replace(
                base, item_id=f"bench-{n}", link=f"https://outlet.example/bench/{n}",
                published=_iso(time.time() - self.rnd.randrange(0, 3600)),
                feed_url=base.feed_url or "https://outlet.example/feed",
                source=base.source or "Outlet"))
        return out
