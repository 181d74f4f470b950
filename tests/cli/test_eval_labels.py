"""`shakeup eval FILES --labels DIR`: raw items scored with labels kept apart (ids and labels
only), as eval/real/ scores the real-feed corpus. Invented items."""

from __future__ import annotations

import hashlib
import json

from click.testing import CliRunner

from streams.cli.main import cli

ITEMS = [
    {"id": "r1", "published": "2031-04-01T09:00:00Z", "lang": "en",
     "title": "Quellwerk CEO Ilse Vandermeer steps down", "summary": "Ilse Vandermeer resigned on Monday."},
    {"id": "r2", "published": "2031-04-02T09:00:00Z", "lang": "en",
     "title": "Quellwerk opens a data centre in Ohio", "summary": "The site serves cloud customers."},
    {"id": "r3", "published": "2031-04-25T09:00:00Z", "lang": "en",  # the feed's tag is wrong
     "title": "Agnieszka Borowiec rezygnuje z funkcji prezesa Lumetry",
     "summary": "Agnieszka Borowiec złożyła rezygnację w piątek, a rada nadzorcza ją przyjęła. "
                "To nie jest zaskoczenie dla rynku."},
]


def _write(tmp_path, labels: list[dict], items=ITEMS, sha: str | None = None):
    raw = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items).encode()
    (tmp_path / "week.items.jsonl").write_bytes(raw)
    header = {"labels_for": "week.items.jsonl", "sha256": sha or hashlib.sha256(raw).hexdigest(),
              "unlisted": "negative", "held_out_from": "2031-04-20"}
    (tmp_path / "labels").mkdir(exist_ok=True)
    (tmp_path / "labels" / "week.labels.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *labels]))
    return str(tmp_path / "week.items.jsonl"), str(tmp_path / "labels")


LABELS = [
    {"id": "r1", "half": "tune", "leadership_change": True, "cluster": "vandermeer", "clusters": ["vandermeer"],
     "events": [{"person": "Ilse Vandermeer", "org": "Quellwerk", "role": "CEO", "change": "departure",
                 "to_org": None}]},
    {"id": "r3", "half": "held_out", "lang": "pl", "leadership_change": True, "cluster": "borowiec",
     "clusters": ["borowiec"],
     "events": [{"person": "Agnieszka Borowiec", "org": "Lumetra", "role": "CEO", "change": "departure",
                 "to_org": None}]},
]


def run(*args):
    return CliRunner().invoke(cli, ["eval", *args, "--no-progress"])


def test_labels_kept_apart_score_the_raw_items(tmp_path):
    items, labels = _write(tmp_path, LABELS)
    result = run(items, "--labels", labels)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:4]}
    # r2 is unlisted: a negative; r3 is scored as Polish although its feed said English
    assert rows["en"][1:3] == ["2", "1"] and rows["pl"][1:3] == ["1", "1"]


def test_a_half_scores_only_its_items(tmp_path):
    items, labels = _write(tmp_path, LABELS)
    tune = run(items, "--labels", labels, "--half", "tune")
    assert tune.exit_code == 0 and "pl" not in [line.split()[0] for line in tune.output.splitlines()[1:3]]
    held = run(items, "--labels", labels, "--half", "held_out", "--errors")
    assert held.exit_code == 0
    assert "r3 pl extra" in held.output and "lumetry" in held.output  # the org as the text inflects it


def test_labels_made_for_other_bytes_are_refused(tmp_path):
    items, labels = _write(tmp_path, LABELS, sha="0" * 64)
    result = run(items, "--labels", labels)
    assert result.exit_code != 0 and "sha256" in result.output.lower()


def test_a_label_for_an_id_the_items_lack_is_refused(tmp_path):
    items, labels = _write(tmp_path, [*LABELS, dict(LABELS[0], id="r9")])
    result = run(items, "--labels", labels)
    assert result.exit_code != 0 and "r9" in result.output


def test_half_needs_labels(tmp_path):
    items, _ = _write(tmp_path, LABELS)
    assert CliRunner().invoke(cli, ["eval", items, "--half", "tune"]).exit_code != 0


def test_an_organisation_named_with_or_without_its_group_word_is_one():
    from streams.evaluation.scoring import normalize_org

    assert normalize_org("Grupo Arbelanza") == normalize_org("Arbelanza") == normalize_org("Arbelanza Group")
    assert normalize_org("Gruppo Velmira S.p.A.") == normalize_org("Velmira")
    assert normalize_org("Vardel S.A.") == normalize_org("Vardel Sp. z o.o.") == normalize_org("Vardel")
    assert normalize_org("De Waalkrant") == normalize_org("Waalkrant")  # an article, as dedup reads it
    assert normalize_org("Velmira Robotics") != normalize_org("Velmira")  # part of the name, not a legal form


def test_an_organisation_the_label_calls_unnamed_is_the_detector_s_empty_one():
    from streams.evaluation.scoring import event_key, surname_key
    gold = {"person": "Halvard Brenn", "org": "unnamed (media empire)", "change": "retirement"}
    predicted = {"person": "Halvard Brenn", "org": "", "change": "retirement"}
    assert event_key(gold) == event_key(predicted) and surname_key(gold) == surname_key(predicted)
    assert event_key(gold) != event_key({**predicted, "org": "Brenn Media"})
