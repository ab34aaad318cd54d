"""Both sides of a fight "between" them, victims of a death verb, claimed attacks and
headlines that tell an attack in a military report's words (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-06-10")
    return list(result["events"])


def _assault(text: str) -> dict[str, Any]:
    return next(e for e in _events(text) if e["event"] == "ASSAULT")


def _names(entities: list[dict[str, Any]]) -> list[str]:
    return [e["name"] for e in entities]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        (
            "Fighting between Fano militia and the Ethiopian army killed 14 people near Gondar.",
            "Fano",
            "Ethiopian National Defense Force",
        ),
        (
            "Heavy fighting between Sudanese army units and the RSF killed 20 people on Sunday.",
            "Sudanese Armed Forces",
            "Rapid Support Forces",
        ),
        (
            "Clashes between Israeli troops and Palestinian gunmen broke out in Jenin overnight.",
            "Israel Defense Forces",
            "Palestinian armed factions",
        ),
    ],
)
def test_a_fight_between_two_sides_codes_one_as_actor_and_the_other_as_recipient(
    text: str, actor: str, recipient: str
) -> None:
    event = _assault(text)
    assert _names(event["actor"]) == [actor]
    assert recipient in _names(event["recipient"])


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        (
            "Clashes erupted between Houthi fighters and Yemeni government forces in Marib.",
            "Houthi armed forces",
            "Yemeni government forces",
        ),
        (
            "Heavy fighting broke out between Israeli troops and Hezbollah fighters on Monday.",
            "Israel Defense Forces",
            "Hezbollah",
        ),
    ],
)
def test_a_fight_that_broke_out_between_two_sides_codes_both(
    text: str, actor: str, recipient: str
) -> None:
    event = _assault(text)
    assert _names(event["actor"]) == [actor]
    assert _names(event["recipient"])[:1] == [recipient]


def test_sides_joined_before_one_noun_after_between_are_set_apart() -> None:
    event = _assault("Clashes between Hamas and Fatah supporters left four dead in Nablus.")
    assert _names(event["actor"]) == ["Hamas"]
    assert _names(event["recipient"]) == ["Fatah"]


def test_sides_joined_before_a_clash_verb_stay_both_actors() -> None:
    event = _assault("Hamas and Fatah supporters clashed in Nablus on Monday.")
    assert set(_names(event["actor"])) == {"Hamas", "Fatah"}


@pytest.mark.parametrize(
    "text",
    [
        "Two people died due to shelling in Kherson on Monday.",
        "Five residents perished in the bombing of a market in Gaza City.",
        "Four soldiers died in fighting near Goma on Friday.",
        "Three civilians died as a result of shelling in Donetsk.",
    ],
)
def test_the_victims_of_a_death_verb_are_never_the_doers(text: str) -> None:
    event = _assault(text)
    assert event["actor"] == []
    assert event["casualties"]["killed"]["best"] >= 2


def test_the_victims_of_a_death_verb_are_the_recipients() -> None:
    event = _assault("Two farmers died due to drone attacks near Kursk on Sunday.")
    assert _names(event["recipient"]) == ["farmers"]
    assert event["casualties"]["killed"]["best"] == 2


def test_a_named_attacker_of_a_death_verb_stays_the_actor() -> None:
    event = _assault("Three civilians died after Ukrainian shelling of Donetsk on Friday.")
    assert [a["country"] for a in event["actor"]] == ["UKR"]
    assert _names(event["recipient"]) == ["civilians"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Al-Shabaab claims deadly Mogadishu car bombing", "Al-Shabaab"),
        ("Al-Shabaab claims deadly Mogadishu car bombing\n", "Al-Shabaab"),
        ("Islamic State claims attack on Nigerian army base", "Islamic State"),
        ("Hamas claimed the Tel Aviv shooting.", "Hamas"),
        (
            "JNIM claimed responsibility for the Kayes ambush.",
            "Jama'at Nusrat al-Islam wal-Muslimin",
        ),
        ("Houthis claim drone strike on Israeli port of Eilat", "Houthis"),
    ],
)
def test_a_group_claiming_an_attack_is_its_claimed_doer(text: str, actor: str) -> None:
    event = _assault(text)
    assert _names(event["actor"]) == [actor]
    assert event["certainty"] == "claimed"
    assert [c["claimant"]["name"] for c in event["claims"]] == [actor]


def test_a_headline_loss_in_combat_is_an_attack_on_the_side_that_lost() -> None:
    event = _assault("Russian army loses helicopter, two tanks, 35 troops in night combat - Kyiv")
    assert event["casualties"]["killed"]["best"] == 35
    assert [r["country"] for r in event["recipient"]] == ["RUS"]
    assert all(a["country"] != "RUS" for a in event["actor"])


def test_the_side_that_reports_the_other_s_losses_inflicted_them() -> None:
    event = _assault("Ukrainian forces lost 40 soldiers in combat near Bakhmut, Moscow said.")
    assert [a["country"] for a in event["actor"]] == ["RUS"]
    assert [r["country"] for r in event["recipient"]] == ["UKR"]
    assert event["casualties"]["killed"]["best"] == 40


def test_a_unit_losing_its_own_men_is_not_their_killer() -> None:
    event = _assault("The brigade lost 12 servicemen in heavy combat near Pokrovsk.")
    assert event["actor"] == []
    assert event["casualties"]["killed"]["best"] == 12


def test_combat_alone_is_no_event() -> None:
    assert _events("The unit was sent into combat last week.") == []


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "Russian Aerospace Forces dealt a massive blow to the Armed Forces of Ukraine near "
            "Izium - Russian Defense Ministry",
            "Armed Forces of Ukraine",
        ),
        (
            "Ukrainian drones delivered a crushing blow to Russian troops near Kherson.",
            "Russian Armed Forces",
        ),
    ],
)
def test_a_blow_dealt_to_armed_forces_is_an_attack_on_them(text: str, recipient: str) -> None:
    event = _assault(text)
    assert _names(event["recipient"]) == [recipient]


@pytest.mark.parametrize(
    "text",
    [
        "The court ruling dealt a blow to the peace talks in Doha.",
        "Rising prices dealt a heavy blow to the government's popularity.",
    ],
)
def test_a_blow_dealt_to_anything_but_forces_is_a_figure_of_speech(text: str) -> None:
    assert all(e["event"] != "ASSAULT" for e in _events(text))
