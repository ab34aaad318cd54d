"""The evaluation tasks: how each gold file is read, run and scored."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventcoder.config import Settings
from eventcoder.evaluation.scoring import Case, Report, Score
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, ArticleResult, EventMention, Place
from eventcoder.pipeline import extract_many
from eventcoder.resolve.places import distance_km
from eventcoder.resolve.toponyms import PRECISION_RANK

OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _run(articles: list[Article], workers: int | None) -> list[ArticleResult]:
    return list(extract_many(articles, settings=Settings(), workers=workers))


def main_event(
    events: tuple[EventMention, ...], *, asserted_first: bool = True
) -> EventMention | None:
    """The sentence's main event: asserted events first, then the most confident."""
    if not events:
        return None
    if asserted_first:
        return max(events, key=lambda e: (e.aux_mode is None, e.confidence))
    return max(events, key=lambda e: e.confidence)


def _article(row: dict[str, Any], path: Path, published: str | None = None) -> Article:
    return parse_plain(
        row["text"],
        source=str(path),
        article_id=str(row["id"]),
        published=published or row.get("published"),
        title=row.get("title"),
    )


def score_plover(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    types = Score("PLOVER event type top-1", classification=True)
    countries = Score("source actor country")
    for row, result in zip(rows, results, strict=True):
        gold = OLD_NAMES.get(row["event_type"], row["event_type"])
        top = main_event(result.events)
        got = top.event if top else "-"
        types.add(
            got == gold,
            gold=gold,
            got=got,
            case=Case(id=row["id"], text=row["text"], gold=gold, got=got, ok=got == gold),
        )
        wanted = {a.get("code") for a in row.get("actors1") or []}
        wanted = {c for c in wanted if c and len(c) == 3 and c.isalpha() and c.isupper()}
        if wanted:
            found: set[str | None] = {a.country for a in top.actor} if top else set()
            if top and "IGO" in wanted:
                found |= {a.sector for a in top.actor}
            ok = bool(found & wanted)
            countries.add(
                ok,
                case=Case(
                    id=row["id"],
                    text=row["text"],
                    gold=",".join(sorted(wanted)),
                    got=",".join(sorted(str(f) for f in found)),
                    ok=ok,
                ),
            )
    return [types, countries]


def _ucdp_published(row: dict[str, Any]) -> str | None:
    return min(
        (r["published"] for r in row.get("reports") or [] if r.get("published")), default=None
    )


def _ucdp_place(result: ArticleResult, events: list[EventMention]) -> Place | None:
    located = [e.location for e in events if e.location and e.location.lat is not None]
    candidates = located or [p for p in result.places if p.lat is not None]
    return min(candidates, key=lambda p: PRECISION_RANK[p.precision]) if candidates else None


def score_ucdp(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    location = Score("event location within 50 km")
    deaths = Score("deaths best within gold low..high")
    dates = Score("event date overlaps gold")
    for row, result in zip(rows, results, strict=True):
        violent = [e for e in result.events if e.event == "ASSAULT" and e.aux_mode is None]
        events = violent or list(result.events)
        place = _ucdp_place(result, events)
        if row.get("lat") is not None:
            gap = (
                distance_km(row["lat"], row["lon"], place.lat, place.lon)
                if (place is not None and place.lat is not None and place.lon is not None)
                else 20000.0
            )
            location.add(
                gap <= 50,
                gold=f"where_prec {row.get('where_prec')}",
                got=place.precision.value if place else None,
                case=Case(
                    id=row["id"],
                    text=row["text"],
                    ok=gap <= 50,
                    cost=gap,
                    gold=str(row.get("where_description") or row["location_name"]),
                    got=f"{place.name if place else '-'} ({gap:.0f} km)",
                ),
            )
        killed = [
            e.casualties.killed.best
            for e in events
            if e.casualties and e.casualties.killed and e.casualties.killed.best is not None
        ]
        best = max(killed) if killed else 0
        low = (
            row["fatalities_low"]
            if row.get("fatalities_low") is not None
            else row.get("fatalities")
        )
        high = (
            row["fatalities_high"]
            if row.get("fatalities_high") is not None
            else row.get("fatalities")
        )
        if low is not None and high is not None:
            ok = low <= best <= high
            deaths.add(
                ok,
                gold="zero" if high == 0 else "some",
                got=str(best > 0),
                case=Case(
                    id=row["id"],
                    text=row["text"],
                    gold=f"{low}..{high}",
                    got=str(best),
                    ok=ok,
                    cost=abs(best - high),
                ),
            )
        gold_start, gold_end = row.get("date"), row.get("date_end") or row.get("date")
        spans = [(e.date.start, e.date.end) for e in events if e.date]
        if gold_start and gold_end:
            ok = any(start <= gold_end and end >= gold_start for start, end in spans[:1])
            dates.add(
                ok,
                gold=f"date_prec {row.get('date_prec')}",
                case=Case(
                    id=row["id"],
                    text=row["text"],
                    gold=f"{gold_start}..{gold_end}",
                    got=";".join(f"{s}..{e}" for s, e in spans[:1]) or "-",
                    ok=ok,
                ),
            )
    return [location, deaths, dates]


def score_geoparse(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    accuracy = Score("toponyms within 161 km (of those found)")
    recall = Score("gold toponyms found")
    for row, result in zip(rows, results, strict=True):
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
            context = row["text"][max(0, gold["start"] - 60) : gold["end"] + 40].replace("\n", " ")
            recall.add(
                match is not None,
                case=Case(
                    id=row["id"], text=context, gold=gold["phrase"], got="-", ok=match is not None
                ),
            )
            if match is not None and match.lat is not None and match.lon is not None:
                gap = distance_km(gold["lat"], gold["lon"], match.lat, match.lon)
                accuracy.add(
                    gap <= 161,
                    case=Case(
                        id=row["id"],
                        text=context,
                        ok=gap <= 161,
                        cost=gap,
                        gold=f"{gold.get('name') or gold['phrase']} ({gold.get('country')})",
                        got=f"{match.name} ({match.country}, {match.precision.value}, "
                        f"{gap:.0f} km)",
                    ),
                )
    return [accuracy, recall]


def score_acled(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    subtypes = Score("ACLED sub-event type", classification=True)
    types = Score("PLOVER event type top-1", classification=True)
    for row, result in zip(rows, results, strict=True):
        codable = tuple(e for e in result.events if e.acled is not None)
        top = main_event(codable or result.events)
        got = top.acled.sub_event_type if top and top.acled else "-"

        gold = row["sub_event_type"]
        subtypes.add(
            got == gold,
            gold=gold,
            got=got,
            case=Case(id=row["id"], text=row["text"], gold=gold, got=got, ok=got == gold),
        )
        plover = top.event if top else "-"
        types.add(plover == row["event_type"], gold=row["event_type"], got=plover)
    return [subtypes, types]


def _claimant_text(event: EventMention | None) -> str | None:
    if event is None:
        return None
    for claim in event.claims:
        if claim.claimant is not None:
            return f"{claim.claimant.text} | {claim.claimant.name}"
    return None


def _same_claimant(gold: str | None, got: str | None) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    words = [w for w in gold.lower().replace("'s", "").split() if w not in ("the", "a", "an")]
    return bool(words) and words[-1] in got.lower()


def score_claims(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    certainty = Score("certainty", classification=True)
    claimant = Score("claimant")
    claimant_type = Score("claimant type", classification=True)
    modality = Score("aux_mode", classification=True)

    via = Score("via (nested attribution)")
    for row, result in zip(rows, results, strict=True):
        top = main_event(result.events, asserted_first=False)
        got = top.certainty.value if top else "reported"
        certainty.add(
            got == row["certainty"],
            gold=row["certainty"],
            got=got,
            case=Case(
                id=row["id"],
                text=row["text"],
                gold=row["certainty"],
                got=got,
                ok=got == row["certainty"],
            ),
        )
        text = _claimant_text(top)
        ok = _same_claimant(row.get("claimant"), text)
        claimant.add(
            ok,
            case=Case(
                id=row["id"], text=row["text"], gold=str(row.get("claimant")), got=str(text), ok=ok
            ),
        )
        if row.get("claimant_type"):
            kind = next((c.claimant_type.value for c in top.claims), "-") if top else "-"
            claimant_type.add(kind == row["claimant_type"], gold=row["claimant_type"], got=kind)
        mode = top.aux_mode.value if top and top.aux_mode else "asserted"
        gold_mode = row.get("aux_mode") or "asserted"
        modality.add(
            mode == gold_mode,
            gold=gold_mode,
            got=mode,
            case=Case(
                id=row["id"], text=row["text"], gold=gold_mode, got=mode, ok=mode == gold_mode
            ),
        )
        if row.get("via"):
            relayed = next((c.via for c in top.claims if c.via), None) if top else None
            via.add(relayed is not None and row["via"].lower() in relayed.lower())
    return [certainty, claimant, claimant_type, modality, via]


_Scorer = Callable[[list[dict[str, Any]], list[ArticleResult]], list[Score]]
TASKS: dict[str, _Scorer] = {
    "plover": score_plover,
    "ucdp": score_ucdp,
    "geoparse": score_geoparse,
    "acled": score_acled,
    "claims": score_claims,
}


def guess_task(path: Path) -> str:
    """The task a gold file belongs to, from its name."""
    for needle, name in (
        ("plover", "plover"),
        ("ucdp", "ucdp"),
        ("geoparse", "geoparse"),
        ("acled", "acled"),
        ("claim", "claims"),
    ):
        if needle in path.name:
            return name
    raise ValueError(f"cannot tell the task of {path.name}; pass --task ({', '.join(TASKS)})")


def run_task(path: Path, *, task: str | None = None, workers: int | None = None) -> Report:
    """Extract every gold row of a file and score it."""
    task = task or guess_task(path)
    rows = list(read_gold(path))
    if task == "ucdp":
        rows = [r for r in rows if r.get("has_news_headline")]
        articles = [_article(r, path, _ucdp_published(r)) for r in rows]
    else:
        articles = [_article(r, path) for r in rows]
    started = time.perf_counter()
    results = _run(articles, workers)
    scores = TASKS[task](rows, results)
    return Report(
        task=task,
        path=path.name,
        rows=len(rows),
        scores=scores,
        seconds=time.perf_counter() - started,
    )
