"""Feed commands: `check-feed URL`, `feeds import-opml FILE`, `feeds status`."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import click

from streams.settings import Settings


@click.command("check-feed")
@click.argument("url")
@click.option("--lang", help="Language to assume, as a feed-list entry would declare it.")
@click.option("--etag", help="Send this ETag as If-None-Match (verbatim).")
@click.option("--last-modified", help="Send this date as If-Modified-Since (verbatim).")
@click.option("--no-items", is_flag=True, help="Leave the items out of the output.")
@click.pass_obj
def check_feed(settings: Settings, url: str, lang: str | None, etag: str | None,
               last_modified: str | None, no_items: bool) -> None:
    """Fetch and parse one feed; print its status, validators, next check and items as JSON.

    Uses the pollers' settings (timeouts, caps, network guard, politeness) but no Kafka and no
    stored state: nothing is remembered. Exit status 1 when the feed failed.
    """
    from streams.feeds.feed_list import spec_from_entry

    spec = spec_from_entry({"url": url, **({"lang": lang} if lang else {})}, "URL")
    report = asyncio.run(_check(settings, spec, etag, last_modified))
    if no_items:
        report.pop("items")
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(0 if report["ok"] else 1)


async def _check(settings: Settings, spec, etag: str | None, last_modified: str | None) -> dict:
    from streams.feeds.feed_handler import FeedHandler
    from streams.feeds.fetcher import open_session
    from streams.feeds.schedule import FeedState
    from streams.feeds.state_store import StateStore

    store = StateStore(":memory:")
    store.save_feed_state(dataclasses.replace(FeedState.new(spec.url), etag=etag,
                                              last_modified=last_modified))
    try:
        async with open_session(settings) as session:
            outcome = await FeedHandler(settings, session, store).poll(spec)
    finally:
        store.close()
    state = outcome.state
    return {
        "url": spec.url,
        "ok": outcome.status != "error",
        "outcome": outcome.status,
        "http_status": state.last_status,
        "error": outcome.error,
        "parser_warning": outcome.warning,
        "moved_to": state.fetch_url if state.fetch_url != spec.url else None,
        "validators": {"etag": state.etag, "last_modified": state.last_modified},
        "next_check": _iso(state.next_check),
        "next_check_in_s": round(state.next_check - time.time(), 1) if state.next_check else None,
        "parked": state.parked_reason if state.parked else None,
        "items_found": outcome.items_found,
        "items": [dataclasses.asdict(item) for item in outcome.new_items],
    }


@click.group("feeds")
def feeds() -> None:
    """The feed list and the pollers' per-feed status."""


@feeds.command("import-opml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the YAML feed list here (default: stdout).")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Progress on stderr (default: only on a terminal).")
def import_opml_command(file: str, output: str | None, show_progress: bool | None) -> None:
    """Convert an OPML export of a feed reader into the YAML feed-list format.

    Entries that cannot be used are reported one per line on stderr and skipped; the exit
    status is then 1 (the others are still written).
    """
    from streams.feeds.opml_import import import_opml
    from streams.observability.cli_progress import Progress, progress_wanted

    progress = Progress("import-opml: checking entries", enabled=progress_wanted(show_progress))

    def on_entry(done: int, total: int) -> None:
        progress.total = total
        progress.advance()

    with progress:
        result = import_opml(Path(file).read_bytes(), file, on_entry=on_entry)
    text = result.to_yaml(Path(file).name)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    for error in result.errors:
        click.echo(f"skipped: {error}", err=True)
    click.echo(f"{len(result.feeds)} feeds imported, {len(result.errors)} skipped", err=True)
    sys.exit(1 if result.errors else 0)


@feeds.command("status")
@click.option("--feeds", "feeds_file", type=click.Path(exists=True, dir_okay=False),
              help="Feed list (YAML). Default: SHAKEUP_FEEDS or the shipped deploy/feeds.yaml.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed, one per line.")
@click.pass_obj
def status(settings: Settings, feeds_file: str | None, as_json: bool) -> None:
    """Per-feed status from the pollers' state: last success, last error, failures, next check."""
    from streams.feeds.feed_list import load_feed_list, DEFAULT_FEED_LIST
    from streams.feeds.poller_main import state_path
    from streams.feeds.state_store import StateStore

    specs = load_feed_list(feeds_file or settings.feeds_file or DEFAULT_FEED_LIST)
    path = state_path(settings)
    states, waiting = {}, 0
    if path.exists():
        store = StateStore(path)
        try:
            states, waiting = store.feed_states(), store.outbox_size()
        finally:
            store.close()
    rows = [_status_row(spec.url, spec.name, states.get(spec.url)) for spec in specs]
    listed = {spec.url for spec in specs}
    rows += [_status_row(url, "", state, unlisted=True)
             for url, state in sorted(states.items()) if url not in listed]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo(_table(rows))
    click.echo(f"{len(rows)} feeds; {sum(r['state'] == 'parked' for r in rows)} parked, "
               f"{sum(r['state'] == 'failing' for r in rows)} failing; "
               f"{waiting} items waiting for Kafka (state: {path})")


def _status_row(url: str, name: str, state, *, unlisted: bool = False) -> dict:
    # the same record the pollers publish to feeds.status, so this table and the worker's
    # status page classify every feed the same way
    from streams.observability.feed_status import FeedStatus

    row = FeedStatus.from_state(url, name, state).row()
    if unlisted and state is not None:
        row["state"] = "unlisted"
    return row


def _table(rows: list[dict]) -> str:
    now = time.time()
    header = ("FEED", "STATE", "LAST SUCCESS", "FAILS", "NEXT CHECK", "LAST ERROR / PARKED")
    lines = [header]
    for r in rows:
        problem = r["parked"] or (r["last_error"] if r["consecutive_failures"] else "") or ""
        lines.append((_short(r["name"] or r["url"], 48), r["state"],
                      _relative(r["last_success"], now), str(r["consecutive_failures"]),
                      _relative(r["next_check"], now), _short(problem, 60)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) + "  " + line[-1]
                     for line in lines)


def _iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _relative(iso: str | None, now: float) -> str:
    if not iso:
        return "-"
    delta = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp() - now
    amount = abs(delta)
    text = (f"{amount:.0f}s" if amount < 120 else f"{amount / 60:.0f}m" if amount < 7200
            else f"{amount / 3600:.0f}h" if amount < 172_800 else f"{amount / 86400:.0f}d")
    return f"in {text}" if delta > 0 else f"{text} ago"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def register(group: click.Group) -> None:
    """Add `check-feed` and `feeds` to the `shakeup` group."""
    group.add_command(check_feed)
    group.add_command(feeds)
