"""Registries of pipeline components under versioned names (``legation.RuleCoder.v1``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import LegationError


class Registry:
    """A name → factory table; stored events record the name of the component that made them."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Callable[..., Any]] = {}
        self._aliases: dict[str, str] = {}

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator registering a factory under `name`."""

        def deco(func: Callable[..., Any]) -> Callable[..., Any]:
            self._items[name] = func
            return func

        return deco

    def alias(self, short: str, name: str) -> None:
        """Let `short` ('hybrid') stand for the versioned name `name`."""
        self._aliases[short] = name

    def resolve(self, name: str) -> str:
        """The versioned name for `name` or its alias."""
        return self._aliases.get(name, name)

    def get(self, name: str) -> Callable[..., Any]:
        """Return the factory registered as `name` (or an alias of it), or raise E021."""
        try:
            return self._items[self.resolve(name)]
        except KeyError:
            raise LegationError("E021", detail=name, limit=", ".join(sorted(self._items))) from None

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted(self._items)


coders = Registry("coders")
