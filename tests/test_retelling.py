"""One article, one event per real event: a headline and its lead are separate sentences, and a
later sentence that tells the same event again is merged into the first telling, while a
round-up's separate events stay apart (real spaCy parse)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eventcoder
from eventcoder.corpus import ingest
from eventcoder.ingest.plain import parse_plain
from eventcoder.store import EventFilter, open_store
from eventcoder.text.nlp import load_nlp

pytestmark = pytest.mark.slow


def _assaults(text: str, published: str = "2025-04-09") -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published=published)
    return [e for e in result["events"] if e["event"] == "ASSAULT" and e["aux_mode"] is None]


def _killed(event: dict[str, Any]) -> int | None:
    count = (event.get("casualties") or {}).get("killed") or {}
    return count.get("best")


def test_a_headline_without_a_stop_is_its_own_sentence() -> None:
    doc = load_nlp()("Drone hits bus depot in Kherson\n\nA Russian drone hit a bus depot.")
    assert [s.text.strip() for s in doc.sents] == [
        "Drone hits bus depot in Kherson",
        "A Russian drone hit a bus depot.",
    ]


def test_a_line_wrapped_inside_a_sentence_stays_one_sentence() -> None:
    doc = load_nlp()(
        "Shelling damaged two schools and a clinic in\nthe town of Kupiansk on Friday."
    )
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    ("text", "place", "killed"),
    [
        (
            "Drone strike kills three in Kherson\n\n"
            "A Russian drone struck a bus stop in Kherson on Tuesday morning, killing three "
            "people, the regional governor said.",
            "Kherson",
            3,
        ),
        (
            "Ukrainian drone attack kills two in Kursk region village\n\n"
            "A Ukrainian drone hit a car in the village of Tetkino in Kursk region on Tuesday, "
            "killing two people, the regional governor said.\n\n"
            "The Ukrainian military did not comment.",
            "Tetkino",
            2,
        ),
        (
            "Israeli strike kills five in Rafah\n\n"
            "An Israeli air strike hit a house in Rafah on Tuesday, killing five people, "
            "the Gaza civil defence agency said.",
            "Rafah",
            5,
        ),
        (
            "Rocket attack wounds four in Sderot\n\n"
            "A rocket fired from Gaza hit a street in Sderot on Tuesday, wounding four people, "
            "Israeli medics said.",
            "Sderot",
            None,
        ),
    ],
    ids=["russian-drone-kherson", "ukrainian-drone-kursk", "israeli-strike-rafah", "gaza-rocket"],
)
def test_a_lead_that_retells_the_headline_is_one_event(
    text: str, place: str, killed: int | None
) -> None:
    events = _assaults(text)
    assert len(events) == 1, [e["evidence"]["text"] for e in events]
    event = events[0]
    location = event["location"] or {}
    assert place in (location.get("text", ""), location.get("name", ""))  # as written
    assert _killed(event) == killed
    # the lead's claim is kept on the merged event
    assert event["claims"] and all(c["claimant"] for c in event["claims"])


def test_a_separate_strike_in_a_roundup_stays_its_own_event() -> None:
    text = (
        "Air strike kills six in Idlib\n\n"
        "An air strike hit a market in Idlib on Monday, killing six people, rescuers said.\n\n"
        "Separately, another strike on Idlib killed two farmers, rescuers said."
    )
    events = _assaults(text)
    assert sorted(_killed(e) or 0 for e in events) == [2, 6]


def test_strikes_on_two_towns_stay_two_events() -> None:
    text = (
        "Shelling kills four in Donetsk\n\n"
        "Shelling hit a market in Donetsk on Sunday, killing four people, officials said.\n\n"
        "Shelling of Kharkiv killed four people on Sunday, officials there said."
    )
    events = _assaults(text)
    assert len(events) == 2
    assert {e["location"]["name"] for e in events} >= {"Donetsk"}


def test_two_tolls_for_one_place_are_not_merged_blindly() -> None:
    text = (
        "Strike kills nine in Kunduz\n\n"
        "An air strike in Kunduz killed 14 people on Monday, local officials said."
    )
    events = _assaults(text)
    assert sorted(_killed(e) or 0 for e in events) == [9, 14]


def test_one_strike_told_by_two_outlets_is_one_stored_event(tmp_path: Path) -> None:
    articles = [
        parse_plain(
            "Drone strike kills three in Kherson\n\n"
            "A Russian drone struck a bus stop in Kherson on Tuesday, killing three people, "
            "the regional governor said.",
            source="a.txt",
            article_id="a",
            published="2025-04-09",
            outlet="Outlet A",
        ),
        parse_plain(
            "Three killed as Russian drone hits Kherson bus stop\n\n"
            "Three people waiting at a bus stop in Kherson were killed on Tuesday when a "
            "Russian drone struck, Ukrainian officials said.",
            source="b.txt",
            article_id="b",
            published="2025-04-09",
            outlet="Outlet B",
        ),
    ]
    store = open_store(tmp_path / "events.db")
    try:
        ingest(articles, store=store)
        events, _ = store.events(EventFilter(limit=50))
    finally:
        store.close()
    assaults = [e for e in events if e.doc["event"] == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].doc["n_sources"] == 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Health officials put the death toll from the attack at 30.", "officials"),
        ("The Gaza health ministry raised the toll of the strike to 12.", "ministry"),
        ("Russian officials put the number of people killed at nine.", "officials"),
    ],
)
def test_who_puts_a_toll_at_a_figure_tells_it_and_did_not_kill(text: str, speaker: str) -> None:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-04-09")
    assert result["events"], text
    for event in result["events"]:
        assert event["actor"] == []
        assert speaker in event["claims"][0]["claimant"]["text"]


def test_two_tolls_of_one_attack_in_one_article_become_a_range() -> None:
    text = (
        "The army accused the rebels of shelling a market in Kadugli on Tuesday, saying 16 "
        "civilians were killed. A doctors' union put the toll at 14 dead."
    )
    (event,) = _assaults(text)
    assert event["casualties"]["killed"] == {"low": 14, "best": 16, "high": 16}
    speakers = {c["claimant"]["text"] for c in event["claims"] if c["claimant"]}
    assert any("union" in s for s in speakers) and any("army" in s for s in speakers)


def test_speakers_closing_a_list_of_victims_are_not_counted() -> None:
    text = (
        "A drone hit a market in Kassala on Monday, killing 11 civilians, residents and a "
        "local health official said."
    )
    (event,) = _assaults(text)
    assert _killed(event) == 11


def test_acts_of_different_kinds_at_one_place_stay_two_events() -> None:
    text = (
        "Fighters shelled a market in Kadugli on Tuesday, killing four people, medics said. "
        "The army said its aircraft struck positions in Kadugli overnight."
    )
    assert len(_assaults(text)) == 2


def test_the_defenders_counter_blow_is_not_merged_into_the_attack_they_repelled() -> None:
    text = (
        "Army repels militant attack near Gao\n\n"
        "The Malian army said it repelled a militant attack on a convoy near Gao on Tuesday, "
        "neutralising ten assailants."
    )
    events = _assaults(text)
    attack = next(e for e in events if "attack" in e["trigger"]["text"])
    assert not any("Malian" in a["name"] for a in attack["actor"])
