"""A replay for fault tests: invented changes reported in several languages, ordinary news around them,
and what the pipeline must make of it (computed offline by the same detector and dedup step).

Every change has its own invented organisation and person, is reported once per language by a
different outlet a few hours apart, and all reports fall in one dedup time window, so the
alert id does not depend on which report reaches the worker first.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from dataclasses import dataclass, field

from streams.dedup import reports_for
from streams.dedup.offline import OfflineDeduplicator
from streams.detect import detect_leadership_changes
from streams.models import NewsItem

WINDOW_HOURS = 96.0  # the worker's default dedup window
# the start of a dedup window (alert ids bucket time by the window) plus one hour
_WINDOW_S = int(WINDOW_HOURS * 3600)
BASE_TS = (1_930_000_000 // _WINDOW_S + 1) * _WINDOW_S + 3600

FIRST = ["Ilse", "Tomasz", "Marisol", "Henrik", "Chiara", "Anders", "Yuki", "Oona", "Rafael",
         "Greta", "Emeka", "Lucia", "Pavel", "Noor", "Bruno", "Sigrid", "Dario", "Amara"]
LAST = ["Vandermeer", "Okafor", "Quintero", "Aalto", "Bellandi", "Lykke", "Moreau", "Haverkamp",
        "Castellano", "Brandvold", "Oyelaran", "Ferreira", "Novak", "Lindqvist", "Santorini",
        "Kowalczyk", "Ibarrola", "Marchetti", "Delacroix", "Szabo"]
ORG_HEADS = ["Zor", "Quell", "Bright", "Nor", "Pell", "Vant", "Tess", "Orb", "Kry", "Lum", "Fenn",
             "Galv", "Hex", "Jun", "Marl", "Ost"]
ORG_TAILS = ["blax", "werk", "wave", "vane", "ucid", "rel", "arix", "elt", "ora", "ion", "ify",
             "ant", "ex", "oid"]

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
    "en": ("{org} opens a new data centre in {place}",
           "The facility will host cloud services for customers in the region, {org} said."),
    "it": ("{org} presenta il nuovo servizio cloud a {place}",
           "Il servizio sarà disponibile da settembre per le aziende italiane, ha detto {org}."),
    "de": ("{org} stellt in {place} neue Software für Banken vor",
           "Die Lösung soll ab Herbst verfügbar sein, teilte {org} mit."),
    "fr": ("{org} lance une offre de stockage en ligne à {place}",
           "Le service sera disponible en France dès le mois prochain, selon {org}."),
    "es": ("{org} presenta un nuevo servicio de pagos en {place}",
           "La plataforma llegará a España en otoño, según ha anunciado {org}."),
}
PLACES = ["Ohio", "Lisbon", "Turin", "Leipzig", "Lyon", "Valencia", "Oslo", "Ghent", "Porto"]
LANGS = tuple(REPORTS)


@dataclass
class Replay:
    """The items to produce, in order, and the alerts they must become."""

    items: list[NewsItem]
    # alert_id -> the links of the reports that alert must carry (its new record plus updates)
    expected: dict[str, set[str]] = field(default_factory=dict)

    @property
    def reports(self) -> int:
        return sum(len(links) for links in self.expected.values())


def _iso(ts: float) -> str:
    import datetime
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _item(kind: str, lang: str, index: int, title: str, summary: str, ts: float,
          salt: str) -> NewsItem:
    item_id = hashlib.sha256(f"{salt}|{kind}|{lang}|{index}".encode()).hexdigest()[:32]
    return NewsItem(item_id=item_id, title=title, summary=summary,
                    link=f"https://{lang}.outlet.example/{salt}/{kind}/{index}", lang=lang,
                    published=_iso(ts), feed_url=f"https://{lang}.outlet.example/feed",
                    source=f"Outlet {lang}")


def changes(count: int, salt: str = "") -> list[tuple[str, str]]:
    """``count`` distinct (person, organisation) pairs, invented."""
    orgs = [h + t for h, t in itertools.product(ORG_HEADS, ORG_TAILS)]
    if count > len(orgs):  # long runs: three-part names too
        orgs += [h + m + t for h, m, t in itertools.product(ORG_HEADS, ("an", "el", "or", "um"),
                                                              ORG_TAILS)]
    people = [f"{f} {l}" for l, f in itertools.product(LAST, FIRST)]
    rnd = random.Random(f"changes{salt}")
    rnd.shuffle(orgs)
    rnd.shuffle(people)
    if count > len(orgs):
        raise ValueError(f"at most {len(orgs)} changes")
    return list(zip(people, orgs[:count]))


def replay(total: int, change_count: int, *, langs: int = 5, seed: int = 1, salt: str = "r") -> Replay:
    """``total`` items: each of ``change_count`` changes reported in ``langs`` languages, the rest
    ordinary news about the same companies, shuffled; the expected alerts computed offline."""
    rnd = random.Random(seed)
    pairs = changes(change_count, salt)
    items = []
    for index, (person, org) in enumerate(pairs):
        start = BASE_TS + rnd.randrange(0, 24 * 3600)
        for n, lang in enumerate(LANGS[:langs]):
            title, summary = REPORTS[lang]
            items.append(_item("change", lang, index, title.format(person=person, org=org),
                               summary.format(person=person, org=org), start + n * 3 * 3600, salt))
    for n in range(max(0, total - len(items))):
        lang = LANGS[n % len(LANGS)]
        org = pairs[n % len(pairs)][1] if pairs else "Zorblax"
        title, summary = ORDINARY[lang]
        fill = {"org": org, "place": PLACES[n % len(PLACES)]}
        items.append(_item("news", lang, n, title.format(**fill), summary.format(**fill),
                           BASE_TS + rnd.randrange(0, 48 * 3600), salt))
    rnd.shuffle(items)
    return Replay(items, expected_alerts(items))


def expected_alerts(items: list[NewsItem]) -> dict[str, set[str]]:
    """alert_id -> links of its reports, from the detector and the dedup step run offline."""
    dedup = OfflineDeduplicator(WINDOW_HOURS)
    expected: dict[str, set[str]] = {}
    for item in items:
        detection = detect_leadership_changes(item)
        for report in reports_for(item, detection.events, detection.language):
            decision = dedup.add(report)
            if decision.kind != "duplicate":
                expected.setdefault(decision.alert_id, set()).add(item.link)
    return expected
