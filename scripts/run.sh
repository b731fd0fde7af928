#!/usr/bin/env bash
# The main job: set up, then code the example article and print its events with their evidence.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/legation code examples/ningxia_drills.txt
