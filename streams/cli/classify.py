"""`shakeup classify` and `shakeup eval`: the detector over JSON lines, and its scores on a labelled set."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from pathlib import Path
from typing import IO, Iterable

import click

from streams.dedup import assign_alert_ids, reports_for
from streams.detect import detect_leadership_changes
from streams.evaluation import CorpusError, LabelError, check_record, join_labels, render, score
from streams.models import Detection, NewsItem
from streams.observability.cli_progress import Progress, progress_wanted, track

_PROGRESS = click.option("--progress/--no-progress", "show_progress", default=None,
                         help="Progress on stderr (default: only on a terminal).")


class InputError(click.ClickException):
    """A malformed input line; the message names it."""


def read_items(stream: IO[str], name: str, labelled: bool = False) -> list[tuple[NewsItem, dict]]:
    out = []
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{n}: not JSON: {exc.msg}") from exc
        if labelled:
            try:
                check_record(rec, f"{name}:{n}")
            except LabelError as exc:
                raise InputError(str(exc)) from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not rec["id"] \
                or not isinstance(rec.get("title"), str):
            raise InputError(f"{name}:{n}: an item needs a non-empty string id and a string title")
        for key in ("summary", "lang", "link", "published", "source"):
            if rec.get(key) is not None and not isinstance(rec[key], str):
                raise InputError(f"{name}:{n}: {key} must be a string")
        item = NewsItem(item_id=rec["id"], title=rec["title"], summary=rec.get("summary") or "",
                        link=rec.get("link") or "", lang=rec.get("lang"),
                        published=rec.get("published"), source=rec.get("source") or "")
        out.append((item, rec))
    # dedup needs reports in publication order; undated items go last, in file order
    return sorted(out, key=lambda pair: (pair[0].published is None, pair[0].published or ""))


def _alert_ids(results: list[tuple[NewsItem, Detection]]) -> list[list[str]]:
    """One alert id per event, from the same dedup step the worker runs (items in order)."""
    reports = [report for item, det in results
               for report in reports_for(item, det.events, det.language)]
    ids = iter(assign_alert_ids(reports))
    return [[next(ids) for _ in det.events] for _, det in results]


def classify_items(items: Iterable[NewsItem]) -> list[dict]:
    """The classify output line for each item, in the given order.

    An item's ``alert_id`` is, of the alerts its events belong to, the one opened first: items
    of one announcement (a succession reported as "X out" by one outlet and "Y in, X out" by
    another) then agree on it, whichever person each outlet names first.
    """
    results = [(item, detect_leadership_changes(item)) for item in items]
    per_item = _alert_ids(results)
    opened: dict[str, int] = {}
    for ids in per_item:
        for alert_id in ids:
            opened.setdefault(alert_id, len(opened))
    out = []
    for (item, det), ids in zip(results, per_item):
        events = [dataclasses.asdict(ev) | {"alert_id": alert} for ev, alert in zip(det.events, ids)]
        out.append({"id": item.item_id, "leadership_change": det.leadership_change,
                    "language": det.language, "events": events,
                    "alert_id": min(ids, key=opened.__getitem__) if ids else None})
    return out


@click.command("classify")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@_PROGRESS
def classify_command(file: IO[str], show_progress: bool | None) -> None:
    """Detect leadership changes in JSON-lines items from FILE (or stdin); one JSON line out per item."""
    pairs = read_items(file, getattr(file, "name", "<stdin>"))
    progress = Progress("classify: detecting", len(pairs), enabled=progress_wanted(show_progress))
    for line in classify_items(track((item for item, _ in pairs), progress)):
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _joined(file: IO[bytes], labels: str, half: str | None) -> list[tuple[NewsItem, dict]]:
    """FILE's items with the labels kept apart from them (see streams.evaluation.corpus);
    ``labels`` is a labels file, or a directory holding ``<FILE's stem>.labels.jsonl``."""
    name = getattr(file, "name", "<stdin>")
    if Path(labels).is_dir():
        labels = str(Path(labels) / (Path(name).name.removesuffix(".jsonl").removesuffix(".items")
                                     + ".labels.jsonl"))
    raw = file.read()
    text = raw.decode("utf-8")
    pairs = read_items(io.StringIO(text), name)
    try:
        records = join_labels(name, raw, [rec for _, rec in pairs], labels, half)
    except (CorpusError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    wanted = {rec["id"]: rec for rec in records}
    return [(item, wanted[item.item_id]) for item, _ in pairs if item.item_id in wanted]


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.File("rb"))
@click.option("--labels", type=click.Path(exists=True),
              help="Labels kept apart from the items (a labels file, or a directory such as "
                   "eval/real/ holding <stem>.labels.jsonl per FILE); FILES are then raw items.")
@click.option("--half", type=click.Choice(["tune", "held_out"]),
              help="With --labels: score only this half of the corpus.")
@click.option("--errors", is_flag=True, help="Also list every missed and extra event.")
@_PROGRESS
def eval_command(files: tuple[IO[bytes], ...], labels: str | None, half: str | None, errors: bool,
                 show_progress: bool | None) -> None:
    """Score the detector and dedup on labelled JSON-lines FILES (the dev_items.jsonl schema),
    or on raw items FILES with their labels kept apart (--labels)."""
    if half and not labels:
        raise click.UsageError("--half needs --labels")
    if labels and len(files) > 1 and not Path(labels).is_dir():
        raise click.UsageError("several FILES need --labels to be a directory")
    pairs: list[tuple[NewsItem, dict]] = []
    for file in files:
        if labels:
            pairs += _joined(file, labels, half)
        else:
            pairs += read_items(io.TextIOWrapper(file, encoding="utf-8"),
                                 getattr(file, "name", "<stdin>"), labelled=True)
    if not pairs:
        raise click.ClickException("no labelled items to score" + (f" in the {half} half" if half else ""))
    # dedup needs all reports in publication order, whichever file they came from
    pairs.sort(key=lambda pair: (pair[0].published is None, pair[0].published or ""))
    progress = Progress("eval: detecting", len(pairs), enabled=progress_wanted(show_progress))
    lines = classify_items(track((item for item, _ in pairs), progress))
    predicted = {line["id"]: line | {"alert_ids": [ev["alert_id"] for ev in line["events"]]}
                 for line in lines}
    report = score([rec for _, rec in pairs], predicted)
    click.echo(render(report))
    if errors:
        click.echo("\n".join(report.errors))
