"""The disk cache of the compiled language tables: read when its sources match, rebuilt when
they don't or the file is damaged, harmless when it cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from streams.detect import table_cache
from streams.detect.lexicon import SUPPORTED, _build_lexicon


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(table_cache, "_dir", None)
    table_cache.use_cache_dir(tmp_path)
    yield tmp_path
    table_cache.use_cache_dir(None)


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_off_by_default_builds_every_time(monkeypatch):
    monkeypatch.setattr(table_cache, "_dir", None)
    build, calls = counting({"a": 1})
    assert table_cache.cached("t", build) == {"a": 1}
    assert table_cache.cached("t", build) == {"a": 1}
    assert len(calls) == 2


def test_a_second_process_reads_what_the_first_built(cache_dir):
    build, calls = counting({"words": frozenset({"ceo"})})
    assert table_cache.cached("t", build) == {"words": frozenset({"ceo"})}
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.pickle")] == ["t"]
    again, again_calls = counting(None)
    assert table_cache.cached("t", again) == {"words": frozenset({"ceo"})}
    assert (len(calls), len(again_calls)) == (1, 0)


def test_changed_sources_build_afresh_and_drop_the_stale_file(cache_dir, monkeypatch):
    table_cache.cached("t", lambda: "old")
    monkeypatch.setattr(table_cache, "_fingerprint", "0000000000000000")
    assert table_cache.cached("t", lambda: "new") == "new"
    assert [p.name for p in cache_dir.glob("t-*.pickle")] == ["t-0000000000000000.pickle"]


def test_a_damaged_file_is_rebuilt_and_replaced(cache_dir):
    table_cache.cached("t", lambda: "good")
    (file,) = cache_dir.glob("t-*.pickle")
    file.write_bytes(b"\x80\x05truncated")
    assert table_cache.cached("t", lambda: "rebuilt") == "rebuilt"
    assert table_cache.cached("t", lambda: "unused") == "rebuilt"


def test_a_cache_in_a_regular_file_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setattr(table_cache, "_dir", blocker / "shakeup")
    assert table_cache.cached("t", lambda: 7) == 7


def test_the_default_directory_follows_xdg_then_home():
    assert table_cache.default_cache_dir({"XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path("/x/shakeup")
    assert table_cache.default_cache_dir({"HOME": "/h"}) == Path("/h/.cache/shakeup")


def test_a_cached_lexicon_is_the_built_one(cache_dir):
    for lang in SUPPORTED:
        built = _build_lexicon(lang)
        first = table_cache.cached(f"lexicon-{lang}", lambda: built)
        read = table_cache.cached(f"lexicon-{lang}", lambda: pytest.fail("rebuilt"))
        assert read == first, lang


def test_the_cli_writes_the_cache_and_classifies_the_same_from_it(tmp_path):
    items = tmp_path / "items.jsonl"
    items.write_bytes(orjson.dumps({"id": "a", "title": "Kestrel names Ivo Marren chief executive", "lang": "en"})
                      + b"\n" + orjson.dumps({"id": "b", "title": "Prezes Orbexu Jan Wilczek odwołany", "lang": "pl"})
                      + b"\n")
    shakeup = Path(sys.executable).with_name("shakeup")

    def classify(cache: str) -> bytes:
        env = {**os.environ, "SHAKEUP_CACHE_DIR": cache}
        return subprocess.run([str(shakeup), "classify", str(items), "--no-progress"], env=env,
                              capture_output=True, check=True).stdout

    cache = tmp_path / "cache"
    built = classify(str(cache))
    assert {p.name.split("-")[1] for p in cache.glob("lexicon-*.pickle")} >= {"en", "pl"}
    assert classify(str(cache)) == built == classify("off")
    assert [orjson.loads(line)["leadership_change"] for line in built.splitlines()] == [True, True]


def test_the_english_word_table_read_from_the_cache_answers_as_simplemma_does(cache_dir, monkeypatch):
    import simplemma

    from streams.detect import person_evidence

    monkeypatch.setattr(person_evidence, "_lookup", person_evidence._lookup.__wrapped__)  # a fresh lookup
    person_evidence._known.cache_clear()
    words = ["search", "chat", "snowball", "panay", "koduri", "will", "rose", "naïve", "identity", "xqzv"]
    first = [person_evidence._known(w, "en") for w in words]
    assert list(cache_dir.glob("simplemma-*-en-*.pickle"))  # written on first use
    person_evidence._known.cache_clear()
    assert [person_evidence._known(w, "en") for w in words] == first == [simplemma.is_known(w, lang="en") for w in words]
    person_evidence._known.cache_clear()
