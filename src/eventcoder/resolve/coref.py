"""Within one article: mentions that refer back to an earlier one ("the operation") are merged
into it or borrow its missing arguments; casualty sentences attach to the attack they follow."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import defends
from eventcoder.extract.lexicon import lexicon
from eventcoder.extract.mentions import ArticleParse
from eventcoder.model import Casualties, Count, DateBasis
from eventcoder.resolve.draft import Draft

if TYPE_CHECKING:
    from spacy.tokens import Token

_GENERIC_TRIGGERS = {"target", "attack", "strike", "hit", "operation", "assault", "raid"}


def _is_outcome(draft: Draft) -> bool:
    words = lexicon()  # toll words ("killed", "wounded", "dead"), not the act
    lemma = draft.raw.trigger.lemma_.lower()
    return lemma in words.killed or lemma in words.injured or lemma in words.vague_casualty


def _agentless(draft: Draft) -> bool:
    """A toll word whose subject is a victim, not an attacker ("23 people died", "three were
    among the dead", "two soldiers were killed"): the mention names no one who acted."""
    trigger = draft.raw.trigger
    return _is_outcome(draft) and (
        trigger.pos_ != "VERB"
        or trigger.lemma_.lower() in ("die", "perish")
        or any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    )


def _counts_deaths(draft: Draft) -> bool:
    killed = draft.casualties.killed if draft.casualties else None
    return killed is not None and killed.best is not None


def _known(a: Count | None, b: Count | None) -> Count | None:
    """Of two counts of the same people, the one that gives a figure; two different figures
    (the army's 16, the medics' 14) keep the first as best within the range of both."""
    if a is None or (a.best is None and b is not None and b.best is not None):
        return b
    if b is None or b.best is None or a.best is None or b.best == a.best:
        return a
    figures = [v for v in (a.low, a.best, a.high, b.low, b.best, b.high) if v is not None]
    return Count(low=min(figures), best=a.best, high=max(figures))


def _combine(a: Casualties | None, b: Casualties | None) -> Casualties | None:
    if a is None or b is None:
        return a or b
    return dataclasses.replace(
        a,
        killed=_known(a.killed, b.killed),
        injured=_known(a.injured, b.injured),
        victims=a.victims or b.victims,
    )


def _added_toll(toll: Token, act: Token) -> bool:
    speech = next((t for t in toll.ancestors if t.pos_ == "VERB"), None)
    return (
        speech is not None
        and speech.dep_ in ("advcl", "conj")
        and speech.lemma_.lower() in lexicon().reporting
        and speech.head in act.ancestors
    )


def _compatible(head: Draft, other: Draft) -> bool:
    """Toll and act are one event only if the parse ties them ("killed in shelling", "shelling
    kills", "killed, 11 wounded", "carried out strikes, killing") and they name no different
    places or attackers."""
    a, b = head.raw.trigger, other.raw.trigger
    tied = a in b.ancestors or b in a.ancestors or a.head == b.head
    # A noun trigger stands for its clause ("carried out air strikes ..., killing 18").
    tied = tied or head.raw.clause in b.ancestors or other.raw.clause in a.ancestors
    # "accused the RSF of shelling a market, saying 16 were killed": a toll the speaker adds
    # ("saying", "adding") to the verb that tells the act
    tied = tied or _added_toll(b, a) or _added_toll(a, b)
    if not tied:
        return False
    if head.location and other.location and head.location.name != other.location.name:
        return False
    if _counts_deaths(head) and _counts_deaths(other):
        return False  # two accounts of the dead ("30 militants killed, the group says 27")
    mine = {e.name for e in head.actors}
    theirs = {e.name for e in other.actors}
    return not (mine and theirs and not mine & theirs)


def merge_outcomes(drafts: list[Draft]) -> None:
    """ "One killed, 11 wounded in shelling near Donetsk" is one event, not three: within a
    sentence, toll words of the same event type join the act they report (or the first toll
    word), unless the two name different places."""
    groups: dict[tuple[int, str, object], list[Draft]] = {}
    for draft in drafts:
        if not draft.merged:
            key = (draft.raw.sent_index, draft.raw.entry.event, draft.aux_mode)
            groups.setdefault(key, []).append(draft)
    for group in groups.values():
        if len(group) < 2 or not any(_is_outcome(d) for d in group):
            continue
        acts = [d for d in group if not _is_outcome(d)] or group[:1]
        for other in group:
            if other in acts or other.merged:
                continue
            # the first act it fits ("shot down a helicopter near A, while shelling in B
            # wounded 12": the toll goes to the shelling)
            head = next((a for a in acts if not a.merged and _compatible(a, other)), None)
            if head is None:
                continue
            casualties = _combine(head.casualties, other.casualties)
            merge_into(head, other)
            head.casualties = casualties


def merge_into(target: Draft, other: Draft) -> None:
    for claim in other.claims:
        if claim not in target.claims:
            target.claims.append(claim)
    target.actors = target.actors or other.actors
    target.recipients = target.recipients or other.recipients
    target.location = target.location or other.location
    target.casualties = _combine(target.casualties, other.casualties)
    if target.date is None or (
        target.date.basis is DateBasis.PUBLICATION
        and other.date
        and other.date.basis is not DateBasis.PUBLICATION
    ):
        target.date = other.date
    other.merged = True


def _result_clause(draft: Draft, antecedent: Draft) -> bool:
    """ "Troops shelled the town, killing two": a participle hanging off the first trigger
    tells the outcome of the same act, not a second event."""
    if antecedent.raw.sent_index != draft.raw.sent_index or draft.aux_mode != antecedent.aux_mode:
        return False
    if antecedent.raw.clause != antecedent.raw.trigger and defends(antecedent.raw.clause):
        return False  # "repelled an attack, killing 12 of them": the defenders' own act
    token = draft.raw.trigger
    for _ in range(3):  # "..., wounding five and killing one": through a conjoined participle
        if token.tag_ != "VBG" or token.dep_ not in {"advcl", "xcomp", "conj"}:
            return False
        # the trigger, or the verb of a trigger that starts earlier ("a missile struck")
        if token.head in (antecedent.raw.trigger, antecedent.raw.clause):
            return True
        token = token.head
    return False


def _depth(draft: Draft) -> int:
    """How deep the mention's clause sits below its sentence's root."""
    return sum(1 for _ in draft.raw.clause.ancestors)


def _same_speakers(draft: Draft, antecedent: Draft) -> bool:
    """A bare mention continues the one before only if nobody else tells it: "Local officials
    said a drone hit a depot. The ministry said it had carried out a strike" are two accounts,
    and maybe two events."""
    mine = {c.claimant.name for c in draft.claims if c.claimant is not None}
    theirs = {c.claimant.name for c in antecedent.claims if c.claimant is not None}
    return not (mine and theirs and not mine & theirs)


def _object_clause(draft: Draft, antecedent: Draft) -> bool:
    """ "Fired the rocket that hit the hospital": a relative clause on what the first trigger
    fired or sent tells where that one act landed, not a second event."""
    if antecedent.raw.sent_index != draft.raw.sent_index or draft.aux_mode != antecedent.aux_mode:
        return False
    verb = draft.raw.clause
    if verb.dep_ != "relcl":
        return False
    noun = verb.head
    return noun.dep_ in ("dobj", "pobj", "nsubjpass") and any(
        head in (antecedent.raw.trigger, antecedent.raw.clause)
        for head in (noun.head, noun.head.head)
    )


def link_within_article(drafts: list[Draft], notes: ArticleParse, window: int) -> None:
    """Merge mentions that refer back to an earlier one; fill missing arguments from it."""
    merge_outcomes(drafts)
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
        outcome = _is_outcome(draft)
        if (raw.anaphoric or outcome) and antecedent.raw.sent_index != raw.sent_index:
            # "the attack" refers to the main event of the sentence before, not one told in
            # a side clause ("..., a day after the army announced it had killed dozens")
            latest = [d for d in previous if d.raw.sent_index == antecedent.raw.sent_index]
            antecedent = min(latest, key=lambda d: (_depth(d), -d.raw.trigger.i))
        if _result_clause(draft, antecedent) or _object_clause(draft, antecedent):
            merge_into(antecedent, draft)
            continue
        bare = (not draft.actors or _agentless(draft)) and draft.location is None
        lemma = raw.trigger.lemma_.lower()
        same_sentence = antecedent.raw.sent_index == raw.sent_index
        if (
            raw.anaphoric
            and not same_sentence
            and (lemma in _GENERIC_TRIGGERS or lemma == antecedent.raw.trigger.lemma_.lower())
        ) or (
            bare
            and not same_sentence
            # "Residents said most of the dead were herders": the toll of the attack told
            # before, whoever tells it; another act only from the very next sentence
            and (outcome or raw.sent_index - antecedent.raw.sent_index <= 1)
            and draft.aux_mode == antecedent.aux_mode
            and (outcome or _same_speakers(draft, antecedent))
        ):
            merge_into(antecedent, draft)
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
