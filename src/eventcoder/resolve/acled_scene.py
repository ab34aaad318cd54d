"""What a sentence says around its events, read from every trigger word in its parse: a
demonstration under way and who is in it, a mob, combat, ground taken or handed over, and who
was hit. ACLED's codes (resolve/acled.py) depend on these as much as on the event itself."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from eventcoder.datafiles import load_yaml, require
from eventcoder.errors import DataFileError
from eventcoder.extract.arguments import agents_and_patients, clause_head
from eventcoder.extract.lexicon import Lexicon, lexicon
from eventcoder.extract.modality import aux_mode
from eventcoder.extract.trigger_words import event_word, match_trigger
from eventcoder.extract.weapons import Weapon, find_weapon
from eventcoder.model import AuxMode

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventcoder.extract.lexicon import Trigger

CIVILIAN_SECTORS = {"CVL", "REF", "MED", "EDU", "HLH", "REL", "LAB", "BUS", "NGO", "IGO", "AGR"}
ARMED_SECTORS = {"MIL", "COP", "SPY", "REB", "UAF", "CRM", "PRM"}
# Modes the trigger may name that a weapon word should refine ("killed" by a drone).
GENERIC_MODES = {None, "firearms", "primitive"}
# Means of acting on a crowd at close range (not an air strike or shelling elsewhere).
_CROWD_MODES = {None, "crowd_control", "firearms", "beat", "primitive"}
# ASSAULT modes that are no combat of their own.
_NOT_COMBAT = {"occupy", "intercept", "destroy", "crowd_control", "abduct", "sexual", "torture"}
_VOICES = ("PROTEST", "REQUEST", "REJECT", "ACCUSE")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Words:
    """The word classes of data/acled_map.yaml (`words`), widened by the sector nouns."""

    civilians: frozenset[str]
    armed: frozenset[str]
    protesters: frozenset[str]
    crowds: frozenset[str]
    mob: frozenset[str]
    lethal: frozenset[str]
    live_fire: frozenset[str]
    background_marks: frozenset[str]
    reasons: frozenset[str]
    topic_preps: frozenset[str]
    departures: frozenset[str]
    taking: frozenset[str]
    stopping: frozenset[str]
    signing: frozenset[str]
    staging: frozenset[str]
    clash: frozenset[str]
    ramming: frozenset[str]
    bombs: frozenset[str]
    places: frozenset[str]
    people: frozenset[str]
    arms: frozenset[str]
    munitions: frozenset[str]


@functools.cache
def words() -> Words:
    """The word classes, loaded and checked once."""
    where = "data/acled_map.yaml"
    table = require(load_yaml("acled_map.yaml"), "words", where=where)
    names = [field.name for field in dataclasses.fields(Words)]
    missing = [name for name in names if not isinstance(table.get(name), list)]
    if missing:
        raise DataFileError(f"{where}: `words` needs a list for each of {missing}")
    found = {name: frozenset(str(w).lower() for w in table[name]) for name in names}
    lex = lexicon()
    found["civilians"] |= {n for n, s in lex.sector_nouns.items() if s in CIVILIAN_SECTORS}
    found["armed"] |= {n for n, s in lex.sector_nouns.items() if s in ARMED_SECTORS}
    found["people"] |= lex.people
    return Words(**found)


def has(token: Token, group: frozenset[str]) -> bool:
    return token.lemma_.lower() in group or token.lower_ in group


# -- the sentence ------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Scene:
    """What a sentence says around its events, from every trigger word in its parse."""

    protesters: frozenset[int]  # tokens of the people demonstrating
    protest_words: frozenset[int]  # tokens naming a demonstration under way (not one cited)
    rioting: bool  # the demonstrators themselves attack or destroy
    intervention: bool  # someone else arrests, disperses or attacks them
    lethal: bool  # deaths or live fire among those acts
    mob: bool  # a mob, vigilantes, a lynching
    fighting: bool  # combat, before or during the event
    clash: bool  # a two-sided fight (civilians killed in it are no one-sided attack)
    taken: bool  # ground taken ("seized the town", "recaptured the village")
    handover: bool  # ground left or handed over
    victims: bool | None  # the people the sentence's attacks hit: civilians (True), armed (False)

    @property
    def protest(self) -> bool:
        """A demonstration is under way."""
        return bool(self.protest_words)


@functools.lru_cache(maxsize=32)  # every event of a sentence reads the same scene
def scene(sent: Span) -> Scene:
    """The scene of a sentence: its demonstrations, crowds, combat, handovers and victims."""
    vocab, lex = words(), lexicon()
    found: list[tuple[Token, Trigger]] = []
    stopped: list[Token] = []  # "fired tear gas to stop farmers marching": a protest met
    for token in sent:
        match = event_word(token, lex)
        if match is None or match[0].weight < 0.45:
            continue  # weak words ("a wave of strikes") set no scene
        modality = aux_mode(token, clause_head(token), lex, denied=False)
        if modality is None:
            found.append((token, match[0]))
        elif modality is AuxMode.NEGATION and match[0].event == "PROTEST":
            stopped.append(token)
    current = [
        (token, entry)
        for token, entry in found
        if not _background(token, vocab) and not is_topic(token, vocab, lex)
    ]
    protest_words, protesters, rioting, intervention, lethal = _demonstration(
        sent, current, stopped, vocab
    )
    return Scene(
        protesters=protesters,
        protest_words=protest_words,
        rioting=rioting,
        intervention=intervention,
        lethal=lethal,
        mob=any(has(t, vocab.mob) for t in sent),
        fighting=any(e.event == "ASSAULT" and e.mode not in _NOT_COMBAT for _, e in found),
        clash=any(" ".join(e.lemmas) in vocab.clash for _, e in found)
        or any(has(t, vocab.clash) for t in sent if t.pos_ == "NOUN"),
        taken=any(_takes_ground(t, e, vocab) for t, e in current),
        handover=any(has(t, vocab.departures) for t in sent)
        or any(leaves_ground(t, e, vocab) for t, e in found),
        victims=victim_kind(
            [p for t, e in current if e.event == "ASSAULT" for p in _patients(t)], vocab
        ),
    )


def _demonstration(
    sent: Span, current: list[tuple[Token, Trigger]], stopped: list[Token], vocab: Words
) -> tuple[frozenset[int], frozenset[int], bool, bool, bool]:
    """The words of a demonstration under way, who demonstrates, whether they riot, whether
    others act against them, and whether that is lethal."""
    lex = lexicon()
    protest_words = [t for t, e in current if e.event == "PROTEST" and not has(t, vocab.mob)]
    protest_words += stopped
    protest_words += [
        t
        for t in sent
        if has(t, vocab.protesters) and not _background(t, vocab) and not is_topic(t, vocab, lex)
    ]
    if not protest_words:
        return frozenset(), frozenset(), False, False, False
    protesters = _protesters(protest_words, vocab)
    weapon = find_weapon(sent)
    acts = [(t, e) for t, e in current if e.event in ("ASSAULT", "COERCE")]
    theirs = [(t, e) for t, e in acts if {a.i for a in _agents(t)} & protesters]
    against = [(t, e) for t, e in acts if (t, e) not in theirs and near(t, e, weapon, protesters)]
    rioting = any(e.event == "ASSAULT" for _, e in theirs) or any(
        e.mode == "riot" and t in protest_words for t, e in current
    )
    lethal = any(
        e.event == "ASSAULT" and (e.mode == "firearms" or has(t, vocab.lethal)) for t, e in against
    ) or any(t.lower_ == "live" and has(t.head, vocab.live_fire) for t in sent)
    return frozenset(t.i for t in protest_words), protesters, rioting, bool(against), lethal


def near(token: Token, entry: Trigger, weapon: Weapon | None, protesters: frozenset[int]) -> bool:
    """An act on the crowd itself: an arrest, dispersal, shooting or beating, or anything
    aimed at the demonstrators; not an air strike somewhere else."""
    if any(p.i in protesters for p in _patients(token)):
        return True
    mode = weapon.mode if weapon is not None and entry.mode in GENERIC_MODES else entry.mode
    return entry.event == "COERCE" or mode in _CROWD_MODES


def _takes_ground(token: Token, entry: Trigger, vocab: Words) -> bool:
    """Ground taken: "recaptured the village", "seized the town" (not "entered", which is
    as often a raid)."""
    if has(token, vocab.taking):
        return object_kind(token, vocab) == "place"
    return entry.event == "ASSAULT" and entry.mode == "occupy" and entry.weight >= 0.6


def leaves_ground(token: Token, entry: Trigger, vocab: Words) -> bool:
    """Ground left or handed over: "withdrew from the town", "handed the city back" (not
    "withdrew from the talks")."""
    if entry.event != "RETREAT":
        return False
    if object_kind(token, vocab) == "place":
        return True
    left = [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("from", "of")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return entry.mode == "withdraw" and all(_is_place(p, vocab) for p in left)


def _agents(token: Token) -> list[Token]:
    return agents_and_patients(token)[0]


def _patients(token: Token) -> list[Token]:
    """Who a trigger hit; coordinated verbs share the last one's object ("shooting and
    hacking residents")."""
    patients = agents_and_patients(token)[1]
    if not patients and token.pos_ == "VERB":
        patients = [c for v in token.conjuncts for c in v.children if c.dep_ == "dobj"]
    return patients


def _protesters(protest_words: list[Token], vocab: Words) -> frozenset[int]:
    """Tokens of the demonstrators: protest nouns, the subjects of protest verbs, the nouns
    a protest participle describes ("students marching toward the square")."""
    found: set[int] = set()
    for token in protest_words:
        verb = token
        if token.pos_ != "VERB" and token.dep_ == "dobj" and has(token.head, vocab.staging):
            verb = token.head  # "the group held a sit-in", "students staging a sit-in"
        heads = [token] if has(token, vocab.protesters) else []
        if verb.pos_ == "VERB":
            heads += _agents(verb)
            if verb.dep_ in ("acl", "relcl"):
                heads.append(verb.head)
        for head in heads:
            found |= {head.i} | {c.i for c in head.conjuncts}
    return frozenset(found)


def _background(token: Token, vocab: Words) -> bool:
    """Said of another time: "a day after the group held a sit-in", "after the rally"."""
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in vocab.background_marks for c in node.children
        ):
            return True
        if node.dep_ == "pobj" and node.head.lower_ in vocab.background_marks:
            return True
    return False


def _is_reason(token: Token, vocab: Words) -> bool:
    return token.pos_ == "NOUN" and has(token, vocab.reasons)


def is_topic(token: Token, vocab: Words, lex: Lexicon, voices: tuple[str, ...] = _VOICES) -> bool:
    """An event named as what a protest, demand or accusation is about ("chanting against
    abductions", "demanding the release"), or cited as the grounds of an arrest ("on charges
    of organising violence"): no event of this sentence's scene."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(_is_reason(node, vocab) for node in token.ancestors):
        return True
    while token.dep_ == "conj":
        token = token.head  # "against abductions and killings"
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in vocab.topic_preps:
        head = head.head
    elif token.dep_ != "dobj":
        return False
    match = match_trigger(head, lex)
    return match is not None and match[0].event in voices


# -- people, places and things -------------------------------------------------------------
def victim_kind(tokens: list[Token], vocab: Words) -> bool | None:
    """Civilians (True) or armed people (False) among the heads; armed people win, and a
    modifier counts ("army chief", "rebel leader")."""
    heads = [*tokens, *(c for t in tokens for c in t.conjuncts)]
    named = [*heads, *(c for t in heads for c in t.children if c.dep_ in ("compound", "amod"))]
    if any(has(t, vocab.armed) and not t.ent_type_ for t in named):
        return False
    if any(has(t, vocab.civilians) for t in heads):
        return True
    return None


def object_kind(trigger: Token, vocab: Words) -> str | None:
    """What a verb acts on: "place" (a town, a base), "people", "arms" or "other"."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    for child in objects:
        if _is_place(child, vocab):
            return "place"
        if (
            child.ent_type_ in ("PERSON", "NORP")
            or has(child, vocab.people)
            or any(c.dep_ == "relcl" and _is_who(c) for c in child.children)
        ):
            return "people"
        if has(child, vocab.arms):
            return "arms"
    return "other" if objects else None


def _is_place(token: Token, vocab: Words) -> bool:
    return token.ent_type_ in ("GPE", "FAC", "LOC") or has(token, vocab.places)


def _is_who(clause: Token) -> bool:
    return any(c.lower_ in ("who", "whom") for c in clause.children)
