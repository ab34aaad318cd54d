"""Headlines in capitals, outlets that share a town's name, and which body is a state's own
(real spaCy parse, knowledge base and gazetteer where marked slow)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder
from eventcoder.resolve.actors import actor_base
from eventcoder.text.headline import is_all_caps, sentence_case

_COMMON = {"shelling", "kills", "two", "in", "forces", "shell", "killing", "losses", "on", "front"}


def _kinds(word: str) -> frozenset[str]:
    return frozenset({"noun"}) if word in _COMMON else frozenset()


def _keep(phrase: str, kinds: frozenset[str]) -> bool:
    return phrase in {"DPR", "Horlivka", "HORLIVKA", "Ukrainian", "UKRAINIAN"}


def test_a_line_in_capitals_is_read_in_sentence_case_keeping_known_acronyms() -> None:
    line = "DPR FORCES SHELL HORLIVKA, KILLING TWO"
    out = sentence_case(line, kinds=_kinds, keep=_keep)
    assert out == "DPR forces shell Horlivka, killing two"
    assert len(out) == len(line)


def test_a_mixed_case_line_is_not_taken_for_capitals() -> None:
    assert not is_all_caps("UN says DPR and LPR fighters withdrew from Horlivka")
    assert is_all_caps("LOSSES ON THE HORLIVKA FRONT TOP 100 - Defence Ministry")


def test_a_states_own_body_comes_before_a_body_based_in_it() -> None:
    base = actor_base()
    government, military = base.by_country("UKR", "GOV"), base.by_country("UKR", "MIL")
    assert government is not None and government.name == "Government of Ukraine"
    assert military is not None and military.name == "Armed Forces of Ukraine"


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2021-05-01")
    return [e for e in result["events"] if e["event"] == "ASSAULT"]


@pytest.mark.slow
def test_a_capitals_headline_yields_its_event() -> None:
    (event,) = _events("RUSSIAN MISSILE STRIKE KILLS THREE IN ZAPORIZHZHIA")
    assert event["location"]["name"] == "Zaporizhzhia"
    assert event["casualties"]["killed"]["best"] == 3


@pytest.mark.slow
def test_an_outlet_credit_is_not_a_place() -> None:
    result = eventcoder.extract(
        "TASS: SHELLING OF HORLIVKA LEAVES TWO DEAD - city mayor", published="2021-05-01"
    )
    assert [p["name"] for p in result["article"]["places"]] == ["Horlivka"]


@pytest.mark.slow
def test_a_separatist_fighter_is_not_the_states_army() -> None:
    (event,) = _events("One LPR serviceman killed in shelling near Popasna")
    assert [r["name"] for r in event["recipient"]] == ["Luhansk People's Republic"]


@pytest.mark.slow
def test_a_state_acting_in_a_clause_of_the_event_is_not_its_place() -> None:
    (event,) = _events("Two soldiers killed as Russia shells positions on the Kupiansk outskirts")
    assert event["location"]["name"] == "Kupiansk"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Sudan Health Watch said at least 35 people had been killed in the raid",
            "Sudan Health Watch",
        ),
        ("Yemen Data Project said 12 civilians were killed in the strikes", "Yemen Data Project"),
    ],
)
def test_a_group_named_after_a_country_is_not_that_country(text: str, claimant: str) -> None:
    (event,) = _events(text)
    assert [c["claimant"]["name"] for c in event["claims"]] == [claimant]


@pytest.mark.slow
def test_a_states_forces_named_by_the_state_are_its_army() -> None:
    (event,) = _events("Ukraine forces killed several separatists near Sloviansk")
    assert [a["name"] for a in event["actor"]] == ["Armed Forces of Ukraine"]
