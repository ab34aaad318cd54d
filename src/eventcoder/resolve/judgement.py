"""How sure a record is: certainty from who claims it, confidence from how it was found, and
modality from its date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from eventcoder.model import AuxMode, Certainty, ClaimantType, DateBasis, Entity
from eventcoder.resolve.actors import ActorBase
from eventcoder.resolve.draft import Draft

if TYPE_CHECKING:
    from spacy.tokens import Token


_STATE = {"GOV", "MIL", "COP", "SPY"}


def _sides(base: ActorBase, entities: list[Entity]) -> set[str]:
    """Who an entity speaks or acts for: its actor, the actor's parents, and for state bodies
    the state itself ("a US official" and "the US military" are one side)."""
    ids: set[str] = set()
    for entity in entities:
        if entity.actor_id:
            ids.add(entity.actor_id)
            ids.update(base.ancestors(entity.actor_id))
        if entity.country and entity.sector in _STATE:
            ids.add(f"state:{entity.country}")
        for actor_id in list(ids):
            actor = base.actors.get(actor_id)
            if actor is not None and actor.country and actor.sector in _STATE | {None}:
                ids.add(f"state:{actor.country}")
    return ids


def certainty(draft: Draft, base: ActorBase) -> Certainty:
    """`claimed` when every claim comes from the acting side; otherwise `reported`.

    One article is one source, so nothing is `corroborated` here; linking across articles does.
    """
    if not draft.claims:
        return Certainty.REPORTED
    actor_side = _sides(base, draft.actors)
    for claim in draft.claims:
        if claim.claimant is None or claim.claimant_type is ClaimantType.MEDIA:
            return Certainty.REPORTED

        claimant_side = _sides(base, [claim.claimant])
        if not (actor_side and claimant_side & actor_side):
            return Certainty.REPORTED
    return Certainty.CLAIMED


_SPEECH = {"say", "state", "tell", "announce", "report", "add", "confirm", "claim", "quote"}


def _depth(token: Token) -> int:
    """Steps from the trigger to the sentence root, not counting verbs of speech: in "X said
    it lifted the ban", "lifted" is the main event."""
    depth = 0
    steps = 0
    while token.head != token and steps < 20:
        steps += 1
        if token.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(
            c.dep_ in ("mark", "aux") and c.lower_ in _SUBORDINATORS for c in token.children
        ):
            depth += 1  # "after a jet shot down...", "to demand...": background, not the news
        elif token.dep_ in ("pcomp", "pobj", "advcl") and token.head.lower_ in _SUBORDINATORS:
            depth += 1
        token = token.head
        if token.lemma_.lower() not in _SPEECH:
            depth += 1
    return depth


_SUBORDINATORS = {
    "to",
    "after",
    "before",
    "as",
    "when",
    "while",
    "since",
    "because",
    "until",
    "following",
    "once",
    "if",
}


def confidence(draft: Draft) -> float:
    """How likely the record is right: trigger reliability, prominence, filled arguments.

    The sentence's main verb outranks events nested in its complements ("agreed to provide
    aid" is an agreement first).
    """
    raw = draft.raw
    depth = min(
        _depth(raw.trigger.doc[i]) for i in range(raw.trigger.i, max(raw.end, raw.trigger.i + 1))
    )
    score = 0.25 + 0.3 * draft.raw.entry.weight + 0.45 / (1 + depth)
    score += 0.08 if draft.actors else 0.0
    score += 0.06 if draft.recipients else 0.0
    score += 0.06 if draft.location is not None else 0.0
    score += 0.03 if draft.claims else 0.0
    if draft.date is not None and draft.date.basis is not DateBasis.PUBLICATION:
        score += 0.03
    return round(min(score, 1.0), 3)


def aux_after_dates(draft: Draft, published: dt.date | None) -> AuxMode | None:
    if draft.aux_mode is not None or published is None or draft.date is None:
        return draft.aux_mode
    if draft.date.start > published.isoformat():
        return AuxMode.FUTURE
    if draft.date.end < (published - dt.timedelta(days=365)).isoformat():
        return AuxMode.HISTORICAL
    return None
