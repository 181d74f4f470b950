"""`shakeup classify` as a whole process: items/s from start-up to the last JSON line written.

Run: .venv/bin/python bench/bench_classify.py [-n N] [--share 0.5]

The stream is invented: a share (default half) of the items report a leadership change, in
eight languages and several shapes (named CEO, resignation with successor, unnamed post, Polish
inflected titles), the rest are ordinary tech news; items carry ids, links and publication times
over a week, so dedup merges the reports of one change as it would in production. Each run
spawns `shakeup classify FILE` (interpreter start-up, imports, lexicon loading, JSON in and out,
dedup included) and is timed on the wall clock; the best of three runs is reported, with a
one-item run for the start-up alone. The language tables come from a table cache in a temporary
directory, as from a user's second run on (``SHAKEUP_CACHE_DIR``); the first run, which builds
them, is printed too. `classify` detects in one process per core (at most four)
once the input has 5,000 items; the one-process figure (`--jobs 1`) is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_detector import CHANGES, DETAIL, ORDINARY, PRODUCTS  # noqa: E402

SHAKEUP = Path(sys.executable).with_name("shakeup")
MORE_CHANGES = {  # other shapes real feeds use, invented names
    "en": ["{org}'s CEO resigns after outage; {person} steps down on Friday",
           "{org} hires {person} and {other} to lead its new AI lab",
           "{person} leaves {org} to join rival {other_org}"],
    "pl": ["{person} odchodzi z {org}. Nowym prezesem zostanie {other}",
           "Prezes {org} {person} odwołany"],
}
DETAIL_PL = "{product} trafi do sklepów w czerwcu w Polsce i w Europie, poinformowała firma {org}."
ORDINARY_PL = ["{org} pokazał nowy {product} z szybszym procesorem",
               "Przychody {org} wzrosły w trzecim kwartale"]


# invented people and companies, as many as a week of real feeds names (not five of each: dedup
# would then compare every report with every other)
GIVEN = ["Mira", "Lars", "Priya", "Tomás", "Ines", "Jarosław", "Agnieszka", "Omar", "Dana", "Ivo", "Rita",
         "Paul", "Ewa", "Kenji", "Lucia", "Marek", "Sofia", "Aron", "Nadia", "Piotr"]
FAMILY = ["Okonkwo", "Feldhaus", "Ramanathan", "Ibarrola", "Vasquez", "Wilczek", "Borowiec", "Vance",
          "Ruiz", "Marren", "Quint", "Lund", "Tanaka", "Ferrante", "Zając", "Lindqvist", "Halvorsen",
          "Castell", "Pemberton", "Grabski"]
SYLLABLES = ["nor", "vane", "quill", "byte", "tes", "sar", "ix", "orb", "elt", "van", "trel", "kes", "lum",
             "etra", "pol", "vex", "zor", "blax", "dat", "arion"]
PEOPLE = [f"{g} {f}" for g in GIVEN for f in FAMILY]
ORGS = sorted({(a + b).capitalize() for a in SYLLABLES for b in SYLLABLES if a != b})


def stream(n: int, share: float, seed: int = 11) -> list[dict]:
    rnd = random.Random(seed)
    langs = list(ORDINARY) + ["pl"]
    out = []
    for k in range(n):
        lang = rnd.choice(langs)
        fill = {"org": rnd.choice(ORGS), "person": rnd.choice(PEOPLE), "other": rnd.choice(PEOPLE),
                "other_org": rnd.choice(ORGS), "product": rnd.choice(PRODUCTS)}
        if rnd.random() < share:
            shapes = ([CHANGES[lang]] if lang in CHANGES else []) + MORE_CHANGES.get(lang, [])
            title = rnd.choice(shapes).format(**fill)
        else:
            title = rnd.choice(ORDINARY.get(lang, ORDINARY_PL)).format(**fill)
        summary = (DETAIL_PL if lang == "pl" else DETAIL[lang]).format(**fill)
        out.append({"id": f"b{k}", "title": title, "summary": summary, "lang": lang,
                    "link": f"https://news.example/{k}", "source": f"outlet-{k % 17}",
                    "published": f"2031-05-{1 + k * 7 // n:02d}T{k % 24:02d}:00:00Z"})
    return out


def run(path: Path, jobs: int | None = None, cache: Path | None = None) -> float:
    start = time.perf_counter()
    extra = ["--jobs", str(jobs)] if jobs else []
    env = {**os.environ, "SHAKEUP_CACHE_DIR": str(cache) if cache else "off"}
    done = subprocess.run([str(SHAKEUP), "classify", str(path), "--no-progress", *extra], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"shakeup classify failed: {done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20_000, help="items in the stream (default 20,000)")
    parser.add_argument("--share", type=float, default=0.5, help="share of leadership items (default 0.5)")
    args = parser.parse_args()
    items = stream(args.n, args.share)
    with tempfile.TemporaryDirectory() as tmp:
        path, one = Path(tmp) / "stream.jsonl", Path(tmp) / "one.jsonl"
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        one.write_text(json.dumps(items[0]) + "\n", encoding="utf-8")
        cache = Path(tmp) / "cache"  # the compiled language tables, as a user's second run finds them
        cold = run(path)  # no cache: every table built in this process
        startup = min(run(one, cache=cache) for _ in range(3))
        best = min(run(path, cache=cache) for _ in range(3))
        single = min(run(path, jobs=1, cache=cache) for _ in range(2))
        flagged = sum(json.loads(line)["leadership_change"] for line in subprocess.run(
            [str(SHAKEUP), "classify", str(path), "--no-progress"], capture_output=True, text=True,
            check=True).stdout.splitlines())
    print(f"shakeup classify, whole process: {args.n:,} items ({args.share:.0%} leadership news, "
          f"{flagged:,} flagged) in {best:.2f} s = {args.n / best:,.0f} items/s "
          f"(start-up alone {startup:.2f} s); with --jobs 1: {args.n / single:,.0f} items/s; "
          f"without the table cache (first run): {args.n / cold:,.0f} items/s")


if __name__ == "__main__":
    main()
