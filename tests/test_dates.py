"""Event dates from stated and relative phrases, anchored on the publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.resolve.dates import parse_published, resolve_date

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "dates.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dates_case_table(case: dict[str, Any]) -> None:
    found = resolve_date(case["phrases"], case["published"])
    assert found is not None
    assert (found.start, found.end, found.basis.value) == (
        str(case["start"]),
        str(case["end"]),
        case["basis"],
    )


def test_dates_without_publication_or_phrase_are_unknown() -> None:
    assert resolve_date([], None) is None


def test_bad_publication_date_is_ignored_not_fatal() -> None:
    assert parse_published("12/05/2025") is None


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.sampled_from(
        [
            "on Monday",
            "Friday",
            "yesterday",
            "last week",
            "earlier",
            "in recent days",
            "this month",
            "May 3",
            "overnight",
            "2019",
            "in the past 24 hours",
            "two weeks ago",
            "over the weekend",
            "last weekend",
            "since last year",
        ]
    ),
)
def test_dates_always_give_an_ordered_range(published: dt.date, phrase: str) -> None:
    found = resolve_date([phrase], published)
    assert found is not None and found.start <= found.end
