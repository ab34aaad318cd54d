"""What the server needs from the pipeline, and the marked-up spans of a stored article.

`serve` sits beside the CLI, after `store`; the pipeline and the corpus compose the stages and
are handed in as a `Pipeline` by the caller (the CLI, a test), so this package imports no
composition module and a test double can stand in for spaCy.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import threading
from collections.abc import Iterable
from typing import Any, Protocol

from eventcoder.config import Settings
from eventcoder.errors import EventcoderError
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, ArticleResult, Failure, result_document
from eventcoder.store import Store, StoredArticle, StoredEvent
from eventcoder.store.base import mapping

logger = logging.getLogger(__name__)


class ExtractArticle(Protocol):
    """`eventcoder.pipeline.extract_article`: events, framing and places of one article."""

    def __call__(self, article: Article, *, settings: Settings | None = None) -> ArticleResult: ...


class IngestArticles(Protocol):
    """`eventcoder.corpus.ingest`: extract, link and store articles, skipping stored ones."""

    def __call__(
        self,
        items: Iterable[Article | Failure],
        *,
        store: Store,
        settings: Settings | None = None,
        workers: int | None = None,
    ) -> object: ...


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Pipeline:
    """The two pipeline entry points the server calls.

    The CLI passes `Pipeline(extract=eventcoder.pipeline.extract_article,
    ingest=eventcoder.corpus.ingest)`.
    """

    extract: ExtractArticle
    ingest: IngestArticles


def article_from_stored(stored: StoredArticle) -> Article:
    """The Article the extractor sees for a stored one: the same text, so the same offsets."""
    return parse_plain(
        stored.text,
        source=stored.source or stored.id,
        article_id=stored.id,
        published=stored.published,
        title=stored.title,
        outlet=stored.outlet,
        url=stored.url,
    )


def _span(start: Any, end: Any, size: int, **fields: Any) -> dict[str, Any] | None:
    """A span dict when its offsets lie inside the text, else None (never a broken range)."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= size:
        return None
    return {"start": start, "end": end, **fields}


def event_label(doc: dict[str, Any]) -> str:
    """ "ASSAULT (aerial)" for an event or mention document."""
    mode = doc.get("mode")
    return f"{doc.get('event')} ({mode})" if mode else str(doc.get("event"))


def stored_spans(text: str, article_id: str, event: StoredEvent) -> list[dict[str, Any]]:
    """Evidence and place spans of the event's mentions that come from this article."""
    spans: list[dict[str, Any]] = []
    label = event_label(event.doc)
    for mention in event.doc.get("mentions") or ():
        if mapping(mention).get("article_id") != article_id:
            continue
        evidence = mapping(mention.get("evidence"))
        span = _span(
            evidence.get("start"),
            evidence.get("end"),
            len(text),
            kind="evidence",
            label=label,
            event_id=event.id,
            mention_id=mention.get("mention_id"),
        )
        place = mapping(mention.get("location"))
        spans += [span] if span else []
        spans += _place_spans([place], len(text))
    return spans


def _place_spans(places: Iterable[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    spans = []
    for place in places:
        where = ", ".join(str(p) for p in (place.get("name"), place.get("country")) if p)
        precision = place.get("precision")
        label = f"{where} ({precision})" if precision else where
        span = _span(place.get("start"), place.get("end"), size, kind="place", label=label)
        spans += [span] if span else []
    return spans


def extracted_spans(document: dict[str, Any], size: int) -> list[dict[str, Any]]:
    """Evidence, place and loaded-term spans of an extraction document (`result_document`)."""
    spans: list[dict[str, Any]] = []
    for mention in document.get("events") or ():
        evidence = mapping(mention.get("evidence"))
        label = event_label(mention)
        span = _span(
            evidence.get("start"),
            evidence.get("end"),
            size,
            kind="evidence",
            label=label,
            mention_id=mention.get("id"),
        )
        spans += [span] if span else []
    article = mapping(document.get("article"))
    spans += _place_spans((mapping(p) for p in article.get("places") or ()), size)
    for term in article.get("framing") or ():
        term = mapping(term)
        span = _span(
            term.get("start"),
            term.get("end"),
            size,
            kind="loaded",
            label=f"loaded term ({term.get('category')})",
            neutral=term.get("neutral"),
        )
        spans += [span] if span else []
    return spans


def merge_spans(*groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One list in text order; of two spans with the same kind and offsets, the first is kept."""
    seen: set[tuple[str, int, int]] = set()
    merged = []
    for span in (span for group in groups for span in group):
        key = (span["kind"], span["start"], span["end"])
        if key not in seen:
            seen.add(key)
            merged.append(span)
    return sorted(merged, key=lambda span: (span["start"], -span["end"], span["kind"]))


class ExtractionCache:
    """Runs the extractor one article at a time, and keeps the documents of recent article views.

    One at a time because the spaCy pipeline is not documented as thread-safe, and the GIL
    leaves little to gain from running it in parallel threads anyway.
    """

    def __init__(self, pipeline: Pipeline, settings: Settings, *, size: int = 64) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self.size = size
        self._documents: collections.OrderedDict[tuple[str, str], dict[str, Any]] = (
            collections.OrderedDict()
        )
        self._lock = threading.Lock()
        self._running = threading.Lock()

    def run(self, article: Article) -> ArticleResult:
        """The extractor's result for one article (not cached)."""
        with self._running:
            return self.pipeline.extract(article, settings=self.settings)

    def warm_up(self) -> None:
        """Load the language model and gazetteer now, so the first article view is not slow."""
        try:
            self.run(parse_plain("date 2025-01-01 KYIV – Talks began.", source="warm-up"))
        except EventcoderError as e:
            logger.warning("warm-up extraction failed: %s", e)

    def document(self, stored: StoredArticle) -> dict[str, Any] | None:
        """The article's extraction document, or None when the extractor fails on it."""
        key = (stored.id, stored.content_hash)
        with self._lock:
            if key in self._documents:
                self._documents.move_to_end(key)
                return self._documents[key]
        try:
            result = self.run(article_from_stored(stored))
        except EventcoderError as e:
            logger.warning("article %s: re-extraction failed (%s); showing stored spans", key, e)
            return None
        document = result_document(result)
        with self._lock:
            self._documents[key] = document
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)
        return document
