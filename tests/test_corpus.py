"""Ingest into a real database: idempotent, resumable after a kill, failures isolated."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from eventcoder.corpus import Ingestor, ingest
from eventcoder.ingest.plain import parse_plain
from eventcoder.pipeline import extract_many
from eventcoder.store import StoreError, open_store

CLI = [sys.executable, "-m", "eventcoder.cli"]
TOWNS = ["Kharkiv", "Kherson", "Sumy", "Odesa", "Dnipro", "Mykolaiv", "Poltava", "Chernihiv"]


def _article(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"date 2025-03-{1 + number % 27:02d} KYIV – Russian drones struck {town} overnight, "
        f"killing {number % 5 + 1} civilians, the regional governor said. Separately, "
        f"Ukrainian forces shelled positions near Donetsk, the defence ministry said."
    )


def _write(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"a{number:03d}.txt").write_text(_article(number), encoding="utf-8")
    return folder


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", "mentions", "events")
        }


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", 4)
    articles = [
        parse_plain(p.read_text(), source=str(p), article_id=p.stem)
        for p in sorted(folder.iterdir())
    ]
    db = tmp_path / "x.db"
    with open_store(str(db)) as store:
        first = ingest(articles, store=store, workers=1)
        before = _counts(db)
        second = ingest(articles, store=store, workers=1)
    assert first.stored == 4 and second.skipped == 4 and second.stored == 0
    assert _counts(db) == before


class _FailingStore:
    """A real store whose mentions fail for one article, as a bad row would."""

    def __init__(self, store: Any, bad: str) -> None:
        self._store, self._bad = store, bad

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def put_mentions(self, mentions: Any) -> None:
        if any(m.article_id == self._bad for m in mentions):
            raise StoreError(f"injected failure for {self._bad}")
        self._store.put_mentions(mentions)


def test_failing_article_in_mid_batch_loses_nothing_else(tmp_path: Path) -> None:
    articles = [parse_plain(_article(n), source=f"s{n}", article_id=f"a{n}") for n in range(5)]
    results = list(extract_many(articles, workers=1))
    db = tmp_path / "x.db"
    with open_store(str(db)) as store:
        summary = Ingestor(store=_FailingStore(store, "a2"), batch_size=10).add(results)  # type: ignore[arg-type]
        stored = {a for a in ("a0", "a1", "a2", "a3", "a4") if store.article(a) is not None}
        failures = store.failures()
    assert stored == {"a0", "a1", "a3", "a4"}
    assert summary.failures == 1 and any("a2" in f["error"] for f in failures)
    assert _counts(db)["mentions"] == sum(len(r.events) for r in results if r.article.id != "a2")


@pytest.mark.slow
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", 40)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    args = ["ingest", str(folder), "--workers", "1", "--batch-size", "2"]
    subprocess.run([*CLI, *args, "--db", str(clean)], check=True, capture_output=True)
    process = subprocess.Popen(
        [*CLI, *args, "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(sqlite3.OperationalError):  # tables not created yet
            if killed.exists() and _counts(killed)["articles"] >= 6:
                break
        time.sleep(0.05)

    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = _counts(killed)["articles"]
    assert 0 < partial < 40, "the kill must land mid-run"
    done = subprocess.run(
        [*CLI, *args, "--db", str(killed)], check=True, capture_output=True, text=True
    )
    summary = json.loads(done.stdout)
    assert summary["skipped"] == partial
    assert _counts(killed) == _counts(clean)
    with sqlite3.connect(killed) as con:
        assert (
            con.execute("select count(distinct id) from mentions").fetchone()[0]
            == _counts(clean)["mentions"]
        )


@pytest.mark.slow
def test_events_and_explain_commands_read_the_database(tmp_path: Path) -> None:
    folder = _write(tmp_path / "news", 3)
    db = str(tmp_path / "x.db")
    subprocess.run(
        [*CLI, "ingest", str(folder), "--db", db, "--workers", "1"], check=True, capture_output=True
    )
    listed = subprocess.run(
        [*CLI, "events", "--db", db, "--country", "UKR", "--type", "ASSAULT", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    events = json.loads(listed.stdout)["events"]
    assert events and all(e["event"] == "ASSAULT" for e in events)
    explained = subprocess.run(
        [*CLI, "explain", events[0]["id"], "--db", db], check=True, capture_output=True, text=True
    )
    assert "evidence:" in explained.stdout and "linked because" in explained.stdout
    missing = subprocess.run(
        [*CLI, "explain", "ev-nope", "--db", db], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "no event" in missing.stderr
