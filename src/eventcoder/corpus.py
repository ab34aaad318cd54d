"""A corpus in a database: ingest articles (extract, link, store) and read events back.

Ingest is idempotent (an article already stored with the same text is skipped), commits in
batches and is resumable: a batch is stored whole or not at all, so a killed run loses at
most the batch in flight and a rerun picks up from there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eventcoder.config import Settings
from eventcoder.dedup import Linker, LinkSettings
from eventcoder.errors import EventcoderError
from eventcoder.model import Article, ArticleResult, Failure, to_plain
from eventcoder.pipeline import extract_many
from eventcoder.store import Store, StoredArticle, StoredEvent, StoredMention

logger = logging.getLogger(__name__)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclasses.dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    skipped: int = 0
    stored: int = 0
    mentions: int = 0
    events_new: int = 0
    events_joined: int = 0
    failures: int = 0

    def line(self) -> str:
        return (
            f"{self.read} read, {self.skipped} already stored, {self.stored} stored, "
            f"{self.mentions} mentions, {self.events_new} new events, "
            f"{self.events_joined} mentions joined existing events, {self.failures} failures"
        )


def mention_doc(result: ArticleResult, index: int) -> dict[str, Any]:
    """A mention's stored document: the core event record plus where it was reported."""
    article = result.article
    doc: dict[str, Any] = to_plain(result.events[index])

    doc["source"] = {
        "article_id": article.id,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "title": article.title,
    }
    return doc


def _window(docs: list[dict[str, Any]], days: int) -> tuple[str, str] | None:
    starts = [d["date"]["start"] for d in docs if d.get("date")]
    ends = [d["date"]["end"] for d in docs if d.get("date")]
    if not starts:
        return None
    low = dt.date.fromisoformat(min(starts)[:10]) - dt.timedelta(days=days + 1)
    high = dt.date.fromisoformat(max(ends)[:10]) + dt.timedelta(days=days + 1)
    return low.isoformat(), high.isoformat()


@dataclasses.dataclass(slots=True)
class Ingestor:
    """Stores results batch by batch and links their mentions into events."""

    store: Store
    link_settings: LinkSettings = dataclasses.field(default_factory=LinkSettings)
    batch_size: int = 50
    summary: IngestSummary = dataclasses.field(default_factory=IngestSummary)
    linker: Linker = dataclasses.field(init=False)
    loaded: set[tuple[str, str]] = dataclasses.field(default_factory=set)

    def __post_init__(self) -> None:
        self.linker = Linker(settings=self.link_settings, fetch=self._fetch)

    def _fetch(self, event_id: str) -> list[dict[str, Any]]:
        return [m.doc for m in self.store.mentions_of(event_id)]

    def _preload(self, docs: list[dict[str, Any]]) -> None:
        window = _window(docs, self.link_settings.window_days)
        if window is None or window in self.loaded:
            return
        self.loaded.add(window)
        for event in self.store.candidates(
            start=window[0], end=window[1], event=None, country=None, limit=1_000_000
        ):
            self.linker.load(event.doc)

    def add(self, results: Iterable[ArticleResult]) -> IngestSummary:
        """Store and link extraction results; each batch is one transaction."""
        return self.add_documents(
            (result, [mention_doc(result, i) for i in range(len(result.events))])
            for result in results
        )

    def add_documents(
        self, items: Iterable[tuple[ArticleResult, list[dict[str, Any]]]]
    ) -> IngestSummary:
        """Store and link articles with mention documents made elsewhere (imports, benchmarks)."""
        batch: list[tuple[ArticleResult, list[dict[str, Any]]]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._commit(batch)
                batch = []
        if batch:
            self._commit(batch)
        return self.summary

    def _commit(self, batch: list[tuple[ArticleResult, list[dict[str, Any]]]]) -> None:
        self._preload([d for _, docs in batch for d in docs])
        snapshot = dict(self.linker.events)
        try:
            with self.store.transaction():
                changed: set[str] = set()
                for result, docs in batch:
                    changed |= self._store_safely(result, docs)

                events = [self.linker.events[event_id] for event_id in sorted(changed)]
                self.store.put_events(
                    [
                        StoredEvent(
                            id=event["id"],
                            doc=event,
                            mention_ids=tuple(m["mention_id"] for m in event["mentions"]),
                        )
                        for event, _ in events
                    ]
                )
        except Exception:
            self.linker.events = snapshot  # the batch was rolled back: forget its links too
            raise

    def _store_safely(self, result: ArticleResult, docs: list[dict[str, Any]]) -> set[str]:
        """Store one article in a savepoint: if it fails, record why and keep the others."""
        before = dict(self.linker.events)
        counts = dataclasses.replace(self.summary)
        try:
            with self.store.transaction():
                return self._store_one(result, docs)
        except EventcoderError as e:
            self.linker.events = before
            self.summary = counts
            self.summary.failures += 1
            logger.error("article %s could not be stored: %s", result.article.id, e)
            self.store.put_failure(
                source=result.article.source or result.article.id,
                line=None,
                stage="store",
                article_id=None,
                error=f"{result.article.id}: not stored ({e})",
            )
            return set()

    def _store_one(self, result: ArticleResult, docs: list[dict[str, Any]]) -> set[str]:
        article = result.article
        for failure in [*article.failures, *result.failures]:
            self.summary.failures += 1
            self.store.put_failure(
                source=failure.source,
                line=failure.line,
                stage=failure.stage,
                error=failure.error,
                article_id=article.id if article.text else None,
            )
        if not article.text:
            return set()
        self.store.put_article(
            StoredArticle(
                id=article.id,
                content_hash=content_hash(article.text),
                text=article.text,
                title=article.title,
                outlet=article.outlet,
                url=article.url,
                published=article.published,
                dateline=article.dateline,
                source=article.source,
            )
        )
        self.summary.stored += 1
        decisions, changed = self.linker.link(docs)
        for decision in decisions:
            if decision.joined:
                self.summary.events_joined += 1
            else:
                self.summary.events_new += 1
        # Events are written at the end of the batch; writing them sets each mention's event.
        self.store.put_mentions(
            [
                StoredMention(id=doc["id"], article_id=article.id, event_id=None, doc=doc)
                for doc in docs
            ]
        )

        self.summary.mentions += len(docs)
        return changed


def _new_articles(
    items: Iterable[Article | Failure], store: Store, summary: IngestSummary
) -> Iterator[Article | Failure]:
    for item in items:
        summary.read += 1
        if isinstance(item, Article) and store.has_article(item.id, content_hash(item.text)):
            summary.skipped += 1
            continue
        yield item


def ingest(
    items: Iterable[Article | Failure],
    *,
    store: Store,
    settings: Settings | None = None,
    workers: int | None = None,
    batch_size: int = 50,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Extract, link and store articles; already stored ones are skipped."""
    settings = settings or Settings()
    ingestor = Ingestor(store=store, batch_size=batch_size)
    fresh = _new_articles(items, store, ingestor.summary)
    results = extract_many(fresh, settings=settings, workers=workers)

    def reported(stream: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
        for count, result in enumerate(stream, start=1):
            yield result
            if progress is not None and count % 10 == 0:
                progress(ingestor.summary)

    ingestor.add(reported(results))
    return ingestor.summary


__all__ = ["IngestSummary", "Ingestor", "content_hash", "ingest", "mention_doc"]
