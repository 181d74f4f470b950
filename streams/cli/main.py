"""`shakeup`: the command group. Builds the one Settings object and hands it to each command."""

from __future__ import annotations

import logging
import os
import sys

import click

from streams.errors import ShakeupError
from streams.settings import Settings, describe_settings, settings_env


class ShakeupGroup(click.Group):
    """Turns Shakeup's own errors into a one-line message and exit code 2, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ShakeupError as exc:
            click.echo(f"shakeup: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=ShakeupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--kafka", "kafka_bootstrap", metavar="HOST:PORT",
              help="Kafka bootstrap servers (env SHAKEUP_KAFKA_BOOTSTRAP). Unset: embedded broker "
                   "for demo/run.")
@click.option("--log-level", default=None, help="DEBUG, INFO, WARNING, ERROR (env SHAKEUP_LOG_LEVEL).")
@click.pass_context
def cli(ctx: click.Context, kafka_bootstrap: str | None, log_level: str | None) -> None:
    """Shakeup: real-time leadership-change alerts from multilingual tech news."""
    try:
        settings = Settings.from_env(os.environ, kafka_bootstrap=kafka_bootstrap,
                                     log_level=log_level)
    except ShakeupError as exc:
        raise click.UsageError(str(exc)) from exc
    from streams.observability.log_setup import FORMATS, configure_logging

    if settings.log_format not in FORMATS:
        raise click.UsageError(f"SHAKEUP_LOG_FORMAT must be one of {', '.join(FORMATS)}")
    # JSON lines when stderr is not a terminal (containers, files), readable on one
    configure_logging(settings.log_level, settings.log_format, sys.stderr)
    if settings.log_level.upper() != "DEBUG":
        logging.getLogger("aiokafka").setLevel(logging.WARNING)  # group joins are not news
    from streams.detect.table_cache import default_cache_dir, use_cache_dir

    if settings.cache_dir.strip().lower() != "off":
        use_cache_dir(settings.cache_dir or default_cache_dir(os.environ))
    ctx.obj = settings


@cli.command("settings")
@click.option("--env-file", is_flag=True,
              help="Print as a documented env file (the format of deploy/shakeup.env).")
@click.pass_obj
def settings_command(settings: Settings, env_file: bool) -> None:
    """List every setting: environment variable, default and meaning (and current value)."""
    current = settings_env(settings)
    for env, default, help_text in describe_settings():
        if env_file:
            click.echo(f"# {help_text} (default: {default})\n{env}={current[env]}\n")
        else:
            click.echo(f"{env:36} {default:24} {help_text}")


def _register() -> None:
    # each module declares its own commands; heavy imports (faust, slack_sdk) happen inside them
    from streams.cli import classify, explain_command, feed_commands, pipeline_commands, slack_commands

    for command in (pipeline_commands.demo, pipeline_commands.run, pipeline_commands.worker,
                    pipeline_commands.poll, pipeline_commands.tail, pipeline_commands.init_topics,
                    slack_commands.slack, classify.classify_command, classify.eval_command,
                    explain_command.explain_command):
        cli.add_command(command)
    feed_commands.register(cli)


_register()


def main() -> None:
    cli(prog_name="shakeup")
