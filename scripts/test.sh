#!/usr/bin/env bash
# The README's second command (and CI's): set up .venv with test extras, then run the whole suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EXTRAS=test source scripts/bootstrap.sh
./scripts/system_packages.sh
exec .venv/bin/python -m pytest "$@"
