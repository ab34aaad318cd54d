"""Which words of an actor phrase name whom: where a proper name starts, a name of its own
that begins with a known one, the heads joined after a phrase, names that only modify its
head, a ship's flag, a person's name split in two, who a weapon was sent by."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from eventcoder.text.ents import span_ents

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventcoder.resolve.actors import Actor

_REGISTRY_WORDS = {"flagged", "registered", "owned", "operated", "managed", "chartered"}


def flag_of(ent: Span) -> bool:
    """A nationality naming where a ship or firm is flagged, registered or owned."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 2]
    return len(after) == 2 and after[0].text in ("-", "–") and after[1].lower_ in _REGISTRY_WORDS


def name_start(head: Token) -> int:
    """Where a proper name ends at its head starts: "Sudan Health Watch" from "Watch"."""
    start = head.i
    while (
        start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].dep_ == "compound"
    ):
        start -= 1
    return start


def named_after(
    head: Token, matches: list[tuple[Actor, int, int, bool]], sector_nouns: Mapping[str, str]
) -> bool:
    """A proper name whose head no known name covers, and whose known parts all lie inside
    it: an organisation named after a place or a state, not that place or state."""
    if head.pos_ != "PROPN" or head.lemma_.lower() in sector_nouns:
        return False
    start = name_start(head)
    return start < head.i and all(start <= s and e <= head.i for _, s, e, _ in matches)


def own_phrase(head: Token, span: Span) -> Span:
    """The phrase without the heads joined after it ("Ethiopian troops and Fano militiamen"
    is two actors, each resolved from its own words)."""
    joined = [c for c in head.rights if c.dep_ == "conj"]
    if not joined:
        return span
    end = min(c.left_edge.i for c in joined)
    while end > head.i + 1 and (span.doc[end - 1].dep_ == "cc" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[span.start : end]


def head_named(
    head: Token, kept: list[tuple[Actor, int, int, bool]]
) -> list[tuple[Actor, int, int, bool]]:
    """When a known name covers the phrase's head, names that only modify it are not actors
    of their own: "Myanmar's military junta" is the junta, not also the military."""
    own = [m for m in kept if m[1] <= head.i < m[2]]
    if not own or len(kept) == 1:
        return kept
    modifiers = {t.i for child in head.lefts for t in child.subtree}
    return [m for m in kept if m in own or not all(i in modifiers for i in range(m[1], m[2]))]


def joined_people(span: Span) -> list[Span]:
    """The span's entities, a person's name the tagger split in two ("Oleksandr" "Prokudin")
    joined again."""
    out: list[Span] = []
    for ent in span_ents(span):
        if out and ent.label_ == "PERSON" == out[-1].label_ and out[-1].end == ent.start:
            out[-1] = span.doc[out[-1].start : ent.end]
            out[-1].label_ = "PERSON"
            continue
        out.append(ent)
    return out


def launched_by(weapon: Token) -> Token | None:
    """Who a weapon is said to be sent by ("a drone launched by the Rapid Support Forces",
    "missiles fired by Houthi forces")."""
    for verb in weapon.children:
        if verb.dep_ != "acl" or verb.pos_ != "VERB":
            continue
        for agent in verb.children:
            if agent.dep_ == "agent":
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None
