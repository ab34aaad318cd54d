"""Print accuracy figures on the shared dev sets (`make eval`).

Usage: python bench/evaluate.py [--breakdown] [--eval-dir PATH]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventcoder.evaluate import format_scores, score_geoparse, score_plover, score_ucdp

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT)
    parser.add_argument("--breakdown", action="store_true")
    args = parser.parse_args()
    runs = [
        ("plover_gsr.dev.jsonl", score_plover),
        ("ucdp_ged_ukraine.dev.jsonl", score_ucdp),
        ("geoparse_news.dev.jsonl", score_geoparse),
    ]
    for name, scorer in runs:
        path = args.eval_dir / name
        if not path.exists():
            print(f"{name}: missing, skipped ({path})")
            continue
        started = time.perf_counter()
        scores = scorer(path)
        print(f"{name}  [{time.perf_counter() - started:.1f} s]")
        print(format_scores(scores, breakdown=args.breakdown))


if __name__ == "__main__":
    main()
