"""Find event mentions in a parsed article: one per clause with a trigger, with its arguments.

The output still points into the parse (tokens and spans); `resolve` turns it into records.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import (
    agents_and_patients,
    clause_head,
    date_phrases,
    place_phrases,
)
from eventcoder.extract.casualties import find_casualties
from eventcoder.extract.claims import RawClaim, find_claim, sentence_claim
from eventcoder.extract.lexicon import Lexicon, Trigger
from eventcoder.extract.modality import aux_mode
from eventcoder.extract.weapons import Weapon, find_weapon
from eventcoder.model import AuxMode, Casualties

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ANAPHORS = {
    "operation",
    "attack",
    "strike",
    "raid",
    "assault",
    "ambush",
    "offensive",
    "incident",
    "bombing",
    "shelling",
    "attacks",
    "strikes",
    "it",
    "this",
}
_QUOTES = re.compile(r"“[^”]{1,3000}”|\"[^\"]{1,3000}\"")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RawMention:
    """An event trigger with the parse pieces of its arguments, claim and modality."""

    trigger: Token
    end: int
    entry: Trigger
    sent_index: int
    sent: Span
    clause: Token
    actors: tuple[Token, ...]
    recipients: tuple[Token, ...]
    places: tuple[tuple[Span, Span, bool], ...]
    dates: tuple[str, ...]
    casualties: Casualties | None
    claim: RawClaim | None
    quoted_from: int | None
    aux_mode: AuxMode | None
    anaphoric: bool
    # The part of the sentence the mention's toll, weapon and places come from: the whole
    # sentence, or one side of "X killed three in A, while a bomb wounded five in B".
    scope: Span
    weapon: Weapon | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CasualtyNote:
    """Casualty figures in a sentence with no trigger of its own ("The raid left 3 dead")."""

    sent_index: int
    casualties: Casualties
    anaphoric: bool


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArticleParse:
    doc: Doc
    sents: tuple[Span, ...]
    mentions: tuple[RawMention, ...]
    notes: tuple[CasualtyNote, ...]
    sentence_claims: dict[int, RawClaim]


# Objects that are ground, not goods: "seized the town" takes territory, "seized weapons"
# takes property.
_GROUND = {
    "town",
    "city",
    "village",
    "base",
    "post",
    "outpost",
    "airport",
    "airbase",
    "checkpoint",
    "position",
    "territory",
    "area",
    "district",
    "bridge",
    "camp",
    "hill",
    "crossing",
    "stronghold",
    "border",
    "garrison",
    "headquarters",
    "port",
    "settlement",
}


def _takes_ground(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child.lemma_.lower() in _GROUND or child.ent_type_ in ("GPE", "LOC", "FAC")
    return False


# Verbs whose "strikes" are attacks ("launched strikes", "carried out strikes", "strikes
# killed"); a labour strike is begun, called, held or ended.
_ATTACK_VERBS = {
    "launch",
    "carry",
    "conduct",
    "resume",
    "intensify",
    "order",
    "mount",
    "unleash",
    "kill",
    "hit",
    "destroy",
    "target",
    "wound",
    "injure",
    "damage",
}
_AIMED_PREPS = {"on", "against", "at", "near", "targeting"}
_WALKOUTS = {"hunger", "general", "labour", "labor", "nationwide", "warning", "wildcat", "sit"}


def _aimed(noun: Token) -> bool:
    """A noun like "strikes" names an attack: aimed at something ("strikes on Kharkiv"), made
    by a state or group ("Israeli strikes"), or launched, or killing; never a "hunger strike"
    or a "general strike"."""
    if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _WALKOUTS for c in noun.children):
        return False
    for child in noun.children:
        targets = [o for o in child.children if o.dep_ == "pobj"]
        if (
            child.dep_ == "prep"
            and child.lower_ in _AIMED_PREPS
            and any(o.ent_type_ not in ("DATE", "TIME") for o in targets)  # not "on Monday"
        ):
            return True
        if child.dep_ in ("amod", "compound", "poss") and child.ent_type_ in ("NORP", "GPE"):
            return True
    head = noun.head
    if noun.dep_ in ("dobj", "nsubj", "pobj") and head.lemma_.lower() in _ATTACK_VERBS:
        return True
    return noun.dep_ == "pobj" and head.head.lemma_.lower() in _ATTACK_VERBS  # "killed in"


def match_trigger(token: Token, lexicon: Lexicon) -> tuple[Trigger, int] | None:
    """The longest lexicon trigger starting at this token, and the index after it. A verb
    listed both for taking ground and for another act ("seize") is the first only with
    ground as its object; a noun listed both as an attack and as something else ("strike")
    is the attack only when aimed, made by a state or launched."""
    options = lexicon.triggers.get(token.lemma_.lower()) or lexicon.triggers.get(token.lower_)
    if not options:
        return None
    found: list[tuple[Trigger, int]] = []
    for entry in options:
        if token.pos_ not in entry.pos:
            continue
        end = _match_rest(token, entry.lemmas[1:])
        if end is None:
            end = _particle_apart(token, entry.lemmas[1:])
        if end is not None:
            found.append((entry, end))
    if not found:
        return None
    same = [f for f in found if len(f[0].lemmas) == len(found[0][0].lemmas)]
    if len(same) > 1 and any(f[0].mode == "occupy" for f in same):
        ground = _takes_ground(token)
        return next(f for f in same if (f[0].mode == "occupy") == ground)
    if len(same) > 1 and any(f[0].event == "ASSAULT" for f in same) and token.pos_ == "NOUN":
        attack = _aimed(token)
        return next(f for f in same if (f[0].event == "ASSAULT") == attack)
    return found[0]


def event_word(token: Token, lexicon: Lexicon) -> tuple[Trigger, int] | None:
    """The trigger at a token when the word names an event here, not a name, a description
    ("the besieged enclave", "striking doctors"), a modifier ("protest movement") or an
    attribution ("denied carrying out a strike")."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC") and token.pos_ == "PROPN":
        return None
    if token.dep_ == "amod" and token.pos_ == "VERB" and not _headline_gerund(token, lexicon):
        return None
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("compound", "nmod")
        and (
            token.head.lemma_.lower() in lexicon.sector_nouns
            or token.head.lemma_.lower() in ("movement", "group", "helicopter", "vehicle")
        )
    ):
        return None
    if (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and token.head.lower_ in lexicon.modality["background_preps"]
    ):
        return None  # "fighting surges despite truce": the backdrop, not the news
    if _attributes(token, lexicon):
        return None
    return match_trigger(token, lexicon)


def _particle_apart(token: Token, rest: tuple[str, ...]) -> int | None:
    """A phrasal verb with its object between verb and particle ("handed the city back",
    "blew it up"): the particle hangs from the verb, however far away."""
    if len(rest) != 1 or token.pos_ != "VERB":
        return None
    if any(
        c.dep_ in ("prt", "advmod") and c.i > token.i + 1 and _same(c, rest[0])
        for c in token.children
    ):
        return token.i + 1
    return None


def _same(token: Token, lemma: str) -> bool:
    return token.lemma_.lower() == lemma or token.lower_ == lemma


def _match_rest(token: Token, rest: tuple[str, ...]) -> int | None:
    """Match the lemmas after a trigger's first; `*` skips up to three words ("set up * base")."""
    doc = token.doc
    position = token.i + 1
    gap = False
    for lemma in rest:
        if lemma == "*":
            gap = True
            continue
        limit = min(len(doc), position + (6 if gap else 1))

        found = next((i for i in range(position, limit) if _same(doc[i], lemma)), None)
        if found is None or doc[found].is_sent_start:
            return None
        position = found + 1
        gap = False
    return position


_REPORT_NOUNS = {
    "report",
    "claim",
    "allegation",
    "accusation",
    "charge",
    "suggestion",
    "rumour",
    "rumor",
    "responsibility",
    "involvement",
    "account",
    "story",
}


def _headline_gerund(token: Token, lexicon: Lexicon) -> bool:
    """ "Russia denies striking hospital": without an article the parser reads the gerund as
    an adjective of its object ("striking doctors"); right after a denial it is the act."""
    verb = token.head.head
    return (
        token.tag_ == "VBG"
        and token.head.dep_ == "dobj"
        and token.i == verb.i + 1
        and lexicon.reporting.get(verb.lemma_.lower()) == "deny"
    )


def _attributes(token: Token, lexicon: Lexicon) -> bool:
    """A reporting verb used as attribution: it governs a clause ("denied that ...",
    "denied carrying out"), a report ("dismissed reports that ...") or, denying, an event
    ("denied the attack")."""
    stance = lexicon.reporting.get(token.lemma_.lower())
    if stance is None:
        return False
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp"):
            return True
        if stance == "deny" and child.dep_ == "dobj" and child.lemma_.lower() in _REPORT_NOUNS:
            return True
        if stance == "deny" and any(_headline_gerund(c, lexicon) for c in child.children):
            return True
        if stance == "deny" and child.dep_ == "dobj" and child.pos_ == "NOUN":
            # "denied the attack": the attack is the event, and it is denied
            found = match_trigger(child, lexicon)
            if found is not None and found[0].event in ("ASSAULT", "COERCE"):
                return True
    return False


def _complement_of(inner: Token, outer: Token) -> bool:
    """The inner clause completes the outer verb ("agreed to extend", "agreed to try to
    extend"): an open complement says what the one act was, not a second act."""
    current = inner
    for _ in range(3):
        if current.dep_ != "xcomp":
            return False
        current = current.head
        if current == outer:
            return True
    return False


def _drop_nested(
    chosen: list[tuple[float, Token, int, Trigger]],
) -> list[tuple[float, Token, int, Trigger]]:
    """Of two same-type triggers whose clauses nest ("carried out an operation, targeting"),
    drop the generic one. A trigger inside the verb's own complement ("agreed to extend a
    ceasefire") is the same event: the verb stays and takes the inner trigger's mode."""
    kept = list(chosen)
    for item in chosen:
        for other in chosen:
            if item is other or item not in kept or other not in kept:
                continue
            if item[3].event != other[3].event:
                continue
            outer, inner = clause_head(item[1]), clause_head(other[1])
            if outer in inner.ancestors and item[3].weight < 0.5 <= other[3].weight:
                kept.remove(item)
            elif item[1] == outer and _complement_of(inner, outer):
                entry = item[3]
                if entry.mode is None:
                    entry = dataclasses.replace(entry, mode=other[3].mode)
                kept[kept.index(item)] = (item[0], item[1], item[2], entry)
                kept.remove(other)
    return kept


# Words joining a second incident to the first in one sentence ("..., while a bomb wounded
# five in B"); "after" or "as" more often tie the toll to its cause, so they do not split.
_CONTRASTS = {"while", "whereas", "meanwhile"}


def _incident_clauses(sent: Span, triggers: list[Token]) -> list[Span]:
    """Clauses of the sentence that tell an attack of their own: a verb with its own subject
    joined by "while" or by a conjunction after a comma, with an attack inside and another
    outside."""
    doc = sent.doc
    out: list[Span] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.head == verb:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
            continue
        marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod", "cc")}
        joined = verb.dep_ == "advcl" and bool(marks & _CONTRASTS)
        if verb.dep_ == "conj":
            before = doc[verb.left_edge.i - 1] if verb.left_edge.i > sent.start else None
            joined = (
                before is not None
                and before.dep_ == "cc"
                and (doc[before.i - 1].text in (",", ";") if before.i > sent.start else False)
            )
        if not joined:
            continue
        span = doc[verb.left_edge.i : verb.right_edge.i + 1]
        inside = [t for t in triggers if span.start <= t.i < span.end]
        if inside and len(inside) < len(triggers):
            out.append(span)
    return out


def _scope(trigger: Token, sent: Span, parts: list[Span]) -> Span:
    """The innermost incident clause holding the trigger, else the stretch of the sentence
    around it that holds none."""
    inside = [p for p in parts if p.start <= trigger.i < p.end]
    if inside:
        return min(inside, key=len)
    start, end = sent.start, sent.end
    for part in parts:
        if part.end <= trigger.i:
            start = max(start, part.end)
        elif part.start > trigger.i:
            end = min(end, part.start)
    return sent.doc[start:end]


def _anaphoric(trigger: Token, clause: Token) -> bool:
    candidates = [trigger] + [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for token in candidates:
        if token.lower_ in ("it", "this") and token.dep_.startswith("nsubj"):
            return True
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        if token.lemma_.lower() in _ANAPHORS and determiners & {"the", "this", "that", "its"}:
            return True
    return False


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _quoted_from(position: int, quotes: list[tuple[int, int]]) -> int | None:
    for start, end in quotes:
        if start <= position < end:
            return start
    return None


def find_mentions(doc: Doc, lexicon: Lexicon, *, min_weight: float) -> ArticleParse:
    """Every event mention of a parsed article, at most one per clause."""
    sents = tuple(doc.sents)
    quotes = _quote_spans(doc.text)
    mentions: list[RawMention] = []
    notes: list[CasualtyNote] = []
    sentence_claims: dict[int, RawClaim] = {}
    for index, sent in enumerate(sents):
        if not sent.text.strip():
            continue
        main_claim = sentence_claim(sent, lexicon)
        if main_claim is not None:
            sentence_claims[index] = main_claim
        best: dict[int, tuple[float, Token, int, Trigger]] = {}
        for token in sent:
            found = event_word(token, lexicon)
            if found is None:
                continue
            entry, end = found
            if entry.weight < min_weight:
                continue
            clause = clause_head(token)
            # The clause's own verb outranks nouns nested in its arguments.
            score = entry.weight + (0.3 if token == clause else 0.0)
            if clause.i not in best or score > best[clause.i][0]:
                best[clause.i] = (score, token, end, entry)
        chosen = _drop_nested(sorted(best.values(), key=lambda item: item[1].i))
        parts = _incident_clauses(sent, [i[1] for i in chosen if i[3].event == "ASSAULT"])
        tolls: dict[tuple[int, int], Casualties | None] = {}
        casualties = find_casualties(sent, lexicon) if not parts else None
        for number, (_, token, end, entry) in enumerate(chosen):
            clause = clause_head(token)
            scope = _scope(token, sent, parts) if parts and entry.event == "ASSAULT" else sent
            if parts:  # each incident keeps the toll its own clause gives
                key = (scope.start, scope.end)
                if key not in tolls:
                    tolls[key] = find_casualties(scope, lexicon)
                casualties = tolls[key]
            claim = find_claim(token, sent, lexicon)
            actors, recipients = agents_and_patients(token)
            mode = aux_mode(
                token, clause, lexicon, denied=claim is not None and claim.stance == "deny"
            )
            own_casualties = (
                casualties
                if (entry.event == "ASSAULT" or len(chosen) == 1)
                and (number == 0 or entry.event == "ASSAULT")
                else None
            )
            if own_casualties is not None:
                casualties = None
                if parts:
                    tolls[(scope.start, scope.end)] = None
            mentions.append(
                RawMention(
                    trigger=token,
                    end=end,
                    entry=entry,
                    sent_index=index,
                    sent=sent,
                    clause=clause,
                    actors=tuple(actors),
                    recipients=tuple(recipients),
                    places=tuple(place_phrases(scope, clause, range(token.i, end))),
                    dates=tuple(date_phrases(sent, clause)),
                    casualties=own_casualties,
                    claim=claim,
                    quoted_from=None if claim is not None else _quoted_from(token.idx, quotes),
                    aux_mode=mode,
                    anaphoric=_anaphoric(token, clause),
                    weapon=find_weapon(scope) if entry.event == "ASSAULT" else None,
                    scope=scope,
                )
            )
        if not chosen and casualties is not None:
            root = sent.root
            notes.append(
                CasualtyNote(
                    sent_index=index, casualties=casualties, anaphoric=_anaphoric(root, root)
                )
            )
    return ArticleParse(
        doc=doc,
        sents=sents,
        mentions=tuple(mentions),
        notes=tuple(notes),
        sentence_claims=sentence_claims,
    )
