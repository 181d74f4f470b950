#!/usr/bin/env bash
# Debian tools the tests drive as real programs: docker-compose (validates docker-compose.yml;
# no Docker engine needed). Installed only when missing; needs root and apt.
set -euo pipefail
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "please install: ${missing[*]} (the tests use them)" >&2
  exit 0  # the tests that need them fail with the same advice
fi
echo "installing ${missing[*]} (apt)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
  || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
