"""The database commands of the CLI: ingest, events, explain, export (arguments and output)."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from eventcoder.config import Settings
from eventcoder.corpus import IngestSummary, ingest
from eventcoder.ingest import read_inputs
from eventcoder.store import EventFilter, FilterError, open_store

EXAMPLES = {
    "ingest": "examples:\n  eventcoder ingest news/ feed.xml more.jsonl\n"
    "  eventcoder ingest articles.jsonl --db postgresql://localhost/events",
    "events": "examples:\n  eventcoder events --country PSE --since 2025-05-01 --type ASSAULT "
    "--format table\n  eventcoder events --bbox 34.2,31.2,34.6,31.6 --format jsonl",
    "explain": "example:\n  eventcoder explain ev-0123456789abcdef",
    "export": "examples:\n  eventcoder export --to acled -o events.csv --since 2025-01-01\n"
    "  eventcoder export --to geojson -o events.geojson --country UKR",
}


def _date(value: str) -> str:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-05-12")
    return value


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError as e:
        raise argparse.ArgumentTypeError(
            f"{value!r}: bbox is min_lon,min_lat,max_lon,max_lat"
        ) from e
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(f"{value!r}: bbox is min_lon,min_lat,max_lon,max_lat")
    return parts[0], parts[1], parts[2], parts[3]


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="DB",
        help="SQLite path or postgresql:// URL "
        "(default: EVENTCODER_DB, else eventcoder.db in the data folder)",
    )


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", dest="event", metavar="TYPE", help="PLOVER event type")
    parser.add_argument("--mode", help="PLOVER mode")
    parser.add_argument("--country", help="ISO alpha-3 country of the location")
    parser.add_argument("--actor", help="part of an actor's or recipient's name")
    parser.add_argument("--since", type=_date, metavar="DATE")
    parser.add_argument("--until", type=_date, metavar="DATE")
    parser.add_argument("--bbox", type=_bbox, metavar="W,S,E,N")
    parser.add_argument("--certainty", choices=("claimed", "reported", "corroborated"))
    parser.add_argument("--q", help="words in the evidence")


def add_commands(verbs: Any) -> None:
    """Register ingest, events, explain and export on the CLI's sub-parsers."""
    formatter = argparse.RawDescriptionHelpFormatter
    command = verbs.add_parser(
        "ingest",
        help="extract, link and store articles",
        epilog=EXAMPLES["ingest"],
        formatter_class=formatter,
    )
    command.add_argument("inputs", nargs="+", metavar="INPUT")
    _db(command)
    command.add_argument("--published", type=_date, metavar="DATE")
    command.add_argument("--workers", type=int, default=None)
    command.add_argument("--batch-size", type=int, default=50)
    command.add_argument("--strict", action="store_true", help="exit 1 when anything failed")
    command = verbs.add_parser(
        "events", help="query stored events", epilog=EXAMPLES["events"], formatter_class=formatter
    )
    _db(command)
    _filters(command)
    command.add_argument("--limit", type=int, default=50)
    command.add_argument("--cursor", help="the next-page cursor printed by a previous call")
    command.add_argument("--format", choices=("json", "jsonl", "table", "csv"), default="json")
    command = verbs.add_parser(
        "explain",
        help="every source of an event and why it was linked",
        epilog=EXAMPLES["explain"],
        formatter_class=formatter,
    )
    command.add_argument("event_id", metavar="EVENT_ID")
    _db(command)
    command.add_argument("--format", choices=("text", "json"), default="text")
    command = verbs.add_parser(
        "export",
        help="write events in a standard format",
        epilog=EXAMPLES["export"],
        formatter_class=formatter,
    )
    _db(command)
    _filters(command)
    command.add_argument(
        "--to",
        required=True,
        choices=("plover", "acled", "ucdp", "cameo", "geojson", "csv", "parquet"),
    )
    command.add_argument("-o", "--output", required=True, metavar="FILE")


class _Progress:
    """A one-line progress display on stderr, updated at most twice a second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, summary: IngestSummary) -> None:
        now = time.monotonic()
        if now - self.last >= 0.5:
            self.last = now
            print(f"\r[ingest] {summary.line()}", end="", file=sys.stderr, flush=True)


def run_ingest(args: argparse.Namespace, out: TextIO) -> int:
    settings = Settings.from_env()
    with open_store(args.db, settings) as store:
        items = read_inputs(args.inputs, published=args.published, settings=settings)
        summary = ingest(
            items,
            store=store,
            settings=settings,
            workers=args.workers,
            batch_size=args.batch_size,
            progress=_Progress(),
        )
    print(f"\r[ingest] {summary.line()}", file=sys.stderr)
    out.write(json.dumps(dataclasses.asdict(summary)) + "\n")
    return 1 if summary.failures and args.strict else 0


def _filter(args: argparse.Namespace, *, limit: int, cursor: str | None = None) -> EventFilter:
    return EventFilter(
        event=args.event,
        mode=args.mode,
        country=args.country,
        actor=args.actor,
        since=args.since,
        until=args.until,
        bbox=args.bbox,
        certainty=args.certainty,
        q=args.q,
        limit=limit,
        cursor=cursor,
    )


def _all_events(store: Any, args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        page, cursor = store.events(_filter(args, limit=1000, cursor=cursor))
        for event in page:
            yield event.doc
        if cursor is None:
            return


def _row(event: dict[str, Any]) -> dict[str, Any]:
    location = event.get("location") or {}
    date = event.get("date") or {}
    killed = (event.get("casualties") or {}).get("killed") or {}
    return {
        "id": event["id"],
        "event": event["event"],
        "mode": event.get("mode") or "",
        "date": date.get("start") or "",
        "actor": "; ".join(a["name"] for a in event.get("actor") or []),
        "recipient": "; ".join(a["name"] for a in event.get("recipient") or []),
        "location": location.get("name") or "",
        "country": location.get("country") or "",
        "killed": "" if killed.get("best") is None else killed["best"],
        "certainty": event.get("certainty"),
        "sources": event.get("n_sources"),
        "contested": event.get("contested"),
    }


def run_events(args: argparse.Namespace, out: TextIO) -> int:
    with open_store(args.db, Settings.from_env()) as store:
        try:
            page, cursor = store.events(_filter(args, limit=args.limit, cursor=args.cursor))
        except FilterError as e:
            print(f"eventcoder: {e}", file=sys.stderr)
            return 2
    docs = [event.doc for event in page]
    if args.format == "json":
        json.dump({"events": docs, "next_cursor": cursor}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "jsonl":
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(_row({"id": "", "event": ""}).keys()))
        writer.writeheader()
        writer.writerows(_row(doc) for doc in docs)
    else:
        out.write(
            f"{'id':<20} {'event':<9} {'date':<10} {'actor':<24} {'recipient':<24} "
            f"{'location':<18} {'killed':>6} {'certainty':<12} src\n"
        )
        for doc in docs:
            row = _row(doc)
            out.write(
                f"{row['id'][:20]:<20} {row['event']:<9} {row['date']:<10} "
                f"{row['actor'][:23]:<24} {row['recipient'][:23]:<24} "
                f"{row['location'][:17]:<18} {row['killed']!s:>6} "
                f"{row['certainty']:<12} {row['sources']}\n"
            )
        if cursor:
            print(f"more: --cursor {cursor}", file=sys.stderr)
    return 0


def _claim_line(claim: dict[str, Any]) -> str:
    claimant = (claim.get("claimant") or {}).get("name") or "the outlet itself"
    via = f" via {claim['via']}" if claim.get("via") else ""
    return f"{claimant} ({claim.get('claimant_type')}, {claim.get('verb') or 'reports'}){via}"


def run_explain(args: argparse.Namespace, out: TextIO) -> int:
    with open_store(args.db, Settings.from_env()) as store:
        event = store.event(args.event_id)
    if event is None:
        print(
            f"eventcoder: no event {args.event_id!r}; list ids with `eventcoder events`",
            file=sys.stderr,
        )
        return 1
    doc = event.doc
    if args.format == "json":
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    row = _row(doc)
    out.write(
        f"{doc['id']}: {doc['event']} {row['mode']} on {row['date']} at "
        f"{row['location'] or 'unknown place'}\n  actor: {row['actor'] or '-'}; recipient: "
        f"{row['recipient'] or '-'}; killed: {row['killed'] or '-'}\n  certainty: "
        f"{doc['certainty']} ({doc.get('n_independent', 0)} independent source(s), "
        f"{doc['n_sources']} outlet(s)){'; CONTESTED' if doc.get('contested') else ''}\n"
    )
    for number, mention in enumerate(doc.get("mentions") or [], start=1):
        claims = (
            "; ".join(_claim_line(c) for c in mention.get("claims") or [])
            or "no attribution: the outlet reports it"
        )
        why = ", ".join(mention.get("linked_because") or []) or "first report"
        evidence = (mention.get("evidence") or {}).get("text") or ""
        out.write(
            f"\n  [{number}] {mention.get('outlet') or 'unknown outlet'}, "
            f"{mention.get('published') or 'undated'} (article {mention.get('article_id')})"
            f"\n      claim: {claims}\n      certainty: {mention.get('certainty')}"
            f"{', ' + mention['aux_mode'] if mention.get('aux_mode') else ''}"
            f'\n      evidence: "{evidence[:300]}"\n      linked because: {why}\n'
        )
    return 0


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    from eventcoder.export import export

    with open_store(args.db, Settings.from_env()) as store:
        count = export(_all_events(store, args), args.to, Path(args.output))
    print(f"eventcoder: wrote {count} event(s) to {args.output} ({args.to})", file=sys.stderr)
    return 0


COMMANDS = {
    "ingest": run_ingest,
    "events": run_events,
    "explain": run_explain,
    "export": run_export,
}
