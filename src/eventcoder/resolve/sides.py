"""Phrases whose words name a side other than the one their names suggest: two sides joined
before one noun ("Russian and Ukrainian forces", "Israeli and Hezbollah fighters") and a
group split from an organisation ("dissidents of the former FARC", "a breakaway faction of
the M23"), which is not that organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.arguments import phrase
from eventcoder.extract.lexicon import Offshoots
from eventcoder.model import Entity
from eventcoder.resolve.normal import fold

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventcoder.resolve.entities import EntityResolver

_MODIFIERS = ("amod", "compound", "nmod")
_FIGHTERS = {"MIL", "REB", "UAF"}
_FROM = ("of", "from")


def joined_modifiers(head: Token) -> list[Token]:
    """The modifiers before a noun when two or more are joined by "and" or "or" ("Russian and
    Ukrainian forces"); empty otherwise."""
    words: list[Token] = []
    for child in head.lefts:
        if child.dep_ not in _MODIFIERS:
            continue
        for word in (child, *child.conjuncts):
            if word not in words and word.i < head.i:
                words.append(word)
    joined = any(
        c.dep_ == "cc" and c.lower_ in ("and", "or") for w in (head, *words) for c in w.children
    )
    return words if joined and len(words) >= 2 else []


def _named_in(token: Token) -> Token | None:
    """The organisation a group split from: "of the FARC", "from the army"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _FROM:
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def _owner(head: Token, skip: set[str]) -> Token | None:
    """A name before the noun: "M23 dissidents", "Hamas's breakaway wing"."""
    for child in head.lefts:
        if child.lower_ in skip:
            continue
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ in _MODIFIERS and (
            child.pos_ == "PROPN"
            or child.ent_type_ in ("ORG", "NORP", "GPE")
            or (child.text.isupper() and len(child.text) > 1)  # "FARC" tagged a noun
        ):
            return child
    return None


def offshoot(head: Token, words: Offshoots) -> tuple[Token, str] | None:
    """The organisation a phrase's group split from, with the word the group's name takes
    ("dissidents", "splinter group", "former members"); None for any other phrase."""
    lemma = head.lemma_.lower()
    modifiers = {c.lemma_.lower() for c in head.children if c.dep_ in _MODIFIERS}
    kind: str | None = None
    if lemma in words.nouns:
        kind = words.nouns[lemma]
    elif lemma in words.groups:
        kind = next((words.modifiers[m] for m in sorted(modifiers) if m in words.modifiers), None)
    elif lemma in words.members and modifiers & words.former:
        kind = "former members"
    elif lemma in words.members:  # "dissident FARC fighters", "renegade soldiers"
        kind = next((words.modifiers[m] for m in sorted(modifiers) if m in words.modifiers), None)
    if kind is None:
        return None
    skip = set(words.modifiers) | set(words.former) | set(words.nouns)
    parent = _named_in(head) or _owner(head, skip)
    return None if parent is None else (parent, kind)


def side_entities(resolver: EntityResolver, head: Token, span: Span) -> list[Entity]:
    """One actor per side of "Russian and Ukrainian forces"; empty unless two or more of the
    joined modifiers name a side."""
    sector = resolver.lexicon.sector_nouns.get(head.lemma_.lower())
    found: list[Entity] = []
    for word in joined_modifiers(head):
        entity = _side(resolver, word, head, span, sector)
        if entity is not None and all(entity.name != e.name for e in found):
            found.append(entity)
    return found if len(found) >= 2 else []


def _side(
    resolver: EntityResolver, word: Token, head: Token, span: Span, sector: str | None
) -> Entity | None:
    """The side one modifier names with the noun: "Ukrainian forces" as an alias, "Hezbollah"
    by name, "Russian" as the state's force of the noun's kind."""
    base = resolver.base
    for key in (f"{word.text} {head.text}", word.text):
        if len(key) <= 3 and not key.isupper():
            continue
        actors = base.lookup(fold(key), resolver.countries)
        if actors:
            actor = actors[0]
            if sector == "MIL" and actor.sector == "GOV" and actor.country:
                actor = base.by_country(actor.country, "MIL") or actor
            return base.entity(
                actor,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method="joined",
                score=0.8,
            )
    code = base.demonyms.get(word.lower_)
    if code is None and word.pos_ == "PROPN":
        code = resolver.country_named(word.text)
        if code is not None:  # "Ethiopia and Tigray leaders": the state itself
            return resolver.state(code, word.text, span)
        code = resolver.region_country(word.text)  # "Tigray leaders": people of a region
    if code is None:
        return None
    # a nationality set against another side in a fight is that state's forces ("Israeli and
    # Hezbollah fighters")
    kind = "MIL" if sector in _FIGHTERS else sector
    force = base.by_country(code, kind) if kind in ("MIL", "COP") else None
    if force is not None:
        return base.entity(
            force,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            method="joined",
            score=0.7,
        )
    return Entity(
        text=span.text,
        name=f"{word.text} {head.text.lower()}",
        start=span.start_char,
        end=span.end_char,
        country=code,
        sector=sector,
        method="joined",
        score=0.6,
    )


def between_apart(
    resolver: EntityResolver,
    heads: tuple[Token, ...],
    actors: list[Entity],
    recipients: list[Entity],
) -> tuple[list[Entity], list[Entity]]:
    """Sides joined before one noun after "between" ("clashes between Hamas and Fatah
    supporters"): as with "between A and B", the first acts and the others are acted on."""
    for head in heads:
        if head.dep_ != "pobj" or head.head.lower_ != "between":
            continue
        if any(c.dep_ == "conj" for c in head.children):
            continue  # "between A and B": already apart
        sides = side_entities(resolver, head, phrase(head))
        others = {e.name for e in sides[1:]}
        if not others or any(a.name == sides[0].name for a in recipients):
            continue
        actors = [a for a in actors if a.name not in others]
        recipients = [*sides[1:], *(r for r in recipients if r.name not in others)]
    return actors, recipients


def offshoot_entity(resolver: EntityResolver, head: Token, span: Span) -> Entity | None:
    """A group split from an organisation: a known one ("FARC dissidents"), else a group of
    its own named after the organisation, in its country, never the organisation itself."""
    found = offshoot(head, resolver.lexicon.offshoots)
    if found is None:
        return None
    parent_token, kind = found
    parents = resolver.resolve(parent_token)
    parent = parents[0] if parents else None
    own = phrase(parent_token)
    words = [t.text for t in own if t.dep_ not in ("det", "amod") or t == own.root]
    names = [" ".join(words)] + ([parent.name] if parent is not None else [])
    for name in names:
        for key in (f"{name} {kind}", f"{name} dissidents"):
            actors = resolver.base.lookup(fold(key), resolver.countries)
            if actors and (parent is None or actors[0].id != parent.actor_id):
                return resolver.base.entity(
                    actors[0],
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    method="offshoot",
                    score=0.8,
                )
    label = names[-1]
    name = f"former members of {label}" if kind == "former members" else f"{label} {kind}"
    sector = parent.sector if parent is not None and parent.sector in _OWN_SECTORS else None
    return Entity(
        text=span.text,
        name=name,
        start=span.start_char,
        end=span.end_char,
        country=parent.country if parent is not None else None,
        sector=sector,
        parent=parent.name if parent is not None else None,
        method="offshoot",
        score=0.6,
    )


# Sectors a split-off group keeps from its organisation; from a state's army or government
# it is no longer the state.
_OWN_SECTORS = {"REB", "UAF", "OPP", "PTY", "REL"}
