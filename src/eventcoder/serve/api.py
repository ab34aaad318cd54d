"""The HTTP API over a Store, and the page that draws it: `create_app` builds the FastAPI app.

Reads are open; the one write (`POST /api/extract`) needs the token the server was started
with. Every error has the shape `{"error": {"code": ..., "message": ...}}`.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import threading
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from eventcoder.config import Settings
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import result_document, to_plain
from eventcoder.ontology import ontology
from eventcoder.serve.assets import STATIC, asset_file, default_assets, map_ready
from eventcoder.serve.extraction import (
    ExtractionCache,
    Pipeline,
    extracted_spans,
    merge_spans,
    stored_spans,
)
from eventcoder.serve.schemas import (
    ArticleView,
    Certainty,
    ErrorBody,
    EventPage,
    ExtractRequest,
    ExtractResponse,
    ServerConfig,
    SummaryPage,
    summary_row,
)
from eventcoder.serve.security import MAX_BODY_BYTES, GuardMiddleware, error_body
from eventcoder.store import EventFilter, FilterError, Store, StoreError
from eventcoder.store.base import MAX_PAGE

logger = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((400, "bad filter"), (404, "not found"), (422, "invalid parameters"))
}
NO_STORE = {"cache-control": "no-store"}


@dataclasses.dataclass(slots=True, kw_only=True)
class _Context:
    store: Store
    write_token: str | None
    pipeline: Pipeline | None
    settings: Settings
    assets: Path
    cache: ExtractionCache | None
    write_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    @property
    def writes(self) -> bool:
        """True when POST /api/extract can work: a token to check and a pipeline to run."""
        return self.write_token is not None and self.pipeline is not None


def create_app(
    store: Store,
    *,
    write_token: str | None,
    assets: Path | None = None,
    pipeline: Pipeline | None = None,
    settings: Settings | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    max_body: int = MAX_BODY_BYTES,
    warm_up: bool = False,
) -> FastAPI:
    """The API and the page over `store`.

    `write_token` None disables `POST /api/extract`; it also needs a `pipeline`, which article
    views use as well to mark places and loaded terms. `assets` is the `node_modules` folder
    (default: `default_assets()`); `allowed_hosts` None answers to any Host header. `warm_up`
    loads the extractor's model in a background thread now rather than on the first view.

    >>> from eventcoder.store import open_store
    >>> app = create_app(open_store(":memory:"), write_token=None)
    >>> app.docs_url is None, app.openapi_url
    (True, '/openapi.json')
    """
    settings = settings or Settings.from_env()
    ctx = _Context(
        store=store,
        write_token=write_token or None,
        pipeline=pipeline,
        settings=settings,
        assets=assets if assets is not None else default_assets(),
        cache=ExtractionCache(pipeline, settings) if pipeline is not None else None,
    )
    app = FastAPI(
        title="eventcoder",
        version=_version(),
        summary="Sourced PLOVER event records from news, linked across articles.",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN; ours is served locally
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.eventcoder = ctx
    _add_error_handlers(app)
    app.include_router(_event_routes(ctx))
    app.include_router(_meta_routes(ctx))
    app.include_router(_write_routes(ctx))
    app.include_router(_page_routes(ctx))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(GuardMiddleware, max_body=max_body, allowed_hosts=allowed_hosts)
    if warm_up and ctx.cache is not None:
        threading.Thread(target=ctx.cache.warm_up, name="warm-up", daemon=True).start()
    return app


def _version() -> str:
    try:
        return metadata.version("eventcoder")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _json(payload: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON text straight from `json.dumps`: faster than FastAPI's encoder for large pages."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(
        body, status, headers={**NO_STORE, **(headers or {})}, media_type="application/json"
    )


def _error(status: int, message: str, *, code: str | None = None) -> Response:
    headers = {**NO_STORE, "content-type": "application/json"}
    return Response(error_body(status, message, code), status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            return _error(404, f"no such page: {request.url.path}; the API lives under /api/")
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}"
            for error in exc.errors()
        ]
        return _error(422, "; ".join(problems) or "invalid request")

    @app.exception_handler(FilterError)
    async def filter_error(request: Request, exc: FilterError) -> Response:
        return _error(400, str(exc), code="bad_filter")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        logger.error("%s %s: %s", request.method, request.url.path, exc)
        return _error(503, f"the database failed: {exc}", code="store_error")


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = [float(part) for part in value.split(",")]
    except ValueError as e:
        raise FilterError(f"bbox={value!r}: write four numbers w,s,e,n") from e
    if len(parts) != 4:
        raise FilterError(f"bbox={value!r}: write four numbers w,s,e,n")
    return parts[0], parts[1], parts[2], parts[3]


Text = Annotated[str | None, Query(max_length=200)]


def _event_routes(ctx: _Context) -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERRORS)

    @router.get("/events", tags=["events"], responses={200: {"model": EventPage | SummaryPage}})
    def list_events(
        event_type: Annotated[str | None, Query(alias="type", max_length=40)] = None,
        mode: Annotated[str | None, Query(max_length=40)] = None,
        actor: Text = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
        bbox: Annotated[str | None, Query(description="w,s,e,n in degrees")] = None,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        certainty: Certainty | None = None,
        q: Annotated[str | None, Query(max_length=200, description="words in evidence")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        fields: Annotated[
            Literal["full", "summary"],
            Query(description="summary: light rows for the map (see SummaryPage)"),
        ] = "full",
    ) -> Response:
        """One page of events, newest first; pass `next_cursor` back as `cursor` for more."""
        if event_type is not None and event_type not in ontology().types:
            names = ", ".join(sorted(ontology().types))
            raise FilterError(
                f"type={event_type!r} is not a PLOVER event type: pick one of {names}"
            )
        flt = EventFilter(
            event=event_type,
            mode=mode,
            country=country,
            actor=actor,
            since=since,
            until=until,
            bbox=_bbox(bbox),
            certainty=certainty,
            q=q,
            limit=limit,
            cursor=cursor,
        )
        page, next_cursor = ctx.store.events(flt)
        shape = summary_row if fields == "summary" else (lambda doc: doc)
        return _json({"events": [shape(e.doc) for e in page], "next_cursor": next_cursor})

    @router.get("/events/{event_id}", tags=["events"], responses={200: {"model": dict}})
    def get_event(event_id: str) -> Response:
        """An event with every mention, its claims, evidence and why it was linked."""
        event = ctx.store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}: list ids with GET /api/events")
        return _json(event.doc)

    return router


def _meta_routes(ctx: _Context) -> APIRouter:
    router = APIRouter(prefix="/api", responses=ERRORS)

    @router.get(
        "/articles/{article_id}", tags=["articles"], responses={200: {"model": ArticleView}}
    )
    def get_article(
        article_id: str,
        event: Annotated[str | None, Query(max_length=200, description="mark its evidence")] = None,
    ) -> Response:
        """An article's text with spans: evidence, places and loaded terms (with a neutral word)."""
        return _json(_article_view(ctx, article_id, event))

    @router.get("/stats", tags=["meta"])
    def stats() -> Response:
        """Counts of articles, mentions, events and failures; events per type; the date range."""
        return _json(ctx.store.stats())

    @router.get("/config", tags=["meta"], responses={200: {"model": ServerConfig}})
    def config() -> Response:
        """What this server offers: writes, the map libraries, the vocabularies of the filters."""
        return _json(
            {
                "writes": ctx.writes,
                "assets": map_ready(ctx.assets),
                "event_types": sorted(ontology().types),
                "certainty": ["claimed", "reported", "corroborated"],
                "max_body": MAX_BODY_BYTES,
            }
        )

    return router


def _article_view(ctx: _Context, article_id: str, event_id: str | None) -> dict[str, Any]:
    stored = ctx.store.article(article_id)
    if stored is None:
        raise HTTPException(404, f"no article {article_id!r}: open one from an event's sources")
    spans: list[dict[str, Any]] = []
    if event_id is not None:
        event = ctx.store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}: list ids with GET /api/events")
        spans = stored_spans(stored.text, stored.id, event)
    document = ctx.cache.document(stored) if ctx.cache is not None else None
    if document is not None:
        spans = merge_spans(spans, extracted_spans(document, len(stored.text)))
    else:
        spans = merge_spans(spans)
    article = {
        "id": stored.id,
        "title": stored.title,
        "outlet": stored.outlet,
        "url": stored.url,
        "published": stored.published,
        "dateline": stored.dateline,
        "text": stored.text,
    }
    return {"article": article, "spans": spans, "extracted": document is not None}


# Documented as a security scheme, so /docs offers "Authorize"; errors are raised below, as 403.
_BEARER = HTTPBearer(auto_error=False, description="the token given to `eventcoder serve`")


@dataclasses.dataclass(frozen=True, slots=True)
class _Writer:
    """What a write may use, handed out only to requests that carry the token."""

    extractor: ExtractionCache
    pipeline: Pipeline


def _require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> _Writer:
    """The writer, when writes are on and the request carries the server's token."""
    ctx: _Context = request.app.state.eventcoder
    if ctx.write_token is None or ctx.pipeline is None or ctx.cache is None:
        raise HTTPException(
            403, "writes are disabled: start the server with --write-token to enable them"
        )
    given = credentials.credentials.encode("utf-8") if credentials is not None else b""
    if not hmac.compare_digest(given, ctx.write_token.encode("utf-8")):
        raise HTTPException(403, "missing or wrong token: send Authorization: Bearer <token>")
    return _Writer(extractor=ctx.cache, pipeline=ctx.pipeline)


def _write_routes(ctx: _Context) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["write"])

    @router.post(
        "/extract",
        responses={200: {"model": ExtractResponse}, 403: {"model": ErrorBody}, **ERRORS},
    )
    def extract(
        writer: Annotated[_Writer, Depends(_require_token)],
        body: ExtractRequest,
        store: Annotated[bool, Query(description="also ingest it: link and store")] = False,
    ) -> Response:
        """Run the extractor on one article; with `store=true`, also link and store it."""
        article = parse_plain(
            body.text,
            source="api",
            published=body.published,
            title=body.title,
            outlet=body.outlet,
        )
        document = result_document(writer.extractor.run(article))
        ingest = None
        if store:
            with ctx.write_lock:  # one ingest at a time: the linker reads what the last wrote
                summary = writer.pipeline.ingest(
                    [article], store=ctx.store, settings=ctx.settings, workers=1
                )
            ingest = to_plain(summary)
        return _json({"document": document, "ingest": ingest})

    return router


def _page_routes(ctx: _Context) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    @router.get("/docs")
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", headers={"cache-control": "no-cache"})

    @router.get("/assets/{path:path}")
    def asset(path: str) -> FileResponse:
        found = asset_file(ctx.assets, path)
        if found is None:
            raise HTTPException(
                404,
                f"asset {path!r} is not installed or not served: run `npm ci` in the project "
                "folder (or set EVENTCODER_ASSETS to a node_modules folder)",
            )
        return FileResponse(found, headers={"cache-control": "public, max-age=3600"})

    return router
