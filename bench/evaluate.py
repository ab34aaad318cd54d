"""Print accuracy figures on the shared dev sets and the team's own sets (`make eval`).

Usage: python bench/evaluate.py [--breakdown] [--confusion] [--errors N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventcoder.evaluation import format_report, run_task

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SETS = [
    SHARED / "plover_gsr.dev.jsonl",
    SHARED / "ucdp_ged_ukraine.dev.jsonl",
    SHARED / "geoparse_news.dev.jsonl",
    ROOT / "bench" / "gold" / "acled_subevents.jsonl",
    ROOT / "bench" / "gold" / "claims.jsonl",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    for path in SETS:
        if not path.exists():
            print(f"{path.name}: missing, skipped ({path})")
            continue
        report = run_task(path)
        print(
            format_report(
                report, breakdown=args.breakdown, confusion=args.confusion, errors=args.errors
            )
        )


if __name__ == "__main__":
    main()
