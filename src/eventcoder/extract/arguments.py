"""Who did it and to whom: the actor and recipient phrases of a trigger from the dependency
parse, and the clause it belongs to (places and dates are in extract/where.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.extract.accused import accused, owner
from eventcoder.extract.addressees import addressees
from eventcoder.extract.toll_words import states_toll, suffers
from eventcoder.extract.weapons import weapon_word

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_PASSIVE_MARKS = ("auxpass", "nsubjpass")
_RECIPIENT_PREPS = ("on", "against", "at", "upon", "toward", "towards", "into")
_PARTNER_PREPS = ("with", "to", "for")
_WHERE_PREPS = {"on", "in", "at", "near", "into", "against", "toward", "towards", "outside"}
# Nouns naming a settlement: "a peace deal in Washington" is no one from Washington.
_DEAL_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "ceasefire", "truce"}


def phrase(token: Token) -> Span:
    """The noun phrase a token heads, without trailing relative or participle clauses. An
    attack named as the doer ("an Israeli strike on a car in southern Lebanon killed two")
    or a deal ("signed a deal in Doha") stops before its target and place."""
    doc = token.doc
    end = token.i
    # by form too: a gerund tagged as a verb ("Fighting in eastern Ukraine killed 10")
    attack = bool({token.lemma_.lower(), token.lower_} & (_CAUSE_NOUNS | _DEAL_NOUNS))
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            break
        if attack and child.dep_ == "prep" and child.lower_ in _WHERE_PREPS:
            break

        if child.dep_ in ("punct", "cc") or child.is_space:
            continue
        end = child.right_edge.i
    while end > token.i and doc[end].is_space:
        end -= 1  # a line break the parser hung on the last word
    start = token.left_edge.i
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1  # "- JFO HQ": the mark before a headline's closing source
    return doc[start : end + 1]


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in _PASSIVE_MARKS for child in verb.children)


# "X is committed to / engaged in / prepared to": passive in form, X is the one acting.
_STATIVE_PASSIVES = {"engage", "involve", "commit", "determine", "prepare", "dedicate", "resolve"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical agent of a verb: its subject, the `by` agent of a passive, or inherited."""
    passive = is_passive(verb)
    for child in verb.children:
        # the agent first: "Mirebalais attacked by gangs", a headline that drops "was"
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
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
        if (
            head.pos_ in ("VERB", "AUX")
            and not suffers(head)  # "two people died due to shelling": not the shellers
            and not (verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children))
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
    return lemma in _DEFENDING_PHRASAL and repelled(verb) is not None


def repelled(verb: Token) -> Token | None:
    """The particle of a phrasal verb of repelling ("beat back", "fought off"; the parser
    may take "off" for a preposition), if any."""
    return next(
        (
            c
            for c in verb.children
            if (c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off"))
            or (c.dep_ == "prep" and c.lower_ == "off")
        ),
        None,
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
            if head.lemma_.lower() in _RELAYING or states_toll(head):
                # "officials reported a drone strike", "put the toll of the attack at 30":
                # who tells is not who did
                return None
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
    "gunfire",
    "crossfire",
    "fighting",
    "clash",
    "clashes",
    "battle",
    "combat",
    "hostilities",
    "violence",
    "blast",
    "explosion",
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


# Common nouns that say who made an attack named by a noun: "an army offensive", "a rebel
# attack", "a police raid", "a militia ambush".
_DOER_WORDS = {
    "army",
    "military",
    "police",
    "rebel",
    "militant",
    "militia",
    "insurgent",
    "jihadist",
    "guerrilla",
    "gang",
    "separatist",
    "settler",
    "government",
    "junta",
}


_LAUNCHING = {"fire", "launch", "lob", "hurl", "drop"}


def _launched(verb: Token, thing: Token) -> bool:
    """ "fired drones at Haifa", "dropped bombs on the market": what is launched is no party."""
    return verb.lemma_.lower() in _LAUNCHING and weapon_word(thing.lemma_.lower())


def _means(token: Token) -> bool:
    """ "attacked a ship with missiles and drones": the weapon used, not a party."""
    return token.head.lower_ == "with" and weapon_word(token.lemma_.lower())


def _party(token: Token) -> bool:
    """An object that may be a party: not the weapon used, nor a day ("on Monday")."""
    return not _means(token) and token.ent_type_ not in ("DATE", "TIME")


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
        actors, recipients = _verb_parties(trigger)
    else:
        actors, recipients = _noun_parties(trigger)
        verb = governing_verb(trigger) if borrow else None
        if verb is not None:
            _borrow(trigger, verb, actors, recipients)
    if not actors:
        actors += accused(trigger)
    speakers = closing_speakers(trigger)
    # the other side of "between A and B" is a recipient, never an actor too (nor A both)
    for head in list(recipients):
        recipients += [
            c for c in head.conjuncts if c not in recipients and c not in actors and c.i < speakers
        ]
    for head in list(actors):
        actors += [
            c
            for c in head.conjuncts
            if c not in actors and c not in recipients and c.dep_ == "conj" and c.i < speakers
        ]
    return actors, recipients


def _verb_parties(trigger: Token) -> tuple[list[Token], list[Token]]:
    """The actor and recipient heads of a verb trigger."""
    actors: list[Token] = []
    recipients: list[Token] = []
    agent = subject_of(trigger)
    fight = _fight_between(trigger if trigger.tag_ == "VBG" else agent)
    if fight is not None:
        # "Fighting between the army and rebels killed 12": the two sides, not the fight
        actors += fight[0]
        recipients += fight[1]
        agent = None
    if agent is not None and (headline_passive(trigger) or suffers(trigger)):
        recipients.append(agent)  # "Two soldiers killed in shelling": the subject suffered
        agent = None
    if agent is not None:
        actors.append(agent)
    if agent is not None and agent.head.dep_ == "agent":
        # "Mirebalais attacked by armed gangs": the subject of a headline passive
        recipients += [c for c in trigger.children if c.dep_ == "nsubj"]
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN"):
        recipients.append(trigger.head)  # "a serviceman wounded in shelling"
    for child in trigger.children:
        if child.dep_ == "dobj" and (_launched(trigger, child) or suffers(trigger)):
            # "fired drones at Haifa": the drones are the means; "lost 40 soldiers": the
            # toll, whose side is the subject's
            continue
        if child.dep_ in ("dobj", "nsubjpass") and child != agent:
            recipients.append(child)
        elif child.dep_ == "prep" and child.lower_ in (*_RECIPIENT_PREPS, *_PARTNER_PREPS):
            recipients += [c for c in child.children if c.dep_ == "pobj" and _party(c)]
        elif child.dep_ == "prep" and child.lower_ == "by" and agent is None:
            actors += [c for c in child.children if c.dep_ == "pobj"]
    if not recipients and trigger.dep_ in ("advcl", "conj") and suffers(trigger.head):
        recipients += _victims(trigger.head)  # "two people died due to shelling"
    if not recipients:
        recipients += addressees(trigger)
    if agent is None and not actors:
        actors += _cause_agents(trigger)
    return actors, recipients


def _noun_parties(trigger: Token) -> tuple[list[Token], list[Token]]:
    """The actor and recipient heads a noun trigger's own phrase names."""
    actors: list[Token] = []
    recipients: list[Token] = []
    # "the Hezbollah rocket attack": a multiword trigger's modifiers hang from its head.
    phrase = trigger
    while phrase.dep_ == "compound" and phrase.head.i > phrase.i:
        phrase = phrase.head
    children = list(trigger.children)
    if phrase != trigger:
        children += [c for c in phrase.children if c not in (trigger, phrase)]
    for child in children:
        if (child.dep_ == "poss" and child.pos_ != "PRON") or (
            child.dep_ in ("amod", "compound")
            and (
                child.ent_type_ in ("NORP", "GPE", "ORG")
                or child.pos_ == "PROPN"
                or child.lemma_.lower() in _DOER_WORDS
            )
        ):
            actors.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            actors += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ == "between":
            first, others = between_sides(child)
            actors += first
            recipients += others
        elif child.dep_ == "prep" and child.lower_ in (*_RECIPIENT_PREPS, *_PARTNER_PREPS):
            recipients += [c for c in child.children if c.dep_ == "pobj" and _party(c)]
    fight = _fight_between(trigger) if not actors else None
    if fight is not None:  # "clashes erupted between A and B"
        actors, recipients = fight[0], fight[1] + recipients
    owners = owner(trigger)
    if owners:
        # "Al-Shabaab claims Mogadishu bombing": the claimer, not the scene's name
        actors = owners + [a for a in actors if a.pos_ != "PROPN" or a.ent_type_ != "GPE"]
    return actors, recipients


def _borrow(trigger: Token, verb: Token, actors: list[Token], recipients: list[Token]) -> None:
    """Fill a noun trigger's missing parties from the verb it hangs from, in place."""
    if suffers(verb):
        # "three soldiers died in an attack": the dead were attacked, they did not attack
        recipients += _victims(verb) if not recipients else []
    elif defends(verb):
        # "troops pushed back an attack": the subject was attacked, it did not attack
        agent = subject_of(verb)
        if agent is not None:
            recipients.insert(0, agent)
    elif not actors or not recipients:
        agent = subject_of(verb)
        if agent is not None and not actors:
            actors.append(agent)
        if not recipients:
            recipients += [
                c
                for c in verb.children
                if c.dep_ == "dobj" and c != trigger and trigger not in c.subtree
            ]


def _victims(verb: Token) -> list[Token]:
    """The subject of a verb it suffers ("two people died"): the victims."""
    return [c for c in verb.children if c.dep_ == "nsubj"]


def between_sides(prep: Token) -> tuple[list[Token], list[Token]]:
    """The sides of "between A and B": A acts, B (and any after it) is acted on."""
    pair = [c for c in prep.children if c.dep_ == "pobj"]
    if not pair:
        return [], []
    return [pair[0]], [c for c in pair[0].conjuncts if c.i > pair[0].i]


def _fight_between(word: Token | None) -> tuple[list[Token], list[Token]] | None:
    """The sides of an attack word said to be "between" them ("fighting between A and B",
    "clashes between A and B killed three"); None for any other word."""
    if word is None or word.lemma_.lower() not in _CAUSE_NOUNS | {"fight"}:
        return None
    prep = _between(word)
    if prep is None and word.dep_ == "nsubj":
        prep = _between(word.head)  # "fighting broke out between A and B"
    if prep is None:
        return None
    first, others = between_sides(prep)
    return (first, others) if first else None


def _between(word: Token) -> Token | None:
    return next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "between"), None)


def closing_speakers(token: Token) -> int:
    """Where a closing attribution's speakers start ("... with troops and militias, residents
    and a rebel spokesman said."): after the last comma before a reporting verb that ends the
    sentence; the sentence's end when there is none. The parser often joins those speakers
    to the list before them."""
    sent = token.sent
    words = [t for t in sent if not t.is_punct]
    if not words or words[-1].lemma_.lower() not in _SPEECH or words[-1].i <= token.i:
        return sent.end
    commas = [t.i for t in sent if t.text == "," and token.i < t.i < words[-1].i]
    return commas[-1] if commas else sent.end


def clause_head(trigger: Token) -> Token:
    """The nearest verb at or above a trigger: the clause it belongs to."""
    current = trigger
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head == current:
            return current
        current = current.head
    return current
