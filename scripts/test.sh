#!/usr/bin/env bash
# Set up with test extras, then run lint, the test suite and the accuracy gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# Headless Chromium for the browser tests: Debian's package (Playwright downloads no browser of its own).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
.venv/bin/ruff check legation scripts benchmarks tests
.venv/bin/python -m pytest -q "$@"
