"""Detection and dedup scores on the labelled real-feed corpus (both halves) and the dev set.

Run: .venv/bin/python bench/eval_real.py

Runs `shakeup eval` three times, as a user would, and prints its tables:
- the tune half of eval/real/ (the items the detector was developed against),
- the held-out half (published from 2023-09-20: no rule was written for its misses),
- the labelled dev set ../shared/data/labeled/dev_items.jsonl.
Skips, saying so, when ../shared/data is absent (the labels live in the project, the items do not).
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
        print(f"skipped: {SHARED} is absent (the real items and the dev set are not in the project)")
        return
    for half in ("tune", "held_out"):
        print(f"== real corpus, {half} half: shakeup eval {' '.join(str(p) for p in items)} "
              f"--labels eval/real --half {half}")
        print(_eval(*map(str, items), "--labels", str(ROOT / "eval" / "real"), "--half", half))
    print(f"== dev set: shakeup eval {dev}")
    print(_eval(str(dev)))


if __name__ == "__main__":
    main()
