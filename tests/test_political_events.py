"""Non-violent PLOVER events on newswire: demands, promises, refusals and threats take their
mode from what they are about; deployments, exchanges, bans and restrictions are found (real
spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-06-10")
    return list(result["events"])


def _first(text: str, event_type: str) -> dict[str, Any]:
    return next(e for e in _events(text) if e["event"] == event_type)


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("The Foreign Office urged Caracas to free the jailed aid workers.", "REQUEST", "yield"),
        (
            "Venezuela demanded that Guyana withdraw its soldiers from the border.",
            "REQUEST",
            "yield",
        ),
        ("Armenia and Azerbaijan agreed to a truce along their frontier.", "AGREE", "ceasefire"),
        ("Belgrade and Pristina agreed to hold fresh talks in Brussels.", "AGREE", "meet"),
        ("The rebel commander refused to attend talks with the army.", "REJECT", "meet"),
        ("Seoul threatened to expel the envoys of Pyongyang.", "THREATEN", "expel"),
    ],
)
def test_a_demand_promise_refusal_or_threat_takes_the_mode_of_what_it_is_about(
    text: str, event_type: str, mode: str
) -> None:
    assert _first(text, event_type)["mode"] == mode


def test_a_trigger_with_its_own_mode_keeps_it() -> None:
    assert _first("Tehran called for talks with Riyadh.", "REQUEST")["mode"] == "meet"


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Armenia and Azerbaijan exchanged 30 prisoners on Friday.", "RETREAT", "release"),
        ("Pakistan moved more troops to its western border.", "MOBILIZE", "troops"),
        ("Beijing sent two warships into the strait.", "MOBILIZE", "troops"),
        ("India closed its airspace to Pakistani airlines.", "COERCE", "restrict"),
        ("The authorities cut mobile internet across the province.", "COERCE", "withhold"),
        ("The military council dissolved every opposition party.", "COERCE", "ban"),
        ("The generals extended emergency rule for another year.", "COERCE", "martial_law"),
    ],
)
def test_non_violent_acts_are_found_with_their_mode(text: str, event_type: str, mode: str) -> None:
    assert _first(text, event_type)["mode"] == mode


def _names(items: list[dict[str, Any]]) -> str:
    return " ".join(f"{item['text']} {item['name']}" for item in items).lower()


@pytest.mark.parametrize(
    ("text", "event_type", "recipient"),
    [
        (
            "Azerbaijani police detained dozens of opposition activists in Baku.",
            "COERCE",
            "activist",
        ),
        (
            "Armenian police detained hundreds of students outside the parliament.",
            "COERCE",
            "student",
        ),
        ("The court banned the largest opposition party on Friday.", "COERCE", "party"),
        ("The Kremlin rejected the opposition's demand for a recount.", "REJECT", "opposition"),
        ("Kyiv demanded that Moscow return the deported children.", "REQUEST", "moscow"),
        ("The Arab League demanded that Israel halt the demolitions.", "REQUEST", "israel"),
        ("The militia freed six hostages on Sunday.", "RETREAT", "hostage"),
    ],
)
def test_the_people_acted_on_are_the_recipient(text: str, event_type: str, recipient: str) -> None:
    assert recipient in _names(_first(text, event_type)["recipient"])


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Oman is mediating talks between Tehran and Washington in Muscat.", "Muscat"),
        (
            "Saudi Foreign Minister Faisal bin Farhan met US Secretary of State Marco Rubio in "
            "Riyadh on Sunday.",
            "Riyadh",
        ),
        ("Qatar is hosting indirect talks between Hamas and Israel in Doha.", "Doha"),
    ],
)
def test_a_meeting_is_where_the_parties_met_not_where_they_come_from(text: str, place: str) -> None:
    location = _first(text, "CONSULT")["location"]
    assert location is not None
    assert location["name"] == place


def test_a_deal_signed_somewhere_is_placed_there_and_the_place_is_no_party() -> None:
    (signing,) = [
        e
        for e in _events(
            "Armenia and Azerbaijan signed a peace agreement in Abu Dhabi on Thursday."
        )
        if e["event"] == "SUPPORT"
    ]
    assert signing["location"]["name"] == "Abu Dhabi"
    assert signing["recipient"] == []


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Jordan delivered flour and medicine to families in Gaza.", "AID", "humanitarian"),
        ("France delivered more Mirage jets to Kyiv last week.", "AID", "military"),
        ("Russia denied supplying missiles to North Korea.", "AID", "military"),
        ("Israel banned the Qatari broadcaster Al Jazeera on Sunday.", "COERCE", "censor"),
        ("The Palestinian Authority banned Al Jazeera in the West Bank.", "COERCE", "ban"),
    ],
)
def test_what_is_handed_over_or_shut_down_decides_the_mode(
    text: str, event_type: str, mode: str
) -> None:
    assert _first(text, event_type)["mode"] == mode


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The Georgian opposition called for a general strike next week.", "REQUEST"),
        ("Belgrade and Pristina agreed to meet in Brussels next month.", "AGREE"),
        ("The Houthis threatened new attacks on shipping next week.", "THREATEN"),
    ],
)
def test_a_demand_promise_or_threat_is_made_now_whatever_date_it_names(
    text: str, event_type: str
) -> None:
    event = _first(text, event_type)
    assert event["aux_mode"] is None
    assert event["date"]["start"] <= "2025-06-10"


@pytest.mark.parametrize(
    "text",
    [
        "Rail workers in Nigeria struck for a second day on Tuesday.",
        "Israeli doctors struck in protest at the judicial overhaul.",
        "Palestinian teachers struck over unpaid salaries in Ramallah.",
    ],
)
def test_workers_who_strike_are_on_strike(text: str) -> None:
    events = _events(text)
    assert [(e["event"], e["mode"]) for e in events] == [("PROTEST", "strike")]


@pytest.mark.parametrize(
    "text",
    ["Russian drones struck Odesa overnight.", "Ukrainian missiles struck an airfield in Crimea."],
)
def test_weapons_that_strike_still_attack(text: str) -> None:
    assert _events(text)[0]["event"] == "ASSAULT"


def test_a_threat_to_cut_supplies_is_a_threat_to_restrict_not_aid() -> None:
    events = _events("Russia threatened to cut oil supplies to Lithuania.")
    assert [e["event"] for e in events if e["event"] == "AID"] == []
    assert _first("Russia threatened to cut oil supplies to Lithuania.", "THREATEN")["mode"] == (
        "restrict"
    )


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Georgian police detained the mayor of Batumi on Monday.", "mayor"),
        ("Belarus stripped dozens of exiled opponents of their citizenship.", "opponent"),
    ],
)
def test_officials_and_opponents_acted_on_are_recipients(text: str, recipient: str) -> None:
    assert recipient in _names(_first(text, "COERCE")["recipient"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dockworkers in Haifa stopped work on Monday over unpaid wages.", ["PROTEST"]),
        ("Iranian truck drivers stopped work across the country.", ["PROTEST"]),
        ("The municipality stopped work on the new road after a court ruling.", []),
    ],
)
def test_workers_who_stop_work_are_on_strike(text: str, expected: list[str]) -> None:
    assert [e["event"] for e in _events(text) if e["event"] == "PROTEST"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin is pushing hard for Kyiv to give up the rest of the region.",
        "Ukraine is pressing hard for Washington to send more air defence systems.",
    ],
)
def test_pushing_hard_for_something_is_a_demand(text: str) -> None:
    assert _events(text)[0]["event"] == "REQUEST"
