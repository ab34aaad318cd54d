"""Cross-article linking on the UCDP report set (`make eval` runs it).

Usage: python bench/linking.py [--gold FILE] [--threshold T] [--window D] [--store]
The same figures, without --store, come from `eventcoder eval FILE --task linking`.
Each report (a headline with its outlet and date) is extracted; its mentions are linked in
order of publication and the report goes with its main mention's event; clusters are scored
against the gold `cluster_id` (pairwise and B-cubed).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from eventcoder.corpus import ingest
from eventcoder.dedup import LinkSettings
from eventcoder.dedup.scoring import bcubed, pairwise
from eventcoder.evaluation.linking import link_reports, report_event
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article
from eventcoder.pipeline import extract_many
from eventcoder.store import EventFilter, open_store

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "eval" / "ucdp_ged_ukraine_reports.dev.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT)
    parser.add_argument("--threshold", type=float, default=LinkSettings().threshold)
    parser.add_argument("--window", type=int, default=LinkSettings().window_days)
    parser.add_argument(
        "--store",
        action="store_true",
        help="ingest the reports into a temporary SQLite store (as `eventcoder ingest` does, "
        "with its default link settings) and score the events stored there",
    )
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    rows = [r for r in rows if not r.get("placeholder")]
    rows.sort(key=lambda r: (r["published"], r["id"]))
    articles = [
        parse_plain(
            r["text"],
            source=str(args.gold),
            article_id=r["id"],
            published=r["published"],
            outlet=r.get("outlet"),
        )
        for r in rows
    ]
    if args.store:
        report(rows, _through_store(rows, articles))
        return
    settings = LinkSettings(threshold=args.threshold, window_days=args.window)
    report(rows, link_reports(rows, list(extract_many(articles)), settings=settings))


def _through_store(rows: list[dict[str, Any]], articles: list[Article]) -> dict[str, str]:
    """Each report's event as the store holds it after a real ingest of all reports."""
    tops = {
        row["id"]: top.id
        for row, result in zip(rows, extract_many(articles), strict=True)
        if (top := report_event(result.events)) is not None
    }
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "linking.db")
        try:
            ingest(articles, store=store)
            event_of: dict[str, str] = {}
            cursor: str | None = None
            while True:
                events, cursor = store.events(EventFilter(limit=1000, cursor=cursor))
                for event in events:
                    event_of.update((m, event.id) for m in event.mention_ids)
                if cursor is None:
                    break
        finally:
            store.close()
    return {row["id"]: event_of.get(tops.get(row["id"], ""), "alone:" + row["id"]) for row in rows}


def report(rows: list[dict[str, Any]], found: dict[str, str]) -> None:
    gold = {r["id"]: r["cluster_id"] for r in rows}
    p, r, f = pairwise(gold, found)
    bp, br, bf = bcubed(gold, found)
    print(
        f"reports: {len(rows)}, gold clusters: {len(set(gold.values()))}, "
        f"found clusters: {len(set(found.values()))}"
    )
    print(f"pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")


if __name__ == "__main__":
    main()
