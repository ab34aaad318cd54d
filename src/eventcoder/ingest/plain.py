"""Plain-text articles: the `date YYYY-MM-DD CITY – ` first line and wire datelines."""

from __future__ import annotations

import functools
import logging
import re

from eventcoder.model import Article, stable_id

logger = logging.getLogger(__name__)

# "date 2025-05-12 TEHRAN – " as in the seed articles.
_DATE_LINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<city>[^\W\d][\w .'’-]*?)\s*[–—-]+\s*"
)
# "KYIV, Ukraine (Reuters) - " style wire datelines.
_WIRE_LINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{1,40}?)(?:,\s*[A-Z][\w .]{1,40}?)?\s*"
    r"(?:\((?P<outlet>[A-Z][\w .&-]{1,40})\))?\s*[–—-]{1,2}\s+"
)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@functools.lru_cache(maxsize=4096)
def normalise_published(value: str | None) -> str | None:
    """A publication date as YYYY-MM-DD, from ISO or from free forms like "Nov 23, 2016".

    >>> normalise_published("Wed Nov 23, 2016 | 4:58pm EST")
    '2016-11-23'
    """
    if not value or not value.strip():
        return None
    if _ISO_DATE.match(value.strip()):
        return value.strip()[:10]
    import dateparser

    cleaned = value.replace("|", " ").strip()
    parsed = dateparser.parse(cleaned, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        logger.warning("publication date %r is not a date; ignoring it", value)
        return None
    return str(parsed.date().isoformat())


def _city(raw: str) -> str:
    return " ".join(word.capitalize() if word.isupper() else word for word in raw.split())


def parse_plain(
    text: str,
    *,
    source: str,
    article_id: str | None = None,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Article:
    """Build an Article from plain text, reading the publication date and dateline if present.

    >>> parse_plain("date 2025-05-12 TEHRAN – Talks began.", source="x").dateline
    'Tehran'
    """
    dateline = None
    body_start = 0
    published = normalise_published(published)

    match = _DATE_LINE.match(text)
    if match:
        published = published or match.group("date")
        dateline = _city(match.group("city"))
        body_start = match.end()
    else:
        wire = _WIRE_LINE.match(text)
        if wire:
            dateline = _city(wire.group("city"))
            outlet = outlet or wire.group("outlet")
            body_start = wire.end()
    return Article(
        id=article_id or stable_id(text),
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        dateline=dateline,
        body_start=body_start,
        source=source,
    )
