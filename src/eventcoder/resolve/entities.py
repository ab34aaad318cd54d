"""Actor phrases from the parse -> canonical, neutral entities (knowledge base, then NER)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import names_scene, phrase
from eventcoder.extract.denials import denying
from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import Entity
from eventcoder.resolve.actors import Actor, ActorBase
from eventcoder.resolve.capitals import capital_of
from eventcoder.resolve.entity_words import (
    flag_of,
    head_named,
    joined_people,
    launched_by,
    name_start,
    named_after,
    own_phrase,
)
from eventcoder.resolve.normal import fold
from eventcoder.resolve.place_spans import hyphen_run, named_as_place
from eventcoder.resolve.places import NameIndex
from eventcoder.resolve.sides import offshoot_entity, side_entities
from eventcoder.text.ents import span_ents

# A town this large, named where an actor could stand, is the place rather than someone there.
_PLACE_NAME_POPULATION = 100_000

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "its",
    "their",
    "our",
    "his",
    "her",
    "them",
    "us",
    "you",
}
_ORG_SECTORS = (
    ("ministry", "GOV"),
    ("government", "GOV"),
    ("army", "MIL"),
    ("forces", "MIL"),
    ("police", "COP"),
    ("party", "PTY"),
    ("news", "MED"),
    ("times", "MED"),
    ("brigade", "REB"),
    ("front", "REB"),
    ("movement", "REB"),
    ("council", "GOV"),
    ("parliament", "LEG"),
    ("court", "JUD"),
    ("committee", "GOV"),
    ("red cross", "NGO"),
    ("red crescent", "NGO"),
    ("united nations", "IGO"),
    ("agency", "IGO"),
)


_BARE_FORCES = {"army", "military", "police"}
# Nouns for people or units of a group named before them ("gang members", "an army patrol").
_OF_A_GROUP = {"member", "patrol", "convoy"}
# Sectors of people who are not the state they come from ("Myanmar rebels").
_NON_STATE = {"REB", "UAF", "OPP", "CVL", "REF", "CRM", "REL", "SOC", "LAB", "EDU", "MED", "HLH"}
_INSTITUTIONS = {"government", "administration", "authority", "authorities", "cabinet"}
# Words that count people without being people ("a group of", "tens of thousands of").
_COUNT_WORDS = {"dozen", "hundred", "thousand", "million", "tens", "group", "number", "crowd"}


_ANAPHORIC_OWNERS = {
    "group",
    "movement",
    "agency",
    "army",
    "military",
    "organisation",
    "organization",
    "militia",
    "force",
    "forces",
    "ministry",
    "service",
    "government",
    "junta",
    "faction",
    "alliance",
    "coalition",
    "brigade",
    "brigades",
    "wing",
}


def anaphoric_owner(token: Token) -> bool:
    """Owned by a pronoun or by a definite generic organisation ("its drones", "the group's
    spokesman"): the owner is someone named earlier, usually the speaker or the subject."""
    for child in token.children:
        if child.dep_ != "poss":
            continue
        if child.lower_ in _PRONOUNS and child.pos_ == "PRON":
            return True
        determiners = {c.lower_ for c in child.children if c.dep_ == "det"}
        if child.lemma_.lower() in _ANAPHORIC_OWNERS and "the" in determiners:
            return True
    return False


# "The group", "the movement", with nothing else said of them: the organisation the story is
# about, as a pronoun would be.
_GROUP_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "faction"}


def group_anaphor(token: Token) -> bool:
    """A bare "the group" ("the movement", "the militia")."""
    return token.lemma_.lower() in _GROUP_ANAPHORS and [c.lower_ for c in token.children] == ["the"]


def is_pronoun(token: Token) -> bool:
    """A pronoun head, a bare "the group", or a noun owned by a pronoun or anaphor ("its
    fighters", "the group's drones")."""
    if token.lower_ in _PRONOUNS and token.pos_ == "PRON":
        return True
    if group_anaphor(token):
        return True
    return token.pos_ in ("NOUN", "PROPN") and anaphoric_owner(token)


def _from_span(
    span: Span,
    name: str,
    *,
    country: str | None,
    sector: str | None,
    role: str | None,
    method: str,
    score: float,
) -> Entity:
    """An entity not in the knowledge base, named from the words of a phrase."""
    return Entity(
        text=span.text,
        name=name,
        start=span.start_char,
        end=span.end_char,
        country=country,
        sector=sector,
        role=role,
        method=method,
        score=score,
    )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EntityResolver:
    """Resolve noun phrases in the article's country context."""

    base: ActorBase
    places: NameIndex
    lexicon: Lexicon
    countries: tuple[str, ...]

    def _kb(
        self, actor: Actor, span: Span, *, method: str, score: float, role: str | None = None
    ) -> Entity:
        """A knowledge-base entity standing for the words of a phrase."""
        return self.base.entity(
            actor,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            role=role,
            method=method,
            score=score,
        )

    def _kb_matches(self, span: Span) -> list[tuple[Actor, int, int, bool]]:
        """Knowledge-base aliases in the span, longest first, without overlaps."""
        doc = span.doc
        whole = span.text  # Doc.text is rebuilt on every access: read it once
        base = span.start_char
        found: list[tuple[Actor, int, int, bool]] = []
        taken: set[int] = set()
        i = span.start
        while i < span.end:
            hit = None
            for j in range(min(span.end, i + self.base.max_words), i, -1):
                if any(k in taken for k in range(i, j)):
                    continue
                text = whole[doc[i].idx - base : doc[j - 1].idx + len(doc[j - 1]) - base]

                key = fold(text)
                for prefix in ("the ", "a ", "an "):
                    key = key.removeprefix(prefix)
                if len(key) <= 3 and not text.replace(".", "").isupper():
                    continue  # "us", "is": short aliases count only in capitals ("US", "IS")
                actors = self.base.lookup(key, self.countries)
                if actors:
                    loaded = key not in self.base.aliases
                    hit = (actors[0], i, j, loaded)
                    break
            if hit is not None:
                found.append(hit)
                taken.update(range(hit[1], hit[2]))
                i = hit[2]
            else:
                i += 1
        return found

    def country_of(self, span: Span) -> str | None:
        """The state a phrase names by nationality ("Latvian") or by country ("Sudan's")."""
        tokens = list(span)
        for i, token in enumerate(tokens):
            pair = f"{token.lower_} {tokens[i + 1].lower_}" if i + 1 < len(tokens) else ""
            code = self.base.demonyms.get(pair) or self.base.demonyms.get(token.lower_)
            if code:
                return code

        for ent in span_ents(span):
            if ent.label_ == "GPE":
                code = self._country_named(ent.text.removeprefix("the ").removeprefix("The "))
                if code:
                    return code
        return None

    def _joined_countries(self, head: Token, country: str) -> list[tuple[str, str]]:
        """ "Sudanese and Chadian troops": the state of each nationality joined before the
        noun, with its word; the one `country_of` found first."""
        found = [(country, "")]
        for child in head.children:
            if child.dep_ != "amod":
                continue
            for word in (child, *child.conjuncts):
                code = self.base.demonyms.get(word.lower_)
                if code and all(code != seen for seen, _ in found):
                    found.append((code, word.text))
                elif code:
                    found = [(c, w or word.text) if c == code else (c, w) for c, w in found]
        return found

    def _place_named(self, name: str, *, any_size: bool = False) -> bool:
        """A name the tagger took for a person or organisation that is a known town or
        region, and no actor."""
        if self.base.names_actor(name):
            return False
        folded = fold(name)
        return any(
            fold(r.name) == folded
            and (
                any_size
                or r.source.startswith("curated")
                or r.population >= _PLACE_NAME_POPULATION
                or r.precision.value == "region"
            )
            for r in self.places.candidates(name)
        )

    def _country_named(self, name: str) -> str | None:
        rows = [r for r in self.places.candidates(name) if r.precision.value == "country"]
        return rows[0].country if rows else None

    def country_named(self, name: str) -> str | None:
        """The state a name is ("Ethiopia"), if it is one."""
        return self._country_named(name)

    def region_country(self, name: str) -> str | None:
        """The state of a region a name is ("Tigray", "Darfur"), if it is one and no actor."""
        if self.base.names_actor(name):
            return None
        rows = [r for r in self.places.candidates(name) if r.precision.value == "region"]
        return rows[0].country if rows else None

    def state(self, country: str, name: str, span: Span) -> Entity:
        """The state itself standing for the words of a phrase."""
        return self._state(country, name, span, None, method="joined")

    def resolve(self, head: Token) -> list[Entity]:
        """Entities for the phrase a token heads; empty when nothing nameable is there."""
        span = own_phrase(head, phrase(head))
        split = offshoot_entity(self, head, span)
        if split is not None:
            return [split]  # "dissidents of the former FARC": not the FARC
        counted = self._counted(head)
        if counted is not None:
            return self.resolve(counted)  # "dozens of opposition supporters": the supporters
        if len(span) > 40:
            span = span.doc[max(head.i - 6, span.start) : min(head.i + 6, span.end)]
        role = head.lemma_.lower() if head.lemma_.lower() in self.lexicon.claimant_roles else None
        own = next((e for e in span_ents(span) if e.start <= head.i < e.end), None)
        if own is not None and own.label_ == "GPE" and len(span) > len(own) + 1:
            # The head is a state ("Pakistan, a key U.S. ally"): its own name decides.
            named = self.resolve_name(own, head, role, span)
            if named:
                return named
        sides = side_entities(self, head, span)
        if sides:
            return sides  # "Russian and Ukrainian forces": both
        matches = self._kb_matches(span)
        if matches and named_after(head, matches, self.lexicon.sector_nouns):
            # "Sudan Health Watch": a name of its own that begins with a known one
            name = span.doc[name_start(head) : head.i + 1].text
            sector = next((code for word, code in _ORG_SECTORS if word in name.lower()), None)
            return [
                _from_span(
                    span,
                    name,
                    country=self.country_of(span),
                    sector=sector,
                    role=role,
                    method="name",
                    score=0.5,
                )
            ]
        if matches:
            ids = {actor.id for actor, *_ in matches}
            kept = [
                m
                for m in matches
                if not any(m[0].id in self.base.ancestors(other) for other in ids)
            ]
            kept = head_named(head, kept)
            head_sector = self._sector(head)[0]
            if (
                len(kept) == 1
                and head_sector in ("MIL", "COP")
                and kept[0][0].sector == "GOV"
                and kept[0][0].country
                # the state or its own government, not a body inside its borders ("DPR
                # serviceman")
                and (
                    kept[0][0].kind == "country"
                    or self.base.by_country(kept[0][0].country, "GOV") == kept[0][0]
                )
            ):  # "Kiev forces", "Haiti police chief": the state named, its army (police) meant
                military = self.base.by_country(kept[0][0].country, head_sector)
                if military is not None:
                    return [
                        self._kb(
                            military,
                            span,
                            role=role,
                            method="kb-military",
                            score=0.8,
                        )
                    ]
            ruling = self._ruling(head, kept)
            if ruling is not None:
                return [self._kb(ruling, span, role=role, method="kb-ruling", score=0.8)]
            if (
                len(kept) == 1
                and kept[0][0].kind == "country"
                and kept[0][2] <= head.i
                and head_sector in _NON_STATE
            ):  # "Myanmar rebels", "Sudanese refugees" with no entry: people of that state
                words = span.doc[kept[0][1] : kept[0][2]].text
                return [
                    _from_span(
                        span,
                        f"{words} {head.text.lower()}",
                        country=kept[0][0].country,
                        sector=head_sector,
                        role=role,
                        method="generic",
                        score=0.6,
                    )
                ]
            return [
                self._kb(
                    actor,
                    span,
                    role=role,
                    method="kb-loaded" if loaded else "kb",
                    score=0.8 if loaded else 1.0,
                )
                for actor, _, _, loaded in kept
            ]
        people = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        for person in people:
            name = " ".join(t.text for t in person.subtree if t.ent_type_ == "PERSON")
            if name:
                return [
                    Entity(
                        text=span.text,
                        name=name,
                        start=span.start_char,
                        end=span.end_char,
                        country=self.country_of(span),
                        role=role,
                        method="ner-appos",
                        score=0.7,
                    )
                ]
        country = self.country_of(span)
        sector, group = self._sector(head)
        if country and (sector in ("MIL", "COP") or head.lemma_.lower() in _INSTITUTIONS):
            joined = self._joined_countries(head, country)
            forces = [(c, w, self.base.by_country(c, sector or "GOV")) for c, w in joined]
            if forces[0][2] is not None:
                # "Sudanese and Chadian troops": each state's force, known or not
                return [
                    self._kb(force, span, method="demonym", score=0.8)
                    if force is not None
                    else _from_span(
                        span,
                        f"{word} {head.text.lower()}",
                        country=code,
                        sector=sector or "GOV",
                        role=role,
                        method="demonym",
                        score=0.6,
                    )
                    for code, word, force in forces
                ]
        # "Asmara rejects", read as a compound of a noun "rejects"
        subject = head.dep_ == "nsubj" or denying(head.head, self.lexicon) is not None
        if head.pos_ == "PROPN" and subject:
            code = capital_of(head.text)
            if code is not None:  # "Kigali denies": the capital speaks for the state
                return [self._state(code, head.text, span, role, method="capital")]
        named = self._from_ner(span, head, role)
        if named:
            return named
        if head.pos_ == "PROPN" and not span_ents(span):
            # A state the tagger missed ("Uzbekistan finally opened..."): the name alone.
            name = span.text.removeprefix("the ").removeprefix("The ")
            code = self._country_named(name)
            if code is not None:
                return [self._state(code, name, span, role, method="country-name")]
        force = self._context_force(head, span, sector) if country is None else None
        if force is not None:
            return [force]
        if sector is not None:
            adjective = next((t.text for t in span if t.lower_ in self.base.demonyms), None)
            if not (adjective or group or country) and head.lemma_.lower() in (
                self.lexicon.means_nouns
            ):
                # "a drone launched by the RSF": the RSF; "a drone hit a grain store": the
                # weapon, whose doer is unknown
                launcher = launched_by(head)
                return [] if launcher is None else self.resolve(launcher)
            noun = f"{group} {head.text.lower()}" if group else head.text.lower()
            name = f"{adjective} {noun}" if adjective else noun
            return [
                _from_span(
                    span,
                    name,
                    country=country,
                    sector=sector,
                    role=role,
                    method="generic",
                    score=0.5,
                )
            ]
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        # "rejected the protesters' demand": a thing with no actor of its own stands for its owner
        return [] if owner is None else self.resolve(owner)

    def _ruling(self, head: Token, kept: list[tuple[Actor, int, int, bool]]) -> Actor | None:
        """ "Myanmar's military junta", "the army-led government": a state's military named
        before a word for those who rule is the government it runs."""
        if head.lemma_.lower() not in _INSTITUTIONS | {"junta"} or len(kept) != 1:
            return None
        actor, _, end, _ = kept[0]
        if actor.sector != "MIL" or end > head.i or not actor.country:
            return None
        return self.base.by_country(actor.country, "GOV")

    def _context_force(self, head: Token, span: Span, sector: str | None) -> Entity | None:
        """ "The army", "the police", "an army patrol", with nothing else said of them, in an
        article whose places lie in one state: that state's force."""
        said = [c.lower_ for c in head.children if c.dep_ not in ("det", "prep", "punct")]
        lemma = head.lemma_.lower()
        bare = lemma in _BARE_FORCES and not said and any(c.lower_ == "the" for c in head.children)
        unit = lemma in _OF_A_GROUP and len(said) == 1 and said[0] in _BARE_FORCES
        if sector not in ("MIL", "COP") or not (bare or unit) or len(set(self.countries)) != 1:
            return None
        force = self.base.by_country(self.countries[0], sector)
        return None if force is None else self._kb(force, span, method="context", score=0.6)

    def _sector(self, head: Token) -> tuple[str | None, str | None]:
        """The sector a phrase's head names, and the group word it took it from: a member or
        a leader is of the group named before it ("gang members", "rebel leaders", "army
        chief"), whatever a leader's own sector."""
        lemma = head.lemma_.lower()
        own = self.lexicon.sector_nouns.get(lemma)
        if lemma not in _OF_A_GROUP and lemma not in self.lexicon.claimant_roles:
            return own, None
        for child in head.lefts:
            group = self.lexicon.sector_nouns.get(child.lemma_.lower())
            if child.dep_ in ("compound", "amod") and group is not None:
                return group, child.lower_
        return own, None

    def _counted(self, head: Token) -> Token | None:
        """What a bare quantity counts: "dozens of supporters", "hundreds of students"."""
        word = head.lower_
        if not (head.like_num or word in self.lexicon.vague_quantities or word in _COUNT_WORDS):
            return None
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)

    def resolve_name(self, own: Span, head: Token, role: str | None, span: Span) -> list[Entity]:
        """The entity of a name on its own, ignoring the words around it."""
        matches = self._kb_matches(own)
        if matches:
            return [
                self._kb(
                    matches[0][0],
                    span,
                    role=role,
                    method="kb",
                    score=1.0,
                )
            ]
        return self._from_ner(own, head, role)[:1]

    def _state(self, country: str, name: str, span: Span, role: str | None, method: str) -> Entity:
        """The state itself as an actor: its knowledge-base entry, or a bare GOV entity."""
        actor = self.base.country_actor(country)
        if actor is not None:
            return self._kb(actor, span, role=role, method=method, score=0.8)
        return Entity(
            text=span.text,
            name=self.places.country_names.get(country, name),
            start=span.start_char,
            end=span.end_char,
            country=country,
            sector="GOV",
            role=role,
            method=method,
            score=0.7,
        )

    def _from_ner(self, span: Span, head: Token, role: str | None) -> list[Entity]:
        out: list[Entity] = []
        for ent in joined_people(span):
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            if (
                ent.label_ in ("GPE", "NORP")
                and not ent.start <= head.i < ent.end
                and head.lemma_.lower() in self.lexicon.sector_nouns
            ):
                continue  # "a Palestinian official": a nationality, kept as the country
            if ent.label_ in ("GPE", "NORP") and flag_of(ent):
                continue  # "a Liberian-flagged carrier": the ship's flag, not the state
            name = ent.text.removeprefix("the ").removeprefix("The ")
            whole = hyphen_run(ent.doc, ent)
            if whole.end > ent.end and self._place_named(whole.text, any_size=True):
                continue  # "Croix" of "Croix-des-Bouquets": part of a place's name
            said = named_as_place(ent.doc, ent)  # "the village of X": any size will do
            if (
                ent.label_ in ("PERSON", "ORG")
                and (said or ent.root.dep_ in ("dobj", "pobj") or names_scene(ent.root))
                and self._place_named(name, any_size=said)
            ):
                # "shelled Kherson", "fired rockets at Ashkelon", "a Tulkarm raid": a place
                continue
            country: str | None = None
            sector: str | None = None
            if ent.label_ in ("GPE", "NORP"):
                country = self.base.demonyms.get(ent.text.lower()) or self._country_named(name)
                if country is None:
                    continue
                out.append(self._state(country, name, span, role, method="ner-country"))
                continue
            if ent.label_ == "ORG":
                lowered = name.lower()
                sector = next((code for word, code in _ORG_SECTORS if word in lowered), None)
                country = self.country_of(ent)
            out.append(
                _from_span(
                    span, name, country=country, sector=sector, role=role, method="ner", score=0.6
                )
            )
        return out
