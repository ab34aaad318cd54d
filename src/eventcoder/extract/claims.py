"""Attribution: who says an event happened ("X said", "according to X", "X told Reuters")."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.extract.accused import accusation, owning_verb
from eventcoder.extract.lexicon import Lexicon
from eventcoder.extract.toll_words import states_toll
from eventcoder.text.breaks import TAIL_MARKS, closing_source

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PATH_DEPS = (
    "ccomp",
    "xcomp",
    "dobj",
    "advcl",
    "conj",
    "parataxis",
    "pcomp",
    "pobj",
    "prep",
    "acl",
    "relcl",
    "advmod",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "dep",
    "appos",
)
_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RawClaim:
    """An attribution found in the parse, before the claimant is resolved to an entity."""

    claimant: Token | None
    verb: str | None
    via: Token | None
    stance: str
    start: int
    end: int
    from_statement: bool = False
    # `via` names a speaker who relays the claim ("A UN official told reporters that medics
    # said..."), not an outlet.
    relayed: bool = False

    @property
    def pronoun(self) -> bool:
        return self.claimant is not None and self.claimant.lower_ in _PRONOUNS


_CARRY = {"carry", "publish", "broadcast", "air", "run", "post", "issue", "read", "release"}


def _outlet_like(token: Token, lexicon: Lexicon) -> bool:
    """A name that may be an outlet: an organisation, a media word, or a bare proper noun
    ("told Mizzima"; the resolver checks it against the outlets it knows)."""
    words = {t.lemma_.lower() for t in token.subtree}
    return (
        token.ent_type_ == "ORG"
        or bool(words & lexicon.media_words)
        or (token.pos_ == "PROPN" and token.lower_ not in lexicon.statement_nouns)
    )


def _carried_by(statement: Token, lexicon: Lexicon) -> Token | None:
    """ "a statement carried by WAFA", "a statement read on state television": the outlet."""
    for acl in statement.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in _CARRY:
            continue
        for child in acl.children:
            if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "on", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and _outlet_like(obj, lexicon):
                        return obj
    return None


def _via(verb: Token, lexicon: Lexicon) -> Token | None:
    """The outlet a claim went through: "told Reuters", "said on state TV", "in a statement
    carried by WAFA", "said through its Amaq news agency"."""
    for child in verb.children:
        if (
            verb.lemma_ == "tell"
            and child.dep_ in ("dobj", "dative")
            and _outlet_like(child, lexicon)
        ):
            return child
        if child.dep_ != "prep":
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lemma_.lower() in lexicon.statement_nouns:
                carried = _carried_by(obj, lexicon)
                if carried is not None:
                    return carried
            elif child.lower_ in ("to", "on", "in", "through", "via") and (
                obj.ent_type_ == "ORG" or obj.lemma_.lower() in lexicon.media_words
            ):
                return obj
    return None


def _according_to(sent: Span) -> tuple[Token, Token] | None:
    """ "according to X": the word "according" and X."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if not objects:
                objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
    return None


def _last_comma(verb: Token) -> int | None:
    """The last comma before a verb in its sentence: where a closing attribution starts."""
    commas = [t.i for t in verb.doc[verb.sent.start : verb.i] if t.text == ","]
    return commas[-1] if commas else None


def _displaced_subject(verb: Token) -> Token | None:
    """ "Fighting raged near Goma, Congo's army says": with no subject of its own, a closing
    reporting verb's speaker is the name or noun phrase just before it, which the parser hung
    off the preceding phrase as an apposition or a conjunct."""
    if verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    # "..., including four children, a local group and residents said": the speakers come
    # after the last comma, whatever the parser joined them to.
    comma = _last_comma(verb)
    start = comma if comma is not None else -1
    found = None
    for candidate in [before, *before.ancestors]:
        if candidate.i >= verb.i or candidate.i <= start or candidate.right_edge.i != verb.i - 1:
            break
        if candidate.dep_ in ("appos", "conj") and candidate.pos_ in ("NOUN", "PROPN"):
            found = candidate  # the first of several speakers ("residents and activists")
        elif found is not None:
            break
    return found


def _closing_speaker(verb: Token) -> Token | None:
    """ "..., killing 21 people including four children, a local group and residents said.":
    when a closing reporting verb's parsed subject lies before the last comma, the speaker
    is the phrase after that comma."""
    sent = verb.sent
    rest = [t for t in sent if t.i > verb.i and not t.is_punct]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    comma = _last_comma(verb)
    if rest or subject is None or comma is None or subject.i > comma:
        return None
    span = verb.doc[comma + 1 : verb.i]
    roots = [t for t in span if not (span.start <= t.head.i < span.end)]
    heads = [t for t in roots if t.pos_ in ("NOUN", "PROPN")]
    return heads[0] if len(roots) == 1 and heads else None


def _claim_from_verb(verb: Token, lexicon: Lexicon) -> RawClaim:
    # Passive "casualties were reported (by X)": the subject is what is reported, not who.
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if subject is None and verb.dep_ == "conj" and not passive:
        # "The government called the advance a declaration of war and said ...": the subject
        # both verbs share
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None and not any(c.dep_ == "nsubjpass" for c in verb.children):
        subject = _displaced_subject(verb)
    if subject is not None:
        subject = _closing_speaker(verb) or subject
    from_statement = subject is not None and subject.lemma_.lower() in lexicon.statement_nouns
    start = min(verb.idx, subject.left_edge.idx if subject is not None else verb.idx)
    end = verb.idx + len(verb)
    return RawClaim(
        claimant=None if from_statement else subject,
        verb=verb.lemma_.lower(),
        via=_via(verb, lexicon),
        stance=lexicon.reporting.get(verb.lemma_.lower(), "assert"),
        start=start,
        end=end,
        from_statement=from_statement,
    )


def _closing_source(sent: Span) -> Span | None:
    """The source a line ends with, split off as a sentence of its own by text.breaks."""
    doc = sent.doc
    end = sent.end
    while end < len(doc) and doc[end].is_space:
        end += 1
    if end >= len(doc) or doc[end].text not in TAIL_MARKS:
        return None
    tail = doc[end].sent
    start, end = tail.start + 1, tail.end
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if closing_source(doc, start, end) else None


def _is_reporting(token: Token, lexicon: Lexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and (
        token.lemma_.lower() in lexicon.reporting or states_toll(token)
    )


def find_claim(trigger: Token, sent: Span, lexicon: Lexicon) -> RawClaim | None:
    """The attribution nearest to a trigger: a reporting verb above it, or `according to X`."""
    child = trigger
    chain: list[RawClaim] = []
    pinned = accusation(trigger)
    for ancestor in trigger.ancestors:
        if ancestor == pinned or (
            child.dep_ in _PATH_DEPS and _is_reporting(ancestor, lexicon) and ancestor != trigger
        ):
            claim = _claim_from_verb(ancestor, lexicon)
            if claim.stance == "deny" and child.dep_ == "advcl":
                # "denied shelling the camp, blaming others": the speaker asserts the rest
                claim = dataclasses.replace(claim, stance="assert")
            chain.append(claim)
        child = ancestor
    owning = owning_verb(trigger)
    if not chain and owning is not None:
        chain.append(_claim_from_verb(owning, lexicon))  # "Al-Shabaab claims ... bombing"
    root = sent.root
    if not chain:
        for token in root.children:
            if (
                token.dep_ in ("parataxis", "ccomp", "advcl")
                and _is_reporting(token, lexicon)
                and token.i > trigger.i
            ):
                chain.append(_claim_from_verb(token, lexicon))
                break
    found = _according_to(sent)
    according = found[1] if found is not None else None
    if not chain and (tail := _closing_source(sent)) is not None:
        # "Shelling kills two in Donetsk - DPR official": the line's source (text.breaks)
        chain.append(
            RawClaim(
                claimant=tail.root,
                verb="say",
                via=None,
                stance="assert",
                start=tail.start_char,
                end=tail.end_char,
            )
        )
    if not chain and found is not None:
        word, source = found
        chain.append(
            RawClaim(
                claimant=source,
                verb="according to",
                via=None,
                stance="assert",
                start=word.idx,
                end=source.right_edge.idx + len(source.right_edge),
            )
        )
    if not chain:
        return None
    nearest = chain[0]
    if nearest.claimant is None and not nearest.from_statement:
        # "The ministry said it struck depots and denied hitting homes, saying ...": a reporting
        # verb with no subject of its own speaks for the nearest speaker above it.
        speaker = next((c for c in chain[1:] if c.claimant is not None or c.from_statement), None)
        if speaker is not None:
            nearest = dataclasses.replace(
                nearest,
                claimant=speaker.claimant,
                from_statement=speaker.from_statement,
                via=nearest.via or speaker.via,
            )
            chain = [nearest, *chain[chain.index(speaker) + 1 :]]
    if len(chain) > 1 and nearest.start > trigger.idx > chain[1].start:
        # "A said B happened, C reported": C relays A's claim, whatever the parse nests.
        nearest = dataclasses.replace(chain[1], via=chain[1].via or nearest.claimant)
    elif nearest.via is None and len(chain) > 1:
        outer = chain[1]
        via = outer.via or (
            outer.claimant
            if outer.claimant is not None and outer.claimant.ent_type_ == "ORG"
            else None
        )
        if via is not None:
            nearest = dataclasses.replace(nearest, via=via)
        elif outer.claimant is not None and not outer.pronoun and nearest.claimant is not None:
            # "A UN official told reporters that medics said ...": the medics claim it, the
            # official passes it on.
            nearest = dataclasses.replace(nearest, via=outer.claimant, relayed=True)
    if nearest.via is None:
        # "X said ..., in a statement carried by WAFA": the phrase may hang off any verb.
        for token in sent:
            if token.dep_ == "pobj" and token.lemma_.lower() in lexicon.statement_nouns:
                carried = _carried_by(token, lexicon)
                if carried is not None:
                    nearest = dataclasses.replace(nearest, via=carried)
                    break
    if (
        nearest.via is None
        and nearest.verb != "according to"
        and according is not None
        and according.lemma_.lower() not in lexicon.statement_nouns
        and _outlet_like(according, lexicon)
    ):
        nearest = dataclasses.replace(nearest, via=according)
    return nearest


def sentence_claim(sent: Span, lexicon: Lexicon) -> RawClaim | None:
    """The main attribution of a sentence (its first reporting verb), for quotes that run on."""
    for token in sent:
        if _is_reporting(token, lexicon) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        ):
            return _claim_from_verb(token, lexicon)
    return None
