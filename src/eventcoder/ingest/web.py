"""HTML pages (main text through trafilatura) and RSS/Atom feeds (one article per entry)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

from eventcoder.errors import InputError
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, Failure, stable_id

_TAG = re.compile(r"<[^>]+>")


def parse_html(
    page: str, *, source: str, published: str | None = None, article_id: str | None = None
) -> Article:
    """Extract the main text and metadata of a news page; raise InputError if none is found."""
    import trafilatura

    extracted = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    document = (
        extracted.as_dict()
        if extracted is not None and hasattr(extracted, "as_dict")
        else extracted
    )
    if not isinstance(document, dict):
        raise InputError(
            "no article text found in the HTML page (is it a news article?)", source=source
        )
    body = str(document.get("text") or "").strip()
    if len(body) < 20:
        raise InputError(
            "no article text found in the HTML page (only scripts or navigation?)", source=source
        )
    date = str(document.get("date") or "")[:10] or None
    url = document.get("url") or None
    outlet = document.get("sitename") or None
    return parse_plain(
        body,
        source=source,
        article_id=article_id or stable_id(str(url or body)),
        published=published or date,
        title=document.get("title") or None,
        outlet=str(outlet) if outlet else None,
        url=str(url) if url else None,
    )


def _entry_text(entry: dict[str, object]) -> str:
    parts: list[str] = []
    content = entry.get("content")
    if isinstance(content, list):
        parts += [str(item.get("value", "")) for item in content if isinstance(item, dict)]
    if not parts:
        parts.append(str(entry.get("summary") or entry.get("description") or ""))
    raw = " ".join(parts)
    return html.unescape(_TAG.sub(" ", raw)).strip()


def _entry_date(entry: dict[str, object]) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            stamp = dt.datetime(*value[:6], tzinfo=dt.UTC)  # type: ignore[index,misc]
            return stamp.date().isoformat()
    return None


def parse_feed(
    raw: str, *, source: str, published: str | None = None
) -> Iterator[Article | Failure]:
    """One Article per feed entry; an entry without text becomes a Failure."""
    import feedparser

    feed = feedparser.parse(raw)
    entries = list(feed.get("entries") or [])
    if not entries:
        reason = str(feed.get("bozo_exception") or "no entries")
        raise InputError(f"not a readable RSS/Atom feed ({reason})", source=source)
    channel = feed.get("feed") or {}
    outlet = channel.get("title") or None
    for number, entry in enumerate(entries, start=1):
        text = _entry_text(entry)
        title = str(entry.get("title") or "").strip() or None
        where = f"{source}#entry{number}"
        if not text and not title:
            yield Failure(
                source=where,
                stage="ingest",
                error=f"{where}: feed entry has no title or text; skipped",
            )
            continue
        full = f"{title}.\n\n{text}" if title and text else (text or title or "")
        link = str(entry.get("link") or "") or None
        yield parse_plain(
            full,
            source=where,
            article_id=str(entry.get("id") or "") or stable_id(link or full),
            published=_entry_date(entry) or published,
            title=title,
            outlet=str(outlet) if outlet else None,
            url=link,
        )
