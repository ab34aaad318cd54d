"""Unnamed forces in a party's own statement are that party's: an official's "the army" is
their state's military, an army's "troops" the army itself, a group's "its fighters" the group.
"""

from __future__ import annotations

import dataclasses

from eventcoder.model import Entity
from eventcoder.resolve.actors import ActorBase

ARMED = {"MIL", "REB", "UAF", "COP", "SPY"}
_STATE = {"MIL", "GOV", "COP", "SPY"}
_OWN = ("its ", "their ", "our ")
# Nouns for the people or units that fight ("its forces", "our troops").
FORCE_NOUNS = frozenset(
    {"force", "forces", "troop", "soldier", "serviceman", "servicemen", "unit", "personnel"}
)


def _own_forces(speaker: Entity, actor: Entity) -> bool:
    """Whether unnamed forces in a speaker's statement are the speaker's own: "its fighters",
    or a state's "troops" and "police"; a police statement's "gunmen" or an army's "militants"
    are the other side."""
    if actor.text.lower().startswith(_OWN):
        return True
    if speaker.sector in _STATE:
        return actor.sector in {"MIL", "COP", "SPY"}
    return actor.sector == "REB"


def bind_own_forces(actors: list[Entity], speaker: Entity | None, base: ActorBase) -> list[Entity]:
    """The actors, with unnamed forces in the speaker's statement bound to the speaker's own."""
    if speaker is None or speaker.sector not in ARMED | {"GOV"}:
        return actors
    if speaker.country is None:
        return actors  # "according to local authorities": whose forces is unknown
    bound: list[Entity] = []
    for actor in actors:
        # a force guessed from the story's places ("the army" in a story set in Lebanon)
        # gives way to the speaker's own: an Israeli official's "the army" is Israel's
        guessed = actor.method == "context"
        if (
            actor.method in ("generic", "context")
            and actor.sector in ARMED
            and (guessed or actor.country in (None, speaker.country))
            and _own_forces(speaker, actor)
        ):
            actor = _own_force(speaker, actor, base)
        bound.append(actor)
    return bound


def _own_force(speaker: Entity, actor: Entity, base: ActorBase) -> Entity:
    """The speaker's own force of the actor's kind."""
    force = (
        base.by_country(speaker.country, actor.sector)
        if speaker.country and actor.sector and speaker.sector != actor.sector
        else None
    )
    if force is not None:
        return base.entity(
            force,
            text=actor.text,
            start=actor.start,
            end=actor.end,
            method="speaker",
            score=0.6,
        )
    if speaker.actor_id is None:
        # "soldiers", in a statement by "a Somali army officer": that state's soldiers,
        # not the officer
        return dataclasses.replace(actor, country=actor.country or speaker.country)
    return dataclasses.replace(
        speaker,
        text=actor.text,
        start=actor.start,
        end=actor.end,
        method="speaker",
        score=0.6,
    )


def body_force(speaker: Entity, noun: str, base: ActorBase) -> Entity | None:
    """The force a state body means by "its forces": a defence ministry's or a government's
    are the state's armed forces, an interior ministry's its police; None when the speaker is
    that force itself ("the IDF said its troops"), or no state body, or the noun no force."""
    if noun not in FORCE_NOUNS or speaker.sector not in _STATE or not speaker.country:
        return None
    actor = base.actors.get(speaker.actor_id or "")
    if actor is None or actor.kind != "organisation":
        return None
    force = base.by_country(speaker.country, "MIL" if speaker.sector == "GOV" else speaker.sector)
    if force is None or force.id == actor.id:
        return None
    return base.entity(
        force, text=speaker.text, start=speaker.start, end=speaker.end, method="speaker", score=0.6
    )
