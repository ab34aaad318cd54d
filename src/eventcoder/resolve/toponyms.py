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


def _strip(span: Span) -> str:
    text = span.text
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    return text.removesuffix("'s").removesuffix("’s").strip()


def resolve_toponyms(
    doc: Doc,
    index: NameIndex,
    *,
    dateline: str | None,
    start: int = 0,
    is_actor: Callable[[str], bool] = lambda name: False,
) -> tuple[dict[int, Place], list[str]]:
    """Places by entity start character, and the article's countries, most named first.

    `is_actor` tells names of organisations and people, so "from Hamas" is not a town.
    """
    spans = [
        s
        for s in toponym_spans(doc)
        if s.start_char >= start and not (s.label_ in ("PERSON", "ORG") and is_actor(_strip(s)))
    ]
    options: dict[int, tuple[Span, list[GazetteerRow]]] = {}
    votes: Counter[str] = Counter()
    for span in spans:
        name = _strip(span)
        if name.lower() in _NOT_PLACES or len(name) < 2:
            continue
        rows = index.candidates(name)
        if span.label_ in ("PERSON", "ORG"):
            rows = [r for r in rows if r.population >= 50_000 or r.source.startswith("curated")]
        if not rows:
            continue
        options[span.start_char] = (span, rows)
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
    return places, countries


PRECISION_RANK = {
    Precision.NEIGHBOURHOOD: 0,
    Precision.CITY: 1,
    Precision.DISTRICT: 2,
    Precision.REGION: 3,
    Precision.COUNTRY: 4,
}
