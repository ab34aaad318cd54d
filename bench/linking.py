"""Cross-article linking on the UCDP report set (`make eval` runs it).

Usage: python bench/linking.py [--threshold T] [--window D]
Each report (a headline with its outlet and date) is extracted; its mentions are linked in
order of publication and the report goes with its main mention's event; clusters are scored
against the gold `cluster_id` (pairwise and B-cubed).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventcoder.dedup import Linker, LinkSettings
from eventcoder.dedup.scoring import bcubed, pairwise
from eventcoder.evaluation.tasks import main_event
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import to_plain
from eventcoder.pipeline import extract_many

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "eval" / "ucdp_ged_ukraine_reports.dev.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT)
    parser.add_argument("--threshold", type=float, default=LinkSettings().threshold)
    parser.add_argument("--window", type=int, default=LinkSettings().window_days)
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
    linker = Linker(settings=LinkSettings(threshold=args.threshold, window_days=args.window))
    found: dict[str, str] = {}
    for row, result in zip(rows, extract_many(articles), strict=True):
        top = main_event(result.events)
        if top is None:
            found[row["id"]] = "alone:" + row["id"]
            continue
        # Every mention of the report is linked, as `eventcoder ingest` does; the report is
        # scored by the event its main mention joined.
        source = {
            "article_id": row["id"],
            "outlet": row.get("outlet"),
            "published": row["published"],
            "title": row["text"],
        }
        mentions = [{**to_plain(event), "source": source} for event in result.events]
        decisions, _ = linker.link(mentions)
        found[row["id"]] = next(d.event_id for d in decisions if d.mention_id == top.id)
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
