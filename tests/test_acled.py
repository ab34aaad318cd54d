"""ACLED sub-event types from whole sentences: means, victims, crowds, ground, agreements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventcoder.errors import DataFileError
from eventcoder.evaluation.tasks import main_event
from eventcoder.ingest.plain import parse_plain
from eventcoder.pipeline import extract_article
from eventcoder.resolve import acled_scene

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "acled.yaml").read_text(encoding="utf-8")
)


def _sub_event(text: str) -> str:
    result = extract_article(parse_plain(text, source="<test>", published="2025-05-12"))
    codable = tuple(e for e in result.events if e.acled is not None)
    top = main_event(codable)
    return top.acled.sub_event_type if top is not None and top.acled is not None else "-"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_acled_case_table(case: dict[str, Any]) -> None:
    assert _sub_event(case["text"]) == case["sub_event_type"]


def test_acled_codes_every_event_of_a_protest_sentence_alike() -> None:
    text = "Police fired tear gas at students marching in Dhaka on Monday and detained 12 of them."
    result = extract_article(parse_plain(text, source="<test>"))
    codes = {e.acled.sub_event_type for e in result.events if e.acled is not None}
    assert codes == {"Protest with intervention"}


def test_acled_words_name_the_missing_class(monkeypatch: pytest.MonkeyPatch) -> None:
    acled_scene.words.cache_clear()
    monkeypatch.setattr(acled_scene, "load_yaml", lambda _: {"words": {"civilians": ["man"]}})
    with pytest.raises(DataFileError, match="armed"):
        acled_scene.words()
    acled_scene.words.cache_clear()
