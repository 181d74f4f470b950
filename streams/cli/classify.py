"""`shakeup classify` and `shakeup eval`: the detector over JSON lines, and its scores on a labelled set."""

from __future__ import annotations

import dataclasses
import gc
import io
import multiprocessing
import os
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

import click
import orjson

from streams.dedup.offline import OfflineDeduplicator, reports_for
from streams.detect import detect_leadership_changes
from streams.evaluation import CorpusError, LabelError, check_record, join_labels, render, score
from streams.models import Detection, LeadershipEvent, NewsItem
from streams.observability.cli_progress import Progress, progress_wanted

_PROGRESS = click.option("--progress/--no-progress", "show_progress", default=None,
                         help="Progress on stderr (default: only on a terminal).")


_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(LeadershipEvent))  # asdict() deep-copies: slow


class InputError(click.ClickException):
    """A malformed input line; the message names it."""


def read_items(stream: IO[str], name: str, labelled: bool = False) -> list[tuple[NewsItem, dict]]:
    out = []
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InputError(f"{name}:{n}: not JSON: {exc}") from exc
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


PARALLEL_MIN = 5_000  # items below which one process is faster than starting workers
CHUNK = 250  # items per task sent to a worker process


def detect_all(items: list[NewsItem], jobs: int = 1, progress: Progress | None = None) -> Iterator[Detection]:
    """The detection of each item, in order, as it is ready; with ``jobs`` > 1 and a long list,
    in that many processes (the detector is pure and CPU-bound: a batch uses the machine's
    cores, while this process goes on with dedup)."""
    try:
        if jobs <= 1 or len(items) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
            detections = map(detect_leadership_changes, items)
            pool = None
        else:  # fork: the workers start with this process's modules and tables, at no cost
            warm_up()  # ... so load the tables once, here, not once per worker
            global _FORKED_ITEMS
            _FORKED_ITEMS = items  # ... and the items: a worker is sent only their positions
            gc.freeze()  # the workers' collector leaves what they inherit alone (no copy-on-write storm)
            pool = multiprocessing.get_context("fork").Pool(jobs)
            detections = pool.imap(_detect_at, range(len(items)), chunksize=CHUNK)
        try:
            for det in detections:
                if progress is not None:
                    progress.advance()
                yield det
        finally:
            if pool is not None:
                pool.terminate()
                _FORKED_ITEMS = []
                gc.unfreeze()
    finally:
        if progress is not None:
            progress.close()


_FORKED_ITEMS: list[NewsItem] = []  # the items a forked worker detects, by position


def _detect_at(position: int) -> Detection:
    return detect_leadership_changes(_FORKED_ITEMS[position])


def warm_up() -> None:
    """Load what the detector loads on first use: every language's tables, the given names,
    the English word list."""
    from streams.detect.given_names import given_name
    from streams.detect.lexicon import SUPPORTED, load_lexicon
    from streams.detect.person_evidence import common_word

    for lang in SUPPORTED:
        load_lexicon(lang)
    given_name("Anna", "en", False)
    common_word("search", "en")
    detect_leadership_changes(NewsItem(item_id="warm-up", title="Kestrel names Ivo Marren CEO", lang=None))


def default_jobs() -> int:
    """Worker processes for a batch: the cores this process may use, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def classify_items(items: Iterable[NewsItem], jobs: int = 1, progress: Progress | None = None) -> list[dict]:
    """The classify output line for each item, in the given order (publication order: dedup
    reads the reports as the worker would).

    Each event gets the alert id the worker's dedup step gives it. An item's ``alert_id`` is, of
    the alerts its events belong to, the one opened first: items of one announcement (a
    succession reported as "X out" by one outlet and "Y in, X out" by another) then agree on it,
    whichever person each outlet names first.
    """
    items = list(items)
    dedup = OfflineDeduplicator()
    opened: dict[str, int] = {}
    out = []
    for item, det in zip(items, detect_all(items, jobs, progress)):
        ids = [dedup.add(report).alert_id for report in reports_for(item, det.events, det.language)]
        for alert_id in ids:
            opened.setdefault(alert_id, len(opened))
        events = [{name: getattr(ev, name) for name in _EVENT_FIELDS} | {"alert_id": alert}
                  for ev, alert in zip(det.events, ids)]
        out.append({"id": item.item_id, "leadership_change": det.leadership_change,
                    "language": det.language, "events": events,
                    "alert_id": min(ids, key=opened.__getitem__) if ids else None})
    return out


_JOBS = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Processes detecting at once (default: the cores available, at most 4; "
                          f"inputs under {PARALLEL_MIN:,} items use one).")


@click.command("classify")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@_JOBS
@_PROGRESS
def classify_command(file: IO[str], jobs: int | None, show_progress: bool | None) -> None:
    """Detect leadership changes in JSON-lines items from FILE (or stdin); one JSON line out per item."""
    pairs = read_items(file, getattr(file, "name", "<stdin>"))
    progress = Progress("classify: detecting", len(pairs), enabled=progress_wanted(show_progress))
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    for line in classify_items([item for item, _ in pairs], jobs or default_jobs(), progress):
        if out is not None:
            out.write(orjson.dumps(line) + b"\n")
        else:  # a text-only stream (tests' CliRunner)
            sys.stdout.write(orjson.dumps(line).decode() + "\n")


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
@_JOBS
@_PROGRESS
def eval_command(files: tuple[IO[bytes], ...], labels: str | None, half: str | None, errors: bool,
                 jobs: int | None, show_progress: bool | None) -> None:
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
    lines = classify_items([item for item, _ in pairs], jobs or default_jobs(), progress)
    predicted = {line["id"]: line | {"alert_ids": [ev["alert_id"] for ev in line["events"]]}
                 for line in lines}
    report = score([rec for _, rec in pairs], predicted)
    click.echo(render(report))
    if errors:
        click.echo("\n".join(report.errors))
