"""Every place the article names, resolved together so that they disambiguate each other."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import PLACE_PREPS
from eventcoder.model import Place, Precision
from eventcoder.resolve.places import (
    GazetteerRow,
    NameIndex,
    choose,
    distance_km,
    primary,
    to_place,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LOCATIVE = PLACE_PREPS
_NOT_PLACES = {
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


def toponym_spans(doc: Doc) -> list[Span]:
    """Names of places: GPE, LOC and FAC entities, and PERSON/ORG names after a locative word."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC") or (
            ent.label_ in ("PERSON", "ORG")
            and ent.start > 0
            and doc[ent.start - 1].lower_ in _LOCATIVE
        ):
            spans.append(ent)
    return spans


def _known(rows: list[GazetteerRow], min_population: int) -> bool:
    return any(r.population >= min_population or r.source.startswith("curated") for r in rows)


def gazetteer_spans(
    doc: Doc, index: NameIndex, *, min_population: int = 15_000, home: str | None = None
) -> list[Span]:
    """Capitalised names the gazetteer knows that the NER did not mark as places.

    Outside any entity ("in Donetsk shelling") a town of `min_population` will do; inside an
    organisation's name ("the Kentucky State Police", "CTV Winnipeg") only a country, a region
    or a large city counts.
    """
    blocked = {
        i
        for ent in doc.ents
        if ent.label_ not in ("ORG", "FAC", "NORP")
        for i in range(ent.start, ent.end)
    }
    inside = {
        i
        for ent in doc.ents
        if ent.label_ in ("ORG", "FAC", "NORP")
        for i in range(ent.start, ent.end)
    }
    common = {t.lower_ for t in doc if t.text.islower()}
    people = _surnames(doc)
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in blocked or token.pos_ != "PROPN" or not token.text[:1].isupper():
            i += 1
            continue
        found = None
        for size in (4, 3, 2, 1):
            words = doc[i : i + size]
            if len(words) < size or any(
                t.i in blocked or not t.text[:1].isupper() or t.pos_ != "PROPN" for t in words
            ):
                continue
            rows = index.candidates(words.text)
            if (
                size == 1
                and (
                    token.lower_ in common  # "Man", "Police", "Spring": words here too
                    or token.lower_ in people  # "Bush", "Jones": someone's name here
                    or (token.text.isupper() and len(token.text) <= 3)  # "BA", "PAN"
                    or (token.text.endswith(".") and token.text not in index.abbreviations)
                )
                and not any(r.source.startswith("curated") for r in rows)  # "DPR"
            ):
                continue
            strict = any(t.i in inside for t in words)
            if strict:
                rows = [
                    r
                    for r in rows
                    if r.precision.value in ("country", "region") or r.population >= 200_000
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


def demonym_spans(doc: Doc, demonyms: dict[str, str | None]) -> list[tuple[Span, str]]:
    """Nationality words ("Russian", "Iraqi") with the country they name: nationality entities
    and their hyphenated parts ("German-Iraqi", "anti-Russian"). (Not the word that opens an
    organisation's name, "Ukrainian Armed Forces": that would place the organisation's deeds.)"""
    out: list[tuple[Span, str]] = []
    for ent in doc.ents:
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


def _strip(span: Span) -> str:

    text = span.text
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    return text.removesuffix("'s").removesuffix("’s").strip()


_DIRECTION_WORDS = {
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


def _directional(doc: Doc, span: Span, name: str, index: NameIndex) -> list[GazetteerRow]:
    """Rows for "east Ukraine" / "southern Lebanon" when the gazetteer names that area."""
    if span.start == 0:
        return []
    word = _DIRECTION_WORDS.get(doc[span.start - 1].lower_)
    if word is None:
        return []
    rows = index.candidates(f"{word} {name}") or index.candidates(
        f"{doc[span.start - 1].lower_} {name}"
    )
    return [r for r in rows if r.precision is not Precision.CITY or r.source.startswith("curated")]


def _dominant(name: str, rows: list[GazetteerRow]) -> GazetteerRow | None:
    """The reading that outweighs its namesakes ten to one ("Paterson": New Jersey's city, not
    the Australian village), if one does."""
    own = [r for r in rows if primary(r, name) or r.precision is not Precision.CITY] or rows
    if not own:
        return None
    top = max(own, key=lambda r: r.population)
    rest = sum(r.population for r in own if r.country != top.country)
    return top if top.population >= 10 * rest else None


def _home_country(spans: list[Span], index: NameIndex, extra: Iterable[_Option] = ()) -> str | None:
    """The country most of the article's place names are plainly in, if any; small towns
    there may then be recognised by the gazetteer alone ("Pataskala zoning allows...")."""
    votes: Counter[str] = Counter()
    named = [(_strip(span), index.candidates(_strip(span))) for span in spans]
    for name, rows in [*named, *((o.text, o.rows) for o in extra)]:
        top = _dominant(name, rows)
        if top is not None and top.country:
            votes[top.country] += 1
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 else None


def _curated(index: NameIndex, name: str) -> bool:
    """Also a curated territory: "DPR" names a group and the territory it holds (while "Kiev"
    in "Kiev forces" names a government)."""
    return any(
        r.source.startswith("curated") and r.precision in (Precision.REGION, Precision.DISTRICT)
        for r in index.candidates(name)
    )


def _fallback_rows(name: str, index: NameIndex) -> list[GazetteerRow]:
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
    if first.lower() in _DIRECTION_WORDS and rest:
        return index.candidates(rest)
    return []


def _anchor(options: Iterable[_Option]) -> tuple[float, float] | None:
    """Where the article is: the middle of its unambiguous towns, cities and regions."""
    points = [
        (o.rows[0].lat, o.rows[0].lon)
        for o in options
        if len(o.rows) == 1
        and o.rows[0].precision is not Precision.COUNTRY
        and (o.rows[0].population >= 1000 or o.rows[0].source.startswith("curated"))
    ]
    if not points:
        return None
    points.sort()
    middle = points[len(points) // 2]  # a median point resists one far-off outlier
    return middle


@dataclasses.dataclass(slots=True)
class _Option:
    """A name in the text that may be a place, with the gazetteer rows it may be."""

    text: str
    start: int
    end: int
    rows: list[GazetteerRow]
    key: int  # the start of the name as the parse has it ("Ukraine" in "east Ukraine")
    strong: bool = True  # named as a place (NER, a dateline), not guessed from a bare name
    via: str = "ner"  # what found it: ner, gazetteer, dateline, abbreviation, county, entity
    name: str = ""  # the name looked up, when not the text ("Boone County" of "Boone County Jail")

    def __post_init__(self) -> None:
        self.name = self.name or self.text


# "PARIS, Mo. —", "WASHINGTON (AP) -", "ST. PAUL --", "BEIRUT:" at the head of a line or after
# a headline's full stop.
_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] ))(?P<city>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.]+(?: ?[A-Z][A-Za-z.]+){0,2}))?"
    r"(?: \([^()\n]{1,25}\))?[ \t]*(?:—|–|--|-|:)[ \t]"
)
_COUNTY_LIST = re.compile(
    r"\b(?P<names>[A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+) (?P<kind>counties|parishes)\b"
)
# Words that make an organisation's leading place name plainly a place ("Oxford Police").
_COUNTRY_ABBREVIATIONS = {"U.S.": "USA", "US": "USA", "U.K.": "GBR", "UK": "GBR"}
_SUFFIXES = (
    " city",
    " town",
    " township",
    " borough",
    " village",
    " county council",
    " municipal district",
    " city council",
)


def _narrow(rows: list[GazetteerRow], context: list[GazetteerRow]) -> list[GazetteerRow]:
    """Rows of "Newark" inside what "Ohio" (or "Ky.", or "Canada") names, if any are."""
    regions = {(r.country, r.region) for r in context if r.precision is Precision.REGION}
    countries = {r.country for r in context if r.precision is Precision.COUNTRY}
    if regions:
        inside = [r for r in rows if (r.country, r.region) in regions and r is not context[0]]
        if inside:
            return inside
    if countries:
        inside = [
            r for r in rows if r.country in countries and r.precision is not Precision.COUNTRY
        ]
        if inside:
            return inside
    return rows


def _abbreviation_rows(text: str, index: NameIndex) -> list[GazetteerRow]:
    row = index.abbreviations.get(text) or index.abbreviations.get(text.replace(" ", ""))
    if row is not None:
        return [row]
    code = _COUNTRY_ABBREVIATIONS.get(text)
    country = index.by_iso3.get(code) if code else None
    return [country] if country is not None else []


def _dateline_options(text: str, index: NameIndex, start: int) -> list[_Option]:
    """Datelines, also those blanked before the parse: the town and the state or country."""
    out: list[_Option] = []
    for match in _DATELINE.finditer(text):
        city = match.group("city").strip(" .-'")
        if len(city) < 3 or not any(ch.isalpha() for ch in city):
            continue
        region = match.group("region")
        context: list[GazetteerRow] = []
        if region:
            context = _abbreviation_rows(region, index) or [
                r
                for r in index.candidates(region)
                if r.precision in (Precision.REGION, Precision.COUNTRY)
            ]
            if context:
                begin = match.start("region")
                out.append(
                    _Option(region, begin, begin + len(region), context, begin, via="dateline")
                )
        rows = index.candidates(city)
        if not rows:
            continue
        if context:
            rows = _narrow(rows, context)
        begin = match.start("city")
        end = begin + len(match.group("city"))
        out.append(_Option(match.group("city"), begin, end, rows, begin, via="dateline"))
    return [o for o in out if o.start >= start or o.end <= start]


def _abbreviation_options(text: str, index: NameIndex, start: int) -> list[_Option]:
    """State abbreviations in running text: "Bismarck, N.D., on Monday", "D-N.J.", "Ill. man"."""
    keys = sorted([*index.abbreviations, *_COUNTRY_ABBREVIATIONS], key=len, reverse=True)
    pattern = _abbreviation_pattern(tuple(keys))
    out: list[_Option] = []
    for match in pattern.finditer(text, start):
        word = match.group(0)
        before = text[max(0, match.start() - 2) : match.start()]
        after = text[match.end() : match.end() + 2]
        follows = after[1:2] if after[:1] == " " else after[:1]
        if word in _COUNTRY_ABBREVIATIONS:
            ok = True
        else:
            ok = (
                before.endswith((", ", "-"))
                or not follows
                or not follows.isupper()
                or before.endswith("\n")
            )
            ok = ok and not (follows.isupper() and not before.endswith((", ", "-")))
        if ok:
            rows = _abbreviation_rows(word, index)
            if rows:
                strong = word not in _COUNTRY_ABBREVIATIONS  # "US dollars" says little
                begin, end = match.start(), match.end()
                out.append(_Option(word, begin, end, rows, begin, strong, "abbreviation"))
    return out


@functools.cache
def _abbreviation_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _county_options(text: str, index: NameIndex, start: int) -> list[_Option]:
    """ "Muscogee and Harris counties": each name with "County" ("Parish")."""
    out: list[_Option] = []
    for match in _COUNTY_LIST.finditer(text, start):
        kind = "County" if match.group("kind") == "counties" else "Parish"
        for word in re.finditer(r"[A-Z][a-z]+", match.group("names")):
            rows = index.candidates(f"{word.group(0)} {kind}")
            if rows:
                begin = match.start("names") + word.start()
                end = begin + len(word.group(0))
                out.append(_Option(word.group(0), begin, end, rows, begin, via="county"))
    return out


_PART_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|suburb|quarter|area|village|outskirts|microdistrict)\s+of\s+$",
    re.IGNORECASE,
)


def _parts(text: str, options: dict[int, _Option]) -> None:
    """ "the Kirovsky district of Donetsk": the part is where the whole is, whatever towns
    elsewhere share its name."""
    ordered = sorted(options.values(), key=lambda o: o.start)
    for part, whole in itertools.pairwise(ordered):
        if not _PART_OF.fullmatch(text[part.end : whole.start]):
            continue
        inside = [
            r
            for r in part.rows
            if any(distance_km(r.lat, r.lon, w.lat, w.lon) < 40 for w in whole.rows)
        ]
        part.rows = inside or [
            dataclasses.replace(w, precision=Precision.NEIGHBOURHOOD) for w in whole.rows
        ]


def _longer(doc: Doc, option: _Option, index: NameIndex) -> _Option | None:
    """ "New London" where the parse kept only "London": a capitalised word before the name
    that makes a longer name the gazetteer knows."""
    span = doc.char_span(option.start, option.end, alignment_mode="expand")
    if span is None or span.start == 0 or option.via in ("dateline", "abbreviation"):
        return None
    before = doc[span.start - 1]
    if (
        not before.text[:1].isupper()
        or before.is_sent_start
        or before.lower_ in ("the", "a")
        or before.lower_ in _DIRECTION_WORDS  # "north Arlington" is in Arlington
    ):
        return None
    name = f"{before.text} {option.name}"
    rows = [r for r in index.candidates(name) if primary(r, name)]
    if not rows:
        return None
    begin = before.idx
    return dataclasses.replace(
        option,
        text=f"{before.text} {option.text}",
        start=begin,
        rows=rows,
        key=option.key,
        name=name,
    )


def _repeats(text: str, doc: Doc, options: dict[int, _Option], start: int) -> list[_Option]:
    """Other mentions of a name the article uses as a place, wherever the parse put them ("one
    sense per discourse": "Greer" tagged a person or a nationality in one sentence is the same
    town as in the next)."""
    taken = sorted((o.start, o.end) for o in options.values())
    people = [
        (ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1
    ]
    known = _surnames(doc)
    names: dict[str, _Option] = {}
    for o in options.values():
        name = o.text.removeprefix("the ").removeprefix("The ")
        if (
            len(name) >= 4
            and name[:1].isupper()
            and not name.isupper()
            and o.via != "gazetteer"
            and name.lower() not in known
            and any(primary(r, name) for r in o.rows)
        ):
            names.setdefault(name, o)
    out: list[_Option] = []
    for name, source in names.items():
        for match in re.finditer(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", text[start:]):
            begin, end = match.start() + start, match.end() + start
            spans = [*taken, *((o.start, o.end) for o in out)]
            if any(b < end and e > begin for b, e in spans):
                continue
            if any(b <= begin and end <= e for b, e in people):
                continue
            out.append(_Option(name, begin, end, source.rows, begin, strong=False, via="repeat"))
    return out


def _person(doc: Doc, span: Span, people: set[str]) -> bool:
    """A one-word name that is part of someone's name here ("Martin" after "Martha Rose May
    Martin"; "Georgia" after "Georgia Stevens"), unless the text puts it as a place ("in")."""
    if len(span) != 1 or span.text.lower() not in people:
        return False
    return not (span.start > 0 and doc[span.start - 1].lower_ in _LOCATIVE)


def _surnames(doc: Doc) -> set[str]:
    """Words of people's longer names ("Mansfield" of "Jane Mansfield"): not towns here."""
    return {
        t.lower_
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for t in ent
        if t.text[:1].isupper()
    }


_CUES_AFTER = {
    "man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "resident", "residents",
    "police", "officials", "official", "area", "home", "mayor", "council", "councillor",
    "councilman", "schools", "school", "hospital", "hospitals", "city", "town", "county",
    "township", "village", "native", "couple", "family", "businesses", "business", "taxpayers",
    "voters", "zoning", "apartment", "house", "firefighters", "investigators", "officers",
    "detectives", "road", "street", "station", "downtown",
}  # fmt: skip


# Words after a town's name that make an organisation the town's own ("Oxford Police").
_INSTITUTIONS = {
    "police", "fire", "city", "town", "township", "county", "council", "mayor", "selectman",
    "selectmen", "circuit", "district", "court", "parks", "public", "area", "board", "borough",
    "village", "hall", "general", "hospital", "hospitals", "municipal", "sheriff", "chamber",
    "housing", "water", "library", "airport", "harbour", "harbor", "port", "station", "post",
    "news", "times", "herald", "gazette", "tribune", "daily", "evening", "police department",
    "fc", "united", "rovers", "wanderers", "athletic", "albion", "labour",
    "council's", "metropolitan", "regional", "food", "community", "convention", "center",
    "centre", "historical", "planning", "zoning", "school", "schools", "reservoir", "gm",
}  # fmt: skip


def _cued(doc: Doc, ent: Span) -> bool:
    """A bare name used as a place: "in Buford", "a Coral Gables man", "Rock Hill-based",
    "Greer's city limits", "of Winfield,"."""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in _LOCATIVE or before in ("of", "to", "via", "toward", "towards"):
        return True
    if ent.end < len(doc):
        after = doc[ent.end]
        word = after.lower_
        if word in ("'s", "’s") and ent.end + 1 < len(doc):
            word = doc[ent.end + 1].lower_
        based = word in ("-", "based") and "based" in doc[ent.end : ent.end + 3].text
        if word in _CUES_AFTER or based:
            return True
    return False


def _entity_options(
    doc: Doc,
    index: NameIndex,
    *,
    home: str | None,
    anchor: tuple[float, float] | None,
    start: int,
    is_actor: Callable[[str], bool],
) -> list[_Option]:
    """Towns the parse took for people or organisations ("Greer", "Whitestown", "Pataskala")
    and those that lead an organisation's name ("Oxford Police", "Sligo Town Hall").

    A whole name counts when the text uses it as a place ("in Buford", "a Crafton man") or it
    is a town of the article's country near its other places; a leading name needs the latter,
    or to be a large city, region or country."""
    people = _surnames(doc)
    out: list[_Option] = []

    def local(rows: list[GazetteerRow], big: int) -> list[GazetteerRow]:
        return [
            r
            for r in rows
            if r.precision in (Precision.COUNTRY, Precision.REGION)
            or r.population >= big
            or (
                home is not None
                and r.country == home
                and (r.population >= 1000 or r.source.startswith("curated"))
                and (anchor is None or distance_km(anchor[0], anchor[1], r.lat, r.lon) < 250)
            )
        ]

    for ent in doc.ents:
        if ent.start_char < start or ent.label_ in ("GPE", "LOC", "CARDINAL", "ORDINAL", "TIME"):
            continue
        if ent.label_ in ("DATE", "MONEY", "PERCENT", "QUANTITY"):
            continue
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ in ("the", "a", "an"))]
        if not tokens:
            continue
        first = tokens[0].i
        for size in (4, 3, 2, 1):
            words = doc[first : first + size]
            if len(words) < size or words.end > ent.end:
                continue
            if not all(t.text[:1].isupper() for t in words):
                continue
            name = words.text.removesuffix("'s").removesuffix("’s")
            whole = words.end == ent.end or (
                words.end == ent.end - 1 and doc[ent.end - 1].lower_ in ("'s", "’s")
            )
            if is_actor(name) or (size == 1 and name.lower() in people):
                break
            rows = [r for r in index.candidates(name) if primary(r, name)]
            if not rows:
                continue
            county = any(r.precision is Precision.DISTRICT for r in rows)
            if (
                not whole
                and not county
                and (
                    ent.label_ == "PERSON"  # "Linda Daily", "Sam Gallagher": a first name
                    or (
                        size == 1
                        and not any(r.precision is Precision.DISTRICT for r in rows)
                        and doc[words.end].lower_ not in _INSTITUTIONS
                    )  # "Lee Academy", "Lincoln Club": named after people
                )
            ):
                break
            if whole and ent.label_ in ("PERSON", "ORG", "NORP", "PRODUCT"):
                cued = _cued(doc, ent)
                good = local(rows, 15_000 if cued else 200_000)
                if not good and cued and home is None:
                    top = _dominant(name, rows)
                    good = [top] if top is not None and top.population >= 1000 else []
            else:
                good = local(rows, 200_000)
            if good:
                begin = words.start_char
                out.append(
                    _Option(name, begin, begin + len(name), rows, begin, strong=False, via="entity")
                )
            break
    return out


def _prefix_rows(span: Span, index: NameIndex) -> list[GazetteerRow]:
    """ "Lamar County Commissioners", "Santa Clara Valley Water District": the place they lead
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


def _own_name(name: str, rows: list[GazetteerRow]) -> list[GazetteerRow]:
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


def _suffix_rows(name: str, index: NameIndex) -> list[GazetteerRow]:
    """ "Birmingham City", "Jackson Township", "Nenagh Municipal District": the town."""
    folded = name.lower()
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            return index.candidates(name[: -len(suffix)])
    return []


def _context(options: list[_Option]) -> dict[tuple[str | None, str | None], float]:
    """Regions the article names or is plainly in, by weight."""
    regions: dict[tuple[str | None, str | None], float] = {}
    for o in options:
        if len(o.rows) == 1 and o.rows[0].region:
            row = o.rows[0]
            weight = 2.0 if row.precision is Precision.REGION else 1.0
            regions[(row.country, row.region)] = regions.get((row.country, row.region), 0) + weight
        elif o.strong and all(r.precision is Precision.REGION for r in o.rows):
            for r in o.rows[:1]:
                if r.region:
                    regions[(r.country, r.region)] = regions.get((r.country, r.region), 0) + 1
    return regions


def _plausible(option: _Option) -> list[GazetteerRow]:
    """Readings of a name worth counting as evidence for others: towns under their own name
    and not dwarfed by a namesake ("London, Ohio" is no evidence that "Paris" is in Ohio)."""
    towns = [r for r in option.rows if r.precision not in (Precision.COUNTRY, Precision.REGION)]
    top = max((r.population for r in towns), default=0)
    return [r for r in towns[:60] if r.population * 100 >= top and primary(r, option.name)]


def _support(options: list[_Option]) -> Callable[[GazetteerRow], float]:
    """How many other names could be near a row or in its region: towns of one county or
    state named together ("New London", "Mt. Pleasant", "Winfield" in Iowa; "Paris and Henry
    County" in Tennessee) pick each other's readings, and "California" is the state when its
    towns are named."""
    grids: dict[float, dict[tuple[int, int], set[str]]] = {0.5: {}, 2.0: {}}
    regions: dict[tuple[str | None, str], set[str]] = {}
    for o in options:
        name = fold_name(o.name)
        for r in _plausible(o):
            if r.precision in (Precision.CITY, Precision.DISTRICT, Precision.NEIGHBOURHOOD):
                for size, cells in grids.items():
                    cell = (math.floor(r.lat / size), math.floor(r.lon / size))
                    cells.setdefault(cell, set()).add(name)
                if r.region:
                    regions.setdefault((r.country, r.region), set()).add(name)

    def near(row: GazetteerRow, size: float) -> set[str]:
        lat, lon = math.floor(row.lat / size), math.floor(row.lon / size)
        cells = grids[size]
        names: set[str] = set()
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                names |= cells.get((lat + dlat, lon + dlon), set())
        return names

    def bonus(row: GazetteerRow) -> float:
        if row.precision is Precision.COUNTRY:
            return 0.0
        if row.precision is Precision.REGION:
            inside = regions.get((row.country, row.region or ""), set()) if row.region else set()
            return min(3.0, 0.75 * len(inside - {fold_name(row.name)}))
        close = near(row, 0.5)
        wide = near(row, 2.0)
        return min(3.0, 1.25 * max(0, len(close) - 1) + 0.5 * len(wide - close))

    return bonus


# What a reading under its own name is worth over one under an alternate name ("Berea",
# Ohio over Aleppo, once called Beroea); small, since spellings of one place are alternates
# too ("Odessa" is Odesa's).
_PRIMARY = 1.5


def _pick(
    options: list[_Option],
    votes: Counter[str],
    leaning: dict[str, str],
    regions: dict[tuple[str | None, str | None], float],
    near: tuple[float, float] | None,
) -> dict[int, GazetteerRow]:
    """Each option's row: the prior, the article's countries and regions and the other names
    that could be near, then again with the distance to the other names' choices."""
    support = _support(options)
    chosen: dict[int, GazetteerRow] = {}
    for o in options:
        rows = o.rows
        countries: dict[str, float] = dict(votes)
        own = leaning.get(fold_name(o.name))
        if own:  # a name's own leaning is no evidence for itself
            countries[own] -= 1

        def bonus(row: GazetteerRow, name: str = o.name) -> float:
            return support(row) + (_PRIMARY if primary(row, name) else 0.0)

        row = choose(rows, countries=countries, near=near, regions=regions, bonus=bonus)
        if row is not None:
            chosen[o.start] = row
    points = [
        (fold_name(o.name), chosen[o.start])
        for o in options
        if o.start in chosen
        and chosen[o.start].precision not in (Precision.COUNTRY, Precision.REGION)
    ]
    for o in options:
        if o.start not in chosen or len(o.rows) < 2:
            continue
        me = fold_name(o.name)
        others = [row for name, row in points if name != me]
        if not others:
            continue

        countries = dict(votes)
        own = leaning.get(me)
        if own:
            countries[own] -= 1

        def again(row: GazetteerRow, name: str = o.name) -> float:
            return support(row) + (_PRIMARY if primary(row, name) else 0.0)

        row = choose(o.rows, countries=countries, regions=regions, others=others, bonus=again)
        if row is not None:
            chosen[o.start] = row
    return chosen


def fold_name(text: str) -> str:
    return text.lower().removeprefix("the ").strip()


def resolve_toponyms(
    doc: Doc,
    index: NameIndex,
    *,
    dateline: str | None,
    start: int = 0,
    is_actor: Callable[[str], bool] = lambda name: False,
    demonyms: dict[str, str | None] | None = None,
    head: str | None = None,
) -> tuple[dict[int, Place], list[str]]:
    """Places by entity start character, and the article's countries, most named first.

    `is_actor` tells names of organisations and people, so "from Hamas" is not a town.
    Nationality words become country-level places with the method "demonym". `head` is the
    article's text before `start` (its dateline line, blanked in the parse).
    """
    spans = [
        s
        for s in toponym_spans(doc)
        if s.start_char >= start and not (s.label_ in ("PERSON", "ORG") and is_actor(_strip(s)))
    ]
    text = (head or "") + doc.text[len(head or "") :]
    extra = (
        _dateline_options(text, index, start)
        + _abbreviation_options(text, index, start)
        + _county_options(text, index, start)
    )
    home = _home_country(spans, index, extra)
    guessed = [
        s
        for s in gazetteer_spans(doc, index, home=home)
        if s.start_char >= start and (not is_actor(_strip(s)) or _curated(index, _strip(s)))
    ]
    spans += guessed
    from_gazetteer = {s.start_char for s in guessed}

    people = _surnames(doc)
    options: dict[int, _Option] = {}
    for span in spans:
        name = _strip(span)
        if name.lower() in _NOT_PLACES or len(name) < 2:
            continue
        key = span.start_char
        looked = name
        rows = _directional(doc, span, name, index)
        if rows:
            span = doc[span.start - 1 : span.end]
            looked = rows[0].name
        else:
            rows = _abbreviation_rows(name, index) or index.candidates(name)
            if not rows:  # "Newark, Ohio", "North Texas", "Birmingham City", "Lamar County X"
                rows = _fallback_rows(name, index) or _suffix_rows(name, index)
                if not rows and span.label_ in ("GPE", "LOC"):
                    rows = index.similar(name) or _prefix_rows(span, index)
                looked = rows[0].name if rows else name

        if span.label_ in ("PERSON", "ORG"):
            rows = [r for r in rows if r.population >= 50_000 or r.source.startswith("curated")]
        if not rows or _person(doc, span, people):
            continue
        rows = _own_name(name, rows)
        via = "gazetteer" if key in from_gazetteer else "ner"
        options[key] = _Option(
            span.text, span.start_char, span.end_char, rows, key, via=via, name=looked
        )

    for option in extra:  # exact readings replace what the parse made of the same words
        for key in [k for k, o in options.items() if o.start < option.end and o.end > option.start]:
            del options[key]
        options[option.key] = option
    anchor = _anchor(options.values())
    taken = sorted((o.start, o.end) for o in options.values())
    found = _entity_options(doc, index, home=home, anchor=anchor, start=start, is_actor=is_actor)
    for option in found:
        if not any(b < option.end and e > option.start for b, e in taken):
            options[option.key] = option

    for key, option in list(options.items()):
        longer = _longer(doc, option, index)
        if longer is not None:
            options[key] = longer
    _parts(text, options)
    for option in _repeats(text, doc, options, start):
        options[option.key] = option
    ordered = sorted(options.values(), key=lambda o: o.start)
    for first, second in itertools.pairwise(ordered):  # "Newark, Ohio"
        between = text[first.end : second.start]
        if (
            between in (",", ", ")
            and any(r.precision in (Precision.REGION, Precision.COUNTRY) for r in second.rows)
            and not any(r.precision is Precision.COUNTRY for r in first.rows)
        ):
            first.rows = _narrow(first.rows, second.rows)

    votes: Counter[str] = Counter()
    voted: set[str] = set()
    leaning: dict[str, str] = {}  # name -> the country its dominant reading is in
    for option in sorted(options.values(), key=lambda o: not o.strong):
        named = {r.country for r in option.rows if r.country}
        name = fold_name(option.name)
        if name in voted or name in leaning:
            continue
        if len(named) == 1:  # names that say their country vote for it
            votes[next(iter(named))] += 2 if option.strong else 1
            voted.add(name)
        else:  # and, less, names whose namesakes one country's place dwarfs ("Dallas")
            top = _dominant(option.name, option.rows)
            if top is not None and top.country:
                leaning[name] = top.country
                votes[top.country] += 1
    if dateline:
        rows = index.candidates(dateline)
        if rows:
            top = max(rows, key=lambda r: r.population)
            if top.country:
                votes[top.country] += 1
    countries = [code for code, _ in votes.most_common()]
    near = _anchor(options.values())
    regions = _context(ordered)
    chosen = _pick(ordered, votes, leaning, regions, near)
    places: dict[int, Place] = {}
    for option in ordered:
        row = chosen.get(option.start)
        if row is None:
            continue
        ambiguous = len({(r.country, round(r.lat), round(r.lon)) for r in option.rows}) > 1
        places[option.key] = to_place(
            row,
            text=option.text,
            start=option.start,
            end=option.end,
            method="gazetteer-context" if ambiguous else "gazetteer",
            score=(0.7 if ambiguous else 0.95) * (1.0 if option.strong else 0.8),
            found=option.via,
        )
    for span, code in demonym_spans(doc, demonyms or {}):
        row = index.by_iso3.get(code)
        if row is not None and span.start_char >= start:
            places[span.start_char] = to_place(
                row,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method="demonym",
                score=0.6,
            )
    return places, countries


PRECISION_RANK = {
    Precision.NEIGHBOURHOOD: 0,
    Precision.CITY: 1,
    Precision.DISTRICT: 2,
    Precision.REGION: 3,
    Precision.COUNTRY: 4,
}
