"""Compose the stages: ingest -> text -> extract -> resolve, for one article or a batch.

A failing article becomes a recorded failure; the batch goes on.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventcoder.config import Settings
from eventcoder.errors import DataFileError, EventcoderError, ModelLoadError
from eventcoder.extract.framing import find_framing
from eventcoder.extract.lexicon import lexicon
from eventcoder.extract.mentions import find_mentions
from eventcoder.model import Article, ArticleResult, Failure, stable_id
from eventcoder.ontology import ontology
from eventcoder.resolve.actors import actor_base
from eventcoder.resolve.assemble import Assembler, finish
from eventcoder.resolve.coref import link_within_article
from eventcoder.resolve.dates import parse_published
from eventcoder.resolve.entities import EntityResolver
from eventcoder.resolve.headline_names import headline_name
from eventcoder.resolve.places import gazetteer
from eventcoder.resolve.retelling import merge_retellings
from eventcoder.resolve.toponyms import resolve_toponyms
from eventcoder.text.headline import WordKinds, sentence_case, word_kinds_from
from eventcoder.text.nlp import load_nlp, parse_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)


def warm_up(settings: Settings) -> None:
    """Load the model, lexicons, actors and gazetteer now rather than on the first article."""
    load_nlp(settings.spacy_model)
    lexicon()
    ontology()
    actor_base()
    gazetteer()


def _from_doc(article: Article, doc: Doc, settings: Settings) -> ArticleResult:
    lex = lexicon()
    base = actor_base()
    index = gazetteer()
    parse = find_mentions(doc, lex, min_weight=settings.min_trigger_weight)
    places, countries = resolve_toponyms(
        doc,
        index,
        dateline=article.dateline,
        start=article.body_start,
        head=article.text[: article.body_start],
        is_actor=base.names_actor,
        is_outlet=base.names_outlet,
        demonyms=base.demonyms,
    )
    resolver = EntityResolver(base=base, places=index, lexicon=lex, countries=tuple(countries))
    assembler = Assembler(
        article=article,
        parse=parse,
        places=places,
        resolver=resolver,
        base=base,
        lexicon=lex,
        ontology=ontology(),
        settings=settings,
    )
    published = parse_published(article.published)
    drafts = [assembler.draft(raw, published) for raw in parse.mentions]
    link_within_article(drafts, parse, settings.merge_window_sentences)
    merge_retellings(drafts)
    events = finish(drafts, article, base, ontology())
    framing = find_framing(article.text, lex, start=article.body_start)
    return ArticleResult(
        article=article,
        events=tuple(events),
        framing=tuple(framing),
        places=tuple(sorted(places.values(), key=lambda p: p.start or 0)),
    )


def failed(failure: Failure) -> ArticleResult:
    """An output document that records an input that could not be processed."""
    article = Article(
        id=f"failed-{stable_id(failure.source, str(failure.line))}",
        text="",
        source=failure.source,
        failures=(failure,),
    )
    return ArticleResult(article=article)


@functools.cache
def _word_kinds(model: str) -> WordKinds:
    """English parts of speech of a word, from the model; a one-word event trigger the model's
    tables lack ("ceasefire", "airstrike") is a common noun too, so a title-case headline
    lowercases it ("Army Chief Rejects Calls For Ceasefire")."""
    english = word_kinds_from(load_nlp(model))
    triggers = frozenset(word for word, entries in lexicon().triggers.items() if word.isalpha())

    @functools.cache
    def kinds(word: str) -> frozenset[str]:
        found = english(word)
        return found if found or word not in triggers else frozenset({"noun"})

    return kinds


def _process(articles: list[Article], settings: Settings) -> list[ArticleResult]:
    nlp = load_nlp(settings.spacy_model)
    warm_up(settings)  # a broken data file stops the run here, not article by article
    kinds = _word_kinds(settings.spacy_model)
    base, index = actor_base(), gazetteer()

    def keep(phrase: str, word_kinds: frozenset[str]) -> bool:
        return headline_name(phrase, word_kinds, base=base, index=index)

    texts = [
        sentence_case(parse_text(a, limit=settings.max_article_chars), kinds=kinds, keep=keep)
        for a in articles
    ]
    results: list[ArticleResult] = []
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=8), strict=True):
        try:
            results.append(_from_doc(article, doc, settings))
        except (DataFileError, ModelLoadError):
            raise
        except (
            EventcoderError,
            ValueError,
            KeyError,
            IndexError,
            TypeError,
            AttributeError,
            RecursionError,
        ) as e:
            logger.error("article %s failed in extraction: %s", article.id, e, exc_info=True)
            failure = Failure(
                source=article.source or article.id,
                stage="extract",
                error=f"{article.id}: extraction failed ({type(e).__name__}: {e}); "
                "please report this article",
            )
            results.append(ArticleResult(article=article, failures=(failure,)))
    return results


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _work(articles: list[Article]) -> list[ArticleResult]:
    return _process(articles, _WORKER_SETTINGS or Settings())


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article] | Failure]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_many(
    items: Iterable[Article | Failure],
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    chunk: int = 8,
) -> Iterator[ArticleResult]:
    """Results in input order; input failures come out as failure documents.

    `workers` > 1 uses that many processes (default: the setting, 0 meaning one per core).
    """
    settings = settings or Settings()
    count = workers if workers is not None else (settings.workers or os.cpu_count() or 1)
    if count <= 1:
        for piece in _chunks(items, chunk):
            if isinstance(piece, Failure):
                yield failed(piece)
            else:
                yield from _process(piece, settings)
        return
    # Load everything before forking: the workers share the model and the gazetteer.
    warm_up(settings)
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: list[object] = []
        for piece in _chunks(items, chunk):
            if isinstance(piece, Failure):
                pending.append(piece)
            else:
                pending.append(pool.apply_async(_work, (piece,)))
            while len(pending) > count * 4:
                yield from _drain(pending.pop(0))
        for item in pending:
            yield from _drain(item)


def _drain(item: object) -> Iterator[ArticleResult]:
    if isinstance(item, Failure):
        yield failed(item)
    else:
        yield from item.get()  # type: ignore[attr-defined]


def extract_article(article: Article, *, settings: Settings | None = None) -> ArticleResult:
    """Events, framing and places of one article."""
    return _process([article], settings or Settings())[0]
