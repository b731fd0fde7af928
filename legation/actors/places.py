"""Places as actors: a city or region named where no actor is resolves to its country ('in Basra' → IRQ)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

# Smallest population for a town to stand for its country; admin areas and countries always do.
MIN_POPULATION = 20_000
ADMIN_FEATURES = {"PCLI", "ADM1"}


def place_resolver(gazetteer) -> Callable[[str], str | None]:
    """A cached name → ISO3 function over a gazetteer with `lookup(name) -> [(Place, alt)]`."""

    @lru_cache(maxsize=50_000)
    def country_of(name: str) -> str | None:
        best = None
        for place, alt in gazetteer.lookup(name):
            if place.country is None or alt:
                continue
            if place.feature not in ADMIN_FEATURES and place.population < MIN_POPULATION:
                continue
            rank = (place.feature in ADMIN_FEATURES, place.population)
            if best is None or rank > best[0]:
                best = (rank, place.country)
        return best[1] if best else None

    return country_of
