"""Plain-text articles: the `date YYYY-MM-DD CITY – ` first line and wire datelines."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import re

from eventcoder.model import Article, stable_id

logger = logging.getLogger(__name__)

# "date 2025-05-12 TEHRAN – " as in the seed articles.
_DATE_LINE = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<city>[^\W\d][\w .'’-]*?)\s*[–—-]+\s*"
)
# "KYIV, Ukraine (Reuters) - ", "EL FASHER, Sudan, March 12 (Reuters) - " style wire datelines.
_WIRE_LINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{1,40}?)(?:,\s*[A-Z][\w .]{1,40}?){0,2}\s*"
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


_WIRE_DAY = re.compile(r",\s*(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [(), *zip(calendar.month_name[1:], calendar.month_abbr[1:], strict=True)]
    )
    for name in names
}
_MONTHS["Sept"] = 9


def _wire_day(line: str, published: str | None) -> str | None:
    """The day a wire dateline gives ("KHARTOUM, May 3 (Reuters) -"), when the publication
    time stamp is a day or two later (a story filed late, stamped in another time zone):
    "on Sunday" counts from the dateline's day.

    >>> _wire_day("KHARTOUM, May 3 (Reuters) - ", "2025-05-04")
    '2025-05-03'
    """
    match = _WIRE_DAY.search(line)
    if match is None or published is None or match.group("month") not in _MONTHS:
        return published
    stamped = dt.date.fromisoformat(published[:10])
    for year in (stamped.year, stamped.year - 1):
        try:
            day = dt.date(year, _MONTHS[match.group("month")], int(match.group("day")))
        except ValueError:
            return published
        if 0 < (stamped - day).days <= 2:
            return day.isoformat()
    return published


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
            published = _wire_day(wire.group(0), published)
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
