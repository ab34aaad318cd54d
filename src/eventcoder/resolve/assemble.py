"""Turn an article's raw mentions into sourced event records.

Resolves actors, places and dates; binds pronouns and quotes to their speakers; merges a
mention into the earlier one it refers back to ("the operation"); sets certainty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from eventcoder.config import Settings
from eventcoder.extract.arguments import is_modifier, phrase
from eventcoder.extract.claims import RawClaim
from eventcoder.extract.lexicon import Lexicon
from eventcoder.extract.mentions import ArticleParse, RawMention
from eventcoder.model import (
    Article,
    AuxMode,
    Casualties,
    Certainty,
    Claim,
    ClaimantType,
    DateBasis,
    DateRange,
    Entity,
    EventMention,
    Place,
    Span,
    stable_id,
)
from eventcoder.ontology import Ontology
from eventcoder.resolve.acled import classify, crowd_codes
from eventcoder.resolve.actors import ActorBase
from eventcoder.resolve.dates import parse_published, resolve_date
from eventcoder.resolve.entities import EntityResolver, anaphoric_owner, is_pronoun
from eventcoder.resolve.toponyms import PRECISION_RANK

if TYPE_CHECKING:
    from spacy.tokens import Token

_GENERIC_TRIGGERS = {"target", "attack", "strike", "hit", "operation", "assault", "raid"}
_ARMED = {"MIL", "REB", "UAF", "COP", "SPY"}
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
_CLAIMANT_SECTORS = {
    "MED": ClaimantType.MEDIA,
    "NGO": ClaimantType.NGO,
    "IGO": ClaimantType.NGO,
    "HLH": ClaimantType.MEDICAL,
    "GOV": ClaimantType.GOVERNMENT,
    "MIL": ClaimantType.GOVERNMENT,
    "COP": ClaimantType.GOVERNMENT,
    "REB": ClaimantType.PARTY,
    "UAF": ClaimantType.PARTY,
    "PTY": ClaimantType.PARTY,
}


@dataclasses.dataclass(slots=True)
class _Draft:
    """A mention being assembled; becomes a frozen EventMention at the end."""

    raw: RawMention
    actors: list[Entity]
    recipients: list[Entity]
    location: Place | None
    date: DateRange | None
    casualties: Casualties | None
    claims: list[Claim]
    aux_mode: AuxMode | None
    merged: bool = False


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
        if token.pos_ == "PRON":
            return self.claimants[-1] if self.claimants else None
        determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
        if "the" in determiners and token.pos_ == "NOUN":
            for previous in reversed(self.claimants):
                if previous.role == token.lemma_.lower():
                    return previous
        role = token.lemma_.lower() if token.lemma_.lower() in self.lexicon.claimant_roles else None
        if anaphoric_owner(token):
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
        for ent in sent.ents:
            if ent.label_ not in ("ORG", "NORP", "GPE") or ent.start <= token.i < ent.end:
                continue
            for entity in self.resolver.resolve(ent.root):
                if entity.actor_id:
                    return entity
        return self.claimants[-1] if self.claimants else None

    def _claimant_type(self, entity: Entity | None) -> ClaimantType:
        if entity is None:
            return ClaimantType.MEDIA
        if entity.role:
            value = self.lexicon.claimant_roles.get(entity.role)
            if value:
                return ClaimantType(value)
        if entity.sector in _CLAIMANT_SECTORS:
            return _CLAIMANT_SECTORS[entity.sector]
        return ClaimantType.ANONYMOUS if entity.method == "phrase" else ClaimantType.OFFICIAL

    def _claim(self, raw: RawClaim) -> Claim:
        claimant = self._claimant(raw.claimant)
        via = raw.via.text if raw.via is not None else None
        return Claim(
            claimant=claimant,
            claimant_type=self._claimant_type(claimant),
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
                if speaker is not None:
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

    def _bind_generic(self, actors: list[Entity], claim: Claim | None) -> list[Entity]:
        """Unnamed forces in a party's own statement are that party's ("the army said troops
        pushed back...")."""
        speaker = self._speaker_org(claim)
        if speaker is None or speaker.sector not in _ARMED | {"GOV"}:
            return actors
        bound: list[Entity] = []
        for actor in actors:
            if (
                actor.method == "generic"
                and actor.sector in _ARMED
                and actor.country
                in (
                    None,
                    speaker.country,
                )
            ):
                actor = dataclasses.replace(
                    speaker,
                    text=actor.text,
                    start=actor.start,
                    end=actor.end,
                    method="speaker",
                    score=0.6,
                )
            bound.append(actor)
        return bound

    def _location(self, raw: RawMention) -> Place | None:
        options: list[tuple[int, int, Place]] = []
        physical = raw.entry.event in _PHYSICAL_TYPES
        for order, (name, span, attached) in enumerate(raw.places):
            place = self.places.get(name.start_char)
            if place is None or not (attached or physical):
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
            sent = raw.sent
            for place in self.places.values():
                if (
                    place.method != "demonym"
                    and place.start is not None
                    and place.end is not None
                    and sent.start_char <= place.start < sent.end_char
                ):
                    named = sent.doc.char_span(place.start, place.end)
                    if named is not None and is_modifier(named):
                        continue
                    options.append((1, PRECISION_RANK[place.precision] * 10, place))
        if not options:
            return None
        if physical:  # where it happened: the most precise place the sentence gives
            return min(options, key=lambda item: (item[1] // 10, item[0], item[1]))[2]
        return min(options, key=lambda item: (item[0], item[1]))[2]

    def draft(self, raw: RawMention, published: dt.date | None) -> _Draft:
        self.register_claims(raw.sent_index - 1)
        claim = (
            self._claim(raw.claim)
            if raw.claim is not None
            else (self._quote_claim(raw.quoted_from) if raw.quoted_from is not None else None)
        )
        actors = self._bind_generic(self._entities(raw.actors, claim), claim)
        recipients = [
            r
            for r in self._entities(raw.recipients, claim)
            if all(r.name != a.name for a in actors)
        ]
        agentless = raw.trigger.pos_ == "VERB" and (
            any(c.dep_ in ("auxpass", "nsubjpass") for c in raw.trigger.children)
            or raw.trigger.dep_ in ("xcomp", "advcl", "acl")
        )
        if not actors and agentless and raw.entry.event in _OWN_ACTION_TYPES:
            speaker = self._speaker_org(claim)
            if (
                speaker is not None
                and claim is not None
                and claim.claimant_type
                in (
                    ClaimantType.PARTY,
                    ClaimantType.SPOKESPERSON,
                    ClaimantType.OFFICIAL,
                    ClaimantType.GOVERNMENT,
                )
            ):
                actors = [dataclasses.replace(speaker, method="speaker", score=0.6)]
        date = resolve_date(
            list(raw.dates), published, window_days=self.settings.publication_window_days
        )
        return _Draft(
            raw=raw,
            actors=actors,
            recipients=recipients,
            location=self._location(raw),
            date=date,
            casualties=raw.casualties,
            claims=[claim] if claim is not None else [],
            aux_mode=raw.aux_mode,
        )


def _merge_into(target: _Draft, other: _Draft) -> None:
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


def link_within_article(drafts: list[_Draft], notes: ArticleParse, window: int) -> None:
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


_STATE = {"GOV", "MIL", "COP", "SPY"}


def _sides(base: ActorBase, entities: list[Entity]) -> set[str]:
    """Who an entity speaks or acts for: its actor, the actor's parents, and for state bodies
    the state itself ("a US official" and "the US military" are one side)."""
    ids: set[str] = set()
    for entity in entities:
        if entity.actor_id:
            ids.add(entity.actor_id)
            ids.update(base.ancestors(entity.actor_id))
        if entity.country and entity.sector in _STATE:
            ids.add(f"state:{entity.country}")
        for actor_id in list(ids):
            actor = base.actors.get(actor_id)
            if actor is not None and actor.country and actor.sector in _STATE | {None}:
                ids.add(f"state:{actor.country}")
    return ids


def certainty(draft: _Draft, base: ActorBase) -> Certainty:
    """`claimed` when every claim comes from the acting side; otherwise `reported`.

    One article is one source, so nothing is `corroborated` here; linking across articles does.
    """
    if not draft.claims:
        return Certainty.REPORTED
    actor_side = _sides(base, draft.actors)
    for claim in draft.claims:
        if claim.claimant is None or claim.claimant_type is ClaimantType.MEDIA:
            return Certainty.REPORTED

        claimant_side = _sides(base, [claim.claimant])
        if not (actor_side and claimant_side & actor_side):
            return Certainty.REPORTED
    return Certainty.CLAIMED


_SPEECH = {"say", "state", "tell", "announce", "report", "add", "confirm", "claim", "quote"}


def _depth(token: Token) -> int:
    """Steps from the trigger to the sentence root, not counting verbs of speech: in "X said
    it lifted the ban", "lifted" is the main event."""
    depth = 0
    while token.head != token and depth < 20:
        token = token.head
        if token.lemma_.lower() not in _SPEECH:
            depth += 1
    return depth


def confidence(draft: _Draft) -> float:
    """How likely the record is right: trigger reliability, prominence, filled arguments.

    The sentence's main verb outranks events nested in its complements ("agreed to provide
    aid" is an agreement first).
    """
    depth = _depth(draft.raw.trigger)
    score = 0.25 + 0.3 * draft.raw.entry.weight + 0.3 / (1 + depth)
    score += 0.08 if draft.actors else 0.0
    score += 0.06 if draft.recipients else 0.0
    score += 0.06 if draft.location is not None else 0.0
    score += 0.03 if draft.claims else 0.0
    if draft.date is not None and draft.date.basis is not DateBasis.PUBLICATION:
        score += 0.03
    return round(min(score, 1.0), 3)


def _aux(draft: _Draft, published: dt.date | None) -> AuxMode | None:
    if draft.aux_mode is not None or published is None or draft.date is None:
        return draft.aux_mode
    if draft.date.start > published.isoformat():
        return AuxMode.FUTURE
    if draft.date.end < (published - dt.timedelta(days=365)).isoformat():
        return AuxMode.HISTORICAL
    return None


def finish(
    drafts: list[_Draft], article: Article, base: ActorBase, ontology: Ontology
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
        out.append(
            EventMention(
                id=stable_id(article.id, str(raw.trigger.idx), raw.entry.event),
                article_id=article.id,
                event=raw.entry.event,
                mode=mode,
                context=raw.entry.context,
                aux_mode=_aux(draft, published),
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
    by_sentence: dict[int, list[EventMention]] = {}
    for event in out:
        by_sentence.setdefault(event.evidence.start, []).append(event)
    coded: list[EventMention] = []
    for group in by_sentence.values():
        coded += crowd_codes(group, group[0].evidence.text)
    return coded
