"""Latency of `GET /api/events` over HTTP at 100,000 stored events (a real uvicorn on loopback).

Writes generated event documents straight into SQLite with `put_events`, serves the app from a
thread, and times requests with a mix of filters, page sizes and cursors; prints p50/p95/p99.

Usage: python bench/api_latency.py [--events N] [--requests N] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from eventcoder.serve.api import create_app
from eventcoder.store import Store, StoredEvent, open_store

PLACES = [
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Pokrovsk", "UKR", 48.28, 37.18),
    ("Gaza City", "PSE", 31.50, 34.47),
    ("Khan Yunis", "PSE", 31.34, 34.31),
    ("El Fasher", "SDN", 13.63, 25.35),
    ("Khartoum", "SDN", 15.50, 32.56),
    ("Sanaa", "YEM", 15.35, 44.21),
    ("Idlib", "SYR", 35.93, 36.63),
    ("Goma", "COD", -1.68, 29.23),
    ("Gao", "MLI", 16.27, -0.04),
]
ACTORS = ["Russian Armed Forces", "Hamas", "Rapid Support Forces", "Houthis", "M23", "JNIM"]
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST", "CONSULT", "AID", "THREATEN"]
WORDS = ["hospital", "market", "convoy", "school", "checkpoint", "shelter", "bridge", "port"]


def synthetic_events(count: int, *, seed: int = 11) -> Iterator[StoredEvent]:
    """Merged event documents over two years and ten places, as the linker would store them."""
    rng = random.Random(seed)
    for number in range(count):
        name, country, lat, lon = rng.choice(PLACES)
        actor = rng.choice(ACTORS)
        day = f"{rng.choice((2024, 2025))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        killed = rng.randint(0, 30)
        text = f"{actor} struck a {rng.choice(WORDS)} near {name}, killing {killed} people."
        doc: dict[str, Any] = {
            "id": f"ev-{number:07d}",
            "event": rng.choice(TYPES),
            "mode": None,
            "actor": [{"text": actor, "name": actor}],
            "recipient": [{"text": "civilians", "name": "civilians"}],
            "location": {
                "name": name,
                "country": country,
                "lat": lat + rng.uniform(-0.3, 0.3),
                "lon": lon + rng.uniform(-0.3, 0.3),
            },
            "date": {"start": day, "end": day, "precision": "day", "basis": "stated"},
            "casualties": {"killed": {"low": killed, "best": killed, "high": killed}},
            "certainty": rng.choice(["claimed", "reported", "corroborated"]),
            "contested": False,
            "evidence": {"text": text, "start": 0, "end": len(text)},
            "mentions": [],
            "n_sources": rng.randint(1, 4),
        }
        yield StoredEvent(id=doc["id"], doc=doc)


def fill(store: Store, count: int, batch: int = 5000) -> float:
    """Store `count` generated events in batches; the seconds it took."""
    started = time.perf_counter()
    pending: list[StoredEvent] = []
    for event in synthetic_events(count):
        pending.append(event)
        if len(pending) == batch:
            store.put_events(pending)
            pending = []
    if pending:
        store.put_events(pending)
    return time.perf_counter() - started


def queries(rng: random.Random, n: int) -> list[dict[str, str]]:
    """A mix like the page's and API users': bare pages, filters, summaries, text, boxes."""
    mix: list[dict[str, str]] = []
    for _ in range(n):
        pick = rng.random()
        if pick < 0.15:
            params = {"limit": "100"}
        elif pick < 0.30:
            params = {"type": rng.choice(TYPES), "limit": "100"}
        elif pick < 0.45:
            params = {"country": rng.choice(PLACES)[1], "since": "2025-03-01", "limit": "50"}
        elif pick < 0.55:
            params = {"actor": rng.choice(ACTORS).split()[0].lower(), "limit": "100"}
        elif pick < 0.65:
            params = {"q": rng.choice(WORDS), "limit": "100"}
        elif pick < 0.75:
            params = {"bbox": "30,10,40,20", "certainty": "corroborated", "limit": "100"}
        elif pick < 0.90:
            params = {"fields": "summary", "limit": "1000"}
        else:
            params = {"since": "2024-06-01", "until": "2024-06-30", "limit": "1000"}
        mix.append(params)
    return mix


def get(base: str, params: dict[str, str]) -> dict[str, Any]:
    url = f"{base}/api/events?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=60) as response:
        page: dict[str, Any] = json.load(response)
    return page


def serve(store: Store) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(store, write_token=None)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _label(name: str, value: str) -> str:
    return f"{name}={value}" if name in ("fields", "limit") else name


def measure(base: str, rng: random.Random, requests: int) -> dict[str, list[float]]:
    """Milliseconds per request, by kind; about a third of full pages go on to the next page."""
    timings: dict[str, list[float]] = {}
    done = 0
    for params in queries(rng, requests):
        cursor: str | None = None
        for follow in (False, True):
            if done == requests or (follow and (cursor is None or rng.random() > 0.3)):
                break
            query = {**params, "cursor": cursor} if follow and cursor else params
            started = time.perf_counter()
            page = get(base, query)
            elapsed = (time.perf_counter() - started) * 1000
            kind = (
                "next page" if follow else ",".join(_label(k, v) for k, v in sorted(params.items()))
            )
            timings.setdefault(kind, []).append(elapsed)
            cursor = page["next_cursor"]
            done += 1
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", type=Path, help="reuse this SQLite file (filled if empty)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "api.db"
        with open_store(path) as store:
            if store.stats()["events"] < args.events:
                seconds = fill(store, args.events)
                print(f"stored {args.events:,} events in {seconds:.1f} s", file=sys.stderr)
            server, thread, base = serve(store)
            rng = random.Random(3)
            get(base, {"limit": "1"})  # first connection, first query plan
            timings = measure(base, rng, args.requests)
            server.should_exit = True
            thread.join(timeout=10)
    every = [ms for values in timings.values() for ms in values]
    print(
        f"GET /api/events at {args.events:,} events, {len(every)} requests: "
        f"p50 {percentile(every, 0.5):.1f} ms, p95 {percentile(every, 0.95):.1f} ms, "
        f"p99 {percentile(every, 0.99):.1f} ms"
    )
    for kind, values in sorted(timings.items()):
        print(
            f"  {kind:<34} n={len(values):<4} p50 {statistics.median(values):7.1f} ms  "
            f"p95 {percentile(values, 0.95):7.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
