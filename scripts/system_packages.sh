#!/usr/bin/env bash
# Debian programs the tests drive for real, installed only when missing (a no-op afterwards):
#   docker-compose  validates docker-compose.yml (no Docker engine needed)
#   chromium        loads the worker's status page headless (tests/observability)
# Needs root and apt; without them the tests that need a program fail and name it.
set -euo pipefail
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "please install (Debian packages): ${missing[*]} - the tests use them" >&2
  exit 0
fi
echo "installing ${missing[*]} (apt)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
  || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } \
  || echo "could not install ${missing[*]}: the tests that need them will fail" >&2
