"""Every place the article names, resolved together so that they disambiguate each other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.model import Place, Precision
from eventcoder.resolve.places import GazetteerRow, NameIndex, choose, to_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LOCATIVE = {
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
    "toward",
    "towards",
    "to",
    "along",
    "off",
    "through",
    "within",
}
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
    "middle east",
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


def gazetteer_spans(doc: Doc, index: NameIndex, *, min_population: int = 15_000) -> list[Span]:
    """Capitalised names outside any entity that the gazetteer knows ("in Donetsk shelling").

    The statistical NER misses many place names in headlines; only places large enough to be
    worth the risk, or curated ones, are taken.
    """
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            i += 1
            continue
        found = None
        for size in (4, 3, 2, 1):
            words = doc[i : i + size]
            if len(words) < size or any(
                t.i in taken or not t.text[:1].isupper() or t.pos_ != "PROPN" for t in words
            ):
                continue
            rows = index.candidates(words.text)
            if any(r.population >= min_population or r.source.startswith("curated") for r in rows):
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
    spans += [
        s for s in gazetteer_spans(doc, index) if s.start_char >= start and not is_actor(_strip(s))
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
            rows = index.candidates(name)
        if span.label_ in ("PERSON", "ORG"):
            rows = [r for r in rows if r.population >= 50_000 or r.source.startswith("curated")]
        if not rows:
            continue
        options[key] = (span, rows)
        named = {r.country for r in rows if r.country}
        top = max(rows, key=lambda r: r.population)
        if len(named) == 1:
            votes[next(iter(named))] += 2
        elif top.country and top.population >= 1_000_000:
            votes[top.country] += 1
    if dateline:
        rows = index.candidates(dateline)
        if rows:
            top = max(rows, key=lambda r: r.population)
            if top.country:
                votes[top.country] += 1
    countries = [code for code, _ in votes.most_common()]
    places: dict[int, Place] = {}
    for begin, (span, rows) in options.items():
        row = choose(rows, countries=countries)
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
