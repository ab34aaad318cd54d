"""eventcoder: sourced PLOVER event records from news articles.

>>> import eventcoder
>>> callable(eventcoder.extract)
True
"""

from __future__ import annotations

from typing import Any

from eventcoder.config import Settings
from eventcoder.errors import EventcoderError, InputError
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, ArticleResult, EventMention, result_document
from eventcoder.pipeline import extract_article, extract_many

__all__ = [
    "Article",
    "ArticleResult",
    "EventMention",
    "EventcoderError",
    "InputError",
    "Settings",
    "extract",
    "extract_article",
    "extract_many",
    "result_document",
]


def extract(
    text: str,
    *,
    published: str | None = None,
    article_id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Extract events from one article's text and return the output document as plain data.

    `published` (YYYY-MM-DD) anchors relative dates; a `date YYYY-MM-DD CITY – ` first line
    in the text sets it too.
    """
    article = parse_plain(
        text,
        source="<text>",
        article_id=article_id,
        published=published,
        title=title,
        outlet=outlet,
    )
    return result_document(extract_article(article))
