"""Acts pinned on someone: in "A accused B of shelling the town" B is the alleged doer of the
shelling and A's word is the claim."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs that pin an act on someone, with the preposition that introduces the act.
ACCUSING = {"accuse": "of", "blame": "for", "charge": "with"}


def accusation(trigger: Token) -> Token | None:
    """The accusing verb when the trigger is the act pinned on someone ("accused Israel of
    killing", "blames Kiev for the downing"), else None."""
    prep = trigger.head
    if trigger.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or ACCUSING.get(verb.lemma_.lower()) != prep.lower_:
        return None
    return verb


def accused(trigger: Token) -> list[Token]:
    """Who is accused of the act: the accusing verb's object (or, passive, its subject)."""
    verb = accusation(trigger)
    if verb is None:
        return []
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


# Verbs by which a group owns an act ("Al-Shabaab claims the bombing", "Israel admits strike").
OWNING = {"claim", "admit"}


def owning_verb(trigger: Token) -> Token | None:
    """The verb by which a group owns an attack: "Al-Shabaab claimed the Mogadishu bombing",
    "claimed responsibility for the Mogadishu bombing", or a headline's verb the parser hangs
    under the attack's noun ("Al-Shabaab claims deadly Mogadishu car bombing", "claims" as a
    modifier of "bombing"); None otherwise."""
    verb: Token | None = None
    for child in trigger.lefts:
        if child.pos_ == "VERB" and child.dep_ in ("nmod", "compound", "amod"):
            verb = child
    if trigger.dep_ == "dobj":
        verb = trigger.head
    elif trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
        owned = trigger.head.head  # "responsibility for"
        if owned.lemma_.lower() == "responsibility" and owned.dep_ == "dobj":
            verb = owned.head
    if verb is None or verb.lemma_.lower() not in OWNING or verb.pos_ != "VERB":
        return None
    return verb if any(c.dep_ == "nsubj" for c in verb.children) else None


def owner(trigger: Token) -> list[Token]:
    """Who owns an attack in a headline so parsed: the owning verb's subject."""
    verb = owning_verb(trigger)
    return [] if verb is None else [c for c in verb.children if c.dep_ == "nsubj"]
