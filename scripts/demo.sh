#!/usr/bin/env bash
# The README's first command: set up .venv if needed, then run `shakeup demo` (arguments pass through).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
exec .venv/bin/shakeup demo "$@"
