"""ACLED coding of an event: the means of attack, who was hit, and who acted."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.model import Acled, Casualties, Entity, EventMention
from eventcoder.ontology import Ontology

if TYPE_CHECKING:
    from eventcoder.extract.mentions import RawMention

_CIVILIAN_SECTORS = {"CVL", "REF", "MED", "EDU", "HLH", "REL", "LAB", "BUS", "NGO", "IGO"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}
_NONSTATE_SECTORS = {"REB", "UAF", "CRM", "PTY", "OPP"}
_CIVILIAN_WORDS = {
    "civilian", "resident", "villager", "child", "children", "woman", "women", "people",
    "person", "family", "worshipper", "shopper", "passenger", "farmer", "student", "pupil",
    "patient", "refugee", "displaced", "journalist", "worker", "man", "men", "girl", "boy",
    "teacher", "pilgrim", "mourner", "protester", "demonstrator", "candidate", "leader",
    "official", "doctor", "nurse", "villagers", "residents", "civilians",
}  # fmt: skip
# Modes the trigger may name that a weapon word should refine ("killed" by a drone).
_GENERIC_MODES = {None, "firearms", "beat", "primitive"}


def _civilian(recipients: list[Entity], casualties: Casualties | None) -> bool:
    if any(r.sector in _CIVILIAN_SECTORS for r in recipients):
        return True
    if any(r.sector in _STATE_SECTORS | _NONSTATE_SECTORS for r in recipients):
        return False
    victims = (casualties.victims or "").lower() if casualties else ""
    words = {w.rstrip("s") for w in victims.split()} | set(victims.split())
    texts = {w.lower() for r in recipients for w in r.text.split()}
    return bool((words | texts) & _CIVILIAN_WORDS)


def _state(actors: list[Entity]) -> bool | None:
    sectors = {a.sector for a in actors if a.sector}
    if sectors & _STATE_SECTORS:
        return True
    if sectors & _NONSTATE_SECTORS:
        return False
    return None


def classify(
    raw: RawMention,
    actors: list[Entity],
    recipients: list[Entity],
    casualties: Casualties | None,
    ontology: Ontology,
) -> tuple[str | None, Acled | None]:
    """The event's mode (refined by the weapon named) and its ACLED type and sub-type."""
    mode = raw.entry.mode
    weapon = raw.weapon.weapon if raw.weapon is not None else None
    if raw.entry.event == "COERCE" and mode == "seize" and _names_weapons(raw):
        return mode, Acled(
            event_type="Strategic developments", sub_event_type="Disrupted weapons use"
        )
    if (
        raw.entry.event == "ASSAULT"
        and mode in ("destroy", "intercept", None)
        and raw.trigger.lemma_.lower() in _STOPPING
        and _object_is_munition(raw)
    ):
        return "intercept", Acled(
            event_type="Strategic developments", sub_event_type="Disrupted weapons use"
        )

    taken = _taken(raw)
    if taken == "place" and raw.entry.event in ("COERCE", "ASSAULT"):
        mode = "occupy"  # "seized the town of X": territory changed hands
        return mode, ontology.acled_for(
            "ASSAULT", mode, civilian_target=False, state_actor=_state(actors)
        )
    if taken == "people" and _state(actors) is False and raw.entry.event in ("COERCE", "ASSAULT"):
        return "abduct", Acled(
            event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance"
        )
    if raw.weapon is not None and mode in _GENERIC_MODES:
        mode = raw.weapon.mode
    acled = ontology.acled_for(
        raw.entry.event,
        mode,
        civilian_target=_civilian(recipients, casualties),
        weapon=weapon,
        state_actor=_state(actors),
    )
    return mode, acled


_PROTESTERS = {
    "protester",
    "protesters",
    "demonstrator",
    "demonstrators",
    "protest",
    "protests",
    "rally",
    "rallies",
    "sit-in",
}
_CROWD = _PROTESTERS | {"crowd", "crowds", "marchers", "students", "mourners", "rioters"}
_MOB = {"mob", "mobs", "vigilante", "vigilantes", "lynch", "lynched", "lynching", "lynchings"}


def _words(entities: tuple[Entity, ...]) -> set[str]:
    return {w.strip(".,").lower() for e in entities for w in e.text.split()}


def crowd_codes(events: list[EventMention], sentence_text: str) -> list[EventMention]:
    """ACLED's crowd categories, which depend on two events of one sentence together.

    A protest met by arrests or dispersal is "Protest with intervention"; met with killings or
    live fire it is "Excessive force against protesters"; protesters who attack or destroy make
    a "Violent demonstration"; a mob attacking people is "Mob violence".
    """
    words = {w.strip(".,;:").lower() for w in sentence_text.split()}
    protest = any(e.event == "PROTEST" for e in events) or any(
        (_words(e.recipient) | _words(e.actor)) & _PROTESTERS for e in events
    )
    mob = bool(words & _MOB)

    out: list[EventMention] = []
    for event in events:
        code = event.acled
        crowd = _words(event.actor) & {"crowd", "crowds", "mob", "mobs", "villagers"}
        if event.event in ("ASSAULT", "COERCE") and ((crowd and not protest) or mob):
            code = Acled(event_type="Riots", sub_event_type="Mob violence")
        elif (
            event.event in ("ASSAULT", "PROTEST")
            and _words(event.actor) & _CROWD
            and (event.event == "ASSAULT" or event.mode == "riot")
        ):
            code = Acled(event_type="Riots", sub_event_type="Violent demonstration")
        elif protest and event.event in ("ASSAULT", "COERCE", "PROTEST"):
            harmed = any(
                e.casualties is not None
                and e.casualties.killed is not None
                and (e.casualties.killed.best or 0) > 0
                for e in events
            ) or any(e.event == "ASSAULT" and e.mode == "firearms" for e in events)
            intervened = any(e.event in ("COERCE", "ASSAULT") for e in events)
            if harmed:
                code = Acled(
                    event_type="Protests", sub_event_type="Excessive force against protesters"
                )
            elif intervened:
                code = Acled(event_type="Protests", sub_event_type="Protest with intervention")
        out.append(event if code == event.acled else dataclasses.replace(event, acled=code))
    return out


_MUNITIONS = {
    "drone",
    "drones",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "uav",
    "uavs",
    "projectile",
    "projectiles",
    "shahed",
    "shaheds",
}
_ARMS = {
    "weapon",
    "weapons",
    "rifle",
    "rifles",
    "ammunition",
    "explosive",
    "explosives",
    "device",
    "devices",
    "bomb",
    "bombs",
    "mine",
    "mines",
    "ied",
    "ieds",
    "cache",
    "arms",
    "grenade",
    "grenades",
    "rounds",
    "vest",
    "vests",
    "workshop",
}


def _names_weapons(raw: RawMention) -> bool:
    """A seizure or defusal of arms ("seized 30 rifles", "defused a device")."""
    return any(t.lower_ in _ARMS for t in raw.trigger.subtree) or any(
        t.lower_ in _ARMS for t in raw.sent if t.head == raw.trigger
    )


def _object_is_munition(raw: RawMention) -> bool:
    """Air defences destroying drones or missiles in flight."""
    objects = [c for c in raw.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lower_ in _MUNITIONS for o in objects for t in o.subtree)


_STOPPING = {
    "destroy",
    "down",
    "intercept",
    "shoot",
    "neutralize",
    "neutralise",
    "repel",
    "thwart",
    "foil",
    "defuse",
}
_PLACE_OBJECTS = {
    "town",
    "city",
    "village",
    "base",
    "camp",
    "airport",
    "outpost",
    "district",
    "region",
    "area",
    "locality",
    "garrison",
    "settlement",
    "port",
    "airbase",
    "headquarters",
    "hill",
    "crossing",
    "border",
    "capital",
    "neighbourhood",
}
_PEOPLE_OBJECTS = {
    "officer",
    "officers",
    "man",
    "men",
    "woman",
    "women",
    "people",
    "civilian",
    "civilians",
    "child",
    "children",
    "student",
    "students",
    "activist",
    "activists",
    "worker",
    "workers",
    "villager",
    "villagers",
    "passenger",
    "passengers",
    "hostage",
    "hostages",
    "journalist",
    "journalists",
    "farmer",
    "farmers",
    "soldier",
    "soldiers",
    "policemen",
    "teacher",
    "teachers",
}
_TAKING = {"seize", "capture", "take", "round", "grab", "snatch", "overrun"}


def _taken(raw: RawMention) -> str | None:
    """What a seizure took: a place ("seized the town"), people ("seized two officers")."""
    if raw.trigger.lemma_.lower() not in _TAKING:
        return None
    for child in raw.trigger.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        if child.ent_type_ in ("GPE", "FAC", "LOC") or child.lemma_.lower() in _PLACE_OBJECTS:
            return "place"
        if child.lower_ in _PEOPLE_OBJECTS or child.lemma_.lower() in _PEOPLE_OBJECTS:
            return "people"
    return None
