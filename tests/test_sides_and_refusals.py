"""Actors and event types on newswire: groups split from an organisation, two sides joined
before one noun, closing denials, refusals said with "will not", what is handed over, figurative
battles and repelled attacks (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str, title: str | None = None) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-06-10", title=title)
    return list(result["events"])


def _first(text: str, event_type: str) -> dict[str, Any]:
    return next(e for e in _events(text) if e["event"] == event_type)


def _names(entities: list[dict[str, Any]]) -> list[str]:
    return [e["name"] for e in entities]


@pytest.mark.parametrize(
    ("text", "parent"),
    [
        (
            "A splinter faction of the Allied Democratic Forces raided a village.",
            "Allied Democratic Forces",
        ),
        ("Dissidents of the ELN ambushed a patrol near the border.", "National Liberation Army"),
        ("Former members of Hamas fired at a checkpoint.", "Hamas"),
    ],
)
def test_a_group_split_from_an_organisation_is_not_that_organisation(
    text: str, parent: str
) -> None:
    event = _first(text, "ASSAULT")
    assert len(event["actor"]) == 1, event
    actor = event["actor"][0]
    assert actor["actor_id"] is None
    assert parent in actor["name"] and actor["name"] != parent
    assert actor["parent"].startswith(parent)


def test_a_known_dissident_group_is_found_by_its_own_name() -> None:
    event = _first("Dissidents of the FARC attacked a police post in Narino.", "ASSAULT")
    assert _names(event["actor"]) == ["FARC dissidents"]
    assert event["actor"][0]["country"] == "COL"


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Armenian and Azerbaijani troops clashed on the border overnight.", {"ARM", "AZE"}),
        ("Israeli and Hezbollah fighters clashed near the frontier.", {"ISR", "LBN"}),
    ],
)
def test_two_sides_joined_before_one_noun_are_both_actors(text: str, countries: set[str]) -> None:
    event = _first(text, "ASSAULT")
    assert {a["country"] for a in event["actor"]} == countries


def test_a_closing_denial_is_claimed_by_the_one_who_denies() -> None:
    text = "Kyiv accused Moscow of bombing a school in Sumy, an allegation the Kremlin denies."
    denial = _first(text, "REJECT")
    assert _names(denial["actor"]) == ["Government of Russia"]
    assert [c["claimant"]["name"] for c in denial["claims"]] == ["Government of Russia"]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said they would not negotiate with the government.",
        "The president will never negotiate with the militias, his office said.",
    ],
)
def test_a_refusal_said_with_will_not_is_a_rejection(text: str) -> None:
    events = _events(text)
    assert [e["event"] for e in events if e["event"] in ("CONSULT", "REJECT")] == ["REJECT"]
    assert _first(text, "REJECT")["mode"] == "meet"
    assert _first(text, "REJECT")["aux_mode"] is None


def test_a_refusal_phrase_is_one_event_with_its_other_party() -> None:
    events = _events("The junta refused to negotiate with the Karen National Union.")
    assert [e["event"] for e in events] == ["REJECT"]
    assert events[0]["recipient"], events[0]


def test_an_act_that_did_not_happen_stays_negated() -> None:
    event = _first("The army did not withdraw from the town.", "RETREAT")
    assert event["aux_mode"] == "negation"


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("UNICEF handed over vaccines and blankets to clinics in Kassala.", "AID"),
        ("The militia handed over two checkpoints to the army.", "RETREAT"),
    ],
)
def test_what_is_handed_over_decides_aid_or_withdrawal(text: str, event_type: str) -> None:
    assert [e["event"] for e in _events(text)] == [event_type]


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister vowed to win the battle against inflation.",
        "The new cabinet pledged to fight corruption and poverty.",
    ],
)
def test_a_figurative_battle_is_no_assault(text: str) -> None:
    assert all(e["event"] != "ASSAULT" for e in _events(text))


def test_a_repelled_attack_names_no_weapon_and_no_second_fight() -> None:
    events = _events("Government troops fought off a militant raid on the garrison.")
    assert [e["event"] for e in events] == ["ASSAULT"]
    assert events[0]["mode"] is None
    assert "Government troops" not in [a["text"] for a in events[0]["actor"]]


def test_a_leader_of_a_group_named_in_a_title_case_headline_is_of_that_group() -> None:
    title = "Governor Meets Rebel Commanders In Provincial Capital"
    event = _first(title, "CONSULT")
    assert [r["sector"] for r in event["recipient"]] == ["REB"]


def test_a_closing_denial_does_not_negate_the_accusation_before_it() -> None:
    text = "Somalia accused Kenya of backing the rebels, an allegation Nairobi denies."
    events = _events(text)
    accusation = next(e for e in events if e["event"] == "ACCUSE")
    assert accusation["aux_mode"] is None
    denial = next(e for e in events if e["event"] == "REJECT")
    assert [a["country"] for a in denial["actor"]] == ["KEN"]


def test_each_of_two_joined_actors_is_resolved_from_its_own_words() -> None:
    event = _first("Somali troops and Al-Shabaab militants clashed near Baidoa.", "ASSAULT")
    assert len(event["actor"]) == 2
    assert "Al-Shabaab" in _names(event["actor"])


def test_a_military_junta_is_the_government_it_runs() -> None:
    event = _first("Myanmar's military junta rejected the peace plan.", "REJECT")
    assert _names(event["actor"]) == ["Myanmar military government"]


def test_the_group_as_speaker_is_the_group_named_before() -> None:
    event = _first("Hezbollah fighters attacked an army post, the group said.", "ASSAULT")
    assert [c["claimant"]["name"] for c in event["claims"]] == ["Hezbollah"]
    assert event["certainty"] == "claimed"


def test_the_army_in_a_one_country_story_is_that_country_s_army() -> None:
    event = _first("Rebels ambushed a convoy near Gao, the army said.", "ASSAULT")
    assert [c["claimant"]["name"] for c in event["claims"]] == ["Malian Armed Forces"]


def test_bombs_from_jets_are_an_air_strike() -> None:
    assert _first("Sudanese jets bombed a market in Nyala.", "ASSAULT")["mode"] == "aerial"


def test_suspending_talks_is_a_sanction() -> None:
    events = _events("Sudan's government suspended peace talks with the RSF.")
    assert [(e["event"], e["mode"]) for e in events] == [("SANCTION", "cancel")]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The militia handed over three hostages to the Red Cross.", "release"),
        ("The rebels handed over the airport to the army.", "withdraw"),
    ],
)
def test_what_is_handed_over_sets_the_withdrawal_s_mode(text: str, mode: str) -> None:
    assert _first(text, "RETREAT")["mode"] == mode


def test_a_closing_rejection_takes_no_mode_of_a_longer_trigger() -> None:
    text = "Kyiv accused Moscow of shelling a port, an accusation Russia rejects."
    assert _first(text, "REJECT")["mode"] is None


def test_what_is_fired_at_someone_is_not_the_one_attacked() -> None:
    event = _first("Militants fired mortars at a police post.", "ASSAULT")
    assert "mortars" not in [r["text"] for r in event["recipient"]]


def test_a_thing_someone_will_not_accept_is_refused() -> None:
    event = _first("The junta said it will not accept a truce with the rebels.", "REJECT")
    assert (event["mode"], event["aux_mode"]) == ("yield", None)


def test_rebels_of_a_state_are_not_that_state() -> None:
    event = _first("Chadian rebels captured a border town.", "ASSAULT")
    assert [(a["country"], a["sector"]) for a in event["actor"]] == [("TCD", "REB")]
    event = _first("Myanmar rebels captured a border town.", "ASSAULT")
    assert [(a["name"], a["country"]) for a in event["actor"]] == [("Myanmar rebels", "MMR")]


def test_a_state_and_a_region_joined_before_one_noun_are_two_sides() -> None:
    event = _first("Ethiopia and Tigray leaders met in Pretoria.", "CONSULT")
    assert len(event["actor"]) == 2
    assert {a["country"] for a in event["actor"]} == {"ETH"}


def test_the_group_in_a_group_s_own_statement_is_that_group() -> None:
    event = _first("A Hamas spokesman said the group fired rockets at Ashkelon.", "ASSAULT")
    assert _names(event["actor"]) == ["Hamas"]


def test_the_group_in_a_state_s_statement_is_someone_else() -> None:
    event = _first("Israel's military said the group fired rockets at Ashkelon.", "ASSAULT")
    assert event["actor"] == []


def test_people_described_by_a_suspicion_are_no_accusation() -> None:
    text = "Gunmen killed four traders accused of spying for the army."
    assert [e["event"] for e in _events(text)] == ["ASSAULT"]


def test_a_battle_against_a_crisis_is_no_assault() -> None:
    events = _events("Donors pledged funds for the battle against the food crisis.")
    assert all(e["event"] != "ASSAULT" for e in events)


def test_fighters_named_dissident_are_the_dissident_group() -> None:
    event = _first("Dissident FARC fighters attacked a police post in Cauca.", "ASSAULT")
    assert _names(event["actor"]) == ["FARC dissidents"]


def test_an_army_patrol_in_a_one_country_story_is_that_country_s_army() -> None:
    event = _first("Militants ambushed an army patrol near Gao.", "ASSAULT")
    assert _names(event["recipient"]) == ["Malian Armed Forces"]


def test_an_event_word_the_model_does_not_know_is_recased_in_a_title_case_headline() -> None:
    title = "Insurgents Reject Ceasefire Offer"
    event = _first(title, "REJECT")
    assert [a["sector"] for a in event["actor"]] == ["REB"]
