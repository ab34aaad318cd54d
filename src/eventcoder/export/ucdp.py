"""UCDP GED-style CSV: one row per asserted ASSAULT event, with UCDP's precision codes.

UCDP GED records organised violence; here every asserted ASSAULT with a date is written (pass
`fatal_only=True` to keep UCDP's rule of at least one death). Sides, violence type and death
figures are derived from sectors and casualty reports, so they are approximations of UCDP's
hand coding: deaths are never attributed to a side, only to civilians or to "unknown".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eventcoder.export.common import (
    ARMED_SECTORS,
    RELATIVE_PLACE,
    STATE_SECTORS,
    Event,
    Figures,
    Output,
    Skipped,
    Span,
    as_date,
    as_mapping,
    as_mappings,
    civilian_deaths,
    civilian_target,
    coordinates,
    country_name,
    date_span,
    documents,
    figures,
    names,
    one_line,
    sectors,
    write_csv_rows,
)

UCDP_COLUMNS = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "where_coordinates",
    "where_description",
    "adm_1",
    "where_prec",
    "latitude",
    "longitude",
    "country",
    "date_start",
    "date_end",
    "date_prec",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "low",
    "high",
)
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
_WHERE_PREC = {"neighbourhood": 1, "city": 1, "district": 3, "region": 4, "country": 6}
_AT_SEA = ("international waters", "high seas", "open sea")


def write_ucdp(events: Iterable[Event], out: Output, *, fatal_only: bool = False) -> int:
    """Write UCDP GED-style CSV rows for asserted ASSAULT events that have a date.

    >>> import io
    >>> write_ucdp([], io.BytesIO())
    0
    """
    skipped = Skipped()
    written = write_csv_rows(_rows(events, fatal_only, skipped), UCDP_COLUMNS, out, "ucdp")
    skipped.report("ucdp", written)
    return written


def _rows(events: Iterable[Event], fatal_only: bool, skipped: Skipped) -> Iterator[dict[str, Any]]:
    for event in documents(events, "ucdp"):
        span = date_span(event)
        if one_line(event.get("event")) != "ASSAULT":
            skipped["not ASSAULT"] += 1
        elif one_line(event.get("aux_mode")):
            skipped["not asserted (aux_mode set)"] += 1
        elif span is None:
            skipped["without a date"] += 1
        elif fatal_only and not deaths(figures(event))[1]:
            skipped["without deaths"] += 1
        else:
            yield ucdp_row(event, span)


def ucdp_row(event: Event, span: Span) -> dict[str, Any]:
    """One UCDP GED-style row for an asserted, dated ASSAULT event."""
    location = as_mapping(event.get("location"))
    point = coordinates(event)
    violence = type_of_violence(event)
    side_a, side_b = _sides(event, violence)
    low, best, high = deaths(figures(event))
    civilians = violence == ONE_SIDED or civilian_deaths(event)
    return {
        "id": one_line(event.get("id")),
        "year": span.start.year,
        "type_of_violence": violence,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": _source_article(event),
        "where_coordinates": one_line(location.get("name")),
        "where_description": one_line(location.get("text")),
        "adm_1": one_line(location.get("admin1")),
        "where_prec": where_prec(location) if location else None,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "country": country_name(location.get("country")) or one_line(location.get("country")),
        "date_start": span.start,
        "date_end": span.end,
        "date_prec": date_prec(span),
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if civilians else 0,
        "deaths_unknown": 0 if civilians else best,
        "best": best,
        "low": low,
        "high": high,
    }


def type_of_violence(event: Event) -> int | None:
    """UCDP violence type: 1 state-based (a state side against an armed side), 2 non-state (two
    non-state armed sides), 3 one-sided (civilian recipients); None when the sides are unknown.

    >>> type_of_violence({"actor": [{"sector": "MIL"}], "recipient": [{"sector": "REB"}]})
    1
    """
    if civilian_target(event):
        return ONE_SIDED
    actor, recipient = sectors(event.get("actor")), sectors(event.get("recipient"))
    if (actor & STATE_SECTORS and recipient & ARMED_SECTORS) or (
        recipient & STATE_SECTORS and actor & ARMED_SECTORS
    ):
        return STATE_BASED
    if actor & ARMED_SECTORS and recipient & ARMED_SECTORS:
        return NON_STATE
    return None


def where_prec(location: Mapping[str, Any]) -> int:
    """UCDP location precision: 1 the place itself, 2 near it ("east of X"), 3 a district,
    4 a region (first-order division), 6 the country, 7 international waters.

    >>> where_prec({"text": "20 km north of Goma", "precision": "city"})
    2
    """
    text = (one_line(location.get("text")) or "").lower()
    if any(phrase in text for phrase in _AT_SEA):
        return 7
    code = _WHERE_PREC.get((one_line(location.get("precision")) or "city").lower(), 1)
    return 2 if code == 1 and RELATIVE_PLACE.search(text) else code


def date_prec(span: Span) -> int:
    """UCDP date precision from the range length: 1 one day, 2 two to six days, 3 a week or
    two, 4 a month, 5 longer; a month or year precision never counts as finer.

    >>> import datetime
    >>> date_prec(Span(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), "month"))
    4
    """
    if span.precision == "year" or span.days > 31:
        return 5
    if span.precision == "month" or span.days > 14:
        return 4
    if span.precision == "week" or span.days >= 7:
        return 3
    return 2 if span.days > 1 else 1


def deaths(killed: Figures) -> tuple[int, int, int]:
    """UCDP's low, best and high deaths (0 when unreported), with low <= best <= high.

    >>> deaths(Figures(low=2, best=None, high=5))
    (2, 2, 5)
    """
    best = next((v for v in (killed.best, killed.low, killed.high) if v is not None), 0)
    low = min(killed.low if killed.low is not None else best, best)
    high = max(killed.high if killed.high is not None else best, best)
    return low, best, high


def _sides(event: Event, violence: int | None) -> tuple[str, str]:
    actors, recipients = as_mappings(event.get("actor")), as_mappings(event.get("recipient"))
    if violence == ONE_SIDED:
        return _side(actors), "Civilians"
    if violence == STATE_BASED and not sectors(actors) & STATE_SECTORS:
        actors, recipients = recipients, actors  # UCDP puts the government on side A
    return _side(actors), _side(recipients)


def _side(entities: list[Mapping[str, Any]]) -> str:
    """UCDP names a state side "Government of <country>"; other sides keep their names."""
    found: list[str] = []
    for entity in entities:
        sector = (one_line(entity.get("sector")) or "").upper()
        country = country_name(entity.get("country"))
        name = f"Government of {country}" if sector in STATE_SECTORS and country else None
        name = name or next(iter(names([entity])), None)
        if name and name not in found:
            found.append(name)
    return "; ".join(found)


def _source_article(event: Event) -> str:
    found: list[str] = []
    for mention in as_mappings(event.get("mentions")):
        outlet = one_line(mention.get("outlet")) or one_line(mention.get("article_id"))
        published = as_date(mention.get("published"))
        source = ", ".join(part for part in (outlet, published and published.isoformat()) if part)
        if source and source not in found:
            found.append(source)
    return "; ".join(found)
