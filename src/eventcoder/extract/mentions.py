"""Find event mentions in a parsed article: one per clause with a trigger, with its arguments.

The output still points into the parse (tokens and spans); `resolve` turns it into records.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import agents_and_patients, clause_head
from eventcoder.extract.casualties import find_casualties, own_toll
from eventcoder.extract.claims import RawClaim, find_claim, sentence_claim
from eventcoder.extract.denials import closing_denial, denial_claim, denies_only, with_denial
from eventcoder.extract.incidents import incident_clauses, scope_of
from eventcoder.extract.lexicon import Lexicon, Trigger
from eventcoder.extract.modality import aux_mode
from eventcoder.extract.senses import complement_mode, landed_on, object_mode, refusal
from eventcoder.extract.trigger_words import event_word, match_trigger
from eventcoder.extract.weapons import Weapon, find_weapon
from eventcoder.extract.where import date_phrases, place_phrases
from eventcoder.model import AuxMode, Casualties
from eventcoder.text.reads import doc_text

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


def _topic(token: Token, lexicon: Lexicon) -> bool:
    """ "did not comment on casualties", "spoke about the raid": an event talked about, whose
    speaker neither did it nor, by not commenting, denied it."""
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head  # "the air strikes": the phrase's head
    if token.pos_ != "NOUN":
        return False
    if token.dep_ == "dobj":
        # "did not mention casualties"
        return token.head.lemma_.lower() in lexicon.topic_object_verbs
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in ("on", "about", "of")
        and (
            (token.head.lower_ != "of" and token.head.head.lemma_.lower() in lexicon.topic_verbs)
            # "gave no details of casualties", "no information on the strike"
            or token.head.head.lemma_.lower() in lexicon.topic_nouns
        )
    )


def _bare_outcome(token: Token, lexicon: Lexicon) -> bool:
    """A word for the dead or hurt with no figure ("casualties", "deaths")."""
    lemma = token.lemma_.lower()
    outcome = lemma in lexicon.killed | lexicon.injured | lexicon.vague_casualty
    return outcome and not any(c.like_num or c.dep_ == "nummod" for c in token.children)


def negotiated(token: Token, lexicon: Lexicon) -> bool:
    """ "talks on a truce and the release of hostages", "a deal for a ceasefire": what is
    being negotiated, not yet done (nor done by the negotiators)."""
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head  # "a prisoner exchange": the phrase's head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and token.head.lower_ in ("on", "over", "about", "for")
        and token.head.head.lower_ in lexicon.modality["negotiation_nouns"]
    )


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


def _drop_inside(
    chosen: list[tuple[float, Token, int, Trigger]],
) -> list[tuple[float, Token, int, Trigger]]:
    """A trigger that is a word of another's phrase ("negotiate" in "refused to negotiate")
    is part of that event, not one of its own."""
    return [
        item
        for item in chosen
        if not any(other[1].i < item[1].i < other[2] for other in chosen if other is not item)
    ]


def _complement_recipients(trigger: Token, end: int) -> list[Token]:
    """The other party of a phrase trigger's last verb ("refused to negotiate with Hamas")."""
    last = trigger.doc[end - 1]
    if last.pos_ != "VERB" or trigger not in last.ancestors:
        return []
    return agents_and_patients(last, borrow=False)[1]


def _landed_recipients(trigger: Token, end: int, recipients: list[Token]) -> list[Token]:
    """ "dealt a massive blow to the army": who the blow lands on, not the blow (a word of
    the trigger's own phrase)."""
    inside = [r for r in recipients if trigger.i < r.i < end]
    landed = landed_on(trigger, end)
    if not inside or not landed:
        return recipients
    return landed + [r for r in recipients if r not in inside and r not in landed]


def _judged_acts(
    best: dict[int, tuple[float, Token, int, Trigger]],
    found: list[tuple[float, Token, int, Trigger]],
) -> dict[int, tuple[float, Token, int, Trigger]]:
    """ "The UN condemned the killing of 20 civilians", "police are investigating the
    shelling": the act that is condemned or investigated is an event of its own, besides the
    condemnation. Keyed by the act's token so it does not displace its clause's event."""
    acts: dict[int, tuple[float, Token, int, Trigger]] = {}
    for _, outer, _, entry in best.values():
        if entry.event != "ACCUSE":
            continue
        inside = [
            item
            for item in found
            if item[3].event not in ("ACCUSE", entry.event)
            and item[1].pos_ in ("NOUN", "PROPN")
            and item[1] != outer
            and outer in item[1].ancestors
            and clause_head(item[1]) == clause_head(outer)
            and all(item[1] != kept[1] for kept in best.values())
        ]
        if inside:
            act = max(inside, key=lambda item: (item[0], -item[1].i))
            acts[-1 - act[1].i] = act
    return acts


def _anaphoric(trigger: Token, clause: Token) -> bool:
    candidates = [trigger] + [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for token in candidates:
        if token.lower_ in ("it", "this") and token.dep_.startswith("nsubj"):
            # "It killed five" refers back to an attack; in "it carried out a strike" the
            # pronoun is the doer and the strike is new.
            if trigger == clause:
                return True
            continue
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        # "the attack", "this raid" refer back; "its attacks" only says whose they are
        if token.lemma_.lower() in _ANAPHORS and determiners & {"the", "this", "that"}:
            return True
    return False


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _quoted_from(position: int, quotes: list[tuple[int, int]]) -> int | None:
    for start, end in quotes:
        if start <= position < end:
            return start
    return None


def _toll_trigger(
    sent: Span, casualties: Casualties, lexicon: Lexicon
) -> tuple[Token, Trigger] | None:
    """The casualty word of a toll stated with no event word the parse accepts ("2 fighters
    killed" parsed as a modifier, "One KIA, two WIA"): the toll is itself the report of an
    attack. A toll with no figure ("there are casualties") reports none."""
    counts = [c for c in (casualties.killed, casualties.injured) if c is not None]
    if casualties.start is None or not any(c.best is not None for c in counts):
        return None
    for token in sent:
        if casualties.start <= token.idx < (casualties.end or casualties.start):
            found = match_trigger(token, lexicon)
            if found is not None and found[0].event == "ASSAULT":
                return token, found[0]
    return None


def _stater(chosen: list[tuple[float, Token, int, Trigger]], casualties: Casualties | None) -> int:
    """Which of a sentence's mentions the toll belongs to: the attack whose own word states
    it ("repelled an attack by militants, killing 15 of them": the killing), else the first."""
    if casualties is None or casualties.start is None or casualties.end is None:
        return 0
    for number, (_, token, _, entry) in enumerate(chosen):
        if entry.event == "ASSAULT" and casualties.start <= token.idx < casualties.end:
            return number
    return 0


def find_mentions(doc: Doc, lexicon: Lexicon, *, min_weight: float) -> ArticleParse:
    """Every event mention of a parsed article, at most one per clause."""
    sents = tuple(doc.sents)
    quotes = _quote_spans(doc_text(doc))
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
        found_here: list[tuple[float, Token, int, Trigger]] = []
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
            found_here.append((score, token, end, entry))
            if clause.i not in best or score > best[clause.i][0]:
                best[clause.i] = (score, token, end, entry)
        judged = _judged_acts(best, found_here)
        best.update(judged)
        judged_tokens = {item[1] for item in judged.values()}
        chosen = _drop_nested(sorted(best.values(), key=lambda item: item[1].i))
        inner = [(item[1], item[3]) for item in found_here]
        chosen = [
            (
                score,
                word,
                end,
                object_mode(word, complement_mode(word, entry, inner, lexicon), lexicon),
            )
            for score, word, end, entry in chosen
        ]
        chosen = _drop_inside(chosen)
        denial = closing_denial(sent, lexicon)
        if denial is not None:
            chosen = with_denial(chosen, denial, lexicon)
        parts = incident_clauses(sent, [i[1] for i in chosen if i[3].event == "ASSAULT"])
        tolls: dict[tuple[int, int], Casualties | None] = {}
        casualties = find_casualties(sent, lexicon) if not parts else None
        if not chosen and casualties is not None:
            after_attack = any(
                m.sent_index == index - 1 and m.entry.event == "ASSAULT" for m in mentions
            )
            toll = None if after_attack else _toll_trigger(sent, casualties, lexicon)
            chosen = [] if toll is None else [(toll[1].weight, toll[0], toll[0].i + 1, toll[1])]
        stater = _stater(chosen, casualties) if not parts else 0
        for number, (_, token, end, entry) in enumerate(chosen):
            # A judged act is its own clause: its places and dates are in its own phrase.
            topic, planned = _topic(token, lexicon), negotiated(token, lexicon)
            if topic and _bare_outcome(token, lexicon):
                continue  # "did not mention casualties": a topic, not a toll or an event
            own = token in judged_tokens or topic or planned
            clause = token if own else clause_head(token)
            scope = scope_of(token, sent, parts) if parts and entry.event == "ASSAULT" else sent
            if parts:  # each incident keeps the toll its own clause gives
                key = (scope.start, scope.end)
                if key not in tolls:
                    tolls[key] = find_casualties(scope, lexicon)
                casualties = tolls[key]
            claim = find_claim(token, sent, lexicon)
            if denial is not None and claim is not None and claim.start >= denial.comma.idx:
                claim = None  # said by a word of the closing denial ("charges" as a verb)
            # "mediating talks in Doha", "signed a deal in Doha": where the act's own noun was
            own_words = {*range(token.i, end)} | {
                item[1].i
                for item in found_here
                if item[3].event == entry.event
                or (item[1].dep_ == "dobj" and item[1].head == token)
            }
            # A condemned act's doer is not the one who condemns it, nor is the one said to
            # have faked it ("the massacre was fabricated by Kyiv").
            faked = {token.head.lemma_.lower(), token.head.lower_} & lexicon.modality[
                "fabrication_verbs"
            ]
            actors, recipients = agents_and_patients(token, borrow=not own and not faked)
            if not recipients and end - token.i > 1:
                recipients = _complement_recipients(token, end)  # "refused to talk with X"
            elif end - token.i > 1:
                recipients = _landed_recipients(token, end, recipients)
            if denial is not None and token == denial.verb:
                actors, recipients, claim = [denial.denier], [], denial_claim(denial)
            denied = claim is not None and claim.stance == "deny"
            # Declining to comment on a raid neither denies the raid nor makes it hypothetical.
            mode = AuxMode.NEGATION if topic and denied else None
            if not topic:
                mode = aux_mode(token, clause, lexicon, denied=denied)
            if mode is None and planned:
                mode = AuxMode.FUTURE
            if mode is AuxMode.NEGATION and denial is not None and denies_only(denial, token):
                mode = None  # "X accused Y of it, a charge Y denies": the accusation stands
            refused = refusal(token, entry, lexicon) if mode is AuxMode.NEGATION else None
            if refused is not None and not denied:
                entry, mode = refused, None  # "would not negotiate": a refusal
            own_casualties = (
                casualties
                if (entry.event == "ASSAULT" or len(chosen) == 1)
                and (number == 0 or entry.event == "ASSAULT")
                and number >= stater
                else None
            )
            if own_casualties is not None:
                casualties = None
                if parts:
                    tolls[(scope.start, scope.end)] = None
            elif entry.event == "ASSAULT" and number != stater and not parts:
                own_casualties = own_toll(
                    token, lexicon
                )  # "..., while the group said it killed 27"
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
                    places=tuple(place_phrases(scope, clause, own_words)),
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
