"""`shakeup run`: pollers, a worker and console output in one process tree, until Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Callable

from streams.feeds.poller_main import run_pollers
from streams.local_stack import LocalStack
from streams.settings import Settings
from streams.sinks.alert_reader import read_alerts
from streams.sinks.console_format import format_alert_line
from streams.slack.forwarder import forward_alerts_to_slack, slack_configured


async def run_live(settings: Settings, emit: Callable[[str], None], *, as_json: bool = False) -> None:
    """Broker (embedded unless configured), worker, pollers and an alert printer until a signal."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    workdir = Path(settings.state_dir or ".shakeup")
    async with LocalStack(settings, workdir) as stack:
        settings = stack.settings
        emit(f"kafka: {settings.kafka_bootstrap}; worker log: {stack.worker_log}; status page: "
             f"http://localhost:{settings.worker_web_port}/status")

        async def print_alerts() -> None:
            async for alert, raw in read_alerts(settings, from_beginning=False):
                emit(raw.decode() if as_json else format_alert_line(alert))

        async def watch_worker() -> None:
            while not stop.is_set():
                stack.check_worker()
                await asyncio.sleep(1.0)

        tasks = [asyncio.create_task(print_alerts()), asyncio.create_task(watch_worker()),
                 asyncio.create_task(run_pollers(settings, once=False, emit=emit, stop=stop))]
        if slack_configured(settings):
            tasks.append(asyncio.create_task(forward_alerts_to_slack(settings, stop)))
            emit("slack: forwarding alerts (delivery log in the state dir)")
        stopper = asyncio.create_task(stop.wait())
        try:
            done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task is not stopper:
                    task.result()  # a task ended early: surface why
        finally:
            stop.set()
            for task in [*tasks, stopper]:
                task.cancel()
            await asyncio.gather(*tasks, stopper, return_exceptions=True)
