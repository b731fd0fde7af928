"""Reader for PETRARCH-format verb pattern dictionaries (CAMEO.2.0.txt and user extra verb files).

File format, as read here:

* ``# ...`` lines, blank lines and ``<!-- ... -->`` comments are skipped; ``~`` lines (verb
  transformations) are ignored.
* ``&NAME`` starts a synonym set; the ``+WORD`` lines right after it are its members (``_`` joins words;
  a trailing ``_`` only stops plural generation in PETRARCH and is dropped).  A blank line ends the set.
* ``---  NAME  [CODE]  ---`` starts a verb block; ``[CODE]`` is the block's default code.
* ``WORD {FORM FORM ...} [CODE]  # comment`` is a verb of the current block with its irregular forms
  and optional own code; ``+ASK_FOR {+ASKED_FOR ...}`` or ``RE_+ARREST`` are multi-word verbs
  (``+`` marks the word the parser treats as the verb).  ``;`` also starts a comment on verb lines.
* ``- PRE * POST [CODE]  # VERB`` is a pattern: ``*`` stands for the verb, ``{A B}`` is one noun phrase,
  ``(P N ...)`` a prepositional phrase, ``&SET`` a synonym set, ``A/B`` alternatives, ``$ + ^ %``
  source/target/skip markers.  ``[A:B]`` gives a code for each direction, ``---`` no code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from legation.errors import LegationError

_CODE_PART = re.compile(r"\d{2,4}")
_SET_NAME = re.compile(r"&[A-Z0-9_]+")
_BLOCK = re.compile(r"^---\s+([^\s\[\]]+)\s*(?:\[([^\]]*)\])?([-\s]*)$")
_VERB = re.compile(r"^(\+?[A-Z][A-Z0-9_'+-]*)\s*(?:\{([^{}]*)\})?\s*(?:\[([^\]]*)\])?$", re.IGNORECASE)
_PATTERN_TAIL = re.compile(r"\[([^\[\]]*)\]\s*$")
_WORD = re.compile(r"^[a-z0-9&][a-z0-9&_'./-]*$")
_MARKERS = {"$", "+", "^", "%"}


class _Malformed(ValueError):
    """A line that cannot be read; carries the reason."""


def parse_code(text: str) -> tuple[str | None, str | None]:
    """Split a bracketed code body ('062:062', ':173', '---', '020') into (code, reverse)."""
    text = text.strip()
    if not text:
        raise _Malformed("empty code []")
    forward, sep, backward = text.partition(":")
    parts: list[str | None] = []
    for part in (forward, backward) if sep else (forward,):
        part = part.strip()
        if part in ("", "---"):
            parts.append(None)
        elif _CODE_PART.fullmatch(part):
            parts.append(part)
        else:
            raise _Malformed(f"code '{text}' is not a CAMEO code, 'A:B' or '---'")
    return parts[0], (parts[1] if sep else None)


def _norm_phrase(text: str) -> str:
    """Lower-case a dictionary phrase: drop '+', '_' becomes a space, trailing '_' dropped."""
    return " ".join(text.replace("+", " ").replace("_", " ").lower().split())


def _set_name(token: str) -> str:
    """Canonical set name: upper case, trailing '_' dropped ('&AUXVERB1_' -> '&AUXVERB1')."""
    return token.upper().rstrip("_")


def _word_alternatives(word: str, sets: Mapping[str, list[str]]) -> list[str]:
    """Alternatives for one pattern word: 'A/B' splits, '&SET' expands, 'X_&SET' combines."""
    out: list[str] = []
    for alt in word.split("/"):
        pieces = [p for p in alt.split("_") if p]
        if not pieces:
            raise _Malformed(f"empty word in '{word}'")
        choices: list[list[str]] = []
        for piece in pieces:
            if piece.startswith("&"):
                name = _set_name(piece)
                if name not in sets:
                    raise _Malformed(f"synonym set {name} is not defined")
                choices.append(sets[name])
            elif _WORD.match(piece):
                choices.append([piece])
            else:
                raise _Malformed(f"unexpected characters in '{word}'")
        out.extend(" ".join(combo) for combo in product(*choices))
    return list(dict.fromkeys(out))


def _pattern_tokens(text: str, sets: Mapping[str, list[str]]) -> list[list[str]]:
    """Turn one side of a pattern into a list of tokens, each a list of alternatives."""
    tokens: list[list[str]] = []
    group: list[str] | None = None
    for raw in text.replace("{", " { ").replace("}", " } ").split():
        if raw == "{":
            if group is not None:
                raise _Malformed("nested '{'")
            group = []
        elif raw == "}":
            if not group:
                raise _Malformed("'}' without '{' or empty {}")
            choices = [_word_alternatives(w, sets) for w in group]
            tokens.append(list(dict.fromkeys(" ".join(c) for c in product(*choices))))
            group = None
        elif raw.strip("_") in _MARKERS or raw in _MARKERS:
            continue
        elif group is not None:
            group.append(raw.lower())
        else:
            tokens.append(_word_alternatives(raw.lower(), sets))
    if group is not None:
        raise _Malformed("'{' without '}'")
    return tokens


def _check_parens(body: str) -> None:
    """Parentheses must pair up and not nest."""
    depth = 0
    for ch in body:
        depth += (ch == "(") - (ch == ")")
        if depth not in (0, 1):
            raise _Malformed("unbalanced or nested parentheses")
    if depth:
        raise _Malformed("unbalanced parentheses")


def _comment_split(line: str, marks: str) -> tuple[str, str]:
    """Split off the first comment started by any character in `marks`."""
    cut = min((i for i in (line.find(m) for m in marks) if i >= 0), default=-1)
    return (line, "") if cut < 0 else (line[:cut], line[cut + 1 :])


class _Reader:
    """State while reading one verb dictionary."""

    def __init__(
        self,
        where: str,
        strict: bool,
        known_sets: Mapping[str, list[str]],
        skipped: list[tuple[int, str, str]] | None,
    ) -> None:
        """Empty dictionaries; `known_sets` may be used by patterns but are not output."""
        self.where, self.strict, self.skipped = where, strict, skipped
        self.sets: dict[str, list[str]] = {}
        self.all_sets: dict[str, list[str]] = {k: list(v) for k, v in known_sets.items()}
        self.forms: dict[str, str] = {}
        self.verbs: dict[str, dict[str, Any]] = {}
        self.blocks: dict[str, dict[str, Any]] = {}
        self.block: dict[str, Any] | None = None
        self.block_name = ""
        self.current_set: str | None = None

    def fail(self, line_no: int, line: str, reason: str) -> None:
        """Raise E011 in strict mode, else record the skipped line."""
        if self.strict:
            raise LegationError("E011", where=f"{self.where}:{line_no}", detail=reason)
        if self.skipped is not None:
            self.skipped.append((line_no, line.rstrip("\n"), reason))

    def read(self, lines: Iterable[str]) -> dict[str, Any]:
        """Read all lines and return the dictionary."""
        in_xml_comment = False
        for line_no, raw in enumerate(lines, 1):
            line = raw.rstrip("\r\n").lstrip("\ufeff")
            if in_xml_comment:
                in_xml_comment = "-->" not in line
                continue
            if line.lstrip().startswith("<!--"):
                in_xml_comment = "-->" not in line
                continue
            stripped = line.strip()
            if not stripped:
                self.current_set = None
                continue
            if stripped.startswith("#") or stripped.startswith("~"):
                continue
            try:
                self.line(stripped)
            except _Malformed as exc:
                self.fail(line_no, line, str(exc))
        return {"sets": self.sets, "forms": self.forms, "verbs": self.verbs, "blocks": self.blocks}

    def line(self, text: str) -> None:
        """Dispatch one non-comment line."""
        if text.startswith("+") and self.current_set is not None:
            self.set_member(text)
            return
        self.current_set = None
        if text.startswith("&"):
            self.set_start(text)
        elif text.startswith("---"):
            self.block_start(text)
        elif text.startswith("-"):
            self.pattern(text)
        else:
            self.verb(text)

    def set_start(self, text: str) -> None:
        """'&NAME' opens a synonym set."""
        body = _comment_split(text, "#")[0].strip()
        if not _SET_NAME.fullmatch(body.upper()):
            raise _Malformed(f"bad synonym set name '{body}'")
        self.current_set = _set_name(body)
        self.sets.setdefault(self.current_set, [])
        self.all_sets[self.current_set] = self.sets[self.current_set]

    def set_member(self, text: str) -> None:
        """'+WORD_WORD' adds a member to the open set."""
        body = _comment_split(text, "#")[0].strip()[1:]
        word = _norm_phrase(body)
        if not word or not all(_WORD.match(w) for w in word.split()):
            raise _Malformed(f"bad synonym '{body}'")
        members = self.sets[self.current_set or ""]
        if word not in members:
            members.append(word)

    def block_start(self, text: str) -> None:
        """'---  NAME  [CODE]  ---' opens a verb block."""
        match = _BLOCK.match(_comment_split(text, "#")[0].strip())
        if not match:
            raise _Malformed("block lines look like '---  NAME  [CODE]  ---'")
        name = match.group(1).upper()
        code, reverse = parse_code(match.group(2)) if match.group(2) is not None else (None, None)
        if name in self.blocks:
            raise _Malformed(f"block {name} is defined twice")
        self.block = {"code": code, "reverse": reverse, "verbs": [], "patterns": []}
        self.blocks[name] = self.block
        self.block_name = name

    def verb(self, text: str) -> None:
        """'WORD {FORMS} [CODE]' adds a verb (and its inflected forms) to the current block."""
        if self.block is None:
            raise _Malformed("verb line before any '--- BLOCK ---' line")
        body = _comment_split(text, "#;")[0].strip()
        match = _VERB.match(body)
        if not match:
            raise _Malformed(f"cannot read verb line '{body}'")
        base = _norm_phrase(match.group(1))
        if match.group(3) is not None:
            code, reverse = parse_code(match.group(3))
        else:
            code, reverse = self.block["code"], self.block["reverse"]
        self.verbs.setdefault(base, {"block": self.block_name, "code": code, "reverse": reverse})
        if base not in self.block["verbs"]:
            self.block["verbs"].append(base)
        for form in (match.group(2) or "").replace(",", " ").split():
            inflected = _norm_phrase(form)
            if inflected and inflected != base:
                self.forms.setdefault(inflected, base)

    def pattern(self, text: str) -> None:
        """'- PRE * POST [CODE] # VERB' adds a pattern to the current block."""
        if self.block is None:
            raise _Malformed("pattern line before any '--- BLOCK ---' line")
        body, comment = _comment_split(text[1:], "#")
        tail = _PATTERN_TAIL.search(body)
        if not tail:
            raise _Malformed("a pattern must end with [CODE]")
        code, reverse = parse_code(tail.group(1))
        body = body[: tail.start()]
        _check_parens(body)
        body = body.replace("(", " ").replace(")", " ").replace("*", " * ")
        if body.split().count("*") != 1:
            raise _Malformed("a pattern needs exactly one '*' for the verb")
        pre, post = body.split(" * ")
        self.block["patterns"].append(
            {
                "pre": _pattern_tokens(pre, self.all_sets),
                "post": _pattern_tokens(post, self.all_sets),
                "code": code,
                "reverse": reverse,
                "verb": self.comment_verb(comment),
            }
        )

    def comment_verb(self, comment: str) -> str | None:
        """The verb named first in a pattern comment, if it belongs to the current block."""
        words = comment.split()
        if not words or self.block is None:
            return None
        word = _norm_phrase(words[0])
        word = self.forms.get(word, word)
        return word if word in self.block["verbs"] else None


def parse_verb_dictionary(
    lines: Iterable[str],
    where: str,
    *,
    strict: bool = True,
    sets: Mapping[str, list[str]] | None = None,
    skipped: list[tuple[int, str, str]] | None = None,
) -> dict[str, Any]:
    """Parse verb-dictionary lines into {'sets', 'forms', 'verbs', 'blocks'}; E011 on a bad line if strict."""
    reader = _Reader(where, strict, sets or {}, skipped)
    return reader.read(lines)
