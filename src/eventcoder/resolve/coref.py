"""Within one article: mentions that refer back to an earlier one ("the operation") are merged
into it or borrow its missing arguments; casualty sentences attach to the attack they follow."""

from __future__ import annotations

from eventcoder.extract.mentions import ArticleParse
from eventcoder.model import DateBasis
from eventcoder.resolve.draft import Draft

_GENERIC_TRIGGERS = {"target", "attack", "strike", "hit", "operation", "assault", "raid"}


def _merge_into(target: Draft, other: Draft) -> None:
    for claim in other.claims:
        if claim not in target.claims:
            target.claims.append(claim)
    target.actors = target.actors or other.actors
    target.recipients = target.recipients or other.recipients
    target.location = target.location or other.location
    target.casualties = target.casualties or other.casualties
    if target.date is None or (
        target.date.basis is DateBasis.PUBLICATION
        and other.date
        and other.date.basis is not DateBasis.PUBLICATION
    ):
        target.date = other.date
    other.merged = True


def link_within_article(drafts: list[Draft], notes: ArticleParse, window: int) -> None:
    """Merge mentions that refer back to an earlier one; fill missing arguments from it."""
    for index, draft in enumerate(drafts):
        raw = draft.raw
        previous = [
            d
            for d in drafts[:index]
            if not d.merged
            and d.raw.entry.event == raw.entry.event
            and 0 <= raw.sent_index - d.raw.sent_index <= window
        ]
        if not previous:
            continue
        antecedent = previous[-1]
        bare = not draft.actors and draft.location is None
        lemma = raw.trigger.lemma_.lower()
        same_sentence = antecedent.raw.sent_index == raw.sent_index
        if (
            raw.anaphoric
            and not same_sentence
            and (lemma in _GENERIC_TRIGGERS or lemma == antecedent.raw.trigger.lemma_.lower())
        ) or (
            bare
            and not same_sentence
            and raw.sent_index - antecedent.raw.sent_index <= 1
            and draft.aux_mode == antecedent.aux_mode
        ):
            _merge_into(antecedent, draft)
        elif raw.anaphoric:
            draft.actors = draft.actors or list(antecedent.actors)
            draft.location = draft.location or antecedent.location
            if draft.date is None or draft.date.basis is DateBasis.PUBLICATION:
                draft.date = antecedent.date or draft.date
            draft.claims = draft.claims or list(antecedent.claims)
    for note in notes.notes:
        targets = [
            d
            for d in drafts
            if not d.merged
            and d.raw.entry.event == "ASSAULT"
            and 0 < note.sent_index - d.raw.sent_index <= (window if note.anaphoric else 1)
        ]
        if targets and targets[-1].casualties is None:
            targets[-1].casualties = note.casualties
