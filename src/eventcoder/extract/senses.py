"""Which of two same-part-of-speech senses a word has in its sentence: a noun "strike" is an
attack or a labour strike, "seize" takes ground or goods; and the mode a demand,
promise, refusal or threat takes from what it is about (cue words in data/lexicons/senses.yaml)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.extract.lexicon import Lexicon, Trigger
from eventcoder.ontology import ontology

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Token


def takes_ground(verb: Token, lexicon: Lexicon) -> bool:
    """ "seized the town" (ground) against "seized weapons" (goods)."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child.lemma_.lower() in lexicon.ground_objects or child.ent_type_ in (
                "GPE",
                "LOC",
                "FAC",
            )
    return False


def walks_out(verb: Token, lexicon: Lexicon) -> bool:
    """ "Nurses will strike next week" (a labour strike) against "drones struck a depot"."""
    return not any(c.dep_ == "dobj" for c in verb.children) and by_workers(verb, lexicon)


def by_workers(verb: Token, lexicon: Lexicon) -> bool:
    """The verb's subject is people who can go on strike ("rail workers", "teachers")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    words = {subject.lemma_.lower()} | {
        c.lemma_.lower() for c in subject.children if c.dep_ in ("compound", "amod")
    }
    return bool(words & lexicon.striking_subjects)


def aimed(noun: Token, lexicon: Lexicon) -> bool:
    """A noun like "strike" names an attack: aimed at something, made by a state or group,
    described as one, or carried out or killing; never a "hunger strike"."""
    cues = lexicon.attack_noun
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    if any(c.lemma_.lower() in cues.walkouts for c in modifiers):
        return False
    for child in noun.children:
        targets = [o for o in child.children if o.dep_ == "pobj"]
        if (
            child.dep_ == "prep"
            and child.lower_ in cues.aimed_preps
            and any(o.ent_type_ not in ("DATE", "TIME") for o in targets)  # not "on Monday"
        ):
            return True
    for child in modifiers:
        if child.ent_type_ in ("NORP", "GPE") or child.lemma_.lower() in cues.attack_modifiers:
            return True
    head = noun.head
    if noun.dep_ in ("dobj", "nsubj", "pobj") and head.lemma_.lower() in cues.attack_verbs:
        return True
    return noun.dep_ == "pobj" and head.head.lemma_.lower() in cues.attack_verbs  # "killed in"


def civil_subject(verb: Token, lexicon: Lexicon) -> bool:
    """ "74 aid trucks entered Gaza": a verb that is an attack only when armed people do it,
    done by someone else."""
    civil = lexicon.civil_subjects.get(verb.lemma_.lower())
    if civil is None or verb.pos_ != "VERB":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in civil


# Dependency links by which a clause or phrase completes a verb or noun: "agreed to a
# ceasefire", "called on Tehran to release", "demanded that M23 withdraw", "refused to attend
# talks", "rejected a call for a truce".
_COMPLETING = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "compound", "amod"})


def _steps_up(inner: Token, outer: Token, limit: int = 4) -> int | None:
    """How many completing links lead from `inner` up to `outer`, if any within `limit`."""
    current = inner
    for step in range(1, limit + 1):
        if current.dep_ not in _COMPLETING or current.head == current:
            return None
        current = current.head
        if current == outer:
            return step
    return None


def complement_mode(
    outer: Token, entry: Trigger, found: Iterable[tuple[Token, Trigger]], lexicon: Lexicon
) -> Trigger:
    """A demand, promise, refusal or threat without a mode of its own takes the mode of what
    it is about ("called on Tehran to release prisoners" is REQUEST yield)."""
    table = lexicon.complement_modes.get(entry.event)
    if entry.mode is not None or table is None:
        return entry
    own_modes = ontology().types[entry.event].modes
    nearest: tuple[int, str] | None = None
    for token, trigger in found:
        steps = _steps_up(token, outer) if token != outer else None
        if steps is None or (nearest is not None and steps >= nearest[0]):
            continue
        mode = trigger.mode if trigger.mode in own_modes else table.get(trigger.event)
        if mode is not None:
            nearest = (steps, mode)
    return entry if nearest is None else dataclasses.replace(entry, mode=nearest[1])


_FIGURATIVE_PREPS = ("against", "on")


def figurative(trigger: Token, lexicon: Lexicon) -> bool:
    """ "The battle against corruption", "vowed to fight inflation": what is fought is no
    one, so the fight is a figure of speech."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in _FIGURATIVE_PREPS:
            objects += [c for c in child.children if c.dep_ == "pobj"]
    return any(
        word.lemma_.lower() in lexicon.figurative_objects
        or word.lower_ in lexicon.figurative_objects
        for thing in objects
        for word in (thing, *thing.conjuncts)
    )


_LANDING_PREPS = ("to", "on", "upon", "against", "at")


def landed_on(verb: Token, end: int) -> list[Token]:
    """What a phrase trigger's blow lands on: "dealt a massive blow to the Armed Forces" ->
    "Forces" (a preposition on the verb or on a word of the phrase)."""
    words = [verb, *(t for t in verb.doc[verb.i + 1 : end] if t.head == verb)]
    return [
        c
        for word in words
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ in _LANDING_PREPS
        for c in prep.children
        if c.dep_ == "pobj"
    ]


def on_forces(verb: Token, end: int, lexicon: Lexicon) -> bool:
    """A blow that lands on armed people or their positions, not on talks or hopes."""
    return any(
        word.lemma_.lower() in lexicon.armed_targets or word.lower_ in lexicon.armed_targets
        for target in landed_on(verb, end)
        for word in (target, *(c for c in target.children if c.dep_ in ("compound", "amod")))
    )


def physical_blow(verb: Token, lexicon: Lexicon) -> bool:
    """ "Shells slammed into a market": a verb of criticism that lands on something."""
    return verb.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in lexicon.impact_preps for c in verb.children
    )


def object_mode(verb: Token, entry: Trigger, lexicon: Lexicon) -> Trigger:
    """What a verb hands over or shuts down decides its mode ("delivered food" is
    humanitarian aid, "banned two channels" censorship), and for some triggers its event
    ("handed over medicine" is aid, "handed over positions" a withdrawal)."""
    other = lexicon.object_events.get(entry.event)
    if other is not None and entry.mode is None:
        changed = object_mode(verb, dataclasses.replace(entry, event=other), lexicon)
        if changed.mode is not None:
            return changed
    table = lexicon.object_modes.get(entry.event)
    if table is None or (entry.mode is not None and entry.mode not in table.over):
        return entry
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "amod" and verb.tag_ == "VBG":
        objects.append(verb.head)  # "denied supplying missiles", parsed as an adjective
    for thing in objects:
        for word in thing.subtree:
            mode = table.words.get(word.lemma_.lower())
            if mode is not None:
                return dataclasses.replace(entry, mode=mode)
    return entry


def refusal(verb: Token, entry: Trigger, lexicon: Lexicon) -> Trigger | None:
    """ "Would not negotiate", "will never withdraw": an act someone says they will not do is
    their refusal of it (REJECT with the mode of what is refused), not an act that did not
    happen; so is a thing someone will not take ("will not accept a truce"). None when the
    verb is no such refusal."""
    table = lexicon.complement_modes.get("REJECT", {})
    if verb.pos_ == "NOUN" and verb.dep_ == "dobj":
        verb = verb.head
    if entry.event not in table or verb.pos_ not in ("VERB", "AUX"):
        return None
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg", "advmod")}
    modality = lexicon.modality
    if not (words & modality["negation"] and words & modality["refusal_aux"]):
        return None
    own = ontology().types["REJECT"].modes
    mode = entry.mode if entry.mode in own else table[entry.event]
    return dataclasses.replace(entry, event="REJECT", mode=mode)
