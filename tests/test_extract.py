"""Sentence-level behaviour of the extractor (real spaCy parse and gazetteer)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _events(text: str) -> list[dict[str, Any]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-14")
    return [e for e in result["events"] if e["event"] == "ASSAULT"]


def test_toll_words_join_the_act_they_report() -> None:
    (event,) = _events("One civilian killed, 11 wounded in shelling near Donetsk.")
    assert event["trigger"]["text"] == "shelling"
    assert event["casualties"]["killed"]["best"] == 1
    assert event["casualties"]["injured"]["best"] == 11


def test_a_toll_with_no_event_word_is_still_an_attack() -> None:
    (event,) = _events(
        "Three KIA and five WIA in Zaporizhzhia region on Sunday - brigade spokesman"
    )
    assert event["casualties"]["killed"]["best"] == 3
    assert event["casualties"]["injured"]["best"] == 5


def test_a_toll_in_the_next_sentence_joins_the_attack() -> None:
    (event,) = _events(
        "Gunmen raided a village in Katsina state on Monday. Residents said 17 villagers died."
    )
    assert event["trigger"]["text"] == "raided"
    assert event["casualties"]["killed"]["best"] == 17


def test_the_toll_belongs_to_the_act_that_states_it() -> None:
    text = "Troops said they had repelled an attack by insurgents in Diffa, killing 12 of them."
    tolls = {e["trigger"]["text"]: (e["casualties"] or {}).get("killed") for e in _events(text)}
    assert tolls["killing"] is not None and tolls["killing"]["best"] == 12
    assert tolls.get("attack") is None


def test_each_sides_account_of_the_dead_is_kept() -> None:
    text = (
        "The army said 40 rebels were killed near Bunia, while the rebels claimed they had "
        "killed 25 soldiers."
    )
    tolls = sorted(e["casualties"]["killed"]["best"] for e in _events(text) if e["casualties"])
    assert tolls == [25, 40]


def test_a_participle_telling_the_outcome_is_the_same_event() -> None:
    (event,) = _events("Russian forces struck a school in Kharkiv, wounding five and killing one.")
    assert event["casualties"]["killed"]["best"] == 1


def test_tolls_in_different_places_stay_apart() -> None:
    events = _events("Two people were killed in Donetsk and three were wounded in Kharkiv.")
    assert {e["location"]["name"] for e in events if e["location"]} >= {"Donetsk", "Kharkiv"}


def test_passive_reporting_verb_names_no_claimant_from_its_subject() -> None:
    text = "Drones struck a depot near Bara on Tuesday, and no casualties were reported."
    for event in _events(text):
        claimants = [(c["claimant"] or {}).get("text") for c in event["claims"]]
        assert "no casualties" not in claimants


def _actors(text: str) -> list[tuple[str, str | None]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2001-02-05")
    return [(a["name"], a["country"]) for e in result["events"] for a in e["actor"]]


def test_a_state_the_tagger_misses_is_still_the_actor() -> None:
    assert ("Uzbekistan", "UZB") in _actors("Uzbekistan finally opened the border crossing.")


def test_committed_to_is_passive_in_form_but_its_subject_acts() -> None:
    actors = _actors("The minister said Vietnam is committed to opening up the economy.")
    assert any(country == "VNM" for _, country in actors)


def test_a_truce_the_fighting_goes_on_despite_is_not_an_agreement() -> None:
    result: dict[str, Any] = eventcoder.extract(
        "Deadly fighting surges in the east despite a truce.", published="2017-01-30"
    )
    assert [e["event"] for e in result["events"]] == ["ASSAULT"]


def _claims(text: str) -> list[tuple[str | None, str | None]]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-14")
    return [
        ((c["claimant"] or {}).get("text"), c["via"]) for e in result["events"] for c in e["claims"]
    ]


@pytest.mark.parametrize(
    ("text", "claimant", "via"),
    [
        (
            "The army said its troops shelled rebel positions near Kadugli, in a statement "
            "carried by the Sudan News Agency.",
            "The army",
            "the Sudan News Agency",
        ),
        (
            "A police spokesman said gunmen killed four guards at a checkpoint, the "
            "Times of Israel reported.",
            "A police spokesman",
            "the Times of Israel",
        ),
        (
            "Witnesses told Radio Free Asia that soldiers burned houses in the village.",
            "Witnesses",
            "Radio Free Asia",
        ),
        (
            "The ministry said drones struck a fuel depot overnight, according to the "
            "Interfax news agency.",
            "The ministry",
            "the Interfax news agency",
        ),
    ],
)
def test_the_outlet_a_claim_went_through_is_named_in_full(
    text: str, claimant: str, via: str
) -> None:
    assert (claimant, via) in _claims(text)


def test_a_person_told_something_is_not_an_outlet() -> None:
    claims = _claims("The minister told Smith that troops had attacked the convoy.")
    assert all(via is None for _, via in claims)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russian forces shelled a school in the Kherson region.", "Kherson Oblast"),
        ("Two farmers killed in shelling of Donetsk", "Donetsk"),
    ],
)
def test_places_the_tagger_mislabels_are_still_event_locations(text: str, name: str) -> None:
    (event,) = _events(text)
    assert event["location"]["name"] == name


def test_unnamed_attackers_in_a_statement_are_not_the_speaker() -> None:
    result: dict[str, Any] = eventcoder.extract(
        "Police said gunmen attacked a village near Kaduna, killing six people.",
        published="2025-03-14",
    )
    (event,) = result["events"]
    assert [a["name"] for a in event["actor"]] == ["gunmen"]
    assert event["certainty"] == "reported"


def test_a_states_own_troops_in_its_statement_are_the_speakers() -> None:
    actors = _actors("The Sudanese army said troops attacked rebel positions near El Fasher.")
    assert any(country == "SDN" for _, country in actors)
    # the troops that repel an attack are its target, still the speaker's own
    result = eventcoder.extract(
        "The Sudanese army said troops repelled an attack on El Fasher.", published="2025-03-14"
    )
    targets = [r for e in result["events"] for r in e["recipient"]]
    assert any(r["country"] == "SDN" for r in targets)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Yemen's health ministry said air strikes killed nine people in Saada.", "medical"),
        ("Syria's state broadcaster said rebels shelled a school in Aleppo.", "media"),
        ("A source familiar with the matter said drones struck a depot in Kursk.", "anonymous"),
        ("Amnesty International said soldiers shot dead four protesters in Bamako.", "ngo"),
        ("Residents said militiamen burned a market in Geneina.", "witness"),
    ],
)
def test_claimant_type_follows_what_the_source_is(text: str, kind: str) -> None:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-03-14")
    kinds = {c["claimant_type"] for e in result["events"] for c in e["claims"]}
    assert kind in kinds
