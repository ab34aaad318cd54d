"""The `Store` seam: the records it exchanges, the filter it answers, the errors it raises.

The rest of the package talks to storage only through this protocol, so SQLite, PostgreSQL or a
test double can stand behind it. Documents (`doc`) are the plain JSON dicts produced by
`eventcoder.model.to_plain`, stored as they are; a store may copy a few of their fields into
indexed columns but always hands the document back unchanged.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime
import json
import math
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from eventcoder.errors import EventcoderError

MAX_PAGE = 1000
# A stored event whose date range is longer than this (or of unknown length) is marked
# `long_range`: the linker's candidate query reads short events from a narrow window of start
# dates and long ones from a small index. Changing it needs a migration that recomputes them.
LONG_RANGE_DAYS = 7
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class StoreError(EventcoderError):
    """The database refused or failed an operation; the message names the database and the fix."""


class FilterError(StoreError):
    """An event filter or cursor has a value it cannot take (a usage error, not a database one)."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article as stored: its text (what every offset points into) and where it came from."""

    id: str
    content_hash: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    source: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoredMention:
    """One event as one article tells it; `doc` is `to_plain(EventMention)`."""

    id: str
    article_id: str
    event_id: str | None = None
    doc: dict[str, Any]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    """A merged event: `doc` is the event JSON; `mention_ids` are every source that reports it."""

    id: str
    doc: dict[str, Any]
    mention_ids: tuple[str, ...] = ()


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        parsed = datetime.date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else None
    except ValueError:  # shaped like a date but not one, such as 2024-02-30
        parsed = None
    if parsed is None:
        raise FilterError(f"{name}={value!r} is not a date: write it as YYYY-MM-DD")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What `Store.events` should return: every field narrows the result; None means any.

    `actor` is a case-insensitive substring of an actor or recipient name; `q` a case-insensitive
    substring of the evidence text; `since`/`until` keep events whose date range overlaps them;
    `bbox` is (min_lon, min_lat, max_lon, max_lat), with min_lon > max_lon crossing the
    antimeridian. `cursor` is the opaque value a previous page returned.

    >>> EventFilter(event="ASSAULT", since="2024-01-01").limit
    100
    """

    event: str | None = None
    mode: str | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    certainty: str | None = None
    q: str | None = None
    limit: int = 100
    cursor: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE:
            raise FilterError(f"limit={self.limit} is out of range: pick 1 to {MAX_PAGE}")
        _check_date("since", self.since)
        _check_date("until", self.until)
        if self.since and self.until and self.until < self.since:
            raise FilterError(f"until={self.until} is before since={self.since}: swap them")
        if self.bbox is not None:
            _check_bbox(self.bbox)


def _check_bbox(bbox: tuple[float, float, float, float]) -> None:
    if len(bbox) != 4 or not all(math.isfinite(v) for v in bbox):
        raise FilterError(f"bbox={bbox!r} must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = bbox
    if not (-180.0 <= min_lon <= 180.0 and -180.0 <= max_lon <= 180.0):
        raise FilterError(f"bbox={bbox!r}: longitudes must lie in -180..180")
    if not -90.0 <= min_lat <= max_lat <= 90.0:
        raise FilterError(f"bbox={bbox!r}: latitudes must lie in -90..90 with min_lat <= max_lat")


def mapping(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty one: optional fields may be null."""
    return value if isinstance(value, dict) else {}


def actor_names(doc: dict[str, Any]) -> str:
    """Lowercased names and surface texts of every actor and recipient, one per line."""
    names: dict[str, None] = {}
    for key in ("actor", "recipient"):
        for entity in doc.get(key) or ():
            for field in ("name", "text"):
                value = mapping(entity).get(field)
                if isinstance(value, str) and value:
                    names[value.lower()] = None
    return "\n".join(names)


def search_text(doc: dict[str, Any]) -> str:
    """Lowercased evidence of the event and of every mention the merged document carries."""
    texts: dict[str, None] = {}
    for item in [doc, *(doc.get("mentions") or ())]:
        evidence = mapping(mapping(item).get("evidence")).get("text")
        if isinstance(evidence, str) and evidence:
            texts[evidence.lower()] = None
    return "\n".join(texts)


def dumps(value: Any, what: str) -> str:
    """Compact JSON text for a document, keeping non-ASCII as it is."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        raise StoreError(f"{what} is not JSON: {e}; build it with eventcoder.model.to_plain") from e


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _long_range(start: Any, end: Any) -> bool:
    """True when [start, end] spans more than LONG_RANGE_DAYS, or its length cannot be told."""
    if start is None or end is None:
        return False  # undated events never match a date window
    try:
        days = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
    except (TypeError, ValueError):
        return True
    return days > LONG_RANGE_DAYS


def event_fields(event: StoredEvent) -> dict[str, Any]:
    """The stored row of a merged event: its JSON and the fields the filters and linker use."""
    doc = event.doc
    date = mapping(doc.get("date"))
    location = mapping(doc.get("location"))
    country = location.get("country")
    n_sources = doc.get("n_sources")
    date_start = date.get("start") or date.get("end")
    date_end = date.get("end") or date.get("start")
    return {
        "id": event.id,
        "doc": dumps(doc, f"event {event.id}"),
        "mention_ids": dumps(list(event.mention_ids), f"event {event.id} mention ids"),
        "event": doc.get("event"),
        "mode": doc.get("mode"),
        "date_start": date_start,
        "date_end": date_end,
        "long_range": _long_range(date_start, date_end),
        "country": country.upper() if isinstance(country, str) else None,
        "lat": _number(location.get("lat")),
        "lon": _number(location.get("lon")),
        "certainty": doc.get("certainty"),
        "n_sources": n_sources if isinstance(n_sources, int) else len(event.mention_ids),
        "actor_names": actor_names(doc),
        "search_text": search_text(doc),
    }


def encode_cursor(date_start: str | None, event_id: str) -> str:
    """An opaque cursor for the page after (date_start, id).

    >>> decode_cursor(encode_cursor("2024-05-01", "ab12"))
    ('2024-05-01', 'ab12')
    """
    raw = json.dumps([date_start, event_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (date_start, id) a cursor points after; FilterError if it was not made here."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date_start, event_id = json.loads(raw)
    except (ValueError, TypeError, binascii.Error) as e:
        raise FilterError(f"cursor {cursor!r} is not one this store returned: start over") from e
    if not isinstance(event_id, str) or not isinstance(date_start, (str, type(None))):
        raise FilterError(f"cursor {cursor!r} is not one this store returned: start over")
    return date_start, event_id


@runtime_checkable
class Store(Protocol):
    """Where articles, mentions, merged events and failures live between runs.

    Writes outside `transaction()` commit one call at a time; inside it they commit together.
    """

    def migrate(self) -> None:
        """Bring the schema up to date; safe to call on every start."""
        ...

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True when this article, with this exact content, is already stored."""
        ...

    def put_article(self, article: StoredArticle) -> None:
        """Insert the article, or replace the stored one with the same id."""
        ...

    def put_mentions(self, mentions: Sequence[StoredMention]) -> None:
        """Insert the mentions, or replace those with the same ids (their articles must exist)."""
        ...

    def put_failure(
        self, *, source: str, line: int | None, stage: str, error: str, article_id: str | None
    ) -> None:
        """Record an input that failed at a stage, so the batch can go on and report it."""
        ...

    def put_event(self, event: StoredEvent) -> None:
        """Insert or replace a merged event and point its mentions at it."""
        ...

    def put_events(self, events: Sequence[StoredEvent]) -> None:
        """`put_event` for many events at once: one round trip per statement, for bulk loads."""
        ...

    def delete_event(self, event_id: str) -> None:
        """Remove a merged event (its mentions stay, unlinked); no error if it is absent."""
        ...

    def candidates(
        self, *, start: str, end: str, event: str | None, country: str | None, limit: int = 500
    ) -> list[StoredEvent]:
        """Events whose date range overlaps [start, end], for the linker to compare against."""
        ...

    def events(self, flt: EventFilter) -> tuple[list[StoredEvent], str | None]:
        """One page of events, newest first, and the cursor of the next page (None at the end)."""
        ...

    def event(self, event_id: str) -> StoredEvent | None:
        """The event with this id, or None."""
        ...

    def mentions_of(self, event_id: str) -> list[StoredMention]:
        """The stored mentions linked to an event, by id."""
        ...

    def article(self, article_id: str) -> StoredArticle | None:
        """The article with this id, or None."""
        ...

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure, oldest first."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts of articles, mentions, events and failures; events per type; the date range."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Everything inside commits together or not at all; nested blocks are savepoints."""
        ...

    def close(self) -> None:
        """Release connections; the store cannot be used afterwards."""
        ...
