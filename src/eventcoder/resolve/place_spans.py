"""Which words of an article name places: the parse's place entities, names the gazetteer
knows, nationality words, and the fallbacks for names the gazetteer lacks as written."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import INCIDENT_NOUNS
from eventcoder.extract.where import PLACE_PREPS
from eventcoder.model import Precision
from eventcoder.resolve.places import GazetteerRow, NameIndex, primary
from eventcoder.text.ents import doc_ents
from eventcoder.text.reads import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LOCATIVE = PLACE_PREPS


NOT_PLACES = {
    "western",
    "eastern",
    "northern",
    "southern",
    "west",
    "east",
    "north",
    "south",
    "earth",
    "the west",
    "europe's",
}


# A name followed by one of these is a place whatever the tagger calls it ("the Kherson
# region", "the Kupyansk direction").
PLACE_NOUNS = {
    "region",
    "oblast",
    "province",
    "governorate",
    "district",
    "county",
    "city",
    "town",
    "village",
    "direction",
    "area",
    "outskirts",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "quarter",
}
# Words after a name that make it a part of a town, whatever the tagger calls it ("Baghdad's
# Zafraniya neighbourhood", tagged a nationality).
_PART_NOUNS = {"neighbourhood", "neighborhood", "suburb", "quarter"}


# Sites named after a place ("the Nuseirat camp", "Odesa port", "the Tayasir checkpoint").
SITE_WORDS = {
    "camp", "port", "airport", "crossing", "checkpoint", "base", "airbase", "prison", "dam",
    "corridor", "hospital", "refinery", "territory",
}  # fmt: skip


def _site(doc: Doc, words: Span, index: NameIndex) -> Span | None:
    """ "Tayasir checkpoint": a name and the site word after it, when the curated places
    know the site by that name (the town alone may be too small to be taken as one)."""
    if words.end >= len(doc) or doc[words.end].lower_ not in SITE_WORDS:
        return None
    site = doc[words.start : words.end + 1]
    if any(r.source.startswith("curated") for r in index.candidates(site.text)):
        return doc.char_span(site.start_char, site.end_char, label="FAC")
    return None


def toponym_spans(doc: Doc) -> list[Span]:
    """Names of places: GPE, LOC and FAC entities, and PERSON/ORG/PRODUCT names after a
    locative word or before a place or incident noun."""
    spans: list[Span] = []
    for ent in doc_ents(doc):
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            or (ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].lower_ in _PART_NOUNS)
        ) or (
            ent.label_ in ("PERSON", "ORG", "PRODUCT")
            and (
                (ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE)
                or (ent.end < len(doc) and doc[ent.end].lower_ in PLACE_NOUNS)
                # "Croix" of "Croix-des-Bouquets": a name written on through hyphens
                or hyphen_run(doc, ent).end > ent.end
                # "the Kramatorsk strike": a town named before an incident noun
                or (
                    ent.end < len(doc)
                    and doc[ent.end].lemma_.lower() in INCIDENT_NOUNS
                    and ent.root.dep_ == "compound"
                )
            )
        ):
            spans.append(ent)
    return spans


def name_parts(doc: Doc, is_actor: Callable[[str], bool]) -> frozenset[int]:
    """Tokens of a run of capitalised words that names a known actor ("Human Rights Watch",
    whether or not the tagger saw an organisation there)."""
    parts: set[int] = set()
    like = _name_flags(doc)
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < 6 and like[end]:
            end += 1
        for start in range(i, end - 1):
            for stop in range(end, start + 1, -1):
                if is_actor(doc[start:stop].text):
                    parts.update(range(start, stop))
                    break
        i = max(end, i + 1)
    return frozenset(parts)


# A country's or region's usual short name is not a spelling variant ("America").
_SHORT_NAMED = (Precision.COUNTRY, Precision.REGION)


def own_names_only(
    span: Span, name: str, rows: list[GazetteerRow], parts: frozenset[int]
) -> list[GazetteerRow]:
    """A word of an organisation's name is a place there only under the place's own name:
    "Human" of "Human Rights Watch" is not Uman, though one spelling of Uman folds to it."""
    if not all(t.i in parts for t in span):
        return rows
    return [r for r in rows if primary(r, name) or r.precision in _SHORT_NAMED]


def _known(rows: list[GazetteerRow], min_population: int) -> bool:
    return any(r.population >= min_population or r.source.startswith("curated") for r in rows)


_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _name_like(token: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence the tagger did not see as a name
    ("killed in shelling of Donetsk" in a headline without a full stop)."""
    if not token.text[:1].isupper():
        return False
    if token.pos_ == "ADJ" and token.ent_type_ != "NORP" and not token.is_sent_start:
        # "over the Kyiv region": a town's name the tagger took for an adjective
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in PLACE_NOUNS
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and not token.is_sent_start)


_NAME_FLAGS = "eventcoder.name_like"


def _name_flags(doc: Doc) -> list[bool]:
    """`_name_like` of every token, worked out once per document."""
    flags = doc.user_data.get(_NAME_FLAGS)
    if flags is None:
        flags = doc.user_data[_NAME_FLAGS] = [_name_like(token) for token in doc]
    return list(flags)


def gazetteer_spans(
    doc: Doc, index: NameIndex, *, min_population: int = 15_000, home: str | None = None
) -> list[Span]:
    """Capitalised names the gazetteer knows that the NER did not mark as places.

    Outside any entity ("in Donetsk shelling") a town of `min_population` will do; inside an
    organisation's name ("the Kentucky State Police", "CTV Winnipeg") only a country, a region
    or a large city counts.
    """
    blocked: set[int] = set()
    inside: set[int] = set()
    objects: set[int] = set()
    for ent in doc_ents(doc):
        if _object_name(ent):
            objects.update(range(ent.start, ent.end))
        (inside if ent.label_ in ("ORG", "FAC", "NORP") else blocked).update(
            range(ent.start, ent.end)
        )
    blocked -= objects
    common = set(_LOWER_WORDS.findall(doc_text(doc)))  # words the article writes in lower case
    people = surnames(doc)
    spans: list[Span] = []
    like = _name_flags(doc)
    i = 0
    while i < len(doc):
        if not like[i]:
            i += 1
            continue
        token = doc[i]
        found = None
        for size in (4, 3, 2, 1):
            words = doc[i : i + size]
            if len(words) < size or not all(like[i : i + size]):
                continue
            site = _site(doc, words, index)
            if site is not None:
                found = site
                break
            rows = index.candidates(words.text)
            if any(t.i in blocked for t in words) and not (
                # "Debre Markos" where the tagger took "Markos" for a person: a town's own
                # name across the entity's edge
                i not in blocked
                and words.end - 1 in blocked
                and any(primary(r, words.text) and r.population >= min_population for r in rows)
            ):
                continue
            if (
                size == 1
                and (
                    token.lower_ in common  # "Man", "Police", "Spring": words here too
                    or token.lower_ in people  # "Bush", "Jones": someone's name here
                    or (token.text.isupper() and len(token.text) <= 3)  # "BA", "PAN"
                    or len(token.text) <= 2  # "Bo"
                    or (token.text.endswith(".") and token.text not in index.abbreviations)
                )
                and not any(r.source.startswith("curated") for r in rows)  # "DPR"
            ):
                continue
            strict = any(t.i in inside or t.i in objects for t in words)
            if strict:
                rows = [
                    r
                    for r in rows
                    if r.precision.value in ("country", "region")
                    or r.population >= 200_000
                    or (r.source.startswith("curated") and all(t.i in objects for t in words))
                ]
            local = not strict and any(r.country == home and r.population >= 1000 for r in rows)
            if rows and (_known(rows, min_population) or local):
                found = doc.char_span(words.start_char, words.end_char, label="GPE")
                break
        if found is not None:
            spans.append(found)
            i = found.end
        else:
            i += 1
    return spans


def _object_name(ent: Span) -> bool:
    """A one-word 'person' that something is done to ("shelled Kherson", "strike Kyiv"): the
    tagger's guess for a town it does not know; a large place of that name is read as one."""
    if ent.label_ not in ("PERSON", "ORG") or ent.root.dep_ not in ("dobj", "pobj"):
        return False
    # "shelled Kherson 40 times": a count the tagger ran into the name
    rest = [t for t in ent if t.i != ent.root.i]
    return (ent.label_ == "PERSON" and not rest) or (
        ent.root.pos_ == "PROPN" and bool(rest) and all(t.like_num for t in rest)
    )


def demonym_spans(doc: Doc, demonyms: dict[str, str | None]) -> list[tuple[Span, str]]:
    """Nationality words ("Russian", "Iraqi") with the country they name: nationality entities
    and their hyphenated parts ("German-Iraqi", "anti-Russian"). (Not the word that opens an
    organisation's name, "Ukrainian Armed Forces": that would place the organisation's deeds.)"""
    out: list[tuple[Span, str]] = []
    for ent in doc_ents(doc):
        if ent.label_ == "NORP":
            code = demonyms.get(ent.text.lower())
            if code:
                out.append((ent, code))
                continue
            begin = ent.start_char
            for part in ent.text.split("-"):
                code = demonyms.get(part.lower()) if part[:1].isupper() else None
                span = doc.char_span(begin, begin + len(part)) if code else None
                if code and span is not None:
                    out.append((span, code))
                begin += len(part) + 1
    return out


def strip_name(span: Span) -> str:

    text = span.text
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    return text.removesuffix("'s").removesuffix("’s").strip()


DIRECTION_WORDS = {
    "east": "eastern", "eastern": "eastern", "e.": "eastern",
    "west": "western", "western": "western", "w.": "western",
    "north": "northern", "northern": "northern", "n.": "northern",
    "south": "southern", "southern": "southern", "s.": "southern",
    "northeast": "northeastern", "northeastern": "northeastern",
    "northwest": "northwestern", "northwestern": "northwestern",
    "southeast": "southeastern", "southeastern": "southeastern",
    "southwest": "southwestern", "southwestern": "southwestern",
    "central": "central",
}  # fmt: skip


def directional_rows(doc: Doc, span: Span, name: str, index: NameIndex) -> list[GazetteerRow]:
    """Rows for "east Ukraine" / "southern Lebanon" when the gazetteer names that area."""
    if span.start == 0:
        return []
    word = DIRECTION_WORDS.get(doc[span.start - 1].lower_)
    if word is None:
        return []
    rows = index.candidates(f"{word} {name}") or index.candidates(
        f"{doc[span.start - 1].lower_} {name}"
    )
    return [r for r in rows if r.precision is not Precision.CITY or r.source.startswith("curated")]


def curated_territory(index: NameIndex, name: str) -> bool:
    """Also a curated territory: "DPR" names a group and the territory it holds (while "Kiev"
    in "Kiev forces" names a government)."""
    return any(
        r.source.startswith("curated") and r.precision in (Precision.REGION, Precision.DISTRICT)
        for r in index.candidates(name)
    )


def fallback_rows(name: str, index: NameIndex) -> list[GazetteerRow]:
    """Rows for names the gazetteer lacks as written: "Newark, Ohio" (the place, narrowed by
    what follows the comma) and "North Texas" (the place without its direction)."""
    if "," in name:
        head, _, tail = name.partition(",")
        rows = index.candidates(head.strip())
        context = index.candidates(tail.strip())
        countries = {r.country for r in context}
        regions = {r.name.lower() for r in context if r.precision.value == "region"}
        narrowed = [r for r in rows if r.country in countries] or rows
        if regions:
            by_region = [r for r in narrowed if (r.admin1 or "").lower() in regions]
            narrowed = by_region or narrowed
        return narrowed
    first, _, rest = name.partition(" ")
    if first.lower() in DIRECTION_WORDS and rest:
        return index.candidates(rest)
    return []


def prefix_rows(span: Span, index: NameIndex) -> list[GazetteerRow]:
    """ "Lamar County Commissioners", "Kern County Water District": the place they lead
    with, if it is two words or more."""
    words = [t for t in span if t.lower_ not in ("the", "a", "an")]
    if words and words[-1].lower_ in _STREETS:
        return []  # "Green Oaks Boulevard" is in Arlington, not Green Oaks
    for size in range(min(4, len(words) - 1), 1, -1):
        rows = index.candidates(" ".join(t.text for t in words[:size]))
        if rows:
            return rows
    return []


_STREETS = {
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "lane",
    "highway", "parkway", "way", "place", "court", "square", "terrace", "trail", "pike",
}  # fmt: skip


def own_name(name: str, rows: list[GazetteerRow]) -> list[GazetteerRow]:
    """ "England" is England, not the United Kingdom its name is an alias of: a region called
    so is a closer reading than the country that contains it."""
    own = {
        r.country
        for r in rows
        if r.precision is Precision.REGION and primary(r, name) and r.country
    }
    if not own:
        return rows
    return [
        r
        for r in rows
        if not (r.precision is Precision.COUNTRY and r.country in own and not primary(r, name))
    ]


_SUFFIXES = (
    " city",
    " town",
    " township",
    " borough",
    " village",
    " county council",
    " municipal district",
    " city council",
    # "Kupwara district", "the Tillaberi region": the town a district or region is named after
    # stands for it when the gazetteer lacks the area itself
    " district",
    " region",
    " province",
    " governorate",
    " department",
    " prefecture",
)


def suffix_rows(name: str, index: NameIndex) -> list[GazetteerRow]:
    """ "Birmingham City", "Jackson Township", "Nenagh Municipal District", "Kupwara
    district": the town."""
    folded = name.lower()
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            return index.candidates(name[: -len(suffix)])
    return []


@functools.lru_cache(maxsize=4)  # asked by several steps for the same article
def surnames(doc: Doc) -> frozenset[str]:
    """Words of people's longer names ("Mansfield" of "Jane Mansfield"): not towns here."""
    return frozenset(
        t.lower_
        for ent in doc_ents(doc)
        if ent.label_ == "PERSON" and len(ent) > 1
        for t in ent
        if t.text[:1].isupper()
    )


def hyphen_run(doc: Doc, span: Span) -> Span:
    """The span run on through hyphens it is written with ("Croix" of "Croix-des-Bouquets")."""
    end = span.end
    while (
        end + 1 < len(doc)
        and end - span.end < 8
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
    ):
        end += 2
    return doc[span.start : end]


def named_as_place(doc: Doc, span: Span) -> bool:
    """The text itself calls the name a place: "the Tillaberi region", "the town of Moura"."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    return after in PLACE_NOUNS or (
        before is not None and before[1].lower_ == "of" and before[0].lower_ in PLACE_NOUNS
    )


def is_person(doc: Doc, span: Span, people: frozenset[str]) -> bool:
    """A one-word name that is part of someone's name here ("Martin" after "Martha Rose May
    Martin"; "Georgia" after "Georgia Stevens"), unless the text puts it as a place ("in")."""
    if len(span) != 1 or span.text.lower() not in people:
        return False
    return not (span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE)
