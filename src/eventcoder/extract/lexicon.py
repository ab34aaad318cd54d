"""The extraction lexicons (data/lexicons/*.yaml), loaded and validated once."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from eventcoder.datafiles import load_yaml, require
from eventcoder.errors import DataFileError
from eventcoder.ontology import ontology


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """A word or phrase (lemmas) that signals a PLOVER event type."""

    lemmas: tuple[str, ...]
    pos: frozenset[str]
    event: str
    mode: str | None
    context: tuple[str, ...]
    weight: float


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Offshoots:
    """Words naming a group split from an organisation (data/lexicons/roles.yaml)."""

    nouns: dict[str, str]  # head lemma -> the word the group's name takes
    modifiers: dict[str, str]  # modifier of one of `groups` -> the same
    groups: frozenset[str]
    former: frozenset[str]
    members: frozenset[str]


def _offshoots(raw: Any) -> Offshoots:
    where = "data/lexicons/roles.yaml offshoots"
    return Offshoots(
        nouns={str(k): str(v) for k, v in require(raw, "nouns", where=where).items()},
        modifiers={str(k): str(v) for k, v in require(raw, "modifiers", where=where).items()},
        groups=frozenset(str(w) for w in require(raw, "groups", where=where)),
        former=frozenset(str(w) for w in require(raw, "former", where=where)),
        members=frozenset(str(w) for w in require(raw, "members", where=where)),
    )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class AttackNoun:
    """Cues that a noun with a civil sense too ("strike") means an attack here."""

    attack_verbs: frozenset[str]
    aimed_preps: frozenset[str]
    attack_modifiers: frozenset[str]
    walkouts: frozenset[str]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ObjectModes:
    """Modes of an event type that the words of the trigger's object decide."""

    words: dict[str, str]  # object lemma -> mode
    over: frozenset[str]  # trigger modes the object may replace


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LoadedTerm:
    term: str
    category: str
    neutral: str
    side: str | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    triggers: dict[str, tuple[Trigger, ...]]  # first lemma -> triggers
    reporting: dict[str, str]  # lemma -> stance
    statement_nouns: frozenset[str]
    media_words: frozenset[str]
    topic_verbs: frozenset[str]
    topic_object_verbs: frozenset[str]
    topic_nouns: frozenset[str]
    modality: dict[str, frozenset[str]]
    killed: frozenset[str]
    injured: frozenset[str]
    people: frozenset[str]
    vague_casualty: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague_quantities: dict[str, tuple[int | None, int | None, int | None]]
    at_least: tuple[str, ...]
    about: tuple[str, ...]
    claimant_roles: dict[str, str]
    local_roles: frozenset[str]
    sector_nouns: dict[str, str]
    means_nouns: frozenset[str]
    offshoots: Offshoots
    loaded_terms: tuple[LoadedTerm, ...]
    loaded_pattern: re.Pattern[str]
    attack_noun: AttackNoun
    ground_objects: frozenset[str]
    striking_subjects: frozenset[str]
    worker_only: frozenset[tuple[str, ...]]  # trigger lemmas that need workers as subject
    civil_subjects: dict[str, frozenset[str]]  # verb lemma -> subjects that make it no event
    complement_modes: dict[str, dict[str, str]]  # outer event -> inner event -> outer mode
    object_modes: dict[str, ObjectModes]  # event -> modes its object's words decide
    object_events: dict[str, str]  # event without a mode -> event its object's words make it
    figurative_objects: frozenset[str]  # "a battle against poverty": no fighting
    forces_only: frozenset[tuple[str, ...]]  # triggers that are attacks only on forces
    armed_targets: frozenset[str]  # "a blow to the army": what such a trigger may land on
    impact_preps: frozenset[str]  # "slammed into a market": no criticism


def _triggers(rows: Any) -> dict[str, tuple[Trigger, ...]]:
    types = ontology()
    out: dict[str, list[Trigger]] = {}
    seen: set[tuple[tuple[str, ...], str, frozenset[str]]] = set()
    for number, row in enumerate(rows or []):
        where = f"data/lexicons/triggers.yaml entry {number}"
        lemmas = tuple(str(require(row, "lemmas", where=where)).lower().split())
        event = str(require(row, "event", where=where))
        mode = row.get("mode")
        types.check_mode(event, mode)
        pos = frozenset(str(p) for p in row.get("pos") or ["VERB", "NOUN"])
        key = (lemmas, event, pos)
        if key in seen:
            raise DataFileError(f"{where}: duplicate trigger {' '.join(lemmas)!r} for {event}")
        seen.add(key)
        weight = float(row.get("weight", 1.0))
        if not 0.0 <= weight <= 1.0:
            raise DataFileError(f"{where}: weight {weight} outside 0..1")
        out.setdefault(lemmas[0], []).append(
            Trigger(
                lemmas=lemmas,
                pos=pos,
                event=event,
                mode=mode,
                context=tuple(str(c) for c in row.get("context") or ()),
                weight=weight,
            )
        )
    return {k: tuple(sorted(v, key=lambda t: -len(t.lemmas))) for k, v in out.items()}


def _complement_modes(raw: Any) -> dict[str, dict[str, str]]:
    types = ontology()
    out: dict[str, dict[str, str]] = {}
    for outer, inner_modes in (raw or {}).items():
        for inner, mode in inner_modes.items():
            types.check_mode(str(inner), None)
            types.check_mode(str(outer), str(mode))
            out.setdefault(str(outer), {})[str(inner)] = str(mode)
    return out


def _object_events(raw: Any) -> dict[str, str]:
    types = ontology()
    out: dict[str, str] = {}
    for event, other in (raw or {}).items():
        types.check_mode(str(event), None)
        types.check_mode(str(other), None)
        out[str(event)] = str(other)
    return out


def _object_modes(raw: Any) -> dict[str, ObjectModes]:
    types = ontology()
    out: dict[str, ObjectModes] = {}
    for event, table in (raw or {}).items():
        words: dict[str, str] = {}
        for mode, lemmas in table["modes"].items():
            types.check_mode(str(event), str(mode))
            words.update({str(lemma): str(mode) for lemma in lemmas})
        over = frozenset(str(m) for m in table.get("over") or ())
        for mode in over:
            types.check_mode(str(event), mode)
        out[str(event)] = ObjectModes(words=words, over=over)
    return out


def _loaded(rows: Any) -> tuple[tuple[LoadedTerm, ...], re.Pattern[str]]:
    terms: list[LoadedTerm] = []
    seen: set[str] = set()
    for number, row in enumerate(rows or []):
        where = f"data/lexicons/loaded_terms.yaml entry {number}"
        term = str(require(row, "term", where=where))
        if term.lower() in seen:
            raise DataFileError(f"{where}: duplicate loaded term {term!r}")
        seen.add(term.lower())
        terms.append(
            LoadedTerm(
                term=term,
                category=str(require(row, "category", where=where)),
                neutral=str(require(row, "neutral", where=where)),
                side=row.get("side"),
            )
        )
    ordered = sorted(terms, key=lambda t: -len(t.term))
    body = "|".join(re.escape(t.term).replace(r"\ ", r"[\s-]+") for t in ordered) or "(?!)"
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    return tuple(terms), pattern


def _vague(raw: dict[str, Any]) -> dict[str, tuple[int | None, int | None, int | None]]:
    return {str(k): (v.get("low"), v.get("best"), v.get("high")) for k, v in raw.items()}


@functools.cache
def lexicon() -> Lexicon:
    """Every lexicon file, parsed and checked against the ontology."""
    reporting = load_yaml("lexicons/reporting.yaml")
    modality = load_yaml("lexicons/modality.yaml")
    casualties = load_yaml("lexicons/casualties.yaml")
    roles = load_yaml("lexicons/roles.yaml")
    senses = load_yaml("lexicons/senses.yaml")
    terms, pattern = _loaded(load_yaml("lexicons/loaded_terms.yaml"))
    return Lexicon(
        triggers=_triggers(load_yaml("lexicons/triggers.yaml")),
        reporting={str(k): str(v) for k, v in reporting["verbs"].items()},
        statement_nouns=frozenset(reporting["statement_nouns"]),
        media_words=frozenset(reporting["media_words"]),
        topic_verbs=frozenset(str(w) for w in reporting.get("topic_verbs") or ()),
        topic_object_verbs=frozenset(str(w) for w in reporting.get("topic_object_verbs") or ()),
        topic_nouns=frozenset(str(w) for w in reporting.get("topic_nouns") or ()),
        modality={str(k): frozenset(str(w) for w in v) for k, v in modality.items()},
        killed=frozenset(casualties["killed"]),
        injured=frozenset(casualties["injured"]),
        people=frozenset(casualties["people"]),
        vague_casualty=frozenset(casualties["vague"]),
        numbers={str(k): int(v) for k, v in casualties["numbers"].items()},
        multipliers={str(k): int(v) for k, v in casualties["multipliers"].items()},
        vague_quantities=_vague(casualties["vague_quantities"]),
        at_least=tuple(casualties["at_least"]),
        about=tuple(casualties["about"]),
        claimant_roles={str(k): str(v) for k, v in roles["claimant_roles"].items()},
        local_roles=frozenset(str(w) for w in roles.get("local_roles") or ()),
        sector_nouns={str(k): str(v) for k, v in roles["sector_nouns"].items()},
        means_nouns=frozenset(str(w) for w in roles.get("means_nouns") or ()),
        offshoots=_offshoots(require(roles, "offshoots", where="data/lexicons/roles.yaml")),
        loaded_terms=terms,
        loaded_pattern=pattern,
        attack_noun=AttackNoun(
            attack_verbs=_words(senses, "attack_noun", "attack_verbs"),
            aimed_preps=_words(senses, "attack_noun", "aimed_preps"),
            attack_modifiers=_words(senses, "attack_noun", "attack_modifiers"),
            walkouts=_words(senses, "attack_noun", "walkouts"),
        ),
        ground_objects=frozenset(str(w) for w in require(senses, "ground_objects", where=_SENSES)),
        striking_subjects=frozenset(
            str(w) for w in require(senses, "striking_subjects", where=_SENSES)
        ),
        worker_only=frozenset(
            tuple(str(w).split()) for w in require(senses, "worker_only_triggers", where=_SENSES)
        ),
        civil_subjects={
            str(verb): frozenset(str(w) for w in words)
            for verb, words in require(senses, "civil_subjects", where=_SENSES).items()
        },
        complement_modes=_complement_modes(require(senses, "complement_modes", where=_SENSES)),
        object_modes=_object_modes(require(senses, "object_modes", where=_SENSES)),
        object_events=_object_events(senses.get("object_events")),
        figurative_objects=frozenset(
            str(w) for w in require(senses, "figurative_objects", where=_SENSES)
        ),
        impact_preps=frozenset(str(w) for w in senses.get("impact_preps") or ()),
        forces_only=frozenset(
            tuple(str(w).split()) for w in require(senses, "forces_only_triggers", where=_SENSES)
        ),
        armed_targets=frozenset(str(w) for w in require(senses, "armed_targets", where=_SENSES)),
    )


_SENSES = "data/lexicons/senses.yaml"


def _words(table: Any, group: str, key: str) -> frozenset[str]:
    return frozenset(
        str(w) for w in require(require(table, group, where=_SENSES), key, where=_SENSES)
    )
