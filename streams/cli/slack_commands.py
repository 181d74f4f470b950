"""`shakeup slack`: forward alerts from Kafka to Slack until SIGTERM or Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys

import click

from streams.settings import Settings


@click.command("slack")
@click.pass_obj
def slack(settings: Settings) -> None:
    """Post alerts to Slack: each new alert once, later reports as thread replies (bot token)
    or short messages (webhook). Needs SHAKEUP_KAFKA_BOOTSTRAP and SHAKEUP_SLACK_BOT_TOKEN +
    SHAKEUP_SLACK_CHANNEL, or SHAKEUP_SLACK_WEBHOOK_URL; see `shakeup settings` for the rest.

    \b
    Posts are paced per channel, retried with backoff, and go to <topic>.dlq with the reason
    when the retry budget is spent. What was posted is kept in SHAKEUP_SLACK_DELIVERY_LOG (keep
    it on a volume, run one forwarder), so a restart never posts twice.

    \b
    Webhook mode limitation: when the connection breaks after a post was sent, Slack may or
    may not have it, and a webhook cannot be searched. The forwarder then does not post it
    again (never twice) and dead-letters it as "delivery unknown" for a human to check. With a
    bot token it searches the channel for the post's metadata and re-posts only if missing.
    """
    from streams.slack.forwarder import forward_alerts_to_slack

    if not settings.kafka_bootstrap:
        raise click.UsageError("set SHAKEUP_KAFKA_BOOTSTRAP (or --kafka) to the Kafka to use")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await forward_alerts_to_slack(settings, stop)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
