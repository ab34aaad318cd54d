"""ACLED coding of an event: the means of attack, who acted, who was hit, and what the rest of
its sentence says (resolve/acled_scene.py: a demonstration under way, a mob, ground handed
over without a fight)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.lexicon import Lexicon, lexicon
from eventcoder.extract.trigger_words import match_trigger
from eventcoder.extract.weapons import Weapon
from eventcoder.model import Acled, Casualties, Entity
from eventcoder.ontology import Ontology
from eventcoder.resolve.acled_scene import (
    ARMED_SECTORS,
    CIVILIAN_SECTORS,
    GENERIC_MODES,
    Scene,
    Words,
    has,
    is_topic,
    leaves_ground,
    near,
    object_kind,
    scene,
    victim_kind,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from eventcoder.extract.mentions import RawMention

_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD"}
_NONSTATE_SECTORS = {"REB", "UAF", "CRM", "PTY", "OPP"}
# Means that make a destruction remote violence ("a drone strike destroyed the bridge").
_REMOTE_MODES = {
    "aerial",
    "drone",
    "heavy_weapons",
    "explosives",
    "suicide_attack",
    "unconventional",
}
_RAMMED = Weapon(weapon="suicide", mode="suicide_attack", rank=-1)


def _code(event_type: str, sub_event_type: str) -> Acled:
    return Acled(event_type=event_type, sub_event_type=sub_event_type)


_DISRUPTED = _code("Strategic developments", "Disrupted weapons use")
_TRANSFER = _code("Strategic developments", "Non-violent transfer of territory")
_AGREEMENT = _code("Strategic developments", "Agreement")
_ARRESTS = _code("Strategic developments", "Arrests")
_ABDUCTION = _code("Violence against civilians", "Abduction/forced disappearance")
_PEACEFUL = _code("Protests", "Peaceful protest")
_INTERVENTION = _code("Protests", "Protest with intervention")
_EXCESSIVE = _code("Protests", "Excessive force against protesters")
_VIOLENT_DEMO = _code("Riots", "Violent demonstration")
_MOB = _code("Riots", "Mob violence")


def _civilian(
    raw: RawMention, recipients: list[Entity], casualties: Casualties | None, seen: Scene
) -> bool:
    """Whether the event hit unarmed people: its own patients in the parse first, then their
    resolved sectors, the casualty nouns, and last the victims of the sentence's attacks."""
    vocab = words()
    verdict = victim_kind(list(raw.recipients), vocab)
    if verdict is None and any(r.sector in ARMED_SECTORS for r in recipients):
        verdict = False
    if verdict is None and any(r.sector in CIVILIAN_SECTORS for r in recipients):
        verdict = True
    if verdict is None and casualties is not None and casualties.victims:
        victims = casualties.victims.lower().split()
        named = {w.rstrip("s") for w in victims} | set(victims)
        verdict = False if named & vocab.armed else (True if named & vocab.civilians else None)
    return bool(seen.victims if verdict is None else verdict)


def _state(raw: RawMention, actors: list[Entity], lex: Lexicon) -> bool | None:
    """Whether the actor is a state force: common nouns of the parse ("gunmen", "troops"),
    then resolved actors (not those bound from the speaker, who may be the other side)."""
    heads = [*raw.actors, *(c for t in raw.actors for c in t.conjuncts)]
    sectors = {
        lex.sector_nouns.get(t.lemma_.lower())
        for t in heads
        if t.pos_ == "NOUN" and not t.ent_type_
    }
    sectors |= {a.sector for a in actors if a.method != "speaker"}
    if not sectors - {None}:
        sectors = {a.sector for a in actors}
    if sectors & _STATE_SECTORS:
        return True
    if sectors & _NONSTATE_SECTORS:
        return False
    return None


def _names_weapons(raw: RawMention, vocab: Words) -> bool:
    """A seizure or defusal of arms ("seized 30 rifles", "defused a device")."""
    return any(has(t, vocab.arms) for t in raw.trigger.subtree) or any(
        has(t, vocab.arms) for t in raw.sent if t.head == raw.trigger
    )


def _object_is_munition(raw: RawMention, vocab: Words) -> bool:
    """Air defences destroying drones or missiles in flight."""
    objects = [c for c in raw.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(has(t, vocab.munitions) for o in objects for t in o.subtree)


def _rammed(sent: Span, vocab: Words) -> bool:
    """A bomb driven into its target ("drove a vehicle packed with explosives into a
    checkpoint"): the driver dies with it."""
    for token in sent:
        if token.pos_ == "VERB" and has(token, vocab.ramming):
            inside = list(token.subtree)
            if any(t.lower_ == "into" for t in inside) and any(has(t, vocab.bombs) for t in inside):
                return True
    return False


# -- coding --------------------------------------------------------------------------------
def classify(
    raw: RawMention,
    actors: list[Entity],
    recipients: list[Entity],
    casualties: Casualties | None,
    ontology: Ontology,
) -> tuple[str | None, Acled | None]:
    """The event's mode (refined by the weapon named) and its ACLED type and sub-type."""
    vocab, lex = words(), lexicon()
    event, mode = raw.entry.event, raw.entry.mode
    if event == "COERCE" and mode == "seize" and _names_weapons(raw, vocab):
        return mode, _DISRUPTED
    if (
        event == "ASSAULT"
        and mode in ("destroy", "intercept", None)
        and has(raw.trigger, vocab.stopping)
        and _object_is_munition(raw, vocab)
    ):
        return "intercept", _DISRUPTED
    # What a protest or a demand is about is no event of its own (but an attack someone
    # condemns did happen: it keeps its code).
    if is_topic(raw.trigger, vocab, lex, voices=("PROTEST", "REQUEST", "REJECT")):
        return mode, None
    seen = scene(raw.sent)
    state = _state(raw, actors, lex)
    crowd = _crowd(raw, seen, vocab)
    if crowd is not None:
        return mode, crowd
    ground = _ground(raw, seen, state, vocab, ontology)
    if ground is not None:
        return ground
    weapon = _RAMMED if event == "ASSAULT" and _rammed(raw.sent, vocab) else raw.weapon
    if weapon is not None and (
        mode in GENERIC_MODES
        or (mode == "destroy" and weapon.mode in _REMOTE_MODES)
        # "jets bombed a village": bombs dropped from the air are an air strike
        or (mode == "explosives" and weapon.mode == "aerial" and raw.trigger.pos_ == "VERB")
    ):
        mode = weapon.mode
    if event == "ASSAULT" and mode in (None, "firearms") and seen.taken:
        mode = "occupy"  # the fighting in which ground changed hands
    acled = ontology.acled_for(
        event,
        mode,
        civilian_target=not seen.clash and _civilian(raw, recipients, casualties, seen),
        weapon=weapon.weapon if weapon is not None else None,
        state_actor=state,
    )
    return mode, acled or _signed(raw, vocab, lex, ontology) or _voiced_at_protest(raw, seen)


def _crowd(raw: RawMention, seen: Scene, vocab: Words) -> Acled | None:
    """ACLED's demonstration codes, which depend on the whole crowd scene: a protest met by
    arrests or dispersal, or by killings and live fire; demonstrators who attack or destroy;
    a mob turning on people."""
    event, mode = raw.entry.event, raw.entry.mode
    if event not in ("ASSAULT", "COERCE", "PROTEST"):
        return None
    heads = [*raw.actors, *(c for t in raw.actors for c in t.conjuncts)]
    by_protesters = any(t.i in seen.protesters or has(t, vocab.protesters) for t in heads)
    if seen.protest and (
        event == "PROTEST"
        or by_protesters
        or near(raw.trigger, raw.entry, raw.weapon, seen.protesters)
    ):
        if mode == "riot" or (event == "ASSAULT" and by_protesters):
            return _VIOLENT_DEMO
        return _met(seen)
    by_crowd = any(has(t, vocab.crowds) for t in heads)
    if (seen.mob and event != "COERCE") or (by_crowd and event != "PROTEST"):
        return _MOB
    return None


def _ground(
    raw: RawMention, seen: Scene, state: bool | None, vocab: Words, ontology: Ontology
) -> tuple[str | None, Acled | None] | None:
    """Who took or handed over what: territory, people, captives."""
    event, mode = raw.entry.event, raw.entry.mode
    quiet = seen.handover and not seen.fighting
    kind = object_kind(raw.trigger, vocab)
    if event == "RETREAT":
        if kind == "place":
            return mode, _TRANSFER
        if kind == "people" and mode in (None, "release", "return"):
            return mode, _AGREEMENT  # captives handed over or exchanged
        if mode == "release" and kind == "other":
            return mode, None  # "released chlorine", "released a statement"
        if mode == "withdraw" and not leaves_ground(raw.trigger, raw.entry, vocab):
            return mode, None  # "withdrew from the grain deal"
        return None
    if event in ("COERCE", "ASSAULT") and has(raw.trigger, vocab.taking):
        if kind == "place":
            acled = ontology.acled_for(
                "ASSAULT", "occupy", civilian_target=False, state_actor=state
            )
            return "occupy", _TRANSFER if quiet else acled
        if kind == "people" and state is False:
            return "abduct", _ABDUCTION
        if kind == "people" and state:
            taken = [c for c in raw.trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            if victim_kind(taken, vocab) is False:  # soldiers captured: part of a battle
                return None, ontology.acled_for("ASSAULT", None, civilian_target=False)
            return "arrest", _ARRESTS
    if quiet and (
        (event == "ASSAULT" and mode == "occupy")
        or (event == "MOBILIZE" and mode in ("troops", None))
    ):
        return mode, _TRANSFER  # troops moving into ground the other side left
    return None


def _voiced_at_protest(raw: RawMention, seen: Scene) -> Acled | None:
    """A demand or a denunciation voiced by demonstrators or at a rally ("demanded their
    release at a rally"): ACLED's event is the demonstration."""
    if not seen.protest:
        return None
    inside = {t.i for t in raw.clause.subtree}
    if not (inside & seen.protest_words or {t.i for t in raw.actors} & seen.protesters):
        return None
    return _met(seen) or _PEACEFUL


def _met(seen: Scene) -> Acled | None:
    """A demonstration's code from what else happens in it: its own violence, or force met;
    None when it stays peaceful."""
    if seen.rioting:
        return _VIOLENT_DEMO
    if seen.intervention:
        return _EXCESSIVE if seen.lethal else _INTERVENTION
    return None


def _signed(raw: RawMention, vocab: Words, lex: Lexicon, ontology: Ontology) -> Acled | None:
    """An agreement named as what was signed ("signed a one-week ceasefire")."""
    if not has(raw.trigger, vocab.signing):
        return None
    for child in raw.trigger.children:
        match = match_trigger(child, lex) if child.dep_ == "dobj" else None
        if match is not None and match[0].event == "AGREE":
            return ontology.acled_for("AGREE", match[0].mode, civilian_target=False)
    return None
