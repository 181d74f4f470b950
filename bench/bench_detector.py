"""Detector benchmark: items/s on one core for typical RSS items, and worst latency on hostile ones.

Run: .venv/bin/python bench/bench_detector.py [--labelled PATH]

"Typical" is a synthetic tech-news mix in the seven languages: most items are product, earnings
and funding news (many name an executive), about one in ten reports a leadership change. The
labelled dev set, when found, is timed too: it is leadership-heavy, so it is the slow end.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from streams.detect import detect_leadership_changes
from streams.models import NewsItem

BACKGROUND = {
    "en": ["{org} unveils its new {product} with a faster chip and longer battery life",
           "{org} shares rise after quarterly revenue beats analyst estimates",
           "{org} CEO {person} says demand for {product} remains strong in Europe",
           "Startup {org} raises $40 million to expand its {product} platform"],
    "it": ["{org} presenta il nuovo {product} con un chip più veloce",
           "{org}, ricavi in crescita nel trimestre: il titolo sale in Borsa",
           "L'amministratore delegato di {org} {person}: la domanda di {product} resta forte"],
    "de": ["{org} stellt neues {product} mit schnellerem Chip vor",
           "{org}-Chef {person} rechnet mit starker Nachfrage nach {product}",
           "{org} steigert den Umsatz im dritten Quartal deutlich"],
    "fr": ["{org} dévoile son nouveau {product} avec une puce plus rapide",
           "Le patron de {org}, {person}, table sur une forte demande pour {product}"],
    "es": ["{org} presenta su nuevo {product} con un chip más rápido",
           "El consejero delegado de {org}, {person}, prevé una fuerte demanda de {product}"],
    "pt": ["{org} lança o novo {product} com chip mais rápido"],
    "nl": ["{org} presenteert nieuwe {product} met snellere chip"],
}
CHANGES = {
    "en": "{org} names {person} chief executive, replacing {other}",
    "it": "{org}, si dimette l'amministratore delegato {person}. Al suo posto {other}",
    "de": "{org}-Chef {person} tritt zurück, Nachfolger wird {other}",
    "fr": "{org} : le directeur général {person} quitte ses fonctions",
    "es": "{person} dimite como consejero delegado de {org}",
    "pt": "{person} deixa o cargo de CEO da {org}",
    "nl": "{person} stapt op als topman van {org}",
}
ORGS = ["Norvane", "Quillbyte", "Tessarix", "Orbelt Systems", "Vantrel"]
PEOPLE = ["Mira Okonkwo", "Lars Feldhaus", "Priya Ramanathan", "Tomás Ibarrola", "Ines Vasquez"]
PRODUCTS = ["tablet", "cloud service", "smartwatch", "router"]


def typical_items(n: int, seed: int = 7) -> list[NewsItem]:
    rnd = random.Random(seed)
    items = []
    for k in range(n):
        lang = rnd.choice(list(BACKGROUND))
        fill = {"org": rnd.choice(ORGS), "person": rnd.choice(PEOPLE), "other": rnd.choice(PEOPLE),
                "product": rnd.choice(PRODUCTS)}
        template = CHANGES[lang] if rnd.random() < 0.1 else rnd.choice(BACKGROUND[lang])
        title = template.format(**fill)
        summary = " ".join(rnd.choice(BACKGROUND[lang]).format(**fill) + "." for _ in range(3))
        items.append(NewsItem(item_id=f"t{k}", title=title, summary=summary, lang=lang))
    return items


def hostile_items() -> list[NewsItem]:
    mb = 1_000_000
    caps = " ".join(f"Xy{k} Zed{k} Quux" for k in range(mb // 16))
    return [
        NewsItem("huge", "CEO steps down", "word " * (mb // 5), lang="en"),
        NewsItem("nospace", "CEO resigns", "a" * mb, lang="en"),
        NewsItem("capitals", "Chief Executive Resigns", caps, lang="en"),
        NewsItem("sentences", "CEO quits", "John Smith resigns. " * (mb // 20), lang="en"),
        NewsItem("cues", "x", "steps down resigns named CEO " * (mb // 30), lang=None),
        NewsItem("apostrophes", "l'l'l'", "d'" * (mb // 2), lang="fr"),
        NewsItem("hyphens", "Intel-Chef", "-".join(["Chef"] * (mb // 5)), lang="de"),
        NewsItem("unicode", "İİİ", "İ" * mb, lang=None),
    ]


def rate(items: list[NewsItem], rounds: int = 3) -> float:
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            detect_leadership_changes(item)
        best = max(best, len(items) / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", default=str(Path(__file__).resolve().parents[2] /
                                                  "shared/data/labeled/dev_items.jsonl"))
    parser.add_argument("-n", type=int, default=20000)
    args = parser.parse_args()
    items = typical_items(args.n)
    rate(items[:200], 1)  # load the language tables once
    print(f"typical RSS mix ({args.n} items, ~10% changes): {rate(items):,.0f} items/s")
    path = Path(args.labelled)
    if path.exists():
        dev = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        dev_items = [NewsItem(r["id"], r["title"], r.get("summary", ""), lang=r.get("lang"),
                              published=r.get("published")) for r in dev]
        print(f"labelled dev set ({len(dev_items)} items, 60% changes): {rate(dev_items):,.0f} items/s")
        worst = max((_latency(it), it.item_id) for it in dev_items)
        print(f"worst dev-set item: {worst[0] * 1000:.2f} ms ({worst[1]})")
    for item in hostile_items():
        print(f"hostile {item.item_id:<12} {_latency(item) * 1000:7.2f} ms")


def _latency(item: NewsItem, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        detect_leadership_changes(item)
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    main()
