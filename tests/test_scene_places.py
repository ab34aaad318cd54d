"""Where an event happened, not where its fire came from or its teller stands: origins and the
speaker's place are last resorts, a foreign name of a town abroad is no reading, and "the
Somali capital" is Mogadishu (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _place(text: str) -> dict[str, Any] | None:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-04-09")
    located = [e["location"] for e in result["events"] if e["event"] == "ASSAULT"]
    return located[-1] if located else None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rockets fired from Lebanon struck Kiryat Shmona on Friday.", "Kiryat Shmona"),
        ("Rockets fired from Gaza struck Sderot on Friday.", "Sderot"),
        ("Drones launched from Russia hit Kharkiv overnight.", "Kharkiv"),
        ("Hezbollah fired rockets from Lebanon on Friday.", "Lebanon"),  # nothing else said
    ],
)
def test_where_fire_came_from_is_the_place_only_when_nothing_else_is_said(
    text: str, place: str
) -> None:
    found = _place(text)
    assert found is not None and found["name"] == place


def test_the_speakers_hospital_is_not_where_the_strike_was() -> None:
    found = _place(
        "An air strike destroyed a family home in Deir al-Balah on Thursday, killing seven, "
        "medics at al-Aqsa Martyrs Hospital said."
    )
    assert found is not None and found["name"] == "Deir al-Balah"


def test_a_foreign_name_of_a_town_abroad_is_no_reading_in_another_countrys_story() -> None:
    found = _place("Jihadists ambushed a Malian army convoy near Boni on Tuesday.")
    assert found is None or found["country"] == "MLI"
    # a capital known abroad by its foreign name is still read
    kyiv = _place("Russian missiles hit Kiev overnight.")
    assert kyiv is not None and kyiv["country"] == "UKR"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("A car bomb exploded near a police station in the Somali capital.", "Mogadishu"),
        ("A drone hit a building in the Ukrainian capital overnight.", "Kyiv"),
    ],
)
def test_a_nationality_words_capital_is_that_states_capital(text: str, city: str) -> None:
    found = _place(text)
    assert found is not None and found["name"] == city and found["precision"] == "city"
