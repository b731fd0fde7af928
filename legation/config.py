"""Run-time configuration: model, user dictionaries, limits. Read from a TOML file or built in code."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LegationError

CONFIG_ENV = "LEGATION_CONFIG"


@dataclass(slots=True)
class Config:
    """Settings every stage reads; stages do no I/O of their own beyond what is named here."""

    model: str | None = None  # spaCy model name; None picks the first installed English model
    coder: str = "legation.RuleCoder.v1"
    coder_weights: Path | None = None  # another weights file for a learned coder (default: the shipped one)
    min_confidence: float = 0.0  # drop events whose confidence is lower
    actor_files: list[Path] = field(default_factory=list)  # user actor/agent dictionaries
    verb_files: list[Path] = field(default_factory=list)  # user verb-pattern dictionaries
    min_actors: int = 1  # events need at least this many resolved actors (1 or 2)
    batch_size: int = 32
    max_chars: int = 100_000  # longer texts are cut, with a warning
    geo: bool = True  # fill event locations
    dates: bool = True  # fill event dates

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Read a TOML file with a [legation] table (or top-level keys)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise LegationError("E012", where=str(path), detail=str(exc)) from None
        data = data.get("legation", data)
        cfg = cls()
        base = path.parent
        for key, value in data.items():
            if not hasattr(cfg, key):
                raise LegationError("E012", where=str(path), detail=f"unknown setting '{key}'")
            if key in ("actor_files", "verb_files"):
                value = [base / v for v in value]
            elif key == "coder_weights":
                value = base / value
            setattr(cfg, key, value)
        return cfg

    @classmethod
    def default(cls) -> Config:
        """The config named by $LEGATION_CONFIG, else built-in defaults."""
        env = os.environ.get(CONFIG_ENV)
        return cls.from_file(env) if env else cls()
