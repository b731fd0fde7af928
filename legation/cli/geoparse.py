"""`legation geoparse`: find and resolve the toponyms of JSON-lines documents, on their own."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO

from ..errors import message


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `geoparse` command."""
    p = sub.add_parser("geoparse", help="resolve the place names of documents to coordinates")
    p.add_argument("--input", "-i", default="-", help="JSON lines {id, text}; '-' for stdin (default)")
    p.add_argument("--output", "-o", default="-", help="where to write {id, toponyms} lines ('-': stdout)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch (default 16)")
    p.add_argument(
        "--literal",
        action="store_true",
        help='literal place names only: leave out demonyms (kind "demonym", "Sudanese troops" -> Sudan)',
    )
    p.set_defaults(func=run)


def _good_records(records: Iterator, counts: dict[str, int]) -> Iterator[tuple[str, str]]:
    """(id, text) of the good records; each bad line's message goes to stderr and the batch goes on."""
    for rec in records:
        if isinstance(rec, str):
            counts["bad"] += 1
            print(rec, file=sys.stderr)
            continue
        counts["good"] += 1
        yield rec.id, rec.text


def run(args: argparse.Namespace) -> int:
    """Geoparse every good input line; exit 1 only when lines were given and none could be read."""
    from ..coding.records import read_jsonl
    from ..geo import geoparse_texts
    from ..nlp.model import load_model

    name = "<stdin>" if args.input == "-" else args.input
    try:
        stream: IO[str] = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    except OSError as exc:
        print(message("E012", name, exc.strerror or str(exc)), file=sys.stderr)
        return 1
    out: IO[str] = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    counts = {"good": 0, "bad": 0}
    try:
        records = _good_records(read_jsonl(stream, name), counts)
        for result in geoparse_texts(
            records, load_model(), batch_size=max(1, args.batch_size), adjectival=not args.literal
        ):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
        if out is not sys.stdout:
            out.close()
    if counts["bad"] and not counts["good"]:
        print(message("E051"), file=sys.stderr)
        return 1
    return 0
