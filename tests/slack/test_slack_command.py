"""`shakeup slack` as a command: configuration errors are one clear line, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("extra, message", [
    ({}, "set SHAKEUP_SLACK_BOT_TOKEN"),
    ({"SHAKEUP_SLACK_BOT_TOKEN": "xoxb-1", "SHAKEUP_SLACK_CHANNEL": "#x",
      "SHAKEUP_SLACK_ROUTES": "team:x=#y"}, "SHAKEUP_SLACK_ROUTES"),
    ({"SHAKEUP_SLACK_WEBHOOK_URL": "https://hooks.example/T/B/x",
      "SHAKEUP_SLACK_ROUTES": "org:OpenAI=#ai-watch"}, "must be an incoming-webhook URL"),
])
def test_misconfiguration_is_reported_in_one_line(extra, message, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHAKEUP_")}
    env.update({"SHAKEUP_KAFKA_BOOTSTRAP": "127.0.0.1:1", "SHAKEUP_STATE_DIR": str(tmp_path),
                **extra})
    done = subprocess.run([sys.executable, "-m", "streams", "slack"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
