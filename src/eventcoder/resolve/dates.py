"""Event dates: stated dates, weekdays and relative phrases resolved against publication.

Every result is a closed range with a precision and a basis (stated / relative / publication).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re

from eventcoder.model import DateBasis, DateRange

logger = logging.getLogger(__name__)

_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|until|last|this|early|late|mid|of)[- ]+({_MONTH_RE})\b"
    # a month name alone, as the tagger marks it ("killed in Donbas in August")
    rf"|^(?:the month of )?((?:{_MONTH_RE}))$",
    re.I,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "few": 3}
_COUNT_RE = r"\d{1,3}|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}
# "the past 24 hours", "over the last three days", "in the previous week"
_PAST = re.compile(
    rf"\b(?:past|last|previous|preceding)\s+(?:({_COUNT_RE})\s+)?(hour|day|week|month)s?\b", re.I
)
# "two days ago", "a week ago"
_AGO = re.compile(rf"\b({_COUNT_RE})\s+(day|week)s?\s+ago\b", re.I)
_WEEKEND = re.compile(r"\b(?:over|at|during|on|this|last|the|past) (?:the )?weekend\b", re.I)
_NIGHT_OF = re.compile(r"\bnight (?:of|to)\b|\b\w+day night\b", re.I)
# "early March", "mid-February", "late last month": a third of the month
_PART_OF_MONTH = re.compile(r"\b(early|mid|late|end of|beginning of)[- ]", re.I)
# "for a third day", "for the second straight day": the days before it too
_NTH_DAY = re.compile(
    r"\b(second|third|fourth|fifth|sixth|seventh|2nd|3rd|4th|5th|6th|7th)"
    r"(?: (?:straight|consecutive|successive))? (day|night)\b",
    re.I,
)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ORDINALS |= {"2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7}
# "between March 1 and March 5", "from March 1 to 5", "March 1-5"
_SPAN = re.compile(
    r"^(?:between |from )?(.+?)(?: and | to | until | through |\s?[-–]\s?)(.+)$", re.I
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _range(
    start: dt.date, end: dt.date, precision: str, basis: DateBasis, text: str | None
) -> DateRange:
    return DateRange(
        start=_iso(min(start, end)),
        end=_iso(max(start, end)),
        precision=precision,
        basis=basis,
        text=text,
    )


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _recent(month: int, day: int, published: dt.date) -> dt.date | None:
    """The latest date with this month and day not more than a week after publication."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= published + dt.timedelta(days=7):
            return candidate
    return None


def _relative(phrase: str, published: dt.date, text: str) -> DateRange | None:
    rel = DateBasis.RELATIVE
    monday = published - dt.timedelta(days=published.weekday())
    rules: list[tuple[str, tuple[dt.date, dt.date], str]] = [
        ("earlier this week", (monday, published), "week"),
        ("later this week", (published, monday + dt.timedelta(days=6)), "week"),
        ("last week", (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)), "week"),
        ("next week", (monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)), "week"),
        ("this week", (monday, published), "week"),
        ("earlier this month", (published.replace(day=1), published), "month"),
        ("this month", (published.replace(day=1), published), "month"),
        (
            "last month",
            _month_range(
                *(
                    (published.year, published.month - 1)
                    if published.month > 1
                    else (published.year - 1, 12)
                )
            ),
            "month",
        ),
        ("earlier this year", (published.replace(month=1, day=1), published), "year"),
        ("this year", (published.replace(month=1, day=1), published), "year"),
        (
            "last year",
            (dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31)),
            "year",
        ),
        ("day before yesterday", (published - dt.timedelta(days=2),) * 2, "day"),
        ("yesterday", (published - dt.timedelta(days=1),) * 2, "day"),
        ("last night", (published - dt.timedelta(days=1), published), "day"),
        ("overnight", (published - dt.timedelta(days=1), published), "day"),
        ("tonight", (published, published), "day"),
        ("this morning", (published, published), "day"),
        ("this afternoon", (published, published), "day"),
        ("this evening", (published, published), "day"),
        ("today", (published, published), "day"),
        ("tomorrow", (published + dt.timedelta(days=1),) * 2, "day"),
        ("recent days", (published - dt.timedelta(days=7), published), "week"),
        ("past few days", (published - dt.timedelta(days=7), published), "week"),
        ("past days", (published - dt.timedelta(days=7), published), "week"),
        ("past week", (published - dt.timedelta(days=7), published), "week"),
        ("recent weeks", (published - dt.timedelta(days=28), published), "month"),
        ("past month", (published - dt.timedelta(days=30), published), "month"),
    ]
    vague: list[tuple[str, tuple[dt.date, dt.date], str]] = [
        ("earlier", (published - dt.timedelta(days=7), published), "week"),
        ("recently", (published - dt.timedelta(days=14), published), "month"),
    ]
    for key, (start, end), precision in rules:
        if key in phrase:
            return _range(start, end, precision, rel, text)
    match = _WEEKDAY.search(phrase)
    if match:
        weekday = _WEEKDAYS[match.group(1).lower()]
        back = (published.weekday() - weekday) % 7
        if "next" in phrase or "coming" in phrase:
            day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
        elif "last" in phrase and back == 0:
            day = published - dt.timedelta(days=7)
        else:
            day = published - dt.timedelta(days=back)
        return _range(day, day, "day", rel, text)
    for key, (start, end), precision in vague:
        if key in phrase:
            return _range(start, end, precision, rel, text)
    return None


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _COUNTS[word]


def _counted(phrase: str, published: dt.date, text: str) -> DateRange | None:
    """Spans counted back from publication: "over the last three days", "in the past 48 hours",
    "two days ago", "over the weekend"."""
    rel = DateBasis.RELATIVE
    if match := _AGO.search(phrase):
        back = _count(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
        day = published - dt.timedelta(days=int(back))
        if match.group(2).lower() == "week":
            return _range(day - dt.timedelta(days=3), day + dt.timedelta(days=3), "week", rel, text)
        return _range(day, day, "day", rel, text)
    match = _PAST.search(phrase)
    if match and not match.group(1) and phrase[match.start() :].startswith("last"):
        match = None if match.group(2).lower() in ("week", "month") else match  # calendar units
    if match:
        number = _count(match.group(1)) if match.group(1) else 1
        days = max(1, round(number * _UNIT_DAYS[match.group(2).lower()]))
        if days <= 1:
            # "in the past 24 hours" is the publication window itself: left to the fallback,
            # so a daily report stays dated by its publication (linking compares those by day).
            return None
        precision = "day" if days <= 2 else "week" if days <= 14 else "month"
        return _range(published - dt.timedelta(days=days), published, precision, rel, text)
    if _WEEKEND.search(phrase):
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if "last" in phrase and saturday >= published - dt.timedelta(days=1):
            saturday -= dt.timedelta(days=7)
        end = min(saturday + dt.timedelta(days=1), published)
        return _range(saturday, max(saturday, end), "day", rel, text)
    return None


def _stated(phrase: str, published: dt.date | None, text: str) -> DateRange | None:
    stated = DateBasis.STATED
    if match := _ISO.search(phrase):
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
        return _range(day, day, "day", stated, text)
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        if match := pattern.search(phrase):
            month = _MONTHS[match.group(month_group).lower()]
            day_number = int(match.group(day_group))
            if match.group(3):
                try:
                    day = dt.date(int(match.group(3)), month, day_number)
                except ValueError:
                    return None
            elif published is not None:
                found = _recent(month, day_number, published)
                if found is None:
                    return None
                day = found
            else:
                return None
            return _range(day, day, "day", stated, text)
    if match := _MONTH_YEAR.search(phrase):
        start, end = _month_range(int(match.group(2)), _MONTHS[match.group(1).lower()])
        return _range(start, end, "month", stated, text)
    if published is not None and (match := _MONTH_ONLY.search(phrase)):
        month = _MONTHS[(match.group(1) or match.group(2)).lower()]
        year = published.year if month <= published.month else published.year - 1
        start, end = _month_range(year, month)
        return _range(
            start,
            min(end, published) if year == published.year and month == published.month else end,
            "month",
            stated,
            text,
        )
    if match := _YEAR.search(phrase):
        year = int(match.group(1))
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if published is not None and year == published.year:
            end = published
        return _range(start, end, "year", stated, text)
    return None


def parse_published(value: str | None) -> dt.date | None:
    """An ISO date (YYYY-MM-DD, a longer timestamp is cut) or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        logger.warning("publication date %r is not YYYY-MM-DD; ignoring it", value)
        return None


def _part_of_month(found: DateRange, phrase: str) -> DateRange:
    """ "late February": the last third of the month; "early March" the first."""
    match = _PART_OF_MONTH.search(phrase)
    if match is None or found.precision != "month":
        return found
    start, end = dt.date.fromisoformat(found.start), dt.date.fromisoformat(found.end)
    last = calendar.monthrange(start.year, start.month)[1]
    word = match.group(1).lower()
    first, final = (1, 10) if word in ("early", "beginning of") else (11, 20)
    if word in ("late", "end of"):
        first, final = 21, last
    low, high = start.replace(day=first), min(end, start.replace(day=final))
    if high < low:
        return found
    return _range(low, high, "week", found.basis, found.text)


_DAY_ONLY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")


def _span(text: str, published: dt.date | None) -> DateRange | None:
    """ "between March 1 and March 5", "Monday and Tuesday", "March 1-5", "January to March":
    from the first to the last, when both ends resolve to days (or both to months)."""
    match = _SPAN.match(text.strip())
    if match is None:
        return None
    first, last = match.group(1), match.group(2).strip()
    if day := _DAY_ONLY.fullmatch(last):  # "March 1-5", "Dec. 30-31, 2024"
        year = day.group(2)
        if year and not _YEAR.search(first):
            first = f"{first}, {year}"
        last = re.sub(r"\d{1,2}(?=\D*(?:, \d{4})?$)", day.group(1), first, count=1)
    elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first.strip()):  # "1-5 March"
        first = re.sub(r"^\d{1,2}(?:st|nd|rd|th)?", first.strip(), last, count=1)
    ends = [_resolve_one(first, published), _resolve_one(last, published)]
    precisions = {end.precision if end is not None else None for end in ends}
    if precisions not in ({"day"}, {"month"}):
        return None
    start = min(dt.date.fromisoformat(end.start) for end in ends if end is not None)
    stop = max(dt.date.fromisoformat(end.end) for end in ends if end is not None)
    if (stop - start).days > (62 if "day" in precisions else 366):
        return None
    basis = (
        DateBasis.STATED
        if any(e.basis is DateBasis.STATED for e in ends if e)
        else DateBasis.RELATIVE
    )
    return _range(start, stop, precisions.pop() or "day", basis, text)


def _resolve(text: str, published: dt.date | None) -> DateRange | None:
    """One date phrase, or two that make a span."""
    if re.search(r" and | to | until | through |\d\s?[-–]\s?\d", text, re.I):
        found = _span(text, published)
        if found is not None:
            return found
    return _resolve_one(text, published)


def _resolve_one(text: str, published: dt.date | None) -> DateRange | None:
    """One date phrase; "since <X>" runs from the start of X to publication."""
    phrase = text.lower().strip()
    since = phrase.startswith("since ")
    if since:
        phrase = phrase[len("since ") :]
    found = _stated(phrase, published, text)
    if found is None and published is not None:
        found = _counted(phrase, published, text) or _relative(phrase, published, text)
    if found is not None:
        found = _part_of_month(found, phrase)
    if found is not None and found.start == found.end and _NIGHT_OF.search(phrase):
        # "the night of March 3": into the next morning
        start = dt.date.fromisoformat(found.start)
        found = _range(start, start + dt.timedelta(days=1), "day", found.basis, text)
    if found is not None and since and published is not None:
        start = dt.date.fromisoformat(found.start)
        found = _range(start, max(start, published), found.precision, found.basis, text)
    return found


def _running(found: DateRange, phrases: list[str]) -> DateRange:
    """ "for a third day on Tuesday": Sunday to Tuesday."""
    if found.start != found.end:
        return found
    for text in phrases:
        if match := _NTH_DAY.search(text):
            back = _ORDINALS[match.group(1).lower()] - 1
            end = dt.date.fromisoformat(found.end)
            return _range(end - dt.timedelta(days=back), end, "day", found.basis, found.text)
    return found


def resolve_date(
    phrases: list[str], published: dt.date | None, *, window_days: int = 1
) -> DateRange | None:
    """The event's date from its date phrases (first that resolves), else the publication date.

    >>> resolve_date(["on Monday"], dt.date(2025, 5, 14)).start
    '2025-05-12'
    >>> resolve_date([], dt.date(2025, 5, 14)).basis.value
    'publication'
    """
    for text in phrases:
        found = _resolve(text, published)
        if found is not None:
            return _running(found, phrases)
    if published is None:
        return None
    return _range(
        published - dt.timedelta(days=window_days), published, "day", DateBasis.PUBLICATION, None
    )
