"""The command line: formats, standard input, failures and --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "eventcoder.cli"]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True)


def test_stdin_jsonl_keeps_ids_and_prints_one_document_per_line() -> None:
    lines = [
        json.dumps(
            {
                "id": "art-1",
                "text": "Russian drones struck Kharkiv on Tuesday, killing "
                "three civilians, the regional governor said.",
                "published": "2025-03-05",
                "outlet": "Example Wire",
            }
        ),
        json.dumps(
            {
                "id": "art-2",
                "text": "Sudan's army and the RSF clashed near El Fasher.",
                "published": "2025-03-05",
            }
        ),
    ]
    done = _run("extract", "-", "--format", "jsonl", "--workers", "1", stdin="\n".join(lines))
    assert done.returncode == 0, done.stderr
    documents = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["article"]["id"] for d in documents] == ["art-1", "art-2"]
    assert documents[0]["article"]["outlet"] == "Example Wire"
    assert any(e["event"] == "ASSAULT" for e in documents[0]["events"])


def test_bad_line_is_reported_recorded_and_strict_exits_nonzero(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "text": "Troops withdrew."}),
                "{not json",
                json.dumps({"id": "ok2", "text": "Talks began."}),
            ]
        ),
        encoding="utf-8",
    )
    relaxed = _run("extract", str(path), "--format", "json", "--workers", "1")
    assert relaxed.returncode == 0
    assert "batch.jsonl:2" in relaxed.stderr
    documents = json.loads(relaxed.stdout)
    assert [d["article"]["id"] for d in documents if not d["article"]["failures"]] == ["ok", "ok2"]
    failed = [d for d in documents if d["article"]["failures"]]
    assert len(failed) == 1 and failed[0]["article"]["failures"][0]["line"] == 2
    strict = _run("extract", str(path), "--strict", "--workers", "1")
    assert strict.returncode == 1


def test_usage_error_exits_2_with_a_hint() -> None:
    done = _run("extract", "x.txt", "--published", "May 5")
    assert done.returncode == 2 and "2025-05-12" in done.stderr


def test_table_format_is_readable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "date 2025-03-04 KYIV – Russian forces shelled Kherson overnight, killing "
        "two people, the regional governor said.",
        encoding="utf-8",
    )
    done = _run("extract", str(path), "--format", "table", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "ASSAULT" in done.stdout and "Kherson" in done.stdout
