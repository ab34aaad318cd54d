"""The casualty vocabulary: which words report deaths or injuries, and which name people.

"killed", "dead", "KIA" report deaths; "wounded", "WIA" injuries; "destroyed" and "lost"
report deaths only of people ("destroyed 40 servicemen", not "destroyed three tanks");
"claimed the lives of" and "fatally shot" are deaths too. Read from
data/lexicons/casualties.yaml, once.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING

from eventcoder.datafiles import load_yaml
from eventcoder.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclasses.dataclass(frozen=True, slots=True)
class TollWords:
    """The parts of data/lexicons/casualties.yaml that the casualty readers share."""

    of_people: frozenset[str]
    collective: frozenset[str]
    abbreviations: dict[str, str]
    rises: frozenset[str]
    running_total: re.Pattern[str]
    increments: frozenset[str]
    fatal: frozenset[str]
    long_killers: frozenset[str]
    lives_verbs: frozenset[str]
    not_to_death: frozenset[str]
    statement_verbs: frozenset[str]
    statement_objects: frozenset[str]
    suffered: frozenset[str]


@functools.cache
def toll_words() -> TollWords:
    """The casualty vocabulary, loaded once."""
    raw = load_yaml("lexicons/casualties.yaml")
    return TollWords(
        of_people=frozenset(raw.get("killed_if_people") or ()),
        collective=frozenset(raw.get("collective") or ()),
        abbreviations={str(k).lower(): str(v) for k, v in (raw.get("abbreviations") or {}).items()},
        rises=frozenset(raw.get("toll_rises") or ()),
        running_total=re.compile(
            "|".join(f"(?:{p})" for p in raw.get("running_total") or ()) or "(?!)", re.I
        ),
        increments=frozenset(str(t).lower() for t in raw.get("increments") or ()),
        fatal=frozenset(str(t).lower() for t in raw.get("fatal") or ()),
        long_killers=frozenset(str(t).lower() for t in raw.get("long_killers") or ()),
        lives_verbs=frozenset(str(t).lower() for t in raw.get("lives_verbs") or ()),
        not_to_death=frozenset(str(t).lower() for t in raw.get("not_to_death") or ()),
        statement_verbs=frozenset(str(t).lower() for t in raw.get("toll_statement_verbs") or ()),
        statement_objects=frozenset(
            str(t).lower() for t in raw.get("toll_statement_objects") or ()
        ),
        suffered=frozenset(
            str(t).lower()
            for key in ("suffered_by_subject", "borne_by_subject")
            for t in raw.get(key) or ()
        ),
    )


def suffers(verb: Token) -> bool:
    """ "Two people died in shelling", "the brigade lost 12 servicemen": a verb whose subject
    is the victim, not the doer."""
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in toll_words().suffered


def states_toll(verb: Token) -> bool:
    """ "Officials put the death toll at 30": a verb by which its subject tells a toll."""
    words = toll_words()
    return verb.lemma_.lower() in words.statement_verbs and any(
        child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in words.statement_objects
        for child in verb.children
    )


def is_person(noun: Token, lexicon: Lexicon) -> bool:
    """A word for people who can be counted ("soldiers", "residents") or a person's name."""
    return (
        noun.lemma_.lower() in lexicon.people
        or noun.lower_ in lexicon.people
        or (noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN")
        or _nationality(noun)
    )


_NOUN_PLACES = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def _nationality(noun: Token) -> bool:
    """A nationality standing for a person ("kills Palestinian", "two Ukrainians"), which
    the tagger may call an adjective where a noun stands."""
    return noun.ent_type_ == "NORP" and (
        noun.pos_ in ("NOUN", "PROPN") or (noun.pos_ == "ADJ" and noun.dep_ in _NOUN_PLACES)
    )


def casualty_kind(token: Token, lexicon: Lexicon) -> str | None:
    """'killed', 'injured', 'killed_people' (a verb of deaths only if it takes people:
    "destroyed 40 servicemen", "lost 60 soldiers") or None."""
    lemma, lower = token.lemma_.lower(), token.lower_
    words = toll_words()
    short = words.abbreviations.get(lower.removesuffix("'s").removesuffix("s"))
    if short is not None:
        return short
    if lemma in words.lives_verbs and token.pos_ == "VERB" and lives_of(token):
        return "killed"  # "claimed the lives of 12 people", "took 40 lives"
    if lemma in words.of_people and token.pos_ == "VERB":
        if lemma == "lose" and any(c.lower_ in ("life", "lives") for c in token.children):
            return "killed"
        return "killed_people"
    if lemma in lexicon.killed or lower in ("dead", "killed"):
        return "killed"
    if token.pos_ == "VERB" and any(c.lower_ in words.fatal for c in token.children):
        return "killed"  # "fatally wounded", "mortally shot"
    if token.pos_ == "VERB" and lemma not in words.not_to_death and _to_death(token):
        return "killed"  # "stabbed to death", "burned to death"
    if lemma in lexicon.injured or lower in ("wounded", "injured"):
        return "injured"
    return None


def _to_death(verb: Token) -> bool:
    """ "stabbed to death", "beaten to death"."""
    return any(
        c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children
    )


def lives_of(verb: Token) -> list[Token]:
    """The "lives" a verb takes as its object, and the people they are of."""
    lives = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("life", "lives")]
    return lives + [g for n in lives for p in n.children if p.lower_ == "of" for g in p.children]


def attributed(key: Token, noun: Token) -> bool:
    """A noun across a colon or dash from the casualty word: the source in a headline's tail
    ("Mines kill two civilians: official", "... killed - Ukraine military")."""
    low, high = sorted((key.i, noun.i))
    return any(
        t.text in (":", "—", "–") or (t.text == "-" and bool(t.whitespace_))
        for t in key.doc[low:high]
    )


def base_kind(kind: str | None) -> str | None:
    """'killed' or 'injured': a verb of deaths of people reports deaths."""
    return "killed" if kind == "killed_people" else kind
