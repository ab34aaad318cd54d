"""Export linked events to the formats conflict researchers use.

Each format is one function `write_<format>(events, out) -> rows written`, where `events` are
event documents (plain dicts, as the store returns them) and `out` is a path or a binary stream.
`export` picks the function by name:

>>> import io
>>> sorted(FORMATS)
['acled', 'cameo', 'csv', 'geojson', 'parquet', 'plover', 'ucdp']
>>> export([{"id": "ev-1", "event": "PROTEST"}], "plover", io.BytesIO())
1
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable, Mapping

from eventcoder.export.acled import ACLED_COLUMNS, write_acled
from eventcoder.export.common import Event, ExportError, Output
from eventcoder.export.formats import CAMEO_COLUMNS, write_cameo, write_geojson, write_plover
from eventcoder.export.table import COLUMN_NAMES, write_csv, write_parquet
from eventcoder.export.ucdp import UCDP_COLUMNS, write_ucdp

__all__ = [
    "ACLED_COLUMNS",
    "CAMEO_COLUMNS",
    "COLUMN_NAMES",
    "FORMATS",
    "UCDP_COLUMNS",
    "ExportError",
    "Format",
    "export",
    "write_acled",
    "write_cameo",
    "write_csv",
    "write_geojson",
    "write_parquet",
    "write_plover",
    "write_ucdp",
]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """An export format: its name, the usual file suffix, a one-line description, its writer."""

    name: str
    suffix: str
    description: str
    write: Callable[[Iterable[Event], Output], int]


FORMATS: Mapping[str, Format] = types.MappingProxyType(
    {
        spec.name: spec
        for spec in (
            Format(
                name="plover",
                suffix=".jsonl",
                description="PLOVER JSON Lines, one event per line",
                write=write_plover,
            ),
            Format(
                name="acled",
                suffix=".csv",
                description="ACLED-style CSV of events that happened and have an ACLED type",
                write=write_acled,
            ),
            Format(
                name="ucdp",
                suffix=".csv",
                description="UCDP GED-style CSV of asserted ASSAULT events",
                write=write_ucdp,
            ),
            Format(
                name="cameo",
                suffix=".csv",
                description="CSV with the CAMEO root code of each event",
                write=write_cameo,
            ),
            Format(
                name="geojson",
                suffix=".geojson",
                description="GeoJSON FeatureCollection of located events",
                write=write_geojson,
            ),
            Format(
                name="csv",
                suffix=".csv",
                description="flat CSV, one row per event",
                write=write_csv,
            ),
            Format(
                name="parquet",
                suffix=".parquet",
                description="the flat table as typed Parquet (needs pyarrow)",
                write=write_parquet,
            ),
        )
    }
)


def export(events: Iterable[Event], fmt: str, out: Output) -> int:
    """Write `events` in format `fmt` to a path or binary stream; return the rows written.

    A path is written whole or not at all (a temporary file renamed at the end).

    >>> import io
    >>> export([], "kml", io.BytesIO())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    eventcoder.export.common.ExportError: unknown export format 'kml'; choose one of: acled, ...
    """
    spec = FORMATS.get(fmt.lower().strip())
    if spec is None:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {known}")
    return spec.write(events, out)
