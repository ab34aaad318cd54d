"""UCDP scoring rules: what counts as a toll, the gold range, and rows fed one report each."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from eventcoder.evaluation.linking import report_event
from eventcoder.evaluation.scoring import Score
from eventcoder.evaluation.tasks import (
    _gold_deaths,
    _report_deaths,
    _score_deaths,
    _toll,
    _ucdp_reports,
    guess_task,
)
from eventcoder.model import AuxMode, Casualties, Certainty, Count, EventMention, Span


def _event(killed: int | None, aux: AuxMode | None = None) -> EventMention:
    count = Count(low=killed, best=killed, high=killed)
    return EventMention(
        id="m",
        article_id="a",
        event="ASSAULT",
        mode=None,
        context=(),
        aux_mode=aux,
        actor=(),
        recipient=(),
        location=None,
        date=None,
        casualties=Casualties(killed=count),
        claims=(),
        certainty=Certainty.REPORTED,
        confidence=0.5,
        acled=None,
        evidence=Span(text="x", start=0, end=1),
        trigger=Span(text="x", start=0, end=1),
    )


def _row(low: int, best: int, high: int, text: str = "t") -> dict[str, Any]:
    return {
        "id": "r",
        "text": text,
        "fatalities_low": low,
        "fatalities": best,
        "fatalities_high": high,
    }


def _scored(row: dict[str, Any], events: list[EventMention], reported: Any = None) -> bool:
    deaths, stated = Score("d"), Score("s")
    _score_deaths(row, events, (deaths, stated), reported)
    return deaths.hits == 1


def test_ucdp_toll_is_the_median_of_asserted_mentions() -> None:
    assert _toll([_event(3), _event(5), _event(40)]) == 5
    assert _toll([_event(2), _event(100, AuxMode.HYPOTHETICAL)]) == 2
    assert _toll([_event(None)]) is None


def test_ucdp_no_toll_found_is_a_miss_even_when_the_gold_allows_zero() -> None:
    assert not _scored(_row(0, 1, 1), [_event(None)])
    assert _scored(_row(0, 1, 1), [_event(0)])


def test_ucdp_gold_range_spans_inverted_low_and_high() -> None:
    assert _gold_deaths(_row(54, 54, 32)) == (32, 54)
    assert _scored(_row(54, 54, 32), [_event(40)])


def test_ucdp_headline_toll_may_match_the_events_it_was_split_into() -> None:
    rows = [_row(4, 4, 4, "Five soldiers killed"), _row(1, 1, 1, "Five soldiers killed")]
    sums = _report_deaths([*rows, _row(2, 2, 2, "other")])
    assert sums == {"Five soldiers killed": (5, 5)}
    assert _scored(rows[1], [_event(5)], sums["Five soldiers killed"])
    assert not _scored(rows[1], [_event(6)], sums["Five soldiers killed"])


def test_ucdp_rows_are_fed_one_article_per_headline_with_its_own_date() -> None:
    row = {
        "id": "ucdp-1",
        "text": "Two killed in shelling\nToll rises to three",
        "reports": [
            {"headline": "Two killed in shelling", "published": "2020-01-02"},
            {"headline": "Toll rises to three", "published": "2020-01-03"},
            {"headline": "-", "published": "2020-01-01", "placeholder": True},
        ],
    }
    articles = _ucdp_reports(row, Path("gold.jsonl"))
    assert [a.text for a in articles] == ["Two killed in shelling", "Toll rises to three"]
    assert [a.published for a in articles] == ["2020-01-02", "2020-01-03"]


def test_linking_files_are_told_by_name_before_the_dataset_they_come_from() -> None:
    assert guess_task(Path("ucdp_ged_ukraine_reports.dev.jsonl")) == "linking"
    assert guess_task(Path("linking_articles.jsonl")) == "linking"
    assert guess_task(Path("ucdp_ged_ukraine.dev.jsonl")) == "ucdp"


def test_a_report_is_scored_by_the_violent_act_it_tells_first() -> None:
    accusation = dataclasses.replace(_event(None), id="accuse", event="ACCUSE", confidence=0.9)
    attack = dataclasses.replace(_event(3), id="attack", confidence=0.6)
    later = dataclasses.replace(
        _event(5), id="later", confidence=0.95, evidence=Span(text="y", start=40, end=41)
    )
    top = report_event((accusation, attack, later))
    assert top is not None and top.id == "attack"


def test_a_clustering_score_shows_its_fixed_figure() -> None:
    score = Score("pairwise F1", fixed=0.75)
    score.add(True)
    score.add(False)
    assert score.value == 0.75
