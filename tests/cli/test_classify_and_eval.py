"""`shakeup classify` and `shakeup eval` as a user runs them: JSON lines in, JSON lines / a table out."""

from __future__ import annotations

import json

from click.testing import CliRunner

from streams.cli.main import cli

# invented people and companies; one succession reported by two outlets in two languages
ITEMS = [
    {"id": "b", "lang": "it", "published": "2031-04-02T09:00:00Z", "source": "Il Foglio Tech",
     "title": "Quellwerk, Ilse Vandermeer lascia la guida: al suo posto arriva Tomasz Okafor",
     "summary": "L'amministratrice delegata Ilse Vandermeer lascia Quellwerk. Il consiglio ha "
                "nominato Tomasz Okafor nuovo amministratore delegato."},
    {"id": "a", "lang": "en", "published": "2031-04-01T18:00:00Z", "source": "Tech Wire",
     "title": "Quellwerk names Tomasz Okafor CEO as Ilse Vandermeer steps down",
     "summary": "Quellwerk said chief executive Ilse Vandermeer will step down and named "
                "Tomasz Okafor as her successor."},
    {"id": "c", "lang": "en", "published": "2031-04-01T12:00:00Z",
     "title": "Quellwerk opens a data centre in Ohio",
     "summary": "The site will serve cloud customers in the Midwest, the company said."},
    {"id": "d", "lang": "ja", "title": "新しいスマートフォンが発表されました",
     "summary": "新製品は来月発売される予定です。"},
]


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_classify_writes_one_line_per_item_with_the_contract_fields():
    result = run("classify", input="".join(json.dumps(i) + "\n" for i in ITEMS))
    assert result.exit_code == 0, result.output
    lines = {line["id"]: line for line in map(json.loads, result.output.splitlines())}
    assert set(lines) == {"a", "b", "c", "d"}
    for line in lines.values():
        assert set(line) == {"id", "leadership_change", "language", "events", "alert_id"}
    assert lines["c"]["leadership_change"] is False and lines["c"]["alert_id"] is None
    assert lines["d"]["language"] == "ja" and lines["d"]["events"] == []
    for key in ("a", "b"):
        changes = {(e["person"], e["change"]) for e in lines[key]["events"]}
        assert changes == {("Ilse Vandermeer", "departure"), ("Tomasz Okafor", "appointment")}
        assert all(e["org"] == "Quellwerk" and e["evidence"] and e["cue"] for e in lines[key]["events"])
    # both reports of the succession belong to the same alerts, and agree on the item's alert
    assert {e["alert_id"] for e in lines["a"]["events"]} == {e["alert_id"] for e in lines["b"]["events"]}
    assert lines["a"]["alert_id"] == lines["b"]["alert_id"]


def test_classify_reads_a_file_too(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(ITEMS[2]) + "\n", encoding="utf-8")
    result = run("classify", str(path))
    assert result.exit_code == 0 and json.loads(result.output)["id"] == "c"


def _labelled(item: dict, events: list[dict], cluster: str | None) -> dict:
    return {**item, "leadership_change": bool(events), "events": events, "cluster": cluster,
            "clusters": [cluster] if cluster else []}


def test_eval_prints_scores_per_language_and_for_dedup(tmp_path):
    succession = [{"person": "Ilse Vandermeer", "org": "Quellwerk", "role": "CEO",
                   "change": "departure", "to_org": None},
                  {"person": "Tomasz Okafor", "org": "Quellwerk", "role": "CEO",
                   "change": "appointment", "to_org": None}]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(rec) + "\n" for rec in [
        _labelled(ITEMS[0], succession, "ev-q"), _labelled(ITEMS[1], succession, "ev-q"),
        _labelled(ITEMS[2], [], None)]), encoding="utf-8")
    result = run("eval", str(path))
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if line}
    assert rows["en"][1:6] == ["2", "1", "1.000", "1.000", "1.000"]
    assert rows["it"][1:6] == ["1", "1", "1.000", "1.000", "1.000"]
    # dedup per language (B-cubed of the headline alert, alerts per real-world event): one alert
    # for the en and the it report of one succession, and within each language
    assert rows["lang"][-2:] == ["B3", "alerts/ev"]
    assert rows["en"][8:] == ["1.000", "1.00"] and rows["it"][8:] == ["1.000", "1.00"]
    assert rows["all"][8:] == ["1.000", "1.00"]
    assert "F1 1.000" in result.output  # events
    assert "dedup by change: B-cubed F1 1.000" in result.output


def test_eval_names_the_line_of_a_malformed_record(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_labelled(ITEMS[2], [], None)) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    assert result.exit_code != 0
    assert "bad.jsonl:2: not JSON" in result.output  # file:line, as compilers print it


def test_classify_in_several_processes_writes_what_one_process_writes(monkeypatch, tmp_path):
    from streams.cli import classify

    items = [dict(ITEMS[k % 3], id=f"x{k}") for k in range(60)]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items))
    one = run("classify", "--jobs", "1", str(path))
    monkeypatch.setattr(classify, "PARALLEL_MIN", 10)
    monkeypatch.setattr(classify, "CHUNK", 7)
    several = run("classify", "--jobs", "2", str(path))
    assert one.exit_code == several.exit_code == 0
    assert several.output == one.output and len(one.output.splitlines()) == 60
