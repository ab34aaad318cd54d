"""Which words name an event where they stand: lexicon triggers matched against the parse
(phrasal verbs, gaps, senses), less names, descriptions, backdrops, attributions and
reporters' formulas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.arguments import defends, repelled
from eventcoder.extract.lexicon import Lexicon, Trigger
from eventcoder.extract.senses import (
    aimed,
    by_workers,
    civil_subject,
    figurative,
    on_forces,
    physical_blow,
    takes_ground,
    walks_out,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


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
        if end is not None and _subject_of_rest(token, end, entry, lexicon):
            continue  # "drones struck Odesa": a subject and its verb, not "drone strike"
        if end is not None:
            found.append((entry, end))
    if not found:
        return None
    same = [f for f in found if len(f[0].lemmas) == len(found[0][0].lemmas)]
    if len(same) > 1 and any(f[0].mode == "occupy" for f in same):
        ground = takes_ground(token, lexicon)
        return next(f for f in same if (f[0].mode == "occupy") == ground)
    if len(same) > 1 and any(f[0].event == "ASSAULT" for f in same) and token.pos_ == "NOUN":
        attack = aimed(token, lexicon)
        return next(f for f in same if (f[0].event == "ASSAULT") == attack)
    if len(same) > 1 and any(f[0].event == "ASSAULT" for f in same) and token.pos_ == "VERB":
        labour = walks_out(token, lexicon)
        return next(f for f in same if (f[0].event == "ASSAULT") != labour)
    return found[0]


def _subject_of_rest(token: Token, end: int, entry: Trigger, lexicon: Lexicon) -> bool:
    """The first word of a phrase trigger is the subject of a later one that is a trigger of
    the same event by itself: the words are a clause ("drones struck"), not the phrase ("a
    drone strike"). A phrase made for a clause ("servicemen lost") stays."""
    verb = token.head
    if not (end > token.i + 1 and token.dep_ in ("nsubj", "nsubjpass")):
        return False
    if not token.i < verb.i < end:
        return False
    own = lexicon.triggers.get(verb.lemma_.lower()) or ()
    return any(e.event == entry.event and verb.pos_ in e.pos and len(e.lemmas) == 1 for e in own)


def event_word(token: Token, lexicon: Lexicon) -> tuple[Trigger, int] | None:
    """The trigger at a token when the word names an event here, not a name, a description
    ("the besieged enclave", "striking doctors"), a modifier ("protest movement") or an
    attribution ("denied carrying out a strike")."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC") and token.pos_ == "PROPN":
        return None
    found = match_trigger(token, lexicon)  # most words are none: the cheap test first
    if found is None:
        return None
    if _described_suspicion(token) and (token.dep_ == "acl" or found[0].event != "ASSAULT"):
        # "villagers accused of collaborating": who they are, not news; but the attack in
        # "men suspected of planning an attack" is told, as a plan
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
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.topic_verbs for c in token.children):
        return None  # "declined to comment": no refusal worth an event
    if _source_formula(token, lexicon):
        return None
    if any(
        a.dep_ == "pobj" and a.head.lower_ in lexicon.modality["background_preps"]
        for a in token.ancestors
    ):
        return None  # "despite a ceasefire agreed in November": the backdrop, not the news
    if _attributes(token, lexicon):
        return None
    if civil_subject(token, lexicon):
        return None  # "74 aid trucks entered Gaza": a delivery, not an incursion
    if defends(token) and (found[0].mode == "beat" or _meets_attack(token, lexicon)):
        # "beat back an assault", "fought off a raid": the assault is the event, not a
        # beating or a fight
        return None
    if found[0].event == "ASSAULT" and figurative(token, lexicon):
        return None  # "the battle against corruption": no fighting
    if found[0].event == "ACCUSE" and physical_blow(token, lexicon):
        return None  # "shells slammed into a market": no criticism
    if found[0].lemmas in lexicon.worker_only and not by_workers(token, lexicon):
        return None  # "the council stopped work on the bridge": no strike
    if found[0].lemmas in lexicon.forces_only and not on_forces(token, found[1], lexicon):
        return None  # "dealt a blow to the peace talks": no attack
    return found


_SUSPECTED = {"accuse", "suspect", "charge", "convict", "allege"}


def _described_suspicion(token: Token) -> bool:
    """A participle describing people by what they are suspected of ("twelve villagers
    accused of collaborating with the army"), or the act inside it."""
    current = token
    for _ in range(4):
        if (
            current.dep_ == "acl"
            and current.tag_ == "VBN"
            and current.lemma_.lower() in _SUSPECTED
            and current.head.pos_ in ("NOUN", "PROPN")
        ):
            return True
        if current.head == current:
            return False
        current = current.head
    return False


_ANONYMITY = {"name", "identify", "quote"}


def _meets_attack(verb: Token, lexicon: Lexicon) -> bool:
    """A phrasal verb of repelling whose object is itself an attack ("fought off a raid");
    "intercepted a missile" stays an act of its own."""
    particle = repelled(verb)
    if particle is None:
        return False
    for child in (*verb.children, *particle.children):
        if child.dep_ in ("dobj", "pobj"):
            found = match_trigger(child, lexicon)
            if found is not None and found[0].event == "ASSAULT":
                return True
    return False


def _source_formula(token: Token, lexicon: Lexicon) -> bool:
    """Reporters' formulas, not events: "did not respond to requests for comment", "asking
    not to be named"."""
    for child in token.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "for"
            and any(
                c.lemma_.lower() in lexicon.topic_verbs and c.tag_ != "NNS" for c in child.children
            )
        ):
            return True  # "requests for comment"; "called for talks" is a demand
        if child.dep_ == "xcomp" and child.lemma_.lower() in _ANONYMITY:
            return True  # "asking not to be named"
    return False


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
    sent_end = token.sent.end if rest else 0  # a trigger never runs into the next sentence
    for lemma in rest:
        if lemma == "*":
            gap = True
            continue
        limit = min(sent_end, position + (6 if gap else 1))

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


# What is refused when it is offered or asked ("rejected the ceasefire offer", "dismissed
# calls for talks"): the rejection is an act, not a denial that something happened.
_OFFERED = {"AGREE", "CONSULT", "REQUEST", "COOPERATE", "AID", "RETREAT", "CONCEDE"}


def _refuses_offer(verb: Token, lexicon: Lexicon) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            found = match_trigger(child, lexicon)
            if found is not None and found[0].event in _OFFERED:
                return True
    return False


def _attributes(token: Token, lexicon: Lexicon) -> bool:
    """A reporting verb used as attribution: it governs a clause ("denied that ...",
    "denied carrying out"), a report ("dismissed reports that ...") or, denying, an event
    ("denied the attack")."""
    stance = lexicon.reporting.get(token.lemma_.lower())
    if stance is None:
        return False
    if stance == "deny" and _refuses_offer(token, lexicon):
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
