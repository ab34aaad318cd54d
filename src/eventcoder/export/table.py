"""A flat table of every event, one row each, written as CSV or as typed Parquet.

One list of columns serves both writers, so the two files always agree: CSV gets the values as
text, Parquet gets them with their types (dates as date32, nullable ints and floats).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from eventcoder.export.common import (
    Event,
    ExportError,
    Output,
    as_date,
    as_float,
    as_int,
    as_mapping,
    as_mappings,
    as_text,
    binary_output,
    claimants,
    coordinates,
    documents,
    figures,
    names,
    one_line,
    outlets,
    write_csv_rows,
)

logger = logging.getLogger(__name__)

Kind = Literal["string", "date", "float", "int", "bool"]
PARQUET_BATCH = 10_000


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """A column of the flat table: its name, its type and how to read it from an event."""

    name: str
    kind: Kind
    get: Callable[[Event], Any]


def _field(name: str, *path: str, kind: Kind = "string") -> Column:
    """A column `name` read from the nested field at `path`, typed as `kind`."""

    def get(event: Event) -> Any:
        value: Any = event
        for key in path:
            value = as_mapping(value).get(key)
        if kind == "date":
            return as_date(value)
        if kind == "float":
            return as_float(value)
        if kind == "int":
            return as_int(value)
        if kind == "bool":
            return value if isinstance(value, bool) else None
        return one_line(value)

    return Column(name, kind, get)


def _joined(name: str, read: Callable[[Event], list[str]]) -> Column:
    return Column(name, "string", lambda event: "; ".join(read(event)) or None)


def _entity_field(role: str, key: str) -> Callable[[Event], list[str]]:
    def read(event: Event) -> list[str]:
        values = (one_line(entity.get(key)) for entity in as_mappings(event.get(role)))
        return list(dict.fromkeys(value for value in values if value))

    return read


def _count(kind: str, bound: str) -> Column:
    return Column(f"{kind}_{bound}", "int", lambda event: getattr(figures(event, kind), bound))


def _coordinate(index: int) -> Callable[[Event], float | None]:
    def get(event: Event) -> float | None:
        point = coordinates(event)
        return point[index] if point else None

    return get


def _evidence(event: Event) -> str | None:
    return as_text(as_mapping(event.get("evidence")).get("text"))


def _list(event: Event) -> list[Any]:
    value = event.get("context")
    return list(value) if isinstance(value, (list, tuple)) else []


COLUMNS: tuple[Column, ...] = (
    _field("id", "id"),
    _field("event", "event"),
    _field("mode", "mode"),
    _joined("context", lambda event: [t for t in map(one_line, _list(event)) if t]),
    _field("aux_mode", "aux_mode"),
    _field("certainty", "certainty"),
    _field("confidence", "confidence", kind="float"),
    _field("contested", "contested", kind="bool"),
    _field("date_start", "date", "start", kind="date"),
    _field("date_end", "date", "end", kind="date"),
    _field("date_precision", "date", "precision"),
    _field("date_basis", "date", "basis"),
    _field("date_text", "date", "text"),
    _joined("actor_names", lambda event: names(event.get("actor"))),
    _joined("actor_countries", _entity_field("actor", "country")),
    _joined("actor_sectors", _entity_field("actor", "sector")),
    _joined("actor_wikidata", _entity_field("actor", "wikidata")),
    _joined("recipient_names", lambda event: names(event.get("recipient"))),
    _joined("recipient_countries", _entity_field("recipient", "country")),
    _joined("recipient_sectors", _entity_field("recipient", "sector")),
    _joined("recipient_wikidata", _entity_field("recipient", "wikidata")),
    _field("location_text", "location", "text"),
    _field("location_name", "location", "name"),
    _field("admin1", "location", "admin1"),
    _field("country", "location", "country"),
    Column("lat", "float", _coordinate(0)),
    Column("lon", "float", _coordinate(1)),
    _field("geonameid", "location", "geonameid", kind="int"),
    _field("location_precision", "location", "precision"),
    _count("killed", "low"),
    _count("killed", "best"),
    _count("killed", "high"),
    _count("injured", "low"),
    _count("injured", "best"),
    _count("injured", "high"),
    _field("victims", "casualties", "victims"),
    _joined("claimants", claimants),
    _field("acled_event_type", "acled", "event_type"),
    _field("acled_sub_event_type", "acled", "sub_event_type"),
    # Evidence keeps its line breaks: the csv module quotes them, Parquet stores them as is.
    Column("evidence", "string", _evidence),
    _field("n_sources", "n_sources", kind="int"),
    Column("n_mentions", "int", lambda event: len(as_mappings(event.get("mentions")))),
    _joined("outlets", outlets),
    _field("first_reported", "first_reported", kind="date"),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)


def flat_row(event: Event) -> dict[str, Any]:
    """An event as one flat row of typed values (None where unknown).

    >>> flat_row({"id": "ev-1", "actor": [{"name": "A"}, {"name": "B"}]})["actor_names"]
    'A; B'
    """
    return {column.name: column.get(event) for column in COLUMNS}


def _flat_rows(events: Iterable[Event], fmt: str) -> Iterator[dict[str, Any]]:
    for event in documents(events, fmt):
        yield flat_row(event)


def write_csv(events: Iterable[Event], out: Output) -> int:
    """Write every event as one flat CSV row (names and claimants joined with "; ").

    >>> import io
    >>> write_csv([{"id": "ev-1"}], io.BytesIO())
    1
    """
    written = write_csv_rows(_flat_rows(events, "csv"), COLUMN_NAMES, out, "csv")
    logger.info("csv export: wrote %d", written)
    return written


def write_parquet(events: Iterable[Event], out: Output) -> int:
    """Write the flat table as Parquet with typed columns, in batches of PARQUET_BATCH rows.

    Needs pyarrow (`pip install pyarrow`).
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ExportError("parquet export needs pyarrow: pip install pyarrow") from e
    types = {
        "string": pa.string(),
        "date": pa.date32(),
        "float": pa.float64(),
        "int": pa.int64(),
        "bool": pa.bool_(),
    }
    schema = pa.schema([pa.field(column.name, types[column.kind]) for column in COLUMNS])
    rows = _flat_rows(events, "parquet")
    written = 0
    with binary_output(out, "parquet") as stream:
        writer = pq.ParquetWriter(stream, schema)
        try:
            while batch := list(itertools.islice(rows, PARQUET_BATCH)):
                arrays = [
                    pa.array([row[column.name] for row in batch], type=types[column.kind])
                    for column in COLUMNS
                ]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                written += len(batch)
        finally:
            writer.close()
    logger.info("parquet export: wrote %d", written)
    return written
