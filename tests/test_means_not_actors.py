"""A weapon named on its own is the means of an attack, not who attacked; with an owner it
stands for the owner's forces (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _assault(text: str) -> dict[str, Any]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-13")
    return next(e for e in result["events"] if e["event"] == "ASSAULT")


def test_a_bare_drone_is_the_means_and_the_doer_stays_unknown() -> None:
    event = _assault(
        "Two farm workers were killed when a drone hit a grain store near Kupiansk, "
        "local authorities said."
    )
    assert event["actor"] == []
    assert event["mode"] == "drone"


def test_an_owned_weapon_stands_for_its_owners_forces() -> None:
    event = _assault("Israeli jets bombed a house in Khan Younis, killing five people.")
    assert [a["name"] for a in event["actor"]] == ["Israeli Air Force"]


def test_a_weapon_sent_by_someone_stands_for_the_sender() -> None:
    event = _assault(
        "The army said a drone launched by the Rapid Support Forces struck a clinic in "
        "El Obeid on Friday, killing four patients."
    )
    assert [a["name"] for a in event["actor"]] == ["Rapid Support Forces"]


def test_weapons_as_the_subject_of_an_attack_verb_are_not_a_phrase_trigger() -> None:
    event = _assault("Russian drones struck Odesa overnight, killing two people.")
    assert event["trigger"]["text"] == "struck"
    assert [a["name"] for a in event["actor"]] == ["Russian Armed Forces"]
    assert event["casualties"]["killed"]["best"] == 2
