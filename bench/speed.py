"""Time extraction against a bare spaCy pass of the same model over the same articles.

Usage: python bench/speed.py [--eval PATH] [--workers N]
Prints articles/s, peak memory (PSS of the process tree) and the extraction/parse ratio.
Each measurement runs in its own child process so peaks and caches do not mix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "geoparse_news.dev.jsonl"


def _rows(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows.append(
                {"id": row["id"], "text": row["text"], "published": row.get("published") or None}
            )
    return rows


def _bare(path: Path, workers: int) -> dict[str, float]:
    from eventcoder.text.nlp import load_nlp

    rows = _rows(path)
    with PeakMemory() as memory:
        started = time.perf_counter()
        nlp = load_nlp()
        loaded = time.perf_counter()
        docs = list(nlp.pipe([r["text"] for r in rows], batch_size=8, n_process=workers))
        done = time.perf_counter()
    return {
        "articles": len(docs),
        "load_s": loaded - started,
        "run_s": done - loaded,
        "peak_mb": memory.peak_mb,
        "words": sum(len(d) for d in docs),
    }


def _extract(path: Path, workers: int) -> dict[str, float]:
    from eventcoder.config import Settings
    from eventcoder.ingest.plain import parse_plain
    from eventcoder.pipeline import extract_many, warm_up

    rows = _rows(path)
    articles = [
        parse_plain(r["text"], source=str(path), article_id=r["id"], published=r["published"])
        for r in rows
    ]
    settings = Settings()
    with PeakMemory() as memory:
        started = time.perf_counter()
        warm_up(settings)
        loaded = time.perf_counter()
        results = list(extract_many(articles, settings=settings, workers=workers))
        done = time.perf_counter()
    events = sum(len(r.events) for r in results)
    failures = sum(len(r.failures) for r in results)
    return {
        "articles": len(results),
        "load_s": loaded - started,
        "run_s": done - loaded,
        "peak_mb": memory.peak_mb,
        "events": events,
        "failures": failures,
    }


def _child(kind: str, path: Path, workers: int) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--eval", str(path), "--workers", str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--child", choices=("bare", "extract"))
    args = parser.parse_args()
    if args.child:
        run = _bare if args.child == "bare" else _extract
        print(json.dumps(run(args.eval, args.workers)))
        return
    bare = _child("bare", args.eval, args.workers)
    extract = _child("extract", args.eval, args.workers)
    print(
        f"articles: {int(extract['articles'])} from {args.eval.name}, "
        f"{int(bare['words']):,} tokens, workers={args.workers}"
    )
    for name, run in (("bare spaCy parse", bare), ("eventcoder extract", extract)):
        print(
            f"{name:<20} {run['articles'] / run['run_s']:7.1f} articles/s  "
            f"run {run['run_s']:6.2f} s  load {run['load_s']:5.2f} s  "
            f"peak {run['peak_mb']:7.0f} MB"
        )
    print(f"events: {int(extract['events'])}, failures: {int(extract['failures'])}")
    print(f"ratio extract/parse (run time): {extract['run_s'] / bare['run_s']:.2f}x")


if __name__ == "__main__":
    main()
