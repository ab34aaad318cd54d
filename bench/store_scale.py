"""Scale of the store and the linker: ingest and link 100,000 generated mention records, then
time filtered `events` queries at that size (`make bench`).

Usage: python bench/store_scale.py [--mentions N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder.corpus import Ingestor
from eventcoder.model import Article, ArticleResult
from eventcoder.store import EventFilter, open_store
from memory import PeakMemory

PLACES = [
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Kherson", "UKR", 46.64, 32.61),
    ("Donetsk", "UKR", 48.02, 37.80),
    ("Gaza City", "PSE", 31.50, 34.47),
    ("Khan Younis", "PSE", 31.34, 34.31),
    ("El Fasher", "SDN", 13.63, 25.35),
    ("Khartoum", "SDN", 15.50, 32.56),
    ("Sittwe", "MMR", 20.15, 92.90),
    ("Gao", "MLI", 16.27, -0.04),
    ("Hodeidah", "YEM", 14.80, 42.95),
]
ACTORS = [
    "Russian Armed Forces",
    "Armed Forces of Ukraine",
    "Israel Defense Forces",
    "Hamas",
    "Rapid Support Forces",
    "Sudanese Armed Forces",
    "Arakan Army",
    "JNIM",
    "Houthis",
]
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST", "CONSULT", "AID"]
OUTLETS = ["Reuters", "AFP", "AP", "Al Jazeera", "BBC", "Ukrinform", "WAFA", "Anadolu"]


def _doc(rng: random.Random, article: str, number: int, day: str, outlet: str) -> dict[str, Any]:
    place = rng.choice(PLACES)
    actor, target = rng.sample(ACTORS, 2)
    killed = rng.randint(0, 30)
    text = f"{actor} attacked {target} positions near {place[0]}, killing {killed} people."
    return {
        "id": f"{article}-m{number}",
        "article_id": article,
        "event": rng.choice(TYPES),
        "mode": None,
        "context": [],
        "aux_mode": None,
        "actor": [{"name": actor, "text": actor, "actor_id": actor.lower()}],
        "recipient": [{"name": target, "text": target, "actor_id": target.lower()}],
        "location": {
            "name": place[0],
            "text": place[0],
            "country": place[1],
            "lat": place[2] + rng.uniform(-0.05, 0.05),
            "lon": place[3] + rng.uniform(-0.05, 0.05),
            "precision": "city",
        },
        "date": {"start": day, "end": day, "precision": "day", "basis": "stated"},
        "casualties": {"killed": {"low": killed, "best": killed, "high": killed}},
        "claims": [],
        "certainty": "reported",
        "confidence": 0.7,
        "acled": None,
        "evidence": {"text": text, "start": 0, "end": len(text)},
        "source": {"article_id": article, "outlet": outlet, "published": day},
    }


def _items(count: int, per_article: int, seed: int) -> Any:
    rng = random.Random(seed)
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    for number in range(count // per_article):
        day = days[number * len(days) // (count // per_article)]
        article = f"gen{number:06d}"
        outlet = rng.choice(OUTLETS)
        docs = [_doc(rng, article, i, day, outlet) for i in range(per_article)]
        text = " ".join(d["evidence"]["text"] for d in docs)
        yield (
            ArticleResult(
                article=Article(
                    id=article, text=text, outlet=outlet, published=day, source="generated"
                )
            ),
            docs,
        )


def _timings(store: Any, flt: EventFilter, repeat: int = 40) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        store.events(flt)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="eventcoder-bench-")
    db = args.db or Path(folder) / "bench.db"
    with PeakMemory() as memory, open_store(str(db)) as store:
        started = time.perf_counter()
        summary = Ingestor(store=store, batch_size=500).add_documents(
            _items(args.mentions, 5, seed=7)
        )
        elapsed = time.perf_counter() - started
    print(
        f"ingest+link {summary.mentions:,} mentions ({summary.stored:,} articles): "
        f"{elapsed:.1f} s, {summary.mentions / elapsed:,.0f} mentions/s, "
        f"peak {memory.peak_mb:.0f} MB"
    )
    print(f"events: {summary.events_new:,} new, {summary.events_joined:,} mentions joined")
    with open_store(str(db)) as store:
        filters = {
            "no filter": EventFilter(limit=50),
            "type+country+since": EventFilter(
                event="ASSAULT", country="UKR", since="2024-06-01", limit=50
            ),
            "bbox Gaza": EventFilter(bbox=(34.2, 31.2, 34.6, 31.6), limit=50),
            "actor": EventFilter(actor="rapid support", limit=50),
            "q words": EventFilter(q="khartoum", limit=50),
            "certainty+until": EventFilter(certainty="reported", until="2024-03-01", limit=50),
        }
        for name, flt in filters.items():
            median, p95 = _timings(store, flt)
            print(f"events [{name:<20}] median {median:6.1f} ms  p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
