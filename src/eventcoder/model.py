"""Core records of eventcoder: articles, entities, places, dates, claims and event mentions.

Every extracted value keeps its evidence (character offsets into the article text) and every
resolved value keeps the raw text, the method that resolved it and a score. No I/O here.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from typing import Any


class RecordError(ValueError):
    """A record was built with values that break its invariants."""


class Certainty(enum.StrEnum):
    CLAIMED = "claimed"
    REPORTED = "reported"
    CORROBORATED = "corroborated"


class AuxMode(enum.StrEnum):
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    NEGATION = "negation"
    HISTORICAL = "historical"


class Precision(enum.StrEnum):
    NEIGHBOURHOOD = "neighbourhood"
    CITY = "city"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"


class DateBasis(enum.StrEnum):
    STATED = "stated"
    RELATIVE = "relative"
    PUBLICATION = "publication"


class ClaimantType(enum.StrEnum):
    PARTY = "party"
    GOVERNMENT = "government"
    OFFICIAL = "official"
    SPOKESPERSON = "spokesperson"
    WITNESS = "witness"
    MEDICAL = "medical"
    NGO = "ngo"
    MEDIA = "media"
    ANONYMOUS = "anonymous"


def stable_id(*parts: str, length: int = 16) -> str:
    """Deterministic id from text parts, so re-runs give the same ids.

    >>> stable_id("a", "b") == stable_id("a", "b")
    True
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be processed, with where and how to fix it."""

    source: str
    stage: str
    error: str
    line: int | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from the input; `text` is what every offset points into."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    body_start: int = 0
    source: str = ""
    failures: tuple[Failure, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise RecordError("Article.id must not be empty")
        if not 0 <= self.body_start <= len(self.text):
            raise RecordError(f"Article {self.id}: body_start {self.body_start} outside the text")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A piece of article text: `article_text[start:end] == text`."""

    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise RecordError(f"Span offsets {self.start}:{self.end} are not a valid range")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """An actor, recipient or claimant: the words of the source and a neutral canonical record."""

    text: str
    name: str
    start: int | None = None
    end: int | None = None
    actor_id: str | None = None
    wikidata: str | None = None
    country: str | None = None
    sector: str | None = None
    parent: str | None = None
    role: str | None = None
    method: str = "kb"
    score: float = 1.0


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A resolved place name with an explicit precision and the gazetteer row behind it."""

    text: str
    name: str
    start: int | None = None
    end: int | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: Precision = Precision.CITY
    method: str = "gazetteer"
    score: float = 1.0
    raw: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.lat is not None and not -90.0 <= self.lat <= 90.0:
            raise RecordError(f"Place {self.name!r}: latitude {self.lat} out of range")
        if self.lon is not None and not -180.0 <= self.lon <= 180.0:
            raise RecordError(f"Place {self.name!r}: longitude {self.lon} out of range")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DateRange:
    """When an event happened, as a closed range of ISO dates with its precision and basis."""

    start: str
    end: str
    precision: str
    basis: DateBasis
    text: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RecordError(f"DateRange end {self.end} before start {self.start}")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Count:
    """A casualty figure as a range: `best` is None when the text gives no usable number."""

    low: int | None
    best: int | None
    high: int | None

    def __post_init__(self) -> None:
        values = [v for v in (self.low, self.best, self.high) if v is not None]
        if any(v < 0 for v in values):
            raise RecordError("casualty counts must not be negative")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise RecordError(f"casualty range {self.low}..{self.high} is inverted")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Casualties:
    killed: Count | None = None
    injured: Count | None = None
    victims: str | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Who says an event happened, with which verb, through which outlet."""

    claimant: Entity | None
    claimant_type: ClaimantType
    verb: str | None
    via: str | None
    quote: str | None
    start: int
    end: int


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Acled:
    event_type: str
    sub_event_type: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Framing:
    """A loaded term in the article with a neutral alternative."""

    text: str
    start: int
    end: int
    category: str
    neutral: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One event as one article tells it."""

    id: str
    article_id: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    aux_mode: AuxMode | None
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    location: Place | None
    date: DateRange | None
    casualties: Casualties | None
    claims: tuple[Claim, ...]
    certainty: Certainty
    confidence: float
    acled: Acled | None
    evidence: Span
    trigger: Span

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise RecordError(f"confidence {self.confidence} outside 0..1")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """The output document for one article: the article's metadata, its framing and its events."""

    article: Article
    events: tuple[EventMention, ...] = ()
    framing: tuple[Framing, ...] = ()
    places: tuple[Place, ...] = ()
    failures: tuple[Failure, ...] = ()


def to_plain(value: Any) -> Any:
    """Turn records into JSON-ready dicts and lists (enums become their values)."""
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    return value


def result_document(result: ArticleResult) -> dict[str, Any]:
    """The output contract: `{"article": {...}, "events": [...]}` for one article."""
    article = result.article
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published,
            "dateline": article.dateline,
            "source": article.source,
            "framing": to_plain(result.framing),
            "places": to_plain(result.places),
            "failures": to_plain(list(article.failures) + list(result.failures)),
        },
        "events": to_plain(result.events),
    }
