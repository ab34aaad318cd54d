"""PLOVER JSON Lines, CAMEO-style CSV and GeoJSON exports of linked events."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eventcoder.export.common import (
    Event,
    Output,
    Skipped,
    as_date,
    as_float,
    as_int,
    as_mapping,
    as_mappings,
    as_text,
    coordinates,
    date_span,
    documents,
    figures,
    names,
    one_line,
    outlets,
    text_output,
    write_csv_rows,
)
from eventcoder.ontology import ontology

logger = logging.getLogger(__name__)

CAMEO_COLUMNS = (
    "id",
    "date",
    "cameo_root",
    "plover_type",
    "mode",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "lat",
    "lon",
    "certainty",
    "aux_mode",
)
# PLOVER gives organisations without a home country a sector code in place of a country.
_CODE_SECTORS = frozenset({"IGO", "NGO"})


def _dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, allow_nan=False)


# ------------------------------------------------------------------ PLOVER JSON Lines


def write_plover(events: Iterable[Event], out: Output) -> int:
    """Write one PLOVER-style JSON object per line for every event.

    >>> import io
    >>> write_plover([{"id": "ev-1", "event": "ASSAULT"}], io.BytesIO())
    1
    """
    written = 0
    with text_output(out, "plover") as stream:
        for event in documents(events, "plover"):
            stream.write(_dumps(plover_record(event)) + "\n")
            written += 1
    logger.info("plover export: wrote %d", written)
    return written


def plover_record(event: Event) -> dict[str, Any]:
    """An event in PLOVER's JSON shape: `source`/`target` actors, `eventText` evidence."""
    span = date_span(event)
    date = as_mapping(event.get("date"))
    location = as_mapping(event.get("location"))
    point = coordinates(event)
    killed = figures(event)
    return {
        "id": one_line(event.get("id")),
        "date": span.start.isoformat() if span else None,
        "date_end": span.end.isoformat() if span else None,
        "date_precision": one_line(date.get("precision")),
        "event_type": one_line(event.get("event")),
        "mode": one_line(event.get("mode")),
        "context": [text for item in _list(event.get("context")) if (text := one_line(item))],
        "source": [plover_actor(entity) for entity in as_mappings(event.get("actor"))],
        "target": [plover_actor(entity) for entity in as_mappings(event.get("recipient"))],
        "location": {
            "name": one_line(location.get("name")),
            "lat": point[0] if point else None,
            "lon": point[1] if point else None,
            "country": one_line(location.get("country")),
            "admin1": one_line(location.get("admin1")),
            "precision": one_line(location.get("precision")),
        }
        if location
        else None,
        "certainty": one_line(event.get("certainty")),
        "aux_mode": one_line(event.get("aux_mode")),
        "confidence": as_float(event.get("confidence")),
        "contested": event.get("contested") is True,
        "fatalities": {"low": killed.low, "best": killed.best, "high": killed.high}
        if killed.known
        else None,
        "sources": outlets(event),
        "n_sources": as_int(event.get("n_sources")),
        "eventText": as_text(as_mapping(event.get("evidence")).get("text")),
    }


def plover_actor(entity: Mapping[str, Any]) -> dict[str, Any]:
    """A PLOVER actor: `code` is the ISO alpha-3 country, or IGO/NGO for such organisations.

    >>> plover_actor({"text": "the UN", "name": "United Nations", "sector": "IGO"})["code"]
    'IGO'
    """
    sector = (one_line(entity.get("sector")) or "").upper() or None
    country = one_line(entity.get("country"))
    return {
        "actorText": one_line(entity.get("text")),
        "name": one_line(entity.get("name")),
        "code": sector if sector in _CODE_SECTORS else country,
        "country": country,
        "sector": sector,
        "wikidata": one_line(entity.get("wikidata")),
    }


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


# ------------------------------------------------------------------ CAMEO-style CSV


def write_cameo(events: Iterable[Event], out: Output) -> int:
    """Write one CAMEO-style CSV row per event, with the CAMEO root code of its PLOVER type.

    >>> import io
    >>> write_cameo([{"id": "ev-1", "event": "PROTEST"}], io.BytesIO())
    1
    """
    return write_csv_rows(_cameo_rows(events), CAMEO_COLUMNS, out, "cameo")


def _cameo_rows(events: Iterable[Event]) -> Iterator[dict[str, Any]]:
    types = ontology().types
    for event in documents(events, "cameo"):
        plover_type = one_line(event.get("event"))
        known = types.get(plover_type) if plover_type else None
        if known is None:
            logger.warning(
                "cameo export: event %s has unknown PLOVER type %r; cameo_root left empty",
                event.get("id"),
                plover_type,
            )
        span = date_span(event)
        point = coordinates(event)
        yield {
            "id": one_line(event.get("id")),
            "date": span.start if span else None,
            "cameo_root": known.cameo_root if known else None,
            "plover_type": plover_type,
            "mode": one_line(event.get("mode")),
            "source_name": "; ".join(names(event.get("actor"))),
            "source_country": "; ".join(_countries(event.get("actor"))),
            "target_name": "; ".join(names(event.get("recipient"))),
            "target_country": "; ".join(_countries(event.get("recipient"))),
            "lat": point[0] if point else None,
            "lon": point[1] if point else None,
            "certainty": one_line(event.get("certainty")),
            "aux_mode": one_line(event.get("aux_mode")),
        }


def _countries(entities: Any) -> list[str]:
    found: list[str] = []
    for entity in as_mappings(entities):
        country = one_line(entity.get("country"))
        if country and country not in found:
            found.append(country)
    return found


# ------------------------------------------------------------------ GeoJSON


def write_geojson(events: Iterable[Event], out: Output) -> int:
    """Write an RFC 7946 FeatureCollection of the events that have coordinates ([lon, lat]).

    Events without coordinates are skipped and counted in the log. Features are streamed, so
    memory does not grow with the number of events.

    >>> import io
    >>> write_geojson([{"id": "ev-1", "location": None}], io.BytesIO())
    0
    """
    skipped = Skipped()
    written = 0
    with text_output(out, "geojson") as stream:
        stream.write('{"type": "FeatureCollection", "features": [\n')
        for feature in _features(events, skipped):
            stream.write(("" if written == 0 else ",\n") + _dumps(feature))
            written += 1
        stream.write("\n]}\n")
    skipped.report("geojson", written)
    return written


def _features(events: Iterable[Event], skipped: Skipped) -> Iterator[dict[str, Any]]:
    for event in documents(events, "geojson"):
        point = coordinates(event)
        if point is None:
            skipped["without coordinates"] += 1
            continue
        yield {
            "type": "Feature",
            "id": one_line(event.get("id")),
            "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
            "properties": geojson_properties(event),
        }


def geojson_properties(event: Event) -> dict[str, Any]:
    """The flat properties of an event's map feature (names joined with "; ")."""
    date = as_mapping(event.get("date"))
    location = as_mapping(event.get("location"))
    start, end = as_date(date.get("start")), as_date(date.get("end"))
    return {
        "id": one_line(event.get("id")),
        "event": one_line(event.get("event")),
        "mode": one_line(event.get("mode")),
        "aux_mode": one_line(event.get("aux_mode")),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "actors": "; ".join(names(event.get("actor"))),
        "recipients": "; ".join(names(event.get("recipient"))),
        "certainty": one_line(event.get("certainty")),
        "killed_best": figures(event).best,
        "n_sources": as_int(event.get("n_sources")),
        "sub_event_type": one_line(as_mapping(event.get("acled")).get("sub_event_type")),
        "location_name": one_line(location.get("name")),
        "precision": one_line(location.get("precision")),
    }
