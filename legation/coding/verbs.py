"""The CAMEO verb-pattern dictionary: verb lemma → block → patterns → CAMEO code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..actors.dictionary import _read_json
from ..errors import LegationError

MAX_GAP = 8


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words before and after the verb that select a more specific code."""

    pre: tuple[tuple[tuple[str, ...], ...], ...]
    post: tuple[tuple[tuple[str, ...], ...], ...]
    code: str | None
    reverse: str | None
    verb: str | None
    size: int
    needs: tuple[frozenset[str], ...] = ()  # per pattern token, the first words of its alternatives


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """The code chosen for one verb occurrence and the evidence for it."""

    verb: str
    block: str
    code: str | None
    reverse: str | None
    pattern: Pattern | None


def _compile_token(alts: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(a.split()) for a in alts if a.strip())


def _compile(pat: dict) -> Pattern:
    pre = tuple(_compile_token(t) for t in pat.get("pre", []) if t)
    post = tuple(_compile_token(t) for t in pat.get("post", []) if t)
    pre = tuple(t for t in pre if t)
    post = tuple(t for t in post if t)
    size = sum(max(len(a) for a in t) for t in pre + post)
    needs = tuple(frozenset(a[0] for a in t) for t in pre + post)
    return Pattern(pre, post, pat.get("code"), pat.get("reverse"), pat.get("verb"), size, needs)


def _find(words: Sequence[tuple[str, str]], tokens: tuple, start: int) -> int:
    """Match pattern tokens in order (gaps allowed); return the position after, or -1."""
    pos = start
    for alts in tokens:
        hit = -1
        limit = min(len(words), pos + MAX_GAP + 1)
        for i in range(pos, limit):
            for alt in alts:
                n = len(alt)
                if i + n <= len(words) and all(alt[k] in words[i + k] for k in range(n)):
                    hit = i + n
                    break
            if hit >= 0:
                break
        if hit < 0:
            return -1
        pos = hit
    return pos


def _bases(lemma: str, text: str | None, forms: dict[str, str]) -> list[str]:
    """Candidate base forms: the lemma, then the inflected word undone by rule (the tagger can err)."""
    out = [lemma]
    if text and text != lemma:
        word = text.lower()
        out.append(forms.get(word, word))
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                             ("es", ""), ("s", ""), ("d", "")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                out.append(word[: -len(suffix)] + repl)
    return out


class VerbDictionary:
    """Verb entries and their blocks of patterns, from the shipped file plus user files."""

    def __init__(self, data: dict) -> None:
        self.forms: dict[str, str] = dict(data.get("forms", {}))
        self.verbs: dict[str, tuple[str, str | None]] = {}
        self.blocks: dict[str, tuple[str | None, list[Pattern]]] = {}
        self._inferred_cache: dict[tuple[str, str], str | None] = {}
        self._needs_index: dict[str, dict[str, tuple[int, ...]]] = {}
        self.merge(data)

    def merge(self, data: dict) -> None:
        """Add (or override) verbs, forms and blocks from a parsed dictionary."""
        self.forms.update(data.get("forms", {}))
        for name, block in data.get("blocks", {}).items():
            patterns = [_compile(p) for p in block.get("patterns", [])]
            old = self.blocks.get(name)
            if old is not None:
                patterns = patterns + old[1]
            self.blocks[name] = (block.get("code"), patterns)
            self._needs_index.pop(name, None)
        for verb, entry in data.get("verbs", {}).items():
            self.verbs[verb] = (entry["block"], entry.get("code"))

    def entry(
        self, lemma: str, particle: str | None = None, text: str | None = None
    ) -> tuple[str, str, str | None] | None:
        """(verb, block, default code) for a lemma (or, failing that, the word's own form), or None."""
        for base in _bases(self.forms.get(lemma, lemma), text, self.forms):
            if particle:
                hit = self.verbs.get(f"{base} {particle}")
                if hit:
                    return f"{base} {particle}", hit[0], hit[1]
            hit = self.verbs.get(base)
            if hit:
                return base, hit[0], hit[1]
        return None

    def match(
        self,
        lemma: str,
        particle: str | None,
        pre: Sequence[tuple[str, str]],
        post: Sequence[tuple[str, str]],
        text: str | None = None,
    ) -> VerbMatch | None:
        """Code a verb occurrence: the best-fitting pattern of its block, else the verb's default."""
        found = self.entry(lemma, particle, text)
        if found is None:
            return None
        verb, block_name, default = found
        pre_sets = [set(w) for w in pre]
        post_sets = [set(w) for w in post]
        avail = {w for pair in pre for w in pair} | {w for pair in post for w in pair}
        best: tuple[float, Pattern] | None = None
        patterns = self.blocks.get(block_name, (None, []))[1]
        index = self._index(block_name)
        hits = sorted({k for w in avail for k in index.get(w, ())})  # patterns whose first word is here, in order
        for pat in (patterns[k] for k in hits):
            if any(need.isdisjoint(avail) for need in pat.needs[1:]):
                continue
            if pat.pre and _find(pre_sets, pat.pre, 0) < 0:
                continue
            if pat.post and _find(post_sets, pat.post, 0) < 0:
                continue
            if not pat.pre and not pat.post:
                continue
            if pat.verb and pat.verb != verb and pat.size < 2:
                continue  # a one-word pattern written for a sibling verb ('welcome * (to)') is too loose
            score = pat.size + (0.5 if pat.verb == verb else 0.0)
            if best is None or score > best[0]:
                best = (score, pat)
        if best is not None:
            pat = best[1]
            return VerbMatch(verb, block_name, pat.code, pat.reverse, pat)
        if default is None:
            default = self._inferred(verb, block_name)
        return VerbMatch(verb, block_name, default, None, None)

    def _index(self, block_name: str) -> dict[str, tuple[int, ...]]:
        """Word → the positions of the block's patterns whose first token can be that word."""
        index = self._needs_index.get(block_name)
        if index is None:
            found: dict[str, list[int]] = {}
            for k, pat in enumerate(self.blocks.get(block_name, (None, []))[1]):
                for word in pat.needs[0] if pat.needs else ():
                    found.setdefault(word, []).append(k)
            index = self._needs_index[block_name] = {w: tuple(ks) for w, ks in found.items()}
        return index

    def _inferred(self, verb: str, block_name: str) -> str | None:
        """A default for a verb the dictionary leaves uncoded: the root most of its own patterns share."""
        key = (verb, block_name)
        if key not in self._inferred_cache:
            roots = [p.code[:2] for p in self.blocks.get(block_name, (None, []))[1] if p.verb == verb and p.code]
            code = None
            if len(roots) >= 3:
                top = max(set(roots), key=roots.count)
                if roots.count(top) / len(roots) >= 0.6:
                    code = top + "0"
            self._inferred_cache[key] = code
        return self._inferred_cache[key]


@lru_cache(maxsize=1)
def _shipped_data() -> dict:
    return _read_json("verbs")


def load_verbs(user_files: Iterable[str | Path] = ()) -> VerbDictionary:
    """The shipped CAMEO verb dictionary with user verb files merged over it."""
    from .verbfile import parse_verb_dictionary

    book = VerbDictionary(_shipped_data())
    for path in user_files:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise LegationError("E012", where=str(path), detail=str(exc)) from None
        book.merge(parse_verb_dictionary(lines, where=str(path), sets=_shipped_data()["sets"]))
    return book
