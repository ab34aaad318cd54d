"""Whether an event is asserted as having happened: future, hypothetical, negated or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import AuxMode

if TYPE_CHECKING:
    from spacy.tokens import Token


def _aux_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "mark")}


def aux_mode(trigger: Token, clause: Token, lexicon: Lexicon, *, denied: bool) -> AuxMode | None:
    """The trigger's modality from its auxiliaries, negation, conditions and intention words."""
    modality = lexicon.modality
    heads = [trigger] if clause == trigger else [trigger, clause]
    words: set[str] = set()
    for token in heads:
        words |= _aux_words(token)
    if denied:
        return AuxMode.NEGATION
    if words & modality["condition_marks"]:
        return AuxMode.HYPOTHETICAL  # "if hostages are not released": a condition first
    if words & modality["negation"] or _without(trigger) or _without(clause):
        return AuxMode.NEGATION
    if trigger.dep_ in ("nsubjpass", "nsubj") and (
        {trigger.head.lemma_.lower(), trigger.head.lower_} & modality["fabrication_verbs"]
    ):
        return AuxMode.NEGATION
    below = clause
    for ancestor in list(clause.ancestors)[:3]:
        if below.dep_ == "advcl":
            break  # "denied shelling the camp, blaming others": the blaming is not denied
        if ancestor.lemma_.lower() in modality["failure_verbs"] or (
            ancestor.lemma_.lower() in modality["denial_verbs"] and ancestor.pos_ == "VERB"
        ):
            return AuxMode.NEGATION
        below = ancestor
    for ancestor in list(clause.ancestors)[:4]:
        if ancestor.dep_ == "advcl" and _aux_words(ancestor) & modality["condition_marks"]:
            return AuxMode.HYPOTHETICAL
    if any(
        c.dep_ == "amod" and c.lemma_.lower() in modality["hypothetical_modifiers"]
        for c in trigger.children
    ):
        return AuxMode.HYPOTHETICAL
    if (
        trigger.dep_ == "dobj"
        and trigger.head.lemma_.lower() in modality["planning_verbs"]
        and trigger.head.tag_ in ("VB", "VBG", "VBP", "VBZ")
    ):
        return AuxMode.FUTURE  # "suspected of planning an attack" (not "who planned the raid")
    if words & modality["future_aux"] or _reported_will(words, clause, lexicon):
        return AuxMode.FUTURE
    if words & modality["hypothetical_aux"]:
        return AuxMode.HYPOTHETICAL
    infinitive = "to" in words or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if infinitive or trigger.dep_ in ("xcomp", "acl") or clause.dep_ in ("xcomp", "acl"):
        for ancestor in list(clause.ancestors)[:3]:
            names = {ancestor.lemma_.lower()} | {
                c.lemma_.lower() for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass")
            }
            if names & modality["intention_words"]:
                return AuxMode.FUTURE
            if _aux_words(ancestor) & modality["future_aux"]:
                return AuxMode.FUTURE
    if infinitive and clause.dep_ in ("advcl", "xcomp") and clause.head.pos_ in ("VERB", "AUX"):
        # A purpose shares its verb's modality: "would field a force to fight" is not a fight.
        return aux_mode(clause.head, clause.head, lexicon, denied=False)
    return None


_HEDGES = {"likely", "possibly", "probably", "perhaps", "maybe"}


def _reported_will(words: set[str], clause: Token, lexicon: Lexicon) -> bool:
    """ "The army said it would launch an offensive": reported speech turns "will" into
    "would"; a condition ("would ... if") or a hedge ("would likely") keeps it hypothetical."""
    if "would" not in words or clause.dep_ != "ccomp" or clause.head.tag_ != "VBD":
        return False
    if clause.head.lemma_.lower() not in lexicon.reporting:
        return False
    conditions = lexicon.modality["condition_marks"]
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in _HEDGES:
            return False
        if child.dep_ == "advcl" and _aux_words(child) & conditions:
            return False
    return True


def _without(token: Token) -> bool:
    """Done "without": "entered the town without firing a shot", "took it without a fight"."""
    return token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "without"
