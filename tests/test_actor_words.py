"""Who acted, from the words: the place of a fight is no side, and "Congo" alone is the
Democratic Republic of the Congo, as wire style writes it (real spaCy parse)."""

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
        "Fighting in eastern Ukraine killed 10 people on Monday.",
        "Clashes in western Sudan killed 20 people.",
        "Fighting in northern Israel wounded three soldiers.",
    ],
)
def test_the_place_of_a_fight_is_not_a_side(text: str) -> None:
    (event,) = _events(text)
    assert event["actor"] == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Congo accused Rwanda of backing the rebels.", "COD"),
        ("The Republic of Congo signed a trade deal with Angola.", "COG"),
        ("Congo-Brazzaville held talks with Gabon.", "COG"),
    ],
)
def test_congo_alone_is_the_drc_in_wire_style(text: str, country: str) -> None:
    event = _events(text)[0]
    assert event["actor"][0]["country"] == country
