"""Detection and dedup scores on every labelled set: the real-feed corpus (both halves), the
dev set, and the invented sets of eval/invented/.

Run: .venv/bin/python bench/eval_real.py

Runs `shakeup eval`, as a user would, and prints its tables:
- the tune half of eval/real/ (the items the detector was developed against),
- the held-out half (published from 2023-09-20; read after its first measurement, see eval/real/README.md),
- the labelled dev set ../shared/data/labeled/dev_items.jsonl,
- eval/invented/: set 1 (tune, held-out), sets 2, 3 and 4 (set2.jsonl ... set4.jsonl), read
  after their first measurement, and set 5 (set5.jsonl), never read (see eval/invented/README.md).
The real corpus and the dev set are skipped, saying so, when ../shared/data is absent (the labels
live in the project, the items do not); the invented sets are the project's own and always run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SHAKEUP = Path(sys.executable).with_name("shakeup")


def _eval(*args: str) -> str:
    done = subprocess.run([str(SHAKEUP), "eval", *args, "--no-progress"], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"shakeup eval failed: {done.stderr[-2000:]}")
    return done.stdout


def main() -> None:
    items = sorted((SHARED / "real-items").glob("*.items.jsonl"))
    dev = SHARED / "labeled" / "dev_items.jsonl"
    if not items or not dev.exists():
        print(f"skipped the real corpus and the dev set: {SHARED} is absent (their items are not in the project)\n")
    else:
        for half in ("tune", "held_out"):
            print(f"== real corpus, {half} half: shakeup eval {' '.join(str(p) for p in items)} "
                  f"--labels eval/real --half {half}")
            print(_eval(*map(str, items), "--labels", str(ROOT / "eval" / "real"), "--half", half))
        print(f"== dev set: shakeup eval {dev}")
        print(_eval(str(dev)))
    for name in ("tune", "held_out", "set2", "set3", "set4", "set5"):
        path = ROOT / "eval" / "invented" / f"{name}.jsonl"
        if not path.exists():
            continue
        print(f"== invented, {name}: shakeup eval {path.relative_to(ROOT)}")
        print(_eval(str(path)))


if __name__ == "__main__":
    main()
