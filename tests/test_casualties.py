"""Casualty figures from sentences: numbers, hedges, singular victims, killed versus wounded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventcoder.config import Settings
from eventcoder.extract.casualties import find_casualties
from eventcoder.extract.lexicon import lexicon
from eventcoder.model import Casualties
from eventcoder.text.nlp import load_nlp

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "casualties.yaml").read_text(encoding="utf-8")
)


def _casualties(text: str) -> Casualties | None:
    doc = load_nlp(Settings().spacy_model)(text)
    found = [c for sent in doc.sents if (c := find_casualties(sent, lexicon())) is not None]
    return found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_casualties_case_table(case: dict[str, Any]) -> None:
    found = _casualties(case["text"])
    if case.get("none"):
        assert found is None
        return
    assert found is not None
    if case.get("killed") == "absent":
        assert found.killed is None
    else:
        assert found.killed is not None
        assert found.killed.best == case["killed"]
        if "low" in case:
            assert (found.killed.low, found.killed.high) == (case["low"], case["high"])
    if "injured" in case:
        assert found.injured is not None and found.injured.best == case["injured"]


def test_casualties_evidence_points_into_the_text() -> None:
    text = "Rebel shelling in east Ukraine kills three civilians - Ukraine military"
    found = _casualties(text)
    assert found is not None and found.start is not None and found.end is not None
    assert text[found.start : found.end] == found.text
    assert found.text.startswith("kills three") and "military" not in found.text
    assert found.killed is not None and found.killed.best == 3
