"""Place names the parse misses or cuts short: datelines, state abbreviations, county lists,
towns taken for people or organisations, longer and wider names, and repeated mentions."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.model import Precision
from eventcoder.resolve.place_spans import DIRECTION_WORDS, LOCATIVE, SITE_WORDS, surnames
from eventcoder.resolve.places import GazetteerRow, NameIndex, distance_km, primary
from eventcoder.text.ents import doc_ents
from eventcoder.text.reads import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def dominant(name: str, rows: list[GazetteerRow]) -> GazetteerRow | None:
    """The reading that outweighs its namesakes ten to one ("Paterson": New Jersey's city, not
    the Australian village), if one does."""
    own = [r for r in rows if primary(r, name) or r.precision is not Precision.CITY] or rows
    if not own:
        return None
    top = max(own, key=lambda r: r.population)
    rest = sum(r.population for r in own if r.country != top.country)
    return top if top.population >= 10 * rest else None


@dataclasses.dataclass(slots=True)
class Option:
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
    r"(?:, (?P<region>(?![A-Z][a-z]{2,8}\.? \d)[A-Z][A-Za-z.]+(?: ?[A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"  # "KHARTOUM, May 3 (Reuters) -"
    r"(?: \([^()\n]{1,25}\))?[ \t]*(?:—|–|--|-|:)[ \t]"
)


_COUNTY_LIST = re.compile(
    r"\b(?P<names>[A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+) (?P<kind>counties|parishes)\b"
)


# Words that make an organisation's leading place name plainly a place ("Oxford Police").
_COUNTRY_ABBREVIATIONS = {"U.S.": "USA", "US": "USA", "U.K.": "GBR", "UK": "GBR"}


def narrow(rows: list[GazetteerRow], context: list[GazetteerRow]) -> list[GazetteerRow]:
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


# A town no bigger than this may be missing from the gazetteer under its own country, so that
# only its namesakes abroad are found.
_SMALL_TOWN = 100_000
_WIDE = (Precision.REGION, Precision.COUNTRY)


def only_abroad(rows: list[GazetteerRow], countries: set[str]) -> bool:
    """Every reading of a name is a small town outside the countries the text puts it in
    ("Moura, Mozambique" when the gazetteer knows only Moura in Portugal and in Australia):
    the town meant is one the gazetteer lacks, not a namesake abroad."""
    return bool(rows and countries) and all(
        r.country not in countries
        and r.precision not in _WIDE
        and r.population < _SMALL_TOWN
        and not r.source.startswith("curated")
        for r in rows
    )


# A city this big is known abroad by its foreign names ("Kiev" in a story that names only
# Russia); a smaller one so named is more likely a town the gazetteer lacks.
_KNOWN_ABROAD = 1_000_000


def alias_abroad(row: GazetteerRow, name: str, countries: set[str]) -> bool:
    """The name is only a foreign name of a town outside every country the text names
    ("Boni" in a story about Mali: Bonn's Latin name, not the Malian town)."""
    return (
        row.country not in countries
        and row.precision is Precision.CITY
        and row.population < _KNOWN_ABROAD
        and not primary(row, name)
    )


def placed_in(context: list[GazetteerRow]) -> set[str]:
    """The one country a following "Cabo Delgado province" or "Mozambique" puts a name in."""
    if not context or any(r.precision not in _WIDE for r in context):
        return set()
    countries = {r.country for r in context if r.country}
    return countries if len(countries) == 1 else set()


def abbreviation_rows(text: str, index: NameIndex) -> list[GazetteerRow]:
    row = index.abbreviations.get(text) or index.abbreviations.get(text.replace(" ", ""))
    if row is not None:
        return [row]
    code = _COUNTRY_ABBREVIATIONS.get(text)
    country = index.by_iso3.get(code) if code else None
    return [country] if country is not None else []


def dateline_options(text: str, index: NameIndex, start: int) -> list[Option]:
    """Datelines, also those blanked before the parse: the town and the state or country."""
    out: list[Option] = []
    for match in _DATELINE.finditer(text):
        city = match.group("city").strip(" .-'")
        if len(city) < 3 or not any(ch.isalpha() for ch in city):
            continue
        region = match.group("region")
        context: list[GazetteerRow] = []
        if region:
            context = abbreviation_rows(region, index) or [
                r
                for r in index.candidates(region)
                if r.precision in (Precision.REGION, Precision.COUNTRY)
            ]
            if context:
                begin = match.start("region")
                out.append(
                    Option(region, begin, begin + len(region), context, begin, via="dateline")
                )
        rows = index.candidates(city)
        if not rows:
            continue
        if context:
            rows = narrow(rows, context)
        begin = match.start("city")
        end = begin + len(match.group("city"))
        out.append(Option(match.group("city"), begin, end, rows, begin, via="dateline"))
    return [o for o in out if o.start >= start or o.end <= start]


def abbreviation_options(text: str, index: NameIndex, start: int) -> list[Option]:
    """State abbreviations in running text: "Bismarck, N.D., on Monday", "D-N.J.", "Ill. man"."""
    keys = sorted([*index.abbreviations, *_COUNTRY_ABBREVIATIONS], key=len, reverse=True)
    pattern = _abbreviation_pattern(tuple(keys))
    out: list[Option] = []
    for match in pattern.finditer(text, start):
        word = match.group(0)
        before = text[max(0, match.start() - 2) : match.start()]
        after = text[match.end() : match.end() + 2]
        follows = after[1:2] if after[:1] == " " else after[:1]
        # "N.J." and "W.Va." are abbreviations wherever they stand; "Del." or "Ind." before a
        # name is a title ("Del. Brian Moran"), after a comma or in "D-Ind." a state.
        ok = (
            word in _COUNTRY_ABBREVIATIONS
            or "." in word[:-1]
            or before.endswith((", ", "-"))
            or not follows.isupper()
        )
        if ok:
            rows = abbreviation_rows(word, index)
            if rows:
                strong = word not in _COUNTRY_ABBREVIATIONS  # "US dollars" says little
                begin, end = match.start(), match.end()
                out.append(Option(word, begin, end, rows, begin, strong, "abbreviation"))
    return out


@functools.cache
def _abbreviation_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in keys)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def county_options(text: str, index: NameIndex, start: int) -> list[Option]:
    """ "Muscogee and Harris counties": each name with "County" ("Parish")."""
    out: list[Option] = []
    for match in _COUNTY_LIST.finditer(text, start):
        kind = "County" if match.group("kind") == "counties" else "Parish"
        for word in re.finditer(r"[A-Z][a-z]+", match.group("names")):
            rows = index.candidates(f"{word.group(0)} {kind}")
            if rows:
                begin = match.start("names") + word.start()
                end = begin + len(word.group(0))
                out.append(Option(word.group(0), begin, end, rows, begin, via="county"))
    return out


_PART_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|suburb|quarter|area|village|outskirts|microdistrict)\s+of\s+$",
    re.IGNORECASE,
)


_PART_AFTER = re.compile(
    r"\s+(?:district|neighbou?rhood|suburb|quarter|area|microdistrict)\b", re.IGNORECASE
)
# A village or area "of" a town is a place of its own, near it; a district, neighbourhood or
# suburb is inside the town.
_WHOLE_TOWNS = re.compile(r"\b(?:village|area|outskirts)\b", re.IGNORECASE)


def parts_of(text: str, options: dict[int, Option]) -> None:
    """ "the Kirovsky district of Donetsk": the part is where the whole is, whatever towns
    elsewhere share its name."""
    ordered = sorted(options.values(), key=lambda o: o.start)
    pairs = (
        [
            (part, whole)
            for part, whole in itertools.pairwise(ordered)
            if _PART_OF.fullmatch(text[part.end : whole.start])
        ]
        + [
            (part, whole)  # "Cairo's Abbasiya neighbourhood"
            for whole, part in itertools.pairwise(ordered)
            if text[whole.end : part.start] in ("'s ", "’s ")
            and _PART_AFTER.match(text, part.end)
            and whole.rows
            and all(r.precision is Precision.CITY for r in whole.rows)  # a town's, not a state's
        ]
    )
    for part, whole in pairs:
        # the words that say what the part is: "district of", "'s ... neighbourhood"
        word = text[part.end : whole.start] if part.start < whole.start else text[part.end :][:16]
        inside = [
            r
            if r.precision is not Precision.CITY or _WHOLE_TOWNS.search(word)
            else dataclasses.replace(r, precision=Precision.NEIGHBOURHOOD)
            for r in part.rows
            if any(distance_km(r.lat, r.lon, w.lat, w.lon) < 40 for w in whole.rows)
        ]
        part.rows = inside or [
            dataclasses.replace(w, precision=Precision.NEIGHBOURHOOD) for w in whole.rows
        ]


_INSIDE_OF = re.compile(
    r"\s+(?:district|neighbou?rhood|suburb|quarter|microdistrict)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def unknown_parts(text: str, unknown: list[Option], options: dict[int, Option]) -> list[Option]:
    """Neighbourhoods the gazetteer lacks, named as parts of a town it knows ("Cairo's Abbasiya
    neighbourhood", "the Jobar district of Damascus"): at the town, at neighbourhood
    precision."""
    towns = [
        o for o in options.values() if o.rows and all(r.precision is Precision.CITY for r in o.rows)
    ]
    out: list[Option] = []
    for part in unknown:
        for town in towns:
            owner = text[town.end : part.start] in ("'s ", "’s ") and _PART_AFTER.match(
                text, part.end
            )
            if owner or _INSIDE_OF.fullmatch(text[part.end : town.start]):
                rows = [
                    dataclasses.replace(r, precision=Precision.NEIGHBOURHOOD) for r in town.rows
                ]
                out.append(dataclasses.replace(part, rows=rows, via="part"))
                break
    return out


# Words naming an administrative area ("the Kherson region"), also stripped when linking
# compares divisions (dedup.similarity).
AREA_WORDS = {
    "region", "oblast", "province", "governorate", "district", "county", "krai", "raion",
    "parish", "state", "prefecture", "department",
}  # fmt: skip


# Words for a first-level area that stand for one another ("Russia's Ryazan region" is the
# Ryazan Oblast; "the Centre department" a department the gazetteer may call a region).
_AREA_SYNONYMS = ("region", "oblast", "province", "governorate", "state", "krai", "department")


_DISTRICT_WORDS = {"district", "territory", "raion", "township", "cercle", "commune"}


def _wider_rows(
    name: str, words: list[str], index: NameIndex, own: list[GazetteerRow]
) -> list[GazetteerRow]:
    """Rows of "<name> <words>" (or the same area under another word), wider than a town."""
    first = words[0].lower()
    if first in AREA_WORDS:
        rows = [r for r in index.candidates(f"{name} {first}") if r.precision is not Precision.CITY]
        if rows or first not in _AREA_SYNONYMS:
            return rows
        # another word for the area, in a country where the name itself is a place
        countries = {r.country for r in own}
        for word in _AREA_SYNONYMS:
            rows = [
                r
                for r in index.candidates(f"{name} {word}")
                if r.precision is not Precision.CITY and r.country in countries
            ]
            if rows:
                return rows
        return []
    return [
        r for r in index.candidates(f"{name} {' '.join(words)}") if r.source.startswith("curated")
    ]


def wider_name(doc: Doc, option: Option, index: NameIndex) -> Option | None:
    """ "Kherson region", where the parse kept only "Kherson": the region, when the gazetteer
    knows it by that name or another word for a region; "the Nuseirat camp", "Odesa port":
    the site, when the gazetteer knows it."""
    span = doc.char_span(option.start, option.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or option.via in ("dateline", "abbreviation"):
        return None
    after = doc[span.end]
    candidates: list[list[Token]] = []
    if after.lower_ in AREA_WORDS or after.lower_ in SITE_WORDS:
        candidates.append([after])
    if span.end + 1 < len(doc) and doc[span.end + 1].lower_ in SITE_WORDS and after.is_lower:
        candidates.insert(0, [after, doc[span.end + 1]])  # "refugee camp", "border crossing"
    for words in candidates:
        rows = _wider_rows(option.name, [t.text for t in words], index, option.rows)
        if not rows and len(words) == 1 and words[0].lower_ in _DISTRICT_WORDS:
            # "Djugu territory", "Kupwara district" the gazetteer lacks: the district around its
            # town, at district precision
            rows = [
                dataclasses.replace(r, precision=Precision.DISTRICT)
                for r in option.rows
                if r.precision is Precision.CITY
            ]
        if not rows:
            continue
        last = words[-1]
        name = f"{option.name} {' '.join(t.text for t in words)}"
        return dataclasses.replace(
            option,
            text=doc_text(doc)[option.start : last.idx + len(last.text)],
            end=last.idx + len(last.text),
            rows=rows,
            name=name,
        )
    return None


def longer_name(doc: Doc, option: Option, index: NameIndex) -> Option | None:
    """ "New London" where the parse kept only "London", "Debre Markos" where it kept only
    "Debre": a capitalised word next to the name that makes a longer name the gazetteer
    knows."""
    span = doc.char_span(option.start, option.end, alignment_mode="expand")
    if span is None or option.via in ("dateline", "abbreviation"):
        return None
    if span.end < len(doc):
        after = doc[span.end]
        name = f"{option.name} {after.text}"
        rows = [r for r in index.candidates(name) if primary(r, name)]
        if after.text[:1].isupper() and after.pos_ == "PROPN" and rows:
            end = after.idx + len(after.text)
            return dataclasses.replace(
                option, text=doc_text(doc)[option.start : end], end=end, rows=rows, name=name
            )
    if span.start == 0:
        return None
    before = doc[span.start - 1]
    if (
        not before.text[:1].isupper()
        or before.is_sent_start
        or before.lower_ in ("the", "a")
        or before.lower_ in DIRECTION_WORDS  # "north Arlington" is in Arlington
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


def repeats(text: str, doc: Doc, options: dict[int, Option], start: int) -> list[Option]:
    """Other mentions of a name the article uses as a place, wherever the parse put them ("one
    sense per discourse": "Greer" tagged a person or a nationality in one sentence is the same
    town as in the next)."""
    taken = sorted((o.start, o.end) for o in options.values())
    people = [
        (ent.start_char, ent.end_char)
        for ent in doc_ents(doc)
        if ent.label_ == "PERSON" and len(ent) > 1
    ]
    known = surnames(doc)
    names: dict[str, Option] = {}
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
    out: list[Option] = []
    for name, source in names.items():
        for match in re.finditer(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", text[start:]):
            begin, end = match.start() + start, match.end() + start
            spans = [*taken, *((o.start, o.end) for o in out)]
            if any(b < end and e > begin for b, e in spans):
                continue
            if any(b <= begin and end <= e for b, e in people):
                continue
            out.append(Option(name, begin, end, source.rows, begin, strong=False, via="repeat"))
    return out


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
    if before in LOCATIVE or before in ("of", "to", "via", "toward", "towards"):
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


def entity_options(
    doc: Doc,
    index: NameIndex,
    *,
    home: str | None,
    anchor: tuple[float, float] | None,
    start: int,
    is_actor: Callable[[str], bool],
) -> list[Option]:
    """Towns the parse took for people or organisations ("Greer", "Whitestown", "Pataskala")
    and those that lead an organisation's name ("Oxford Police", "Sligo Town Hall").

    A whole name counts when the text uses it as a place ("in Buford", "a Crafton man") or it
    is a town of the article's country near its other places; a leading name needs the latter,
    or to be a large city, region or country."""
    people = surnames(doc)
    out: list[Option] = []

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

    for ent in doc_ents(doc):
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
                    top = dominant(name, rows)
                    good = [top] if top is not None and top.population >= 1000 else []
            elif county and name.split()[-1] in ("County", "Parish"):
                good = rows  # "Pike County Commissioners Court": a county, whichever
            else:
                good = local(rows, 200_000)
            if good:
                begin = words.start_char
                out.append(
                    Option(name, begin, begin + len(name), rows, begin, strong=False, via="entity")
                )
            break
    return out
