"""Date phrases that name a span or a part of one: ranges, parts of months, nights, running
days, and the date phrases the parse gives for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eventcoder
from eventcoder.resolve.dates import resolve_date

WEDNESDAY = dt.date(2025, 3, 12)

SPANS = [
    ("March 1-5", "2025-03-01", "2025-03-05", "day"),
    ("1-5 March", "2025-03-01", "2025-03-05", "day"),
    ("from March 1 to 5", "2025-03-01", "2025-03-05", "day"),
    ("between Feb. 27 and March 2", "2025-02-27", "2025-03-02", "day"),
    ("Dec. 30-31, 2024", "2024-12-30", "2024-12-31", "day"),
    ("Monday and Tuesday", "2025-03-10", "2025-03-11", "day"),
    ("December 2023 to February 2024", "2023-12-01", "2024-02-29", "month"),
    ("early March", "2025-03-01", "2025-03-10", "week"),
    ("mid-February", "2025-02-11", "2025-02-20", "week"),
    ("late last month", "2025-02-21", "2025-02-28", "week"),
    ("the end of February", "2025-02-21", "2025-02-28", "week"),
    ("Saturday night", "2025-03-08", "2025-03-09", "day"),
    ("this past weekend", "2025-03-08", "2025-03-09", "day"),
    ("2024-10-07", "2024-10-07", "2024-10-07", "day"),
]


@pytest.mark.parametrize(("phrase", "start", "end", "precision"), SPANS, ids=[s[0] for s in SPANS])
def test_date_spans_and_parts_of_months(phrase: str, start: str, end: str, precision: str) -> None:
    found = resolve_date([phrase], WEDNESDAY)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


def test_a_span_too_long_for_days_is_not_read_as_one() -> None:
    found = resolve_date(["January 3 to June 9"], WEDNESDAY)
    assert found is not None
    assert (found.start, found.end) != ("2025-01-03", "2025-06-09")


def test_a_third_day_runs_back_from_the_day_named() -> None:
    found = resolve_date(["a third day", "Tuesday"], WEDNESDAY)
    assert found is not None
    assert (found.start, found.end) == ("2025-03-09", "2025-03-11")


def _date(text: str) -> tuple[str, str]:
    result: dict[str, Any] = eventcoder.extract(text, published=WEDNESDAY.isoformat())
    date = result["events"][0]["date"]
    return date["start"], date["end"]


@pytest.mark.slow
def test_dates_joined_by_and_in_a_sentence_make_a_span() -> None:
    assert _date("The army shelled El Obeid on Monday and Tuesday.") == (
        "2025-03-10",
        "2025-03-11",
    )


@pytest.mark.slow
def test_a_weekday_night_runs_into_the_next_morning() -> None:
    assert _date("Drones hit Sumy on Sunday night, officials said.") == (
        "2025-03-09",
        "2025-03-10",
    )


@pytest.mark.slow
def test_a_toll_since_a_dated_event_runs_to_publication() -> None:
    assert _date(
        "Air strikes have killed 40 people in Idlib since the truce ended on March 2."
    ) == (
        "2025-03-02",
        "2025-03-12",
    )
