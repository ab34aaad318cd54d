"""The `eventcoder` command: parse arguments, call the API, format the output."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from eventcoder.cli_store import COMMANDS, add_commands
from eventcoder.config import Settings
from eventcoder.errors import EventcoderError
from eventcoder.ingest import read_inputs
from eventcoder.model import result_document
from eventcoder.pipeline import extract_article, extract_many
from eventcoder.serve import Pipeline, add_serve_command, run_serve

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

EXTRACT_EXAMPLES = """examples:
  eventcoder extract article.txt --format json
  cat articles.jsonl | eventcoder extract - --format jsonl
  eventcoder extract news/ --published 2025-05-12 --format table
"""


def _date(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-05-12")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="Turn news articles into sourced PLOVER event records.",
        epilog="example: eventcoder extract article.txt --format table",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")
    extract = verbs.add_parser(
        "extract",
        help="extract events from articles",
        epilog=EXTRACT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read plain text, JSON Lines, HTML or RSS/Atom files (or - for stdin) and "
        "print one document per article.",
    )
    extract.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for stdin")
    extract.add_argument("--format", choices=("json", "jsonl", "table"), default="json")
    extract.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="publication date (YYYY-MM-DD) where the input gives none",
    )
    extract.add_argument(
        "--strict", action="store_true", help="exit 1 when any input or article failed"
    )
    extract.add_argument(
        "--workers", type=int, default=None, help="processes to use (default: one per core)"
    )
    evaluate = verbs.add_parser(
        "eval",
        help="score the extractor on gold files",
        epilog="examples:\n  eventcoder eval ../shared/eval/plover_gsr.dev.jsonl --confusion\n"
        "  eventcoder eval gold.jsonl --task ucdp --errors 10",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Score extraction on JSON Lines gold files in the shared evaluation format.",
    )
    evaluate.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON Lines file")
    evaluate.add_argument(
        "--task",
        choices=("plover", "ucdp", "geoparse", "acled", "claims", "linking"),
        help="task of the file (default: from its name)",
    )
    evaluate.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print the N worst cases of each measure, gold beside output",
    )
    evaluate.add_argument("--breakdown", action="store_true", help="figures per gold class")
    evaluate.add_argument("--confusion", action="store_true", help="confusion tables")
    evaluate.add_argument("--workers", type=int, default=None)
    add_commands(verbs)
    add_serve_command(verbs)
    return parser


def run_eval(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from eventcoder.evaluation import format_report, guess_task, run_task

    for name in args.gold:
        path = Path(name)
        if not path.is_file():
            print(f"eventcoder: {name}: no such gold file", file=sys.stderr)
            return 1
        try:
            task = args.task or guess_task(path)
        except ValueError as e:
            print(f"eventcoder: {e}", file=sys.stderr)
            return 2
        report = run_task(path, task=task, workers=args.workers)
        out.write(
            format_report(
                report, breakdown=args.breakdown, confusion=args.confusion, errors=args.errors
            )
            + "\n"
        )
    return 0


def _table(documents: list[dict[str, Any]], out: TextIO) -> None:
    header = (
        f"{'event':<10} {'mode':<12} {'actor':<26} {'recipient':<26} {'location':<22} "
        f"{'date':<10} {'killed':>6} {'certainty':<10} {'aux':<8} claimant"
    )
    for document in documents:
        article = document["article"]
        out.write(
            f"\n# {article['id']}  published={article['published']}  "
            f"dateline={article['dateline']}  events={len(document['events'])}  "
            f"loaded terms={len(article['framing'])}\n"
        )
        for failure in article["failures"]:
            out.write(f"  FAILED ({failure['stage']}): {failure['error']}\n")
        if not document["events"]:
            continue
        out.write(header + "\n")
        for event in document["events"]:

            def names(entities: list[dict[str, Any]]) -> str:
                return ", ".join(e["name"] for e in entities)[:25] or "-"

            location = (event.get("location") or {}).get("name") or "-"
            killed = ((event.get("casualties") or {}).get("killed") or {}).get("best")
            claimant = next(
                (c["claimant"]["name"] for c in event["claims"] if c.get("claimant")), "-"
            )
            date = (event.get("date") or {}).get("start") or "-"
            out.write(
                f"{event['event']:<10} {str(event['mode'] or '-')[:12]:<12} "
                f"{names(event['actor']):<26} {names(event['recipient']):<26} "
                f"{location[:21]:<22} {date:<10} {killed if killed is not None else '-':>6} "
                f"{event['certainty']:<10} {event['aux_mode'] or '-'!s:<8} "
                f"{claimant[:30]}\n"
            )


def run_extract(args: argparse.Namespace, out: TextIO) -> int:
    settings = Settings.from_env()
    items = read_inputs(args.inputs, published=args.published, settings=settings)
    failures = 0
    documents: list[dict[str, Any]] = []
    for result in extract_many(items, settings=settings, workers=args.workers):
        document = result_document(result)
        for failure in document["article"]["failures"]:
            failures += 1
            print(f"eventcoder: {failure['error']}", file=sys.stderr)
        if args.format == "jsonl":
            out.write(json.dumps(document, ensure_ascii=False) + "\n")
        else:
            documents.append(document)
    if args.format == "json":
        json.dump(documents, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "table":
        _table(documents, out)
    if failures:
        print(f"eventcoder: {failures} failure(s)", file=sys.stderr)
    return 1 if failures and args.strict else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.verb == "extract":
            return run_extract(args, sys.stdout)
        if args.verb == "eval":
            return run_eval(args, sys.stdout)
        if args.verb in COMMANDS:
            return COMMANDS[args.verb](args, sys.stdout)
        if args.verb == "serve":
            from eventcoder.corpus import ingest

            pipeline = Pipeline(extract=extract_article, ingest=ingest)
            return run_serve(args, sys.stdout, pipeline=pipeline)

    except EventcoderError as e:
        print(f"eventcoder: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    parser.error(f"unknown command {args.verb!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
