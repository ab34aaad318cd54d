"""The HTTP edge: request and response schemas (pydantic), and the light event row of the map."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eventcoder.store.base import mapping

Certainty = Literal["claimed", "reported", "corroborated"]
SpanKind = Literal["evidence", "place", "loaded"]


class ErrorDetail(BaseModel):
    code: str = Field(description="stable machine-readable code, such as not_found")
    message: str = Field(description="what went wrong and how to fix it")


class ErrorBody(BaseModel):
    """Every error of the API has this shape, whatever its status."""

    error: ErrorDetail


class EventPage(BaseModel):
    events: list[dict[str, Any]] = Field(description="event documents, newest first")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null at end")


class SummaryRow(BaseModel):
    """One event as the map, the list and the timeline need it."""

    id: str
    event: str | None
    mode: str | None
    start: str | None
    end: str | None
    lat: float | None
    lon: float | None
    place: str | None
    country: str | None
    actors: list[str]
    recipients: list[str]
    certainty: str | None
    killed: int | None
    n_sources: int | None
    contested: bool


class SummaryPage(BaseModel):
    events: list[SummaryRow]
    next_cursor: str | None


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    dateline: str | None
    text: str = Field(description="plain text; every span offset points into it")


class Span(BaseModel):
    start: int
    end: int
    kind: SpanKind
    label: str
    event_id: str | None = None
    mention_id: str | None = None
    neutral: str | None = Field(default=None, description="a loaded term's neutral alternative")


class ArticleView(BaseModel):
    article: ArticleOut
    spans: list[Span]
    extracted: bool = Field(
        description="true when places, loaded terms and every evidence span were recomputed "
        "by the extractor; false when only the stored evidence of `event` is marked"
    )


class ExtractRequest(BaseModel):
    """An article to run through the extractor."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article's plain text")
    published: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="publication date YYYY-MM-DD; anchors relative dates",
    )
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)


class ExtractResponse(BaseModel):
    document: dict[str, Any] = Field(description="the extraction document, as `eventcoder extract`")
    ingest: dict[str, Any] | None = Field(description="what storing it did (with ?store=true)")


class ServerConfig(BaseModel):
    writes: bool = Field(description="true when POST /api/extract accepts a token")
    assets: bool = Field(description="true when the map libraries are installed")
    event_types: list[str]
    certainty: list[str]
    max_body: int


def _names(entities: Any) -> list[str]:
    names = (mapping(entity).get("name") for entity in entities or ())
    return [name for name in names if isinstance(name, str) and name]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def summary_row(doc: dict[str, Any]) -> dict[str, Any]:
    """The light row of an event document for the map of many events.

    >>> summary_row({"id": "ev-1", "event": "ASSAULT", "date": {"start": "2025-01-02"}})["start"]
    '2025-01-02'
    """
    date = mapping(doc.get("date"))
    location = mapping(doc.get("location"))
    killed = mapping(mapping(doc.get("casualties")).get("killed")).get("best")
    n_sources = doc.get("n_sources")
    return {
        "id": doc.get("id"),
        "event": doc.get("event"),
        "mode": doc.get("mode"),
        "start": date.get("start"),
        "end": date.get("end"),
        "lat": _number(location.get("lat")),
        "lon": _number(location.get("lon")),
        "place": location.get("name"),
        "country": location.get("country"),
        "actors": _names(doc.get("actor")),
        "recipients": _names(doc.get("recipient")),
        "certainty": doc.get("certainty"),
        "killed": killed if isinstance(killed, int) else None,
        "n_sources": n_sources if isinstance(n_sources, int) else None,
        "contested": bool(doc.get("contested")),
    }
