"""Every place the article names, resolved together so that they disambiguate each other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import PLACE_PREPS
from eventcoder.model import Place, Precision
from eventcoder.resolve.places import GazetteerRow, NameIndex, choose, to_place

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
    """Nationality words ("Russian", "Iraqi") with the country they name."""
    out: list[tuple[Span, str]] = []
    for ent in doc.ents:
        code = demonyms.get(ent.text.lower()) if ent.label_ == "NORP" else None
        if code:
            out.append((ent, code))
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
    return index.candidates(f"{word} {name}") or index.candidates(
        f"{doc[span.start - 1].lower_} {name}"
    )


def _home_country(spans: list[Span], index: NameIndex) -> str | None:
    """The country most of the article's unambiguous place names are in, if any; small towns
    there may then be recognised by the gazetteer alone ("Pataskala zoning allows...")."""
    votes: Counter[str] = Counter()
    for span in spans:
        countries = {r.country for r in index.candidates(_strip(span)) if r.country}
        if len(countries) == 1:
            votes[next(iter(countries))] += 1
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 else None


def _curated(index: NameIndex, name: str) -> bool:
    """Also a curated place: "DPR" names a group and the territory it holds."""
    return any(r.source.startswith("curated") for r in index.candidates(name))


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


def _anchor(options: Iterable[tuple[Span, list[GazetteerRow]]]) -> tuple[float, float] | None:
    """Where the article is: the middle of its unambiguous towns, cities and regions."""
    points = [
        (rows[0].lat, rows[0].lon)
        for _, rows in options
        if len(rows) == 1 and rows[0].precision is not Precision.COUNTRY
    ]
    if not points:
        return None
    points.sort()
    middle = points[len(points) // 2]  # a median point resists one far-off outlier
    return middle


def resolve_toponyms(
    doc: Doc,
    index: NameIndex,
    *,
    dateline: str | None,
    start: int = 0,
    is_actor: Callable[[str], bool] = lambda name: False,
    demonyms: dict[str, str | None] | None = None,
) -> tuple[dict[int, Place], list[str]]:
    """Places by entity start character, and the article's countries, most named first.

    `is_actor` tells names of organisations and people, so "from Hamas" is not a town.
    Nationality words become country-level places with the method "demonym".
    """
    spans = [
        s
        for s in toponym_spans(doc)
        if s.start_char >= start and not (s.label_ in ("PERSON", "ORG") and is_actor(_strip(s)))
    ]
    home = _home_country(spans, index)
    spans += [
        s
        for s in gazetteer_spans(doc, index, home=home)
        if s.start_char >= start and (not is_actor(_strip(s)) or _curated(index, _strip(s)))
    ]

    options: dict[int, tuple[Span, list[GazetteerRow]]] = {}
    votes: Counter[str] = Counter()
    for span in spans:
        name = _strip(span)
        if name.lower() in _NOT_PLACES or len(name) < 2:
            continue
        key = span.start_char
        rows = _directional(doc, span, name, index)
        if rows:
            span = doc[span.start - 1 : span.end]
        else:
            rows = index.candidates(name) or _fallback_rows(name, index)
            if not rows and span.label_ in ("GPE", "LOC"):
                rows = index.similar(name)

        if span.label_ in ("PERSON", "ORG"):
            rows = [r for r in rows if r.population >= 50_000 or r.source.startswith("curated")]
        if not rows:
            continue
        options[key] = (span, rows)
        named = {r.country for r in rows if r.country}
        if len(named) == 1:  # only names that say their country vote for it
            votes[next(iter(named))] += 2
    if dateline:
        rows = index.candidates(dateline)
        if rows:
            top = max(rows, key=lambda r: r.population)
            if top.country:
                votes[top.country] += 1
    countries = [code for code, _ in votes.most_common()]
    near = _anchor(options.values())
    places: dict[int, Place] = {}
    for begin, (span, rows) in options.items():
        row = choose(rows, countries=countries, near=near)

        if row is None:
            continue
        ambiguous = len({(r.country, round(r.lat), round(r.lon)) for r in rows}) > 1
        places[begin] = to_place(
            row,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            method="gazetteer-context" if ambiguous else "gazetteer",
            score=0.7 if ambiguous else 0.95,
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
