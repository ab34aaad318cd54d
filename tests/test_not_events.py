"""Words that look like events but are not here: casualties only talked about, and a verb of
criticism that lands on something (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-04-09")
    return list(result["events"])


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not mention casualties.",
        "The army gave no details of casualties.",
        "There was no information on casualties.",
    ],
)
def test_casualties_only_talked_about_are_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Shells slammed into a market in El Fasher, killing six.",
        "A missile ripped through an apartment block in Dnipro.",
    ],
)
def test_a_blow_that_lands_is_no_condemnation(text: str) -> None:
    assert "ACCUSE" not in [e["event"] for e in _events(text)]


def test_criticism_is_still_an_accusation() -> None:
    assert "ACCUSE" in [e["event"] for e in _events("The EU slammed the decision as illegal.")]


def test_a_trigger_of_several_words_never_runs_into_the_next_sentence() -> None:
    events = _events("The new hospital was built. The Goma-based charity runs it.")
    assert "MOBILIZE" not in [e["event"] for e in events]
