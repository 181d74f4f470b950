"""Fixtures for the fault tests: the workers of one test (stopped at its end) and a fake Slack."""

from __future__ import annotations

import pytest

from tests.faults.pipeline_fleet import Fleet
from tests.slack.fake_slack import FakeSlack


@pytest.fixture
def fleet(settings, tmp_path):
    running = Fleet(settings, tmp_path)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
async def fake_slack():
    async with FakeSlack() as fake:
        yield fake
