"""Near-copy detection: MinHash signatures of word 3-shingles, LSH candidates, story clusters."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # pinned: stored signatures stay comparable across datasketch versions
THRESHOLD = 0.5  # estimated Jaccard at or above which two articles are one story
SHINGLE = 3
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The word n-grams of a text, lower-cased (the whole text when it is shorter than n words)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    """The MinHash signature of a text's shingles."""
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    sig.update_batch(list(shingles(text)))
    return sig


def to_bytes(sig: MinHash) -> bytes:
    """A signature as stored (little-endian uint32 hash values)."""
    return np.asarray(sig.hashvalues, dtype="<u4").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    """A stored signature, ready to compare."""
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(data, dtype="<u4"), scheme=SCHEME)


class StoryClusters:
    """Assigns each new article to the story cluster of its most similar earlier article, or a new one."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._members: dict[str, tuple[int, str, MinHash]] = {}  # article -> (order, cluster, signature)

    def __len__(self) -> int:
        return len(self._members)

    def load(self, stored: Iterable[tuple[str, str, bytes]]) -> None:
        """Add stored articles (id, cluster id, signature bytes) in their ingest order."""
        for article_id, cluster_id, data in stored:
            self._add(article_id, cluster_id, from_bytes(data))

    def _add(self, article_id: str, cluster_id: str, sig: MinHash) -> None:
        self._members[article_id] = (len(self._members), cluster_id, sig)
        self._lsh.insert(article_id, sig, check_duplication=False)

    def assign(self, article_id: str, sig: MinHash) -> tuple[str, float | None]:
        """The cluster id for a new article and its similarity to the nearest member (None: a new story)."""
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(sig):
            order, cluster_id, other = self._members[candidate]
            similarity = float(sig.jaccard(other))
            if similarity < self.threshold:
                continue
            if best is None or (similarity, -order) > (best[0], -best[1]):
                best = (similarity, order, cluster_id)
        cluster_id, similarity = (best[2], round(best[0], 4)) if best else (article_id, None)
        self._add(article_id, cluster_id, sig)
        return cluster_id, similarity
