"""The seed article, run through the real CLI and scored by the shared checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"

CLI = [sys.executable, "-m", "eventcoder.cli"]


@pytest.fixture(scope="module")
def seed_output() -> str:
    article = SEED / "2025-05-12-tehran-gaza.txt"
    if not article.exists():
        pytest.skip(f"shared seed not found at {SEED}")
    done = subprocess.run(
        [*CLI, "extract", str(article), "--format", "json", "--workers", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def test_seed_article_passes_the_shared_checker(seed_output: str) -> None:
    check = subprocess.run(
        [sys.executable, str(SEED / "check.py")], input=seed_output, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "5/5 required" in check.stdout


def test_seed_output_names_no_outlet_and_no_corroboration(seed_output: str) -> None:
    document = json.loads(seed_output)[0]
    assert document["article"]["outlet"] is None
    assert document["article"]["dateline"] == "Tehran"
    assert all(e["certainty"] != "corroborated" for e in document["events"])


def test_seed_evidence_offsets_cut_out_their_text(seed_output: str) -> None:
    text = (SEED / "2025-05-12-tehran-gaza.txt").read_text(encoding="utf-8")
    for event in json.loads(seed_output)[0]["events"]:
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        for claim in event["claims"]:
            assert 0 <= claim["start"] <= claim["end"] <= len(text)


def test_seed_loaded_terms_of_both_kinds_are_flagged(seed_output: str) -> None:
    framing = json.loads(seed_output)[0]["article"]["framing"]
    words = {f["text"].lower() for f in framing}
    assert {"zionist", "genocidal"} <= words
    assert all(f["neutral"] for f in framing)


def test_package_ships_no_copy_of_the_seed_text() -> None:
    if not SEED.exists():
        pytest.skip(f"shared seed not found at {SEED}")
    seed_line = (SEED / "2025-05-12-tehran-gaza.txt").read_text(encoding="utf-8").splitlines()[2]
    root = Path(__file__).resolve().parents[1]
    for path in (root / "src").rglob("*"):
        if path.is_file() and path.suffix in {".py", ".txt", ".yaml", ".csv", ".jsonl"}:
            assert seed_line[:80] not in path.read_text(encoding="utf-8", errors="ignore")
