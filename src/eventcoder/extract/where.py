"""Where and when a trigger's clause says it happened: its place-name phrases ("east of X",
"the village of X") and date phrases, those attached to the clause first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import INCIDENT_NOUNS
from eventcoder.text.ents import doc_ents, span_ents

if TYPE_CHECKING:
    from collections.abc import Container

    from spacy.tokens import Span, Token

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
    "corridor",
    "refinery",
    "depot",
    "dam",
    "terminal",
    "airbase",
    "airfield",
    "barracks",
    "territory",
    "township",
    "quarter",
}
# "fled Rafah for al-Mawasi", "were taken to a hospital in X": where people went, after the act.
_AWAY_VERBS = {
    "flee",
    "escape",
    "take",
    "rush",
    "evacuate",
    "transfer",
    "airlift",
    "transport",
    "carry",
    "bring",
    "admit",
    "displace",
}
_TOWARD = {"to", "for", "toward", "towards", "into"}
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
    if _hyphen_participle(name):
        return True  # "Russia-led forces", "Iran-backed militias": who, not where
    noun = head.head
    if (
        head.dep_ == "compound"
        and name.label_ in ("GPE", "NORP")
        and noun.i >= name.end
        and noun.lemma_.lower() in _AREA_NOUNS
        and _placed_elsewhere(noun)
    ):
        return True  # "a US base in Syria": whose base; Syria is where (not "the Nur Shams
        # camp near Tulkarm", a site's own name)
    return (
        head.dep_ in ("compound", "amod", "poss", "nmod")
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.lemma_.lower() not in _AREA_NOUNS | _DIRECTIONS  # "X east of Y": a misparse
        and noun.lower_ not in _AREA_NOUNS  # the lemma of "outskirts" is "outskirt"
        and noun.i >= name.end
        # "killed in Donetsk - DPR negotiator": a compound across a dash is a misparse of a
        # headline's closing attribution.
        and not any(t.text in _DASHES for t in name.doc[name.end : noun.i])
    )


def _placed_elsewhere(noun: Token) -> bool:
    """The facility has a place of its own after it ("a US base in Syria", "the Russian
    embassy near X")."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("in", "near", "at", "outside", "inside")
        and any(t.dep_ == "pobj" and t.pos_ == "PROPN" for t in prep.children)
        for prep in noun.children
    )


def _hyphen_participle(ent: Span) -> bool:
    """A name written into a participle ("Russia-led", "Iran-backed", "Kyiv-controlled")."""
    doc = ent.doc
    return (
        ent.end + 1 < len(doc)
        and doc[ent.end].text in ("-", "–")
        and doc[ent.end].whitespace_ == ""
        and doc[ent.end + 1].tag_ in ("VBN", "VBD")
    )


def _party_between(token: Token) -> bool:
    """ "fighting between Fano and the army": a name paired with a common noun under "between"
    names a side, not a place."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ != "between":
        return False
    return any(t.pos_ == "NOUN" for t in token.conjuncts)


def _destination(token: Token) -> bool:
    """Where people fled or the wounded were taken ("fled to Chad", "taken to a hospital in
    X"): the place they went, not where the act was."""
    current = token
    for _ in range(4):  # "taken to a hospital in Deir al-Balah": through the facility
        while current.dep_ == "conj" and current.head != current:
            current = current.head
        if current.dep_ != "pobj":
            return False
        prep = current.head
        if prep.lower_ in _TOWARD:
            return prep.head.pos_ in ("VERB", "AUX") and prep.head.lemma_.lower() in _AWAY_VERBS
        if prep.lower_ != "in" or prep.head.pos_ not in ("NOUN", "PROPN"):
            return False
        current = prep.head
    return False


# "Rockets fired from Gaza struck Sderot": where the fire came from, not where it fell.
_FIRED = {"fire", "launch", "shoot", "rocket", "missile", "drone", "shell", "projectile"}


def is_origin(token: Token) -> bool:
    """A place the shot came from ("fired from Gaza", "a rocket from Lebanon")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "from"
        and token.head.head.lemma_.lower() in _FIRED
    )


_IN_AREA = ("in", "across", "throughout")
_COMPASS = {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"}
COMPASS_WORDS = frozenset(_COMPASS)  # the only words compass_area() accepts


def compass_area(token: Token) -> bool:
    """ "killed in the east", "in the rebel east": a part of the country the text is about,
    named by its direction alone (not "east of X", which names X)."""
    doc = token.doc
    if token.lower_ not in _COMPASS or token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("of", "-", "–"):
        return False  # "east of Kramatorsk"; "north-east Nigeria"
    before = token.i - 1
    while before >= 0 and token.i - before <= 3 and doc[before].lower_ not in _IN_AREA:
        if doc[before].pos_ in ("ADP", "CCONJ", "PRON", "AUX") or doc[before].text[:1].isupper():
            return False  # "in Kharkiv north", "in Gaza's south"
        before -= 1
    return before >= 0 and doc[before].lower_ in _IN_AREA


# "the city", "the camp": a place named before, taken up again
_BACK_NOUNS = {"city": "city", "town": "city", "village": "city", "camp": "neighbourhood"}
ANAPHOR_NOUNS = frozenset(_BACK_NOUNS)  # the only words place_anaphor() accepts


def place_anaphor(token: Token) -> str | None:
    """The precision of the place "east of the city", "shelled the camp" points back to, when
    the noun stands alone for a place named before (not "the city of X", "the city council")."""
    precision = _BACK_NOUNS.get(token.lower_)
    if precision is None or token.pos_ != "NOUN":
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in children) or any(
        c.dep_ in ("prep", "compound", "poss", "nummod", "acl", "relcl", "appos")
        or (c.dep_ == "amod" and c.lower_ not in ("nearby", "besieged", "embattled"))
        for c in children
    ):
        return None
    head = token.head
    placed = token.dep_ == "pobj" and (
        head.lower_ in PLACE_PREPS - {"of", "by", "from", "with", "to", "for", "into"}
        or (head.lower_ == "of" and head.head.lower_ in _DIRECTIONS)
    )
    return precision if placed or token.dep_ == "dobj" else None


def _named_sites(sent: Span) -> list[tuple[Span, Token]]:
    """Proper names compounded with a place noun the tagger did not mark as places ("the Nur
    Shams refugee camp", "near the Netzarim corridor"): the name and the noun."""
    doc = sent.doc
    out: list[tuple[Span, Token]] = []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        name_like = token.pos_ == "PROPN" or (  # "the Kyiv region", tagged an adjective
            token.pos_ == "ADJ" and token.ent_type_ != "NORP" and token.head.lower_ in _AREA_NOUNS
        )
        if (
            not name_like
            or not token.text[:1].isupper()
            or token.dep_ not in ("compound", "amod")
            or token.is_sent_start
        ):
            i += 1
            continue
        end = i
        while end + 1 < sent.end and (
            doc[end + 1].pos_ == "PROPN" or (doc[end + 1].text == "-" and end + 2 < sent.end)
        ):
            end += 1
        noun = doc[end].head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head  # "refugee camp", "border crossing"
        between = doc[end + 1 : noun.i]
        if (
            noun.i > end
            and noun.pos_ == "NOUN"
            and noun.lemma_.lower() in _AREA_NOUNS
            and all(t.dep_ == "compound" and t.pos_ == "NOUN" for t in between)
            and token.ent_type_ != "GPE"  # weighed with the entities
        ):
            out.append((doc[i : end + 1], noun))
        i = end + 1
    return out


def _bare_names(sent: Span) -> list[tuple[Span, Token]]:
    """Proper names after a place preposition that the tagger left unlabelled ("an open
    area near Sderot"): the name, and its last word, which carries the dependency."""
    doc = sent.doc
    out: list[tuple[Span, Token]] = []
    for token in sent:
        if (
            token.dep_ == "pobj"
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and not token.ent_type_
            and token.head.lower_ in PLACE_PREPS - {"of", "by", "from", "with"}
        ):
            start = token.i
            while (
                start - 1 > token.head.i
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].dep_ == "compound"
                and not doc[start - 1].ent_type_
            ):
                start -= 1
            out.append((doc[start : token.i + 1], token))
    return out


# Words before a name that say the place is only near it ("near X", "outside X").
_NEAR = {"near", "outside", "around", "between", "nearby"}


def _around(ent: Span) -> tuple[int, int]:
    """Token bounds of the phrase that qualifies a place name: "east of X", "the outskirts of
    X", "near X", "between X and Y", "X territory"."""
    head = ent.root
    start, end = ent.start, ent.end
    doc = ent.doc
    if (
        end < len(doc)
        and head.head.i == end
        and head.dep_ in ("compound", "amod")
        and doc[end].lower_ in _AREA_NOUNS
    ):
        head, end = doc[end], end + 1  # "Djugu territory", "the Kyiv region"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _DIRECTIONS:
        start = min(start, head.head.head.i)
    elif head.dep_ == "pobj" and head.head.lower_ in _NEAR and head.head.i < start:
        start = head.head.i
        if head.head.lower_ == "between":  # "between X and Y": the stretch between them
            end = max([end, *(t.i + 1 for t in head.conjuncts if t.i > head.i)])
    return start, end


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
    for ent in span_ents(sent):
        if ent.label_ not in _PLACE_LABELS and not (
            ent.label_ in ("PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT")
            and ent.start > sent.start
            and doc[ent.start - 1].lower_ in PLACE_PREPS
        ):
            continue
        head = ent.root
        if is_modifier(ent):
            continue  # "U.S. President", "Gaza health ministry": a modifier, not a place
        if ent.label_ == "NORP" and head.tag_ in ("NNS", "NNPS"):
            continue  # "thousands of Palestinians": people, not their country

        if _destination(head) or _party_between(head):
            continue
        start, end = _around(ent)
        attached = ent.root.i in inside and _attached(ent.root, clause, own)
        rank = 0 if attached and not is_origin(head) else 1
        found.append((rank, ent, doc[start:end]))
    taken = {item[1].start for item in found}
    compass = [(sent.doc[t.i : t.i + 1], t) for t in sent if compass_area(t) or place_anaphor(t)]
    for name, noun in [*_named_sites(sent), *_bare_names(sent), *compass]:
        if name.start in taken or _destination(noun) or _party_between(noun):
            continue
        rank = 0 if noun.i in inside and _attached(noun, clause, own) else 1
        start = name.start
        if place_anaphor(noun):
            start = min(start, max(noun.left_edge.i, sent.start))  # "the city"
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lower_ in _DIRECTIONS
        ):
            start = min(start, noun.head.head.i)  # "east of the city"
        elif start > sent.start and doc[start - 1].lower_ in _NEAR:
            start -= 1  # "near Sderot"
        found.append((rank, name, doc[start : noun.i + 1]))
    found.sort(key=lambda item: (item[0], item[1].start))
    return [(ent, span, rank == 0) for rank, ent, span in found]


def _own_verb(token: Token, clause: Token) -> bool:
    """The date hangs from the clause's own verb, not from a relative or other clause inside
    it ("The M23, which seized Goma in January, attacked Uvira on Sunday")."""
    for head in token.ancestors:
        if head == clause:
            return True
        if head.pos_ in ("VERB", "AUX") and head.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return False
    return True


def _in_since_clause(ent: Span) -> bool:
    """ "have killed 50 since the truce collapsed on March 1": the date starts a running
    period."""
    for clause in ent.root.ancestors:
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "since" for c in clause.children
        ):
            return True
        if clause.dep_ in ("ROOT", "ccomp", "conj"):
            return False
    return False


def _joined_date(ent: Span) -> Span | None:
    """The date joined to this one by "and" ("Monday and Tuesday"), if the tagger split them."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "and":
        return None
    for other in doc_ents(doc):
        if other.start == ent.end + 1 and other.label_ == "DATE":
            return other
    return None


def date_phrases(sent: Span, clause: Token) -> list[str]:
    """Date expressions of the sentence, those in the trigger's clause first."""
    inside = {t.i for t in clause.subtree}
    scored: list[tuple[int, int, str]] = []
    doc = sent.doc
    for ent in span_ents(sent):
        if ent.label_ in ("DATE", "TIME"):
            text = ent.text
            if (ent.start > 0 and doc[ent.start - 1].lower_ == "since") or _in_since_clause(ent):
                text = f"since {text}"  # "since Saturday": from then until now
            elif ent.start > 1 and doc[ent.start - 2 : ent.start].text.lower() == "night of":
                text = f"night of {text}"  # "on the night of March 3": into March 4
            if ent.end < len(doc) and doc[ent.end].lower_ == "night" and "night" not in text:
                text = f"{text} night"  # "on Tuesday night"
            following = _joined_date(ent)
            if following is not None:
                text = f"{text} and {following.text}"  # "on Monday and Tuesday"
            own = ent.root.i in inside and _own_verb(ent.root, clause)
            scored.append((0 if own else 1, ent.start, text))
    for match in _RELATIVE_WORDS.finditer(sent.text):
        scored.append((1, sent.start + 1000 + match.start(), match.group(0)))
    scored.sort()
    return [text for _, _, text in scored]
