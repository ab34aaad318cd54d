"""Score the extractor on gold files in the format of the shared evaluation sets.

Tasks: `plover` (event type top-1, source-actor country), `ucdp` (location within 50 km,
deaths within the gold range, date overlap), `geoparse` (toponyms within 161 km, recall).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventcoder.config import Settings
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, ArticleResult, EventMention
from eventcoder.pipeline import extract_many
from eventcoder.resolve.places import distance_km
from eventcoder.resolve.toponyms import PRECISION_RANK

OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclasses.dataclass(slots=True)
class Score:
    """Hits over trials for one measure, with a per-class breakdown and confusions."""

    name: str
    hits: int = 0
    trials: int = 0
    by_class: dict[str, list[int]] = dataclasses.field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = dataclasses.field(default_factory=Counter)

    def add(self, ok: bool, *, gold: str | None = None, got: str | None = None) -> None:
        self.hits += int(ok)
        self.trials += 1
        if gold is not None:
            cell = self.by_class.setdefault(gold, [0, 0])
            cell[0] += int(ok)
            cell[1] += 1
            self.confusion[(gold, got or "-")] += 1

    @property
    def value(self) -> float:
        return self.hits / self.trials if self.trials else 0.0


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _run(articles: list[Article], workers: int | None) -> list[ArticleResult]:
    return list(extract_many(articles, settings=Settings(), workers=workers))


def _top(events: tuple[EventMention, ...]) -> EventMention | None:
    """The sentence's main event: asserted events first, then the most confident."""
    if not events:
        return None
    return max(events, key=lambda e: (e.aux_mode is None, e.confidence))


def score_plover(path: Path, *, workers: int | None = None) -> list[Score]:
    rows = list(read_gold(path))
    articles = [parse_plain(r["text"], source=str(path), article_id=r["id"]) for r in rows]
    types = Score("PLOVER event type top-1")
    countries = Score("source actor country")
    for row, result in zip(rows, _run(articles, workers), strict=True):
        gold = OLD_NAMES.get(row["event_type"], row["event_type"])
        top = _top(result.events)
        got = top.event if top else None
        types.add(got == gold, gold=gold, got=got)
        wanted = {a.get("code") for a in row.get("actors1") or [] if a.get("code")}
        wanted = {c for c in wanted if c and len(c) == 3 and c.isalpha() and c.isupper()}
        if wanted:
            found = {a.country for a in top.actor} if top else set()
            if top and "IGO" in wanted:
                found |= {a.sector for a in top.actor if a.sector == "IGO"}
            countries.add(bool(found & wanted))
    return [types, countries]


def _ucdp_article(row: dict[str, Any], path: Path) -> Article:
    published = min(
        (r["published"] for r in row.get("reports") or [] if r.get("published")), default=None
    )
    return parse_plain(
        row["text"], source=str(path), article_id=str(row["id"]), published=published
    )


def score_ucdp(
    path: Path, *, workers: int | None = None, headlines_only: bool = True
) -> list[Score]:
    rows = [r for r in read_gold(path) if r.get("has_news_headline") or not headlines_only]
    articles = [_ucdp_article(r, path) for r in rows]
    location = Score("event location within 50 km")
    deaths = Score("deaths best within gold low..high")
    dates = Score("event date overlaps gold")
    for row, result in zip(rows, _run(articles, workers), strict=True):
        violent = [e for e in result.events if e.event == "ASSAULT" and e.aux_mode is None]
        events = violent or list(result.events)
        located = [e.location for e in events if e.location and e.location.lat is not None]
        named = [p for p in result.places if p.lat is not None]
        candidates = located or named
        place = min(candidates, key=lambda p: PRECISION_RANK[p.precision]) if candidates else None
        if row.get("lat") is not None:
            ok = (
                place is not None
                and place.lat is not None
                and place.lon is not None
                and distance_km(row["lat"], row["lon"], place.lat, place.lon) <= 50
            )
            location.add(
                ok,
                gold=f"where_prec {row.get('where_prec')}",
                got=place.precision.value if place else None,
            )
        killed = [
            e.casualties.killed.best
            for e in events
            if e.casualties and e.casualties.killed and e.casualties.killed.best is not None
        ]
        best = max(killed) if killed else 0
        low = (
            row.get("fatalities_low")
            if row.get("fatalities_low") is not None
            else row.get("fatalities")
        )
        high = (
            row.get("fatalities_high")
            if row.get("fatalities_high") is not None
            else row.get("fatalities")
        )
        if low is not None and high is not None:
            deaths.add(low <= best <= high, gold="zero" if high == 0 else "some", got=str(best > 0))
        gold_start, gold_end = row.get("date"), row.get("date_end") or row.get("date")
        spans = [(e.date.start, e.date.end) for e in events if e.date]
        if not spans and articles and result.article.published:
            spans = [(result.article.published, result.article.published)]
        if gold_start and gold_end:
            ok = any(start <= gold_end and end >= gold_start for start, end in spans[:1])
            dates.add(ok, gold=f"date_prec {row.get('date_prec')}")
    return [location, deaths, dates]


def score_geoparse(path: Path, *, workers: int | None = None) -> list[Score]:
    rows = list(read_gold(path))
    articles = [
        parse_plain(r["text"], source=str(path), article_id=str(r["id"]), title=r.get("title"))
        for r in rows
    ]
    accuracy = Score("toponyms within 161 km (of those found)")
    recall = Score("gold toponyms found")
    for row, result in zip(rows, _run(articles, workers), strict=True):
        for gold in row.get("toponyms") or []:
            if gold.get("lat") is None:
                continue
            match = next(
                (
                    p
                    for p in result.places
                    if p.start is not None
                    and p.end is not None
                    and p.start < gold["end"]
                    and p.end > gold["start"]
                ),
                None,
            )
            recall.add(match is not None)
            if match is not None and match.lat is not None and match.lon is not None:
                accuracy.add(distance_km(gold["lat"], gold["lon"], match.lat, match.lon) <= 161)
    return [accuracy, recall]


TASKS = {"plover": score_plover, "ucdp": score_ucdp, "geoparse": score_geoparse}


def guess_task(path: Path) -> str:
    name = path.name
    if "plover" in name:
        return "plover"
    if "ucdp" in name:
        return "ucdp"
    return "geoparse"


def format_scores(scores: list[Score], *, breakdown: bool = False) -> str:
    lines = []
    for score in scores:
        lines.append(f"  {score.name:<42} {score.value:6.3f}  ({score.hits}/{score.trials})")
        if breakdown:
            for gold, (hits, trials) in sorted(score.by_class.items()):
                lines.append(f"      {gold:<38} {hits / trials:6.3f}  ({hits}/{trials})")
    return "\n".join(lines)
