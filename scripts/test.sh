#!/usr/bin/env bash
# Set up with test extras, then run lint, the test suite and the accuracy gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check legation scripts benchmarks tests
.venv/bin/python -m pytest -q "$@"
