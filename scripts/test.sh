#!/usr/bin/env bash
# The README's second command (and CI's): set up .venv with test extras, then run the whole suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EXTRAS=test source scripts/bootstrap.sh
./scripts/system_packages.sh
# Headless Chromium for the status page's browser test (tests/observability), only when missing:
# a no-op once installed. Without root or apt the test fails and says what to install.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (apt) for the status page's browser test" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } \
      || echo "could not install chromium: the browser test will fail" >&2
  else
    echo "please install chromium (Debian package): the status page's browser test needs it" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
