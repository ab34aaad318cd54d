"""Who did it, to whom, where and when: argument phrases of a trigger from the dependency parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.extract.accused import accused
from eventcoder.extract.addressees import addressees
from eventcoder.extract.weapons import weapon_word

if TYPE_CHECKING:
    from collections.abc import Container

    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_PASSIVE_MARKS = ("auxpass", "nsubjpass")
_RECIPIENT_PREPS = ("on", "against", "at", "upon", "toward", "towards", "into")
_PARTNER_PREPS = ("with", "to", "for")
_DIRECTIONS = {
    "east",
    "west",
    "north",
    "south",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outskirts",
    "near",
    "outside",
    "edge",
    "border",
    "vicinity",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
}
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_AREA_NOUNS = {
    "region",
    "province",
    "oblast",
    "area",
    "city",
    "district",
    "governorate",
    "state",
    "town",
    "village",
    "camp",
    "border",
    "outskirts",
    "suburb",
    "county",
    "neighbourhood",
    "neighborhood",
    "port",
    "airport",
    "base",
    "crossing",
    "strip",
    "enclave",
    "front",
    "frontline",
    "direction",
    "sector",
    "countryside",
    # A facility is where it happened ("died in a Khmelnytskyi hospital", "a Kharkiv market").
    "hospital",
    "market",
    "school",
    "mosque",
    "church",
    "station",
    "hotel",
    "prison",
    "checkpoint",
    "stadium",
    "mall",
}
PLACE_PREPS = {
    "in",
    "near",
    "at",
    "from",
    "outside",
    "into",
    "across",
    "around",
    "inside",
    "of",
    "on",
    "toward",
    "towards",
    "to",
    "along",
    "over",
    "off",
    "between",
    "through",
    "within",
    "by",
}
_RELATIVE_WORDS = re.compile(
    r"\b(earlier(?: this (?:week|month|year))?|overnight|last (?:night|week|month|year)|"
    r"(?:in )?(?:the )?(?:recent|past (?:few )?)(?:days|weeks)|this (?:morning|afternoon|"
    r"evening|week|month|year)|yesterday|today|tonight|tomorrow|next week|later this week)\b",
    re.IGNORECASE,
)


_WHERE_PREPS = {"on", "in", "at", "near", "into", "against", "toward", "towards", "outside"}
# Nouns naming a settlement: "a peace deal in Washington" is no one from Washington.
_DEAL_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "ceasefire", "truce"}


def phrase(token: Token) -> Span:
    """The noun phrase a token heads, without trailing relative or participle clauses. An
    attack named as the doer ("an Israeli strike on a car in southern Lebanon killed two")
    or a deal ("signed a deal in Doha") stops before its target and place."""
    doc = token.doc
    end = token.i
    attack = token.lemma_.lower() in _CAUSE_NOUNS | _DEAL_NOUNS
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            break
        if attack and child.dep_ == "prep" and child.lower_ in _WHERE_PREPS:
            break

        if child.dep_ in ("punct", "cc"):
            continue
        end = child.right_edge.i
    return doc[token.left_edge.i : end + 1]


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in _PASSIVE_MARKS for child in verb.children)


# "X is committed to / engaged in / prepared to": passive in form, X is the one acting.
_STATIVE_PASSIVES = {"engage", "involve", "commit", "determine", "prepare", "dedicate", "resolve"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical agent of a verb: its subject, the `by` agent of a passive, or inherited."""
    passive = is_passive(verb)
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "nsubj" or (
            child.dep_ == "nsubjpass" and verb.lemma_ in _STATIVE_PASSIVES
        ):
            return child
    if passive:
        return None
    if verb.dep_ == "xcomp" and verb.head != verb:
        # "pressed Israel to halt its attacks": the object does what it is pressed to do
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if objects:
            return objects[0]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head != verb:
        head = verb.head
        if head.pos_ in ("VERB", "AUX") and not (
            verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)
        ):
            return subject_of(head)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head if verb.dep_ == "relcl" else None
    return None


# Verbs whose object is an act someone else did ("reported a strike", "documented killings").
_RELAYING = {"report", "document", "record", "describe", "witness", "condemn", "investigate"}
_SPEECH = {
    "say",
    "state",
    "tell",
    "announce",
    "claim",
    "confirm",
    "report",
    "add",
    "affirm",
    "emphasize",
    "emphasise",
    "stress",
    "note",
    "declare",
    "accord",
    "deny",
}


# Verbs whose subject meets an attack rather than makes it ("repelled an assault"); with a
# particle for the phrasal ones ("pushed back", "beat off", "fended off").
_DEFENDING = {"repel", "repulse", "thwart", "foil", "withstand", "survive", "intercept"}
_DEFENDING_PHRASAL = {"push", "beat", "fend", "fight", "drive", "hold"}


def defends(verb: Token) -> bool:
    """A verb whose subject meets an attack rather than makes it."""
    lemma = verb.lemma_.lower()
    if lemma in _DEFENDING:
        return True
    return lemma in _DEFENDING_PHRASAL and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in verb.children
    )


def governing_verb(token: Token) -> Token | None:
    """The verb a noun trigger hangs from ("carried out strikes", "engaged in talks").

    A verb of speech is not the doer's verb: "X said talks began" gives no actor.
    """
    current = token
    for _ in range(4):
        head = current.head
        if head == current:
            return None
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in _SPEECH and current.dep_ != "dobj":
                return None  # "said talks began"; but "announced a suspension" is the doer's
            if head.lemma_.lower() in _RELAYING:
                return None  # "officials reported a drone strike": who tells is not who did
            return head
        if current.dep_ not in (
            "pobj",
            "dobj",
            "prep",
            "compound",
            "conj",
            "appos",
            "attr",
            "amod",
        ):
            return None
        current = head
    return None


_DONE_TO = {
    "kill",
    "wound",
    "injure",
    "shoot",
    "abduct",
    "kidnap",
    "arrest",
    "detain",
    "execute",
    "behead",
    "torture",
    "rape",
    "capture",
    "hurt",
    "maim",
    "slay",
}


def headline_passive(verb: Token) -> bool:
    """Headline grammar drops "were": in "Three soldiers killed" the subject is the victim."""
    if verb.lemma_.lower() not in _DONE_TO or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ == "VBN" or verb.dep_ == "ROOT"


# Nouns naming an attack that can be the cause of a toll ("killed in an Israeli strike").
_CAUSE_NOUNS = {
    "attack",
    "strike",
    "airstrike",
    "shelling",
    "bombardment",
    "raid",
    "assault",
    "offensive",
    "bombing",
    "ambush",
    "barrage",
    "fire",
}


# Nouns naming an incident: a town compounded with one ("a Jenin raid", "the Goma bombing")
# says where it happened; a group or state so compounded ("a Hamas attack") says who.
INCIDENT_NOUNS = _CAUSE_NOUNS | {
    "operation",
    "incursion",
    "massacre",
    "clash",
    "clashes",
    "fighting",
    "battle",
    "siege",
    "blast",
    "explosion",
    "protest",
    "killing",
    "killings",
    "violence",
    "unrest",
    "standoff",
}


def names_scene(token: Token) -> bool:
    """The token is part of a name compounded with an incident noun ("the Tulkarm raid")."""
    current = token
    for _ in range(4):  # through the name's own compounds ("the Khan Younis raid")
        if current.dep_ not in ("compound", "nmod", "amod"):
            return False
        head = current.head
        if head.lemma_.lower() in INCIDENT_NOUNS or head.lower_ in INCIDENT_NOUNS:
            return True
        if head.pos_ != "PROPN":
            return False
        current = head
    return False


def _cause_agents(verb: Token) -> list[Token]:
    """Who did it, when a toll verb names the attack it came from: "Two killed in an Israeli
    strike", "injured in a night attack by the Russian Federation", "died after Ukrainian
    shelling"."""
    found: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "after", "from", "by"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in _CAUSE_NOUNS:
                continue
            for child in noun.children:
                if (child.dep_ == "poss" and child.pos_ != "PRON") or (
                    child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG")
                ):
                    found.append(child)
                elif child.dep_ == "prep" and child.lower_ == "by":
                    found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _means(token: Token) -> bool:
    """ "attacked a ship with missiles and drones": the weapon used, not a party."""
    return token.head.lower_ == "with" and weapon_word(token.lemma_.lower())


def agents_and_patients(trigger: Token, *, borrow: bool = True) -> tuple[list[Token], list[Token]]:
    """Heads of the actor and recipient phrases of a trigger, from the parse. A noun trigger
    borrows missing ones from the verb it hangs from unless `borrow` is false."""
    actors: list[Token] = []
    recipients: list[Token] = []
    if trigger.pos_ in ("VERB", "AUX") and trigger.dep_ == "amod" and trigger.tag_ == "VBG":
        # "Russia denies striking hospital": the gerund read as an adjective of its object
        agent = subject_of(trigger.head.head) if trigger.head.dep_ == "dobj" else None
        actors += [agent] if agent is not None else []
        recipients.append(trigger.head)
    elif trigger.pos_ in ("VERB", "AUX"):
        agent = subject_of(trigger)
        if agent is not None and headline_passive(trigger):
            recipients.append(agent)  # "Two soldiers killed in shelling": the subject suffered
            agent = None
        if agent is not None:
            actors.append(agent)
        if (
            trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
            and trigger.head.pos_ in ("NOUN", "PROPN")
        ):
            recipients.append(trigger.head)  # "a serviceman wounded in shelling"
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") and child != agent:
                recipients.append(child)
            elif child.dep_ == "prep" and child.lower_ in (*_RECIPIENT_PREPS, *_PARTNER_PREPS):
                recipients += [c for c in child.children if c.dep_ == "pobj" and not _means(c)]
            elif child.dep_ == "prep" and child.lower_ == "by" and agent is None:
                actors += [c for c in child.children if c.dep_ == "pobj"]
        if not recipients:
            recipients += addressees(trigger)
        if agent is None and not actors:
            actors += _cause_agents(trigger)

    else:
        # "the Hezbollah rocket attack": a multiword trigger's modifiers hang from its head.
        phrase = trigger
        while phrase.dep_ == "compound" and phrase.head.i > phrase.i:
            phrase = phrase.head
        children = [c for c in (*trigger.children, *phrase.children) if c != trigger]
        if phrase != trigger:
            children = [c for c in children if c != phrase]
        for child in children:
            if (child.dep_ == "poss" and child.pos_ != "PRON") or (
                child.dep_ in ("amod", "compound")
                and (child.ent_type_ in ("NORP", "GPE", "ORG") or child.pos_ == "PROPN")
            ):
                actors.append(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors += [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "between":
                pair = [c for c in child.children if c.dep_ == "pobj"]
                if pair:
                    actors.append(pair[0])
                    recipients += list(pair[0].conjuncts)
            elif child.dep_ == "prep" and child.lower_ in (*_RECIPIENT_PREPS, *_PARTNER_PREPS):
                recipients += [c for c in child.children if c.dep_ == "pobj" and not _means(c)]
        verb = governing_verb(trigger) if borrow and (not actors or not recipients) else None
        if verb is not None and defends(verb):
            # "troops pushed back an attack": the subject was attacked, it did not attack
            agent = subject_of(verb)
            if agent is not None:
                recipients.append(agent)
        elif verb is not None:
            agent = subject_of(verb)
            if agent is not None and not actors:
                actors.append(agent)
            if not recipients:
                recipients += [
                    c
                    for c in verb.children
                    if c.dep_ == "dobj" and c != trigger and trigger not in c.subtree
                ]
    if not actors:
        actors += accused(trigger)
    for head in list(recipients):
        recipients += [c for c in head.conjuncts if c not in recipients]
    for head in list(actors):
        actors += [c for c in head.conjuncts if c not in actors and c.dep_ == "conj"]
    return actors, recipients


def clause_head(trigger: Token) -> Token:
    """The nearest verb at or above a trigger: the clause it belongs to."""
    current = trigger
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current


_PATH = {
    "pobj",
    "prep",
    "advmod",
    "npadvmod",
    "compound",
    "appos",
    "conj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "amod",
    "nmod",
    "pcomp",
    "advcl",
    "xcomp",
    "acl",
    "oprd",
    "attr",
}


def _venue(prep: Token, name: Token) -> bool:
    """ "talks with the Alliance in Kunming": a place after the name of a partner is where
    they meet, not part of the name."""
    if prep.lower_ != "in" or name.pos_ != "PROPN":
        return False
    while name.dep_ == "conj" and name.head != name:
        name = name.head  # "talks between Israel and Hamas in Cairo"
    # "met Secretary Rubio in Riyadh": a person's name is not qualified by where they are
    return name.ent_type_ == "PERSON" or (
        name.dep_ == "pobj" and name.head.lower_ in ("with", "between")
    )


def _attached(place: Token, clause: Token, own: Container[int] = ()) -> bool:
    """A place hangs from the clause directly ("struck X", "in X", "east of X"), not from a
    topic noun inside it ("talks on a ceasefire in X"), nor names a party to the act itself
    ("talks between Tehran and Washington")."""
    party = place
    while party.dep_ == "conj" and party.head != party:
        party = party.head
    if (
        party.dep_ == "pobj"
        and party.head.lower_ in ("with", "between")
        and party.head.head.i in own
    ):
        return False
    current = place
    for _ in range(6):
        if current == clause:
            return True
        if current.dep_ not in _PATH:
            return False
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return False  # "shot four in A and set fire to a station in B": B is the fire's
        head = current.head
        if head == current:
            return False
        if (
            current.dep_ == "prep"
            and not _venue(current, head)
            and head.pos_ in ("NOUN", "PROPN")
            and head != clause
            and head.i not in own  # the trigger's own noun ("held talks ... in X")
            # "killed in an ambush in X": the incident noun stands for the clause's act
            and head.lemma_.lower() not in _DIRECTIONS | _AREA_NOUNS | INCIDENT_NOUNS
        ):
            return False
        current = head
    return False


_DASHES = {"-", "–", "—", "--"}


def is_modifier(name: Span) -> bool:
    """A place name used to qualify a noun ("Kiev's attack", "Gaza health ministry"): it names
    who or what, not where."""
    head = name.root
    return (
        head.dep_ in ("compound", "amod", "poss", "nmod")
        and head.head.pos_ in ("NOUN", "PROPN")
        and head.head.lemma_.lower() not in _AREA_NOUNS | _DIRECTIONS  # "X east of Y": a misparse
        and head.head.lower_ not in _AREA_NOUNS  # the lemma of "outskirts" is "outskirt"
        and head.head.i >= name.end
        # "killed in Donetsk - DPR negotiator": a compound across a dash is a misparse of a
        # headline's closing attribution.
        and not any(t.text in _DASHES for t in name.doc[name.end : head.head.i])
    )


def place_phrases(
    sent: Span, clause: Token, own: Container[int] = ()
) -> list[tuple[Span, Span, bool]]:
    """Place-name spans in the sentence, those attached to the trigger's clause first.

    Each item is (name span, phrase span, attached); the phrase keeps "east of X". `own`: the
    trigger's words and nouns naming the same act ("mediating talks ... in Doha").
    """
    doc = sent.doc
    inside = {t.i for t in clause.subtree}
    found: list[tuple[int, Span, Span]] = []
    for ent in sent.ents:
        if ent.label_ not in _PLACE_LABELS and not (
            ent.label_ in ("PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT")
            and ent.start > sent.start
            and doc[ent.start - 1].lower_ in PLACE_PREPS
        ):
            continue
        head = ent.root
        if is_modifier(ent):
            continue  # "U.S. President", "Gaza health ministry": a modifier, not a place

        start = ent.start
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.lower_ in _DIRECTIONS
        ):
            start = min(start, head.head.head.i)
        rank = 0 if ent.root.i in inside and _attached(ent.root, clause, own) else 1
        found.append((rank, ent, doc[start : ent.end]))
    found.sort(key=lambda item: (item[0], item[1].start))
    return [(ent, span, rank == 0) for rank, ent, span in found]


def date_phrases(sent: Span, clause: Token) -> list[str]:
    """Date expressions of the sentence, those in the trigger's clause first."""
    inside = {t.i for t in clause.subtree}
    scored: list[tuple[int, int, str]] = []
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            scored.append((0 if ent.root.i in inside else 1, ent.start, ent.text))
    for match in _RELATIVE_WORDS.finditer(sent.text):
        scored.append((1, sent.start + 1000 + match.start(), match.group(0)))
    scored.sort()
    return [text for _, _, text in scored]
