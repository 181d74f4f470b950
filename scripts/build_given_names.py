#!/usr/bin/env python3
"""Rebuild streams/detect/lang/given_names.txt: given names known in some language.

A capitalised pair of words is a person only with evidence that it is one, and a known given
name is the commonest. The names are the first-name tables of Faker (MIT licence), every locale:
Latin-script names as written, other scripts transliterated with anyascii. Each name is marked
with the languages in which it is also a common lowercase word ("Will", "Rose", "Grant" in
English; "Róża" in Polish), read from the Debian word lists, so the detector can ask for more
evidence there.

Run by a developer when the tables should change; not at run time, not in CI:

    apt-get install wamerican wngerman wfrench witalian wspanish wportuguese wdutch wpolish
    python scripts/build_given_names.py            # installs faker into a temporary directory
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from anyascii import anyascii

OUT = Path(__file__).resolve().parents[1] / "streams" / "detect" / "lang" / "given_names.txt"
DICTIONARIES = {"en": "american-english", "de": "ngerman", "fr": "french", "it": "italian",
                "es": "spanish", "pt": "portuguese", "nl": "dutch", "pl": "polish"}
_NAME = re.compile(r"[^\W\d_][\w'-]*")
LATIN = 0x250  # code points below this are Latin script


def _faker_person_modules():
    try:
        import faker.providers.person as person
    except ImportError:
        target = tempfile.mkdtemp(prefix="faker-")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", target, "faker"], check=True)
        sys.path.insert(0, target)
        import faker.providers.person as person
    for info in pkgutil.iter_modules(person.__path__):
        yield importlib.import_module(f"faker.providers.person.{info.name}")


def _given_names() -> set[str]:
    names: set[str] = set()
    for module in _faker_person_modules():
        provider = module.Provider
        for attr in dir(provider):
            if "first" not in attr or "last" in attr:
                continue
            value = getattr(provider, attr, None)
            if isinstance(value, dict):
                value = list(value)
            if not isinstance(value, (list, tuple)):
                continue
            for raw in value:
                if not isinstance(raw, str):
                    continue
                name = raw if all(ord(c) < LATIN for c in raw) else anyascii(raw)
                name = name.strip()
                if _NAME.fullmatch(name) and len(name) >= 2 and name[0].isupper():
                    names.add(name)
    return names


def _common_words(lang: str) -> set[str]:
    path = Path("/usr/share/dict") / DICTIONARIES[lang]
    if not path.exists():
        sys.exit(f"missing {path}: apt-get install the w* word lists (see the docstring)")
    words = set()
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            word = line.strip()
            if word and word[0].islower():
                words.add(word)
    return words


def main() -> None:
    names = _given_names()
    common = {lang: _common_words(lang) for lang in DICTIONARIES}
    lines = ["# Given names known in some language (Faker's first-name tables, MIT licence; other",
             "# scripts transliterated with anyascii), one per line; after a tab, the languages in",
             "# which the name is also a common lowercase word (Debian word lists). Rebuilt by",
             "# scripts/build_given_names.py; not edited by hand."]
    for name in sorted(names, key=str.lower):
        langs = [lang for lang, words in common.items() if name.lower() in words]
        lines.append(name + ("\t" + ",".join(langs) if langs else ""))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names)} names")


if __name__ == "__main__":
    main()
