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
