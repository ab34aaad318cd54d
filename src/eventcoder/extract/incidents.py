"""Two incidents told in one sentence ("Gunmen killed three in A, while a bomb wounded five in
B"): the clause of each, so that each keeps its own toll, weapon and places."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


# Words joining a second incident to the first in one sentence ("..., while a bomb wounded
# five in B"); "after" or "as" more often tie the toll to its cause, so they do not split.
_CONTRASTS = {"while", "whereas", "meanwhile"}


def incident_clauses(sent: Span, triggers: list[Token]) -> list[Span]:
    """Clauses of the sentence that tell an attack of their own: a verb with its own subject
    joined by "while" or by a conjunction after a comma, with an attack inside and another
    outside."""
    doc = sent.doc
    out: list[Span] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.head == verb:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
            continue
        marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod", "cc")}
        joined = verb.dep_ == "advcl" and bool(marks & _CONTRASTS)
        if verb.dep_ == "conj":
            before = doc[verb.left_edge.i - 1] if verb.left_edge.i > sent.start else None
            joined = (
                before is not None
                and before.dep_ == "cc"
                and (doc[before.i - 1].text in (",", ";") if before.i > sent.start else False)
            )
        if not joined:
            continue
        span = doc[verb.left_edge.i : verb.right_edge.i + 1]
        inside = [t for t in triggers if span.start <= t.i < span.end]
        if inside and len(inside) < len(triggers):
            out.append(span)
    return out


def scope_of(trigger: Token, sent: Span, parts: list[Span]) -> Span:
    """The innermost incident clause holding the trigger, else the stretch of the sentence
    around it that holds none."""
    inside = [p for p in parts if p.start <= trigger.i < p.end]
    if inside:
        return min(inside, key=len)
    start, end = sent.start, sent.end
    for part in parts:
        if part.end <= trigger.i:
            start = max(start, part.end)
        elif part.start > trigger.i:
            end = min(end, part.start)
    return sent.doc[start:end]
