"""Turn an article's raw mentions into sourced event records.

Resolves actors, places and dates; binds pronouns and quotes to their speakers; merges a
mention into the earlier one it refers back to ("the operation"); sets certainty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from eventcoder.config import Settings
from eventcoder.extract.arguments import names_scene, phrase
from eventcoder.extract.claims import RawClaim
from eventcoder.extract.lexicon import Lexicon
from eventcoder.extract.mentions import ArticleParse, RawMention
from eventcoder.extract.toll_words import suffers
from eventcoder.extract.where import is_modifier, is_origin
from eventcoder.model import (
    Article,
    Claim,
    ClaimantType,
    Entity,
    EventMention,
    Place,
    Precision,
    Span,
    stable_id,
)
from eventcoder.ontology import Ontology
from eventcoder.resolve.acled import classify
from eventcoder.resolve.actors import ActorBase
from eventcoder.resolve.claimant_types import claimant_type
from eventcoder.resolve.dates import parse_published, resolve_date
from eventcoder.resolve.draft import Draft
from eventcoder.resolve.entities import (
    EntityResolver,
    anaphoric_owner,
    group_anaphor,
    is_pronoun,
)
from eventcoder.resolve.judgement import aux_after_dates, certainty, confidence
from eventcoder.resolve.own_forces import bind_own_forces, body_force
from eventcoder.resolve.sides import between_apart
from eventcoder.resolve.toponyms import PRECISION_RANK
from eventcoder.text.ents import span_ents

if TYPE_CHECKING:
    from spacy.tokens import Span as TextSpan
    from spacy.tokens import Token

_PHYSICAL_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"}
_OWN_ACTION_TYPES = {
    "RETREAT",
    "CONCEDE",
    "AGREE",
    "AID",
    "CONSULT",
    "COOPERATE",
    "SUPPORT",
    "REQUEST",
    "REJECT",
    "THREATEN",
    "MOBILIZE",
}
_STATE = {"MIL", "GOV", "COP", "SPY"}
_ACTING_CLAIMANTS = {
    ClaimantType.PARTY,
    ClaimantType.SPOKESPERSON,
    ClaimantType.OFFICIAL,
    ClaimantType.GOVERNMENT,
}


def _acting(token: Token, raw: RawMention, place: Place | None = None) -> bool:
    """A place name that is the subject of the event's own verb ("Israel kills 25 in Gaza",
    "Russia and Ukraine agreed"), a state named as the agent ("an attack by the Russian
    Federation") or as the other party of a non-physical act: the state acting, not where."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if place is not None and place.precision is Precision.COUNTRY:
        if token.dep_ == "pobj" and token.head.lower_ == "by":
            return True
        # "Militiaman killed as Ukraine attacks ...": a state that is the subject of a verb
        # inside the event's clause acts there too.
        if token.dep_ == "nsubj" and token.head.pos_ == "VERB" and raw.clause in token.ancestors:
            return True
        # "Ukraine accused Russia", "talks with Iran": a state that is the other party of a
        # non-physical act is a participant, not where it took place.
        if (
            raw.entry.event not in _PHYSICAL_TYPES
            and token.dep_ == "dobj"
            and token.head.i in (raw.trigger.i, raw.clause.i)
        ):
            return True
    return token.dep_ == "nsubj" and token.head.i in (raw.trigger.i, raw.clause.i)


def _same_side(one: Entity, other: Entity) -> bool:
    """Two entities of one side: the same name, or forces of the same state."""
    return one.name == other.name or (one.country is not None and one.country == other.country)


def _judged_party(token: Token, raw: RawMention) -> bool:
    """ "blames Kiev for the downing": the one a judged act is pinned on, the object of the
    verb above it, is not where it happened. (Subjects of the verbs above are left out by
    the subject rules in `_location`.)"""
    judged = raw.clause == raw.trigger and raw.trigger.pos_ in ("NOUN", "PROPN")
    return judged and token.dep_ == "dobj" and token.head in raw.clause.ancestors


def _other_clause(token: Token, raw: RawMention, marks: frozenset[str] = frozenset()) -> bool:
    """ "...said 12 civilians had been killed, and that thousands had fled towards Kisangani":
    a place in a sibling clause belongs to that clause's act, not this one; so does a place in
    a clause introduced by one of `marks` ("... until the aggression on Gaza stops")."""
    for step in token.ancestors:
        if step in (raw.clause, raw.trigger):
            break
        if any(c.dep_ == "mark" and c.lower_ in marks for c in step.children):
            return True  # the tagger may take the clause's verb for a noun ("until ... stops")
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb in (raw.clause, raw.trigger) or verb in raw.clause.ancestors:
        return False
    if raw.clause not in verb.ancestors:
        return True
    # below this clause, but where a second act joined to it went ("killed ..., and that
    # thousands had fled towards X"); where a joined act took place may be this one's too
    if token.head.lower_ not in ("towards", "toward", "to", "into"):
        return False
    step = verb
    while step != raw.clause:
        if step.dep_ == "conj" and step.pos_ in ("VERB", "AUX"):
            return True
        step = step.head
    return False


def _speakers_place(name: TextSpan, raw: RawMention) -> bool:
    """A place inside the phrase of who tells the event ("medics at al-Aqsa Hospital said")."""
    claim = raw.claim
    return (
        claim is not None
        and claim.claimant is not None
        and claim.start <= name.start_char < claim.end
    )


def _named(token: Token) -> bool:
    """The phrase carries a name of its own ("the group's Al-Masirah TV"): the speaker is
    what that name resolves to, not the owner."""
    return token.pos_ == "PROPN" or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children
    )


@dataclasses.dataclass(slots=True)
class Assembler:
    article: Article
    parse: ArticleParse
    places: dict[int, Place]
    resolver: EntityResolver
    base: ActorBase
    lexicon: Lexicon
    ontology: Ontology
    settings: Settings
    claimants: list[Entity] = dataclasses.field(default_factory=list)
    registered: int = -1

    def register_claims(self, until: int) -> None:
        """Resolve the speakers of sentences up to `until`, so later references find them."""
        for index in range(self.registered + 1, until + 1):
            raw = self.parse.sentence_claims.get(index)
            if raw is not None and raw.claimant is not None and not raw.pronoun:
                self._claimant(raw.claimant)
        self.registered = max(self.registered, until)

    # -- claims -------------------------------------------------------------------------
    def _claimant(self, token: Token | None) -> Entity | None:
        if token is None:
            return self.claimants[-1] if self.claimants else None
        if token.pos_ == "PRON" and not self.base.names_actor(token.text):
            # "Houthis claim ...", tagged a pronoun: a name the knowledge base knows is none
            return self.claimants[-1] if self.claimants else None
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        bare = not any(c.dep_ in ("prep", "poss", "compound", "amod") for c in token.children)
        if "the" in determiners and token.pos_ == "NOUN" and bare:
            # "the governor" again; but "the governor of Belgorod region" is another one
            for previous in reversed(self.claimants):
                if previous.role == token.lemma_.lower():
                    return previous
        if group_anaphor(token):
            owner = self._sentence_org(token)  # "..., the group said": the group named before
            if owner is not None:
                self.claimants.append(owner)
                return owner
        role = token.lemma_.lower() if token.lemma_.lower() in self.lexicon.claimant_roles else None
        if role in self.lexicon.local_roles and not bare:
            span = phrase(token)
            entity = Entity(
                text=span.text,
                name=span.text,
                start=span.start_char,
                end=span.end_char,
                country=self.resolver.country_of(span),
                role=role,
                method="phrase",
                score=0.5,
            )
            self.claimants.append(entity)
            return entity
        if anaphoric_owner(token) and not _named(token):
            owner = self._sentence_org(token)
            if owner is not None:
                span = phrase(token)
                entity = dataclasses.replace(
                    owner,
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    role=role,
                    method="owner",
                    score=0.7,
                )
                self.claimants.append(entity)
                return entity
        entities = self.resolver.resolve(token)
        if entities:
            entity = entities[0]
            if role and entity.role is None:
                entity = dataclasses.replace(entity, role=role)
        else:
            span = phrase(token)
            entity = Entity(
                text=span.text,
                name=span.text,
                start=span.start_char,
                end=span.end_char,
                role=role,
                method="phrase",
                score=0.4,
            )
        self.claimants.append(entity)
        return entity

    def _sentence_org(self, token: Token) -> Entity | None:
        """The organisation "the group" or "its" refers to: the first one named in the
        sentence, else the last speaker."""
        sent = token.sent
        for ent in span_ents(sent):
            if ent.label_ not in ("ORG", "NORP", "GPE") or ent.start <= token.i < ent.end:
                continue
            for entity in self.resolver.resolve(ent.root):
                if entity.actor_id:
                    return entity
        return self.claimants[-1] if self.claimants else None

    def _via(self, token: Token | None, *, relayed: bool = False) -> str | None:
        """The outlet's name in full ("Al Jazeera", "the Times of Israel"); a bare proper noun
        counts only if it is an organisation or an outlet the knowledge base knows. A speaker
        relaying another's claim is named by their phrase ("a UN official")."""
        if token is None:
            return None
        if relayed:
            return phrase(token).text
        span = token.doc[token.left_edge.i : token.right_edge.i + 1]
        if len(span) > 12:
            span = token.doc[token.left_edge.i : token.i + 1]
        words = {t.lemma_.lower() for t in span}
        known = any(e.sector == "MED" for e in self.resolver.resolve(token))
        if not (known or token.ent_type_ == "ORG" or words & self.lexicon.media_words):
            return None
        return span.text

    def _claim(self, raw: RawClaim) -> Claim:
        claimant = self._claimant(raw.claimant)
        via = self._via(raw.via, relayed=raw.relayed)
        return Claim(
            claimant=claimant,
            claimant_type=claimant_type(claimant, self.lexicon),
            verb=raw.verb,
            via=via,
            quote=None,
            start=raw.start,
            end=raw.end,
        )

    def _quote_claim(self, position: int) -> Claim | None:
        for index, sent in enumerate(self.parse.sents):
            if sent.start_char <= position < sent.end_char:
                raw = self.parse.sentence_claims.get(index)
                if raw is None:
                    return None
                claim = self._claim(raw)
                quote_end = self.article.text.find("”", position)
                quote = self.article.text[position + 1 : quote_end] if quote_end > 0 else None
                return dataclasses.replace(claim, quote=quote[:500] if quote else None)
        return None

    # -- arguments ----------------------------------------------------------------------
    def _speaker_org(self, claim: Claim | None) -> Entity | None:
        if claim is None or claim.claimant is None:
            return None
        speaker = claim.claimant
        actor = self.base.actors.get(speaker.actor_id or "")
        if actor is not None and actor.kind == "person" and actor.parent in self.base.actors:
            parent = self.base.actors[actor.parent]
            return self.base.entity(
                parent,
                text=speaker.text,
                start=speaker.start,
                end=speaker.end,
                method="speaker",
                score=0.8,
            )
        return speaker if speaker.actor_id or speaker.sector else None

    def _entities(self, heads: tuple[Token, ...], claim: Claim | None) -> list[Entity]:
        out: list[Entity] = []
        for head in heads:
            if is_pronoun(head):
                speaker = self._speaker_org(claim)
                if speaker is not None and group_anaphor(head) and speaker.sector in _STATE:
                    speaker = None  # "the army said the group attacked": someone else
                if speaker is not None:
                    # "the ministry said its forces": the state's forces, not the ministry
                    speaker = body_force(speaker, head.lemma_.lower(), self.base) or speaker
                    span = phrase(head)
                    out.append(
                        dataclasses.replace(
                            speaker,
                            text=span.text,
                            start=span.start_char,
                            end=span.end_char,
                            method="pronoun",
                            score=0.7,
                        )
                    )
                continue
            for entity in self.resolver.resolve(head):
                if all(entity.name != seen.name for seen in out):
                    out.append(entity)
        return out

    def _with_country(
        self, raw: RawMention, actors: list[Entity], recipients: list[Entity]
    ) -> list[Entity]:
        """Actors the knowledge base does not know get the one state their sentence names
        ("Judge X opened investigations against Chilean officials" -> CHL), if just one."""
        if all(a.country or a.actor_id for a in actors):
            return actors
        sent = raw.sent
        named = {
            p.country
            for p in self.places.values()
            if p.country
            and p.start is not None
            and sent.start_char <= p.start < sent.end_char
            and p.precision.value == "country"
        }
        named -= {r.country for r in recipients}  # the state acted on is not the actor's
        if len(named) != 1:
            return actors
        country = next(iter(named))
        return [
            a
            if a.country or a.actor_id
            else dataclasses.replace(a, country=country, score=a.score * 0.8)
            for a in actors
        ]

    def _bind_generic(self, actors: list[Entity], claim: Claim | None) -> list[Entity]:
        """Unnamed forces in a party's own statement are that party's ("the army said troops
        pushed back...")."""
        return bind_own_forces(actors, self._speaker_org(claim), self.base)

    def _scene(self, token: Token) -> Place | None:
        """A town compounded with an incident noun ("a Jenin raid", "the Tulkarm operation"):
        where it happened, not who did it or to whom. A state so named ("an Iran attack")
        stays ambiguous and is left to the other rules."""
        if not names_scene(token):
            return None
        for place in self.places.values():
            if (
                place.start is not None
                and place.end is not None
                and place.start <= token.idx < place.end
                and place.precision is not Precision.COUNTRY
                and place.method != "demonym"
            ):
                return place
        return None

    def _scene_options(self, raw: RawMention) -> list[tuple[int, int, Place]]:
        options: list[tuple[int, int, Place]] = []
        for token in raw.scope:
            place = self._scene(token)
            if place is None or any(o[2].start == place.start for o in options):
                continue
            noun = token.head
            while noun.dep_ == "compound" and noun.pos_ == "PROPN" and noun.head != noun:
                noun = noun.head
            tied = noun in (raw.trigger, raw.clause) or raw.clause in noun.ancestors
            options.append((0 if tied else 1, PRECISION_RANK[place.precision] * 10, place))
        return options

    def _location(self, raw: RawMention) -> Place | None:
        options: list[tuple[int, int, Place]] = []
        origins: list[Place] = []
        physical = raw.entry.event in _PHYSICAL_TYPES
        # an event told as having happened is not where its condition or reason is; one told
        # with its condition ("would be killed if deported to Kenya") may be
        marks = self.lexicon.modality.get("own_place_marks", frozenset())
        if raw.aux_mode is not None:
            marks -= self.lexicon.modality.get("condition_marks", frozenset())
        if physical:
            options += self._scene_options(raw)
        for order, (name, span, attached) in enumerate(raw.places):
            place = self.places.get(name.start_char)
            if place is not None and (is_origin(name.root) or _speakers_place(name, raw)):
                # "rockets fired from Gaza struck Sderot", "medics at Nasser Hospital said":
                # where the fire came from or the speaker is, only when nothing else is said
                origins.append(place)
                continue
            if (
                place is None
                or not (attached or physical)
                or _acting(name.root, raw, place)
                # "Moscow could strike Kyiv if ...": the subject of another clause acts
                # there, it is not where this event is
                or (not attached and name.root.dep_ == "nsubj")
            ):
                continue
            if _other_clause(name.root, raw, marks) or (
                not attached and _judged_party(name.root, raw)
            ):
                continue
            in_clause = attached
            options.append(
                (
                    0 if in_clause else 1,
                    PRECISION_RANK[place.precision] * 10 + order,
                    dataclasses.replace(
                        place, text=span.text, start=span.start_char, end=span.end_char
                    ),
                )
            )
        if not options and physical:
            sent = raw.scope
            for place in self.places.values():
                if (
                    place.method != "demonym"
                    and place.start is not None
                    and place.end is not None
                    and sent.start_char <= place.start < sent.end_char
                ):
                    named = sent.doc.char_span(place.start, place.end)
                    if named is not None and (
                        is_modifier(named)
                        or _acting(named.root, raw, place)
                        or _judged_party(named.root, raw)
                        or _other_clause(named.root, raw, marks)
                        or named.root.dep_ == "nsubj"  # as above
                        or is_origin(named.root)
                        or _speakers_place(named, raw)
                    ):
                        continue
                    options.append((1, PRECISION_RANK[place.precision] * 10, place))
        if not options:
            return origins[0] if origins and physical else None
        if physical:  # where it happened: the most precise place the sentence gives
            return min(options, key=lambda item: (item[1] // 10, item[0], item[1]))[2]
        return min(options, key=lambda item: (item[0], item[1]))[2]

    def _speaker_acting(self, claim: Claim | None, recipients: list[Entity]) -> list[Entity]:
        """The party that tells its own act as the actor, unless it is the side acted on."""
        speaker = self._speaker_org(claim)
        if (
            speaker is None
            or claim is None
            or claim.claimant_type not in _ACTING_CLAIMANTS
            or any(_same_side(speaker, r) for r in recipients)
        ):
            return []
        return [dataclasses.replace(speaker, method="speaker", score=0.6)]

    def draft(self, raw: RawMention, published: dt.date | None) -> Draft:
        self.register_claims(raw.sent_index - 1)
        claim = (
            self._claim(raw.claim)
            if raw.claim is not None
            else (self._quote_claim(raw.quoted_from) if raw.quoted_from is not None else None)
        )
        scenes = {o[2].start for o in self._scene_options(raw)}
        actors = self._bind_generic(
            [a for a in self._entities(raw.actors, claim) if a.start not in scenes], claim
        )
        recipients = [
            r
            for r in self._bind_generic(self._entities(raw.recipients, claim), claim)
            if all(r.name != a.name for a in actors) and r.start not in scenes
        ]
        actors, recipients = between_apart(self.resolver, raw.actors, actors, recipients)
        actors = self._with_country(raw, actors, recipients)
        agentless = raw.trigger.pos_ == "VERB" and (
            any(c.dep_ in ("auxpass", "nsubjpass") for c in raw.trigger.children)
            or raw.trigger.dep_ in ("xcomp", "advcl", "acl")
        )
        # "the enemy lost 40 soldiers, the ministry said": the side that reports the
        # other's losses inflicted them
        inflicted = raw.entry.event == "ASSAULT" and suffers(raw.clause)
        if not actors and (
            (agentless and raw.entry.event in _OWN_ACTION_TYPES) or (inflicted and recipients)
        ):
            actors = self._speaker_acting(claim, recipients)
        window = self.settings.publication_window_days
        date = resolve_date(list(raw.dates), published, window_days=window)
        if (
            date is not None
            and published is not None
            and date.start > published.isoformat()
            and raw.trigger.pos_ == "VERB"
            and raw.entry.event in self.lexicon.modality["said_now"]
        ):  # "called for protests next week": the call is made now, the protests come later
            date = resolve_date([], published, window_days=window)
        return Draft(
            raw=raw,
            actors=actors,
            recipients=recipients,
            location=self._location(raw),
            date=date,
            casualties=raw.casualties,
            claims=[claim] if claim is not None else [],
            aux_mode=raw.aux_mode,
        )


def finish(
    drafts: list[Draft], article: Article, base: ActorBase, ontology: Ontology
) -> list[EventMention]:
    """Frozen event records for the drafts that were not merged into another."""
    published = parse_published(article.published)
    out: list[EventMention] = []
    for draft in drafts:
        if draft.merged or (
            draft.raw.entry.weight < 0.7
            and not (
                draft.actors
                or draft.recipients
                or draft.location
                or draft.casualties
                or draft.claims
            )
        ):
            continue  # a trigger word with nothing around it is no event record
        raw = draft.raw
        sent = raw.sent
        text = sent.text.strip()
        begin = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        trigger_end = raw.trigger.doc[raw.end - 1]
        mode, acled = classify(raw, draft.actors, draft.recipients, draft.casualties, ontology)
        event = raw.entry.event
        if mode is not None and mode not in ontology.types[event].modes:
            # "seized a military base": ground taken is an assault's occupation, not a seizure
            owner = next(
                (t for t in ("ASSAULT", "COERCE") if mode in ontology.types[t].modes), None
            )
            if owner is not None:
                event = owner
            else:
                mode = raw.entry.mode
        out.append(
            EventMention(
                id=stable_id(article.id, str(raw.trigger.idx), raw.entry.event),
                article_id=article.id,
                event=event,
                mode=mode,
                context=raw.entry.context,
                aux_mode=aux_after_dates(draft, published),
                actor=tuple(draft.actors),
                recipient=tuple(draft.recipients),
                location=draft.location,
                date=draft.date,
                casualties=draft.casualties,
                claims=tuple(draft.claims),
                certainty=certainty(draft, base),
                confidence=confidence(draft),
                acled=acled,
                evidence=Span(text=text, start=begin, end=begin + len(text)),
                trigger=Span(
                    text=article.text[raw.trigger.idx : trigger_end.idx + len(trigger_end)],
                    start=raw.trigger.idx,
                    end=trigger_end.idx + len(trigger_end),
                ),
            )
        )
    return out
