"""`legation code`: code JSON lines or an article file into events."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..errors import LegationError, message
from ..model import Document


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `code` command."""
    p = sub.add_parser("code", help="code news text into CAMEO/PLOVER events with evidence")
    p.add_argument("article", nargs="?",
                   help="an article file to code and show as a table (every record of a .jsonl, .csv or WARC)")
    p.add_argument("--input", "-i", help="JSON lines {id, text, date?, title?, url?}; '-' for stdin")
    p.add_argument("--output", "-o", default="-", help="where to write event JSON lines ('-': stdout)")
    p.add_argument("--format", choices=["jsonl", "table"], help="output format (default: jsonl for --input)")
    p.add_argument("--date", help="publication date of ARTICLE (YYYY-MM-DD)")
    p.add_argument("--actors", action="append", default=[], help="extra actor dictionary file (repeatable)")
    p.add_argument("--verbs", action="append", default=[], help="extra verb pattern file (repeatable)")
    p.add_argument("--config", help="a legation.toml settings file")
    p.add_argument("--min-actors", type=int, choices=[1, 2], help="actors an event needs (default 1)")
    add_coder_options(p)
    p.set_defaults(func=run)


def add_coder_options(p: argparse.ArgumentParser) -> None:
    """--coder and --min-confidence, shared by `code` and `ingest`."""
    p.add_argument("--coder", metavar="NAME",
                   help="legation.HybridCoder.v1 (alias hybrid) or legation.RuleCoder.v1 (alias rules); "
                        "default: the configured coder")
    p.add_argument("--min-confidence", type=float, metavar="P",
                   help="keep events whose confidence is at least P (0.8 keeps events right 80%% of the time)")


def apply_coder_options(cfg: Config, args: argparse.Namespace) -> Config:
    """Set the coder options given on the command line; E021 names an unknown coder."""
    from ..coding.pipeline import coders

    if args.coder:
        coders.get(args.coder)
        cfg.coder = coders.resolve(args.coder)
    if args.min_confidence is not None:
        cfg.min_confidence = args.min_confidence
    return cfg


def _config(args: argparse.Namespace) -> Config:
    cfg = Config.from_file(args.config) if args.config else Config.default()
    cfg.actor_files = list(cfg.actor_files) + [Path(p) for p in args.actors]
    cfg.verb_files = list(cfg.verb_files) + [Path(p) for p in args.verbs]
    if args.min_actors:
        cfg.min_actors = args.min_actors
    return apply_coder_options(cfg, args)


def run(args: argparse.Namespace) -> int:
    """Parse arguments, code, write; exit 1 only when nothing could be coded."""
    from ..coding.pipeline import Pipeline
    from ..coding.records import iso_date, read_jsonl
    from ..ingest.textfile import read_articles

    if bool(args.article) == bool(args.input):
        raise LegationError("E012", where="legation code", detail="give either ARTICLE or --input, not both")
    if args.article:  # every article of the file: one for txt/md/html, each record of a jsonl, csv or WARC
        records = _dated(read_articles(Path(args.article)), iso_date(args.date) if args.date else None)
        fmt = args.format or "table"
    else:
        stream = sys.stdin if args.input == "-" else _open(args.input)
        records = read_jsonl(stream, "<stdin>" if args.input == "-" else args.input)
        fmt = args.format or "jsonl"
    out = open_output(args.output)  # before the model loads: a wrong path fails at once
    good = seen = 0
    try:
        pipeline = Pipeline(_config(args))
        docs = _report_bad(records)
        for result in pipeline.code_documents(docs):
            seen += 1
            for problem in result.errors:
                print(problem, file=sys.stderr)
            if not result.coded:
                continue
            good += 1
            if fmt == "table":
                from ..coding.table import render

                out.write(render(result.doc, result.events))
            else:
                for ev in result.events:
                    out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if good == 0:
        print(message("E030"), file=sys.stderr)
        return 1
    return 0


def open_output(path: str | None, newline: str | None = None) -> TextIO:
    """The file `path` opened for writing ('-' or None: stdout); E131 when it cannot be created."""
    if not path or path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise LegationError("E131", where=path, detail=exc.strerror or str(exc)) from None


def _dated(records: Iterator[Document | str], date: str | None) -> Iterator[Document | str]:
    """Give each document the --date, when one was given."""
    for rec in records:
        if date and not isinstance(rec, str):
            rec.date = date
        yield rec


def _report_bad(records):
    """Pass Documents through; print error strings to stderr as they come."""
    for rec in records:
        if isinstance(rec, str):
            print(rec, file=sys.stderr)
        else:
            yield rec


def _open(path: str):
    try:
        return open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise LegationError("E012", where=path, detail=exc.strerror or str(exc)) from None
