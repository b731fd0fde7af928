#!/usr/bin/env bash
# Create .venv at the repository root and install legation into it (with test extras if asked).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# The event classifier runs on PyTorch's CPU build: install it first, so that no other torch (a CUDA build of
# several GB) is pulled in by the dependencies below.
.venv/bin/python -m pip install -q "torch==2.13.0"
extras="${1:-}"
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
