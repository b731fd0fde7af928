"""Helpers shared by the benchmark scripts: where ../shared is, and reading JSON lines."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEGATION_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))


def need_shared() -> Path:
    """The shared folder, or exit with a clear message when it is absent."""
    if not (SHARED / "eval").is_dir():
        sys.exit(f"../shared/eval not found at {SHARED}; set LEGATION_SHARED")
    return SHARED


def read_jsonl(path: Path) -> list[dict]:
    """All JSON objects in a file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
