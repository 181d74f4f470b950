"""`shakeup explain`: why each item was or was not flagged, and which alert each event joined."""

from __future__ import annotations

import asyncio
import io
import json
import sys
from pathlib import Path

import click

from streams.settings import Settings


@click.command("explain")
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item instead of text.")
@click.option("--flagged", is_flag=True, help="Show only the items flagged as leadership news.")
@click.pass_obj
def explain_command(settings: Settings, sources: tuple[str, ...], as_json: bool, flagged: bool) -> None:
    """Show why each item was or was not flagged: language, candidate sentences, each cue and
    the rule that fired or blocked it, the people found and why they are people, and for each
    event the alert it joined and the keys that matched.

    Each SOURCE is an item as a JSON object ('{"id": ..., "title": ...}'), a file of JSON-lines
    items (or '-' for stdin), an RSS/Atom file, or a feed URL (fetched with the pollers' settings).
    Items are explained in publication order, so dedup sees them as the worker would.
    """
    from streams.dedup.offline import OfflineDeduplicator, reports_for
    from streams.detect.detector import analyse_item
    from streams.detect.explain import explain_analysis, render_explanation

    items = []
    for source in sources:
        items += _items_from(settings, source)
    items.sort(key=lambda item: (item.published is None, item.published or ""))
    dedup = OfflineDeduplicator()
    for item in items:
        analysis = analyse_item(item)
        explained = explain_analysis(analysis)
        joined = []
        for report in reports_for(item, analysis.events, analysis.language):
            decision = dedup.add(report)
            joined.append({"alert_id": decision.alert_id, "kind": decision.kind, "key": decision.key,
                           "routed_from": decision.routed_from,
                           "merged_on": list(decision.alert.merged_on) if decision.alert else ["repeat of a report"]})
        if flagged and not analysis.events:
            continue
        if as_json:
            explained["dedup"] = joined
            sys.stdout.write(json.dumps(explained, ensure_ascii=False) + "\n")
        else:
            click.echo(render_explanation(explained, joined) + "\n")


def _items_from(settings: Settings, source: str) -> list:
    from streams.cli.classify import read_items

    if source.lstrip().startswith("{"):
        return [item for item, _ in read_items(io.StringIO(source.replace("\n", " ")), "argument")]
    if source.startswith(("http://", "https://")):
        return list(_fetch(settings, source))
    if source == "-":
        return [item for item, _ in read_items(sys.stdin, "<stdin>")]
    path = Path(source)
    if not path.is_file():
        raise click.BadParameter(f"'{source}' is not a JSON item, a file or an http(s) URL", param_hint="SOURCE")
    body = path.read_bytes()
    if body.lstrip()[:1] == b"<":
        return list(_parse(body, path.resolve().as_uri()))
    return [item for item, _ in read_items(io.StringIO(body.decode("utf-8")), source)]


def _parse(body: bytes, url: str, content_type: str | None = None):
    from streams.feeds.parser import ParseError, parse_feed

    try:
        return parse_feed(body, url, content_type=content_type).items
    except ParseError as exc:
        raise click.ClickException(f"{url}: {exc}") from exc


def _fetch(settings: Settings, url: str):
    from streams.feeds.fetcher import FetchError, FetchLimits, fetch_feed, open_session

    async def get():
        async with open_session(settings) as session:
            return await fetch_feed(session, url, limits=FetchLimits.from_settings(settings))
    try:
        result = asyncio.run(get())
    except FetchError as exc:
        raise click.ClickException(f"{url}: {exc}") from exc
    if not 200 <= result.status < 300:
        raise click.ClickException(f"{url}: HTTP {result.status}")
    return _parse(result.body, result.url, result.headers.get("content-type"))
