"""A word's military sense when the sentence shows it, the speaker of a reporting verb with
no subject of its own, and who did an act someone reports (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-14")
    return list(result["events"])


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said it had carried out a massive strike on arms depots",
        "A strike on a fuel depot in Bryansk caused a large fire",
        "Israel launched strikes on Gaza overnight",
        "A Pakistani strike hit a village in Kunar province",
    ],
)
def test_a_strike_the_sentence_shows_to_be_military_is_an_attack(text: str) -> None:
    assert "ASSAULT" in [e["event"] for e in _events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Dockworkers launched a strike at the port of Mombasa",
        "Teachers began a strike on Monday over unpaid wages",
    ],
)
def test_a_labour_strike_is_not_an_attack(text: str) -> None:
    assert "ASSAULT" not in [e["event"] for e in _events(text)]


def test_a_reporting_verb_without_a_subject_speaks_for_the_speaker_above_it() -> None:
    text = (
        'The defence ministry of Ruritania said it had carried out a "massive strike" on '
        "military-industrial facilities and denied hitting residential buildings, saying the "
        "damage in Kharkiv had been caused by an air-defence missile."
    )
    events = _events(text)
    denied = next(e for e in events if e["aux_mode"] == "negation")
    assert denied["claims"][0]["claimant"]["text"].lower().startswith("the defence ministry")
    assert all(e["claims"] and e["claims"][0]["claimant"] for e in events)


def test_who_reports_an_attack_is_not_who_carried_it_out() -> None:
    (event,) = _events("Ukrainian officials reported a drone strike on a substation near Enerhodar")
    assert event["actor"] == []
    assert event["certainty"] == "reported"
    assert event["claims"][0]["claimant"]["name"] == "Government of Ukraine"


def test_a_regional_official_speaks_for_the_region_not_the_state() -> None:
    text = (
        "The governor of Kharkiv region said a drone hit a depot. Across the border, the "
        "governor of Russia's Kursk region said a drone struck a bus near Sudzha, wounding two."
    )
    speakers = [e["claims"][0]["claimant"] for e in _events(text)]
    assert speakers[0]["text"] == "The governor of Kharkiv region"
    assert speakers[-1]["text"] == "the governor of Russia's Kursk region"
    assert speakers[-1]["country"] == "RUS"


def test_another_speakers_strike_is_not_folded_into_the_previous_attack() -> None:
    text = (
        "Two farm workers were killed when a drone hit a grain store near Kupiansk, according "
        "to local authorities. The ministry of Ruritania said it had carried out a massive "
        "strike on military facilities."
    )
    events = [e for e in _events(text) if e["event"] == "ASSAULT"]
    assert len(events) == 2
    assert [a["text"] for a in events[0]["actor"]] != ["local authorities"]


def test_who_pushes_back_an_attack_is_its_target() -> None:
    (event,) = _events("The Ruritanian army said its troops pushed back an attack near Kupiansk")
    assert event["actor"] == []
    assert [r["text"] for r in event["recipient"]] == ["its troops"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said its forces had liberated a village near Pokrovsk",
        "The General Staff said Ukrainian troops liberated two villages near Kupiansk",
    ],
)
def test_ground_said_to_be_liberated_is_taken_and_the_word_is_flagged(text: str) -> None:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-14")
    assert [e["mode"] for e in result["events"]] == ["occupy"]
    assert "liberated" in [f["text"].lower() for f in result["article"]["framing"]]


def test_a_ships_flag_and_the_weapons_used_are_not_the_target() -> None:
    (event,) = _events(
        "Houthi forces said they attacked a Panamanian-flagged tanker in the Gulf of Aden "
        "with missiles and drones"
    )
    targets = [r["name"] for r in event["recipient"]]
    assert "Panama" not in targets
    assert not any("drone" in t or "missile" in t for t in targets)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The army declined to comment on the raid in Jenin", "raid"),
        ("Central Command did not comment on the air strikes", "air strikes"),
    ],
)
def test_not_commenting_on_an_event_does_not_deny_it(text: str, word: str) -> None:
    events = _events(text)
    assert [e["event"] for e in events] == ["ASSAULT"]
    assert events[0]["trigger"]["text"] == word
    assert events[0]["aux_mode"] is None
    assert events[0]["actor"] == []


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Forty aid trucks entered Gaza through the Rafah crossing on Monday", []),
        ("A team of inspectors entered the Zaporizhzhia plant", []),
        ("Israeli tanks entered the Jabalia camp on Monday", ["ASSAULT"]),
    ],
)
def test_entering_is_taking_ground_only_for_armed_people(text: str, events: list[str]) -> None:
    assert [e["event"] for e in _events(text) if e["mode"] == "occupy"] == events


def test_what_is_negotiated_has_not_happened() -> None:
    text = "Mediators pressed on with talks on a prisoner exchange and a truce in Gaza."
    for event in _events(text):
        if event["event"] != "CONSULT":
            assert event["aux_mode"] == "future"
            assert event["actor"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The junta did not respond to requests for comment.",
        '"We buried nine bodies," one villager said, asking not to be named.',
    ],
)
def test_reporters_formulas_are_not_events(text: str) -> None:
    assert [e["event"] for e in _events(text) if e["event"] != "ASSAULT"] == []
    assert all(e["casualties"] is None for e in _events(text))


def test_an_agreement_named_as_backdrop_is_not_news() -> None:
    text = "A drone strike killed two people in Nabatieh despite a ceasefire agreed in November."
    assert [e["event"] for e in _events(text)] == ["ASSAULT"]


def test_the_place_an_attack_hit_is_not_among_its_doers() -> None:
    (event,) = _events("A Ruritanian drone strike on a car in southern Lebanon killed two people")
    assert "Lebanon" not in [a["name"] for a in event["actor"]]


def test_who_is_pressed_to_halt_attacks_is_their_doer() -> None:
    text = "The president urged France to pressure Israel to halt its attacks on the south."
    attacks = [e for e in _events(text) if e["event"] == "ASSAULT"]
    assert [a["name"] for a in attacks[0]["actor"]] == ["Israel"]


def test_a_closing_speaker_after_a_list_of_victims_is_the_speaker() -> None:
    text = (
        "Government jets bombed a market in the north on Sunday, killing at least 30 people "
        "including five children, a local rescue group and residents said."
    )
    (event,) = [e for e in _events(text) if e["event"] == "ASSAULT"]
    assert event["claims"][0]["claimant"]["text"] == "a local rescue group and residents"


def test_the_attack_refers_to_the_main_event_not_a_side_clause() -> None:
    text = (
        "Gunmen killed 11 villagers in an attack in central Ruritania on Saturday, officials "
        "said, a day after the army announced it had killed dozens of rebels in the area. "
        "A rebel group claimed the attack in a statement."
    )
    events = [e for e in _events(text) if e["event"] == "ASSAULT"]
    killing = next(e for e in events if (e["casualties"] or {}).get("killed", {}).get("best") == 11)
    speakers = [c["claimant"]["text"] for c in killing["claims"] if c.get("claimant")]
    assert "A rebel group" in speakers


def test_the_dead_told_by_another_speaker_are_the_attacks_dead() -> None:
    text = (
        "Gunmen killed 11 villagers in central Ruritania on Saturday, officials said. The "
        "army blamed rebels. Residents said most of the dead were herders."
    )
    assert [e["trigger"]["text"] for e in _events(text) if e["event"] == "ASSAULT"] == ["killed"]


def test_soldiers_in_an_officers_statement_are_not_the_officer() -> None:
    (event,) = [
        e
        for e in _events(
            "Rebels stormed a base near Balad, killing eight soldiers, a Somali army officer said."
        )
        if e["event"] == "ASSAULT"
    ]
    assert [r["text"] for r in event["recipient"]] == ["eight soldiers"]


def test_a_second_verb_of_the_same_speaker_keeps_the_speaker() -> None:
    text = (
        "The government of Ruritania called the advance a declaration of war and said it "
        "would not negotiate with the rebels."
    )
    # "would not negotiate" is a refusal (REJECT), not talks that did not happen
    (refusal,) = [e for e in _events(text) if e["event"] == "REJECT"]
    assert refusal["claims"][0]["claimant"]["text"].startswith("The government of Ruritania")
    assert refusal["aux_mode"] is None


def test_where_people_fled_to_is_not_where_they_were_killed() -> None:
    text = (
        "Aid workers said at least 12 civilians had been killed by shells in the fighting, and "
        "that thousands had fled towards Kisangani."
    )
    (event,) = [e for e in _events(text) if e["event"] == "ASSAULT"]
    assert (event["location"] or {}).get("name") != "Kisangani"


def test_the_closing_speakers_are_not_among_the_sides() -> None:
    text = (
        "Rebels backed by Ruritania captured the town of Walikale on Wednesday after two days "
        "of fighting with Congolese troops and allied militias, residents and a rebel "
        "spokesman said."
    )
    sides = [r["name"] for e in _events(text) for r in e["recipient"]]
    assert "residents" not in sides


def test_beating_back_an_assault_is_no_beating() -> None:
    events = _events("The army beat back a rebel assault on the town")
    assert [e["trigger"]["text"] for e in events] == ["assault"]
    assert [e["trigger"]["text"] for e in _events("Police beat protesters in Nairobi")] == ["beat"]
