#!/usr/bin/env bash
# The main job: set up, code the example article (events with evidence), then build the demo store from
# the demo corpus and print the Russia-China relationship report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/legation code examples/ningxia_drills.txt
.venv/bin/legation demo --db demo.duckdb
