"""Acts that are condemned, investigated or pinned on someone are events of their own, with
the right doer and the accuser as claimant, whichever side accuses (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder
from eventcoder.extract.accused import ACCUSING
from eventcoder.extract.lexicon import lexicon

pytestmark = pytest.mark.slow


def _events(text: str, event: str) -> list[dict[str, Any]]:
    result = eventcoder.extract(text, published="2025-05-01")
    return [e for e in result["events"] if e["event"] == event]


def _claimants(event: dict[str, Any]) -> list[str]:
    return [c["claimant"]["name"] for c in event["claims"] if c.get("claimant")]


def test_every_accusing_verb_is_a_reporting_verb() -> None:
    assert set(ACCUSING) <= set(lexicon().reporting)


def test_a_condemned_killing_is_an_event_without_the_condemner_as_doer() -> None:
    text = "The UN condemned the killing of 20 civilians in a market in Idlib"
    (condemnation,) = _events(text, "ACCUSE")
    (killing,) = _events(text, "ASSAULT")
    assert killing["location"]["name"] == "Idlib"
    assert killing["casualties"]["killed"]["best"] == 20
    assert condemnation["casualties"] is None
    assert "United Nations" not in [a["name"] for a in killing["actor"]]


def test_the_place_of_a_condemned_strike_is_not_the_capital_that_condemns_it() -> None:
    (strike,) = _events(
        "Moscow condemned the Ukrainian drone strike on Belgorod that killed three", "ASSAULT"
    )
    assert strike["location"]["name"] == "Belgorod"
    assert [a["name"] for a in strike["actor"]] == ["Ukraine"]
    assert strike["casualties"]["killed"]["best"] == 3


@pytest.mark.parametrize(
    ("text", "doer", "accuser"),
    [
        ("Israel accused Hamas of firing rockets at Sderot", "Hamas", "Israel"),
        ("Hamas accused Israel of shelling a school in Rafah", "Israel", "Hamas"),
        (
            "Kyiv blamed Russian forces for the shelling of a hospital in Kherson",
            "Russian Armed Forces",
            "Government of Ukraine",
        ),
        (
            "Moscow blamed Ukrainian forces for the shelling of a market in Donetsk",
            "Armed Forces of Ukraine",
            "Government of Russia",
        ),
    ],
)
def test_the_accused_is_the_doer_and_the_accuser_the_claimant(
    text: str, doer: str, accuser: str
) -> None:
    (act,) = _events(text, "ASSAULT")
    assert [a["name"] for a in act["actor"]] == [doer]
    assert _claimants(act) == [accuser]
    assert act["certainty"] == "reported"


def test_the_accused_state_is_not_where_the_accusation_took_place() -> None:
    (accusation,) = _events("Ukraine accused Russia of war crimes", "ACCUSE")
    assert accusation["location"] is None


@pytest.mark.parametrize(
    ("text", "blamer"),
    [
        ("Hamas denied firing the rocket, blaming a misfired interceptor for the blast", "Hamas"),
        ("The army denied shelling the camp, blaming the rebels for the deaths", "army"),
    ],
)
def test_what_a_denial_adds_in_its_own_clause_is_not_denied(text: str, blamer: str) -> None:
    (blame,) = _events(text, "ACCUSE")
    assert blame["aux_mode"] is None
    assert blamer in [a["name"] for a in blame["actor"]]
    assert all(e["aux_mode"] == "negation" for e in _events(text, "ASSAULT")[:1])


@pytest.mark.parametrize(
    "text",
    [
        "Moscow said the massacre was fabricated by Kyiv",
        "Kyiv said the shelling of the station had been staged by Russian forces",
    ],
)
def test_an_event_said_to_be_faked_is_denied_and_the_faker_is_not_its_doer(text: str) -> None:
    (event,) = _events(text, "ASSAULT")
    assert event["aux_mode"] == "negation"
    assert event["actor"] == []
