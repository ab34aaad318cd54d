"""A headline's closing source ("... in Horlivka - DPR official", "...: health ministry") is the
claimant of the line, not a place's apposition, a victim or a target (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder
from eventcoder.text.nlp import load_nlp

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-04-09")
    return list(result["events"])


@pytest.mark.parametrize(
    ("text", "source", "place"),
    [
        ("Shelling kills two civilians in Horlivka - DPR official", "DPR official", "Horlivka"),
        ("Drone hits fuel depot in Bryansk region - governor", "governor", "Bryansk"),
        ("Israeli strike kills three in Jenin: Palestinian health ministry", "ministry", "Jenin"),
        ("Rocket fire wounds four in Sderot -Israeli police", "Israeli police", "Sderot"),
        ("Rebels attack army post near Goma -Congolese army", "Congolese army", "Goma"),
    ],
)
def test_a_headline_ending_in_its_source_is_claimed_by_that_source(
    text: str, source: str, place: str
) -> None:
    events = _events(text)
    assert events, text
    event = events[0]
    claimant = event["claims"][0]["claimant"]
    assert source in claimant["text"] and not claimant["text"].startswith(("-", ":"))
    named = [e["text"] for e in event["actor"] + event["recipient"]]
    assert not any(source in n for n in named), named
    assert place in event["location"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        "The strike - the third this week - killed five people.",
        "Talks resumed in Doha on Monday - a sign of progress, officials said.",
        "Pro-Russian fighters attacked a checkpoint near Sloviansk",
    ],
)
def test_a_dash_inside_a_sentence_splits_nothing(text: str) -> None:
    assert len(list(load_nlp()(text).sents)) == 1


@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        ("Mirebalais attacked by armed gangs, dozens flee", "gangs", "Mirebalais"),
        ("Army convoy ambushed by militants near Kidal", "militants", "convoy"),
    ],
)
def test_a_headline_passive_with_its_agent_names_doer_and_target(
    text: str, doer: str, target: str
) -> None:
    (event,) = [e for e in _events(text) if e["event"] == "ASSAULT"]
    assert [a["text"] for a in event["actor"]] == [doer] or doer in event["actor"][0]["text"]
    assert not any(target in a["text"] for a in event["actor"])
