"""Who a demand or warning is addressed to when the verb has no object of its own: the
subject of the clause saying what is to be done ("demanded that Israel halt the works")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def addressees(verb: Token) -> list[Token]:
    """Subjects of a "that" clause under the verb, not pronouns ("demanded that the rebels
    withdraw" gives "rebels")."""
    found: list[Token] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not any(c.dep_ == "mark" for c in clause.children):
            continue
        found += [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    return found
