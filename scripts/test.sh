#!/usr/bin/env bash
# The README's second command (and CI's): set up .venv with test extras and the Debian programs
# the tests drive (docker-compose, chromium), then run the whole suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EXTRAS=test source scripts/bootstrap.sh
./scripts/system_packages.sh
exec .venv/bin/python -m pytest "$@"
