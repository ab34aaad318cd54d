"""Which of two same-part-of-speech senses a word has in its sentence: a noun "strike" is an
attack or a labour strike, "seize" takes ground or goods (cue words in
data/lexicons/senses.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.lexicon import Lexicon

if TYPE_CHECKING:
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
