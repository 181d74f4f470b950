"""The commands that run the pipeline: demo, run, worker, poll, tail."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import click

from streams.settings import Settings


def _run_async(coro) -> None:
    """Run a coroutine; Ctrl-C ends it quietly (the finally blocks stop every child process)."""
    try:
        asyncio.run(coro)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print each alert as a JSON line.")
@click.pass_obj
def demo(settings: Settings, as_json: bool) -> None:
    """Replay the bundled multilingual feeds through the whole pipeline and print the alerts.

    Starts an embedded broker (unless SHAKEUP_KAFKA_BOOTSTRAP is set), a local feed server and a
    worker; ends by itself with a one-line summary.
    """
    from streams.demo.runner import run_demo

    async def main() -> None:
        summary = await run_demo(settings, lambda line: click.echo(line), as_json=as_json)
        click.echo(summary.line(), err=as_json)  # keep stdout pure JSON lines with --json

    _run_async(main())


@click.command()
@click.option("--feeds", "feeds_file", type=click.Path(exists=True, dir_okay=False),
              help="Feed list (YAML). Default: SHAKEUP_FEEDS or the shipped deploy/feeds.yaml.")
@click.option("--json", "as_json", is_flag=True, help="Print each alert as a JSON line.")
@click.pass_obj
def run(settings: Settings, feeds_file: str | None, as_json: bool) -> None:
    """Run the pipeline live: pollers, worker and console output, until Ctrl-C."""
    from streams.live_run import run_live

    settings = settings.replace(feeds_file=feeds_file) if feeds_file else settings
    _run_async(run_live(settings, lambda line: click.echo(line), as_json=as_json))


@click.command()
@click.pass_obj
def worker(settings: Settings) -> None:
    """Run the Faust worker (detect + dedup agents). Needs SHAKEUP_KAFKA_BOOTSTRAP."""
    from streams.worker.app import create_app, run_worker

    _require_kafka(settings)
    run_worker(create_app(settings), settings)


@click.command()
@click.option("--feeds", "feeds_file", type=click.Path(exists=True, dir_okay=False),
              help="Feed list (YAML). Default: SHAKEUP_FEEDS or the shipped deploy/feeds.yaml.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit.")
@click.pass_obj
def poll(settings: Settings, feeds_file: str | None, once: bool) -> None:
    """Poll the feed list and produce new items to Kafka. Needs SHAKEUP_KAFKA_BOOTSTRAP."""
    from streams.feeds.poller_main import run_pollers

    _require_kafka(settings)
    settings = settings.replace(feeds_file=feeds_file) if feeds_file else settings
    _run_async(run_pollers(settings, once=once, emit=lambda line: click.echo(line, err=True)))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print each alert as a JSON line.")
@click.option("--from-beginning", is_flag=True, help="Start with the oldest alert, not new ones.")
@click.pass_obj
def tail(settings: Settings, as_json: bool, from_beginning: bool) -> None:
    """Print alerts (new and updates) as they arrive. Needs SHAKEUP_KAFKA_BOOTSTRAP."""
    from streams.sinks.alert_reader import read_alerts
    from streams.sinks.console_format import format_alert_line

    _require_kafka(settings)

    async def main() -> None:
        async for alert, raw in read_alerts(settings, from_beginning=from_beginning):
            click.echo(raw.decode() if as_json else format_alert_line(alert))

    with contextlib.suppress(BrokenPipeError):
        _run_async(main())


def _require_kafka(settings: Settings) -> None:
    if not settings.kafka_bootstrap:
        raise click.UsageError("set SHAKEUP_KAFKA_BOOTSTRAP (or --kafka) to the Kafka to use")


@click.command("init-topics")
@click.option("--wait", "wait_s", default=60.0, show_default=True,
              help="Seconds to keep trying while Kafka is not reachable yet.")
@click.pass_obj
def init_topics(settings: Settings, wait_s: float) -> None:
    """Create the topics of the contract (and their .dlq) with the configured partitions."""
    from streams.kafka.topics import all_topics, ensure_topics

    _require_kafka(settings)

    async def main() -> list[str]:
        from streams.errors import BrokerError

        deadline = asyncio.get_running_loop().time() + wait_s
        while True:
            try:
                return await ensure_topics(settings, timeout=10.0)
            except BrokerError as exc:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                click.echo(f"waiting for Kafka: {exc}", err=True)
                await asyncio.sleep(2.0)

    created = asyncio.run(main())
    for name in all_topics(settings):
        state = "created" if name in created else "exists"
        click.echo(f"{name:40} {state} ({settings.partitions} partitions, "
                   f"replication {settings.replication_factor})")
