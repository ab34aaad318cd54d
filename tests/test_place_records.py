"""A place record names its first-level division, never a bare GeoNames code."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder
from eventcoder.model import Place, Precision
from eventcoder.resolve.places import GazetteerRow, gazetteer, to_place


def _record(name: str, country: str) -> tuple[GazetteerRow, Place]:
    rows = [r for r in gazetteer().candidates(name) if r.country == country]
    row = max(rows, key=lambda r: r.population)
    return row, to_place(row, text=name, start=0, end=len(name), method="gazetteer", score=1.0)


def test_a_division_known_only_by_its_code_is_kept_in_raw_not_shown_as_a_name() -> None:
    row, place = _record("Doha", "QAT")
    assert row.region and row.admin1 == row.region  # the gazetteer has no name for it
    assert place.admin1 is None
    assert place.raw is not None and place.raw["admin1_code"] == row.region


def test_a_named_division_is_the_record_s_admin1() -> None:
    row, place = _record("Kharkiv", "UKR")
    assert place.precision is Precision.CITY
    assert place.admin1 == row.admin1 and place.admin1 != row.region
    assert place.raw is not None and place.raw["admin1_code"] == row.region


@pytest.mark.slow
def test_a_national_capital_outweighs_a_small_namesake_in_a_country_the_story_names() -> None:
    text = (
        "Yemen's Houthis said they fired missiles at a tanker off Hodeidah, and a U.S. "
        "destroyer shot down two drones near the Yemeni port of Mokha. Shipping officials "
        "will meet in Athens next week to review convoy rules."
    )
    result: dict[str, Any] = eventcoder.extract(text, published="2025-02-11")
    athens = next(p for p in result["article"]["places"] if p["text"] == "Athens")
    assert athens["country"] == "GRC"
