"""The evaluation tasks: how each gold file is read, run and scored."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventcoder.config import Settings
from eventcoder.evaluation.choice import main_event
from eventcoder.evaluation.linking import score_linking
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


def _article(row: dict[str, Any], path: Path, published: str | None = None) -> Article:
    return parse_plain(
        row["text"],
        source=str(path),
        article_id=str(row["id"]),
        published=published or row.get("published"),
        title=row.get("title"),
        outlet=row.get("outlet"),
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


def _ucdp_reports(row: dict[str, Any], path: Path) -> list[Article]:
    """One article per headline line, dated by the report it came from."""
    dates = {
        str(r.get("headline") or "").strip(): r["published"]
        for r in row.get("reports") or []
        if r.get("published") and not r.get("placeholder")
    }
    fallback = _ucdp_published(row)
    lines = [line for line in row["text"].split("\n") if line.strip()] or [row["text"]]
    return [
        _article(
            {"id": f"{row['id']}#{number}", "text": line},
            path,
            dates.get(line.strip(), fallback),
        )
        for number, line in enumerate(lines)
    ]


def _combined(results: list[ArticleResult]) -> ArticleResult:
    """The results of a row's reports as one: every event and place, in report order."""
    return ArticleResult(
        article=results[0].article,
        events=tuple(e for r in results for e in r.events),
        places=tuple(p for r in results for p in r.places),
        failures=tuple(f for r in results for f in r.failures),
    )


def _ucdp_place(result: ArticleResult, events: list[EventMention]) -> Place | None:
    located = [e.location for e in events if e.location and e.location.lat is not None]
    candidates = located or [p for p in result.places if p.lat is not None]
    return min(candidates, key=lambda p: PRECISION_RANK[p.precision]) if candidates else None


def _toll(events: list[EventMention]) -> int | None:
    """The toll the tool gives the event: the median (lower middle) of its asserted mentions'
    stated figures, as merging them into one event does (dedup.merge); None when none states
    one. A denied, future or hypothetical mention's figure is no reported toll."""
    killed = [
        e.casualties.killed.best
        for e in events
        if e.aux_mode is None
        and e.casualties
        and e.casualties.killed
        and e.casualties.killed.best is not None
    ]
    return statistics.median_low(killed) if killed else None


def _gold_deaths(row: dict[str, Any]) -> tuple[int, int] | None:
    """The gold range of deaths. UCDP's low <= best <= high; a few source rows have them out of
    order, so the range is the span of the three."""
    figures = [row.get(key) for key in ("fatalities_low", "fatalities", "fatalities_high")]
    known = [int(f) for f in figures if f is not None]
    return (min(known), max(known)) if known else None


def _report_deaths(rows: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Summed gold deaths of the events UCDP coded from the same headlines, by text.

    UCDP splits what one report tells into events by place and side ("Five soldiers killed"
    becomes events of 4 and 1), so the report's own toll is the sum of those events' tolls.
    """
    sums: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    for row in rows:
        gold = _gold_deaths(row)
        if gold is None:
            continue
        low, high = sums.get(row["text"], (0, 0))
        sums[row["text"]] = (low + gold[0], high + gold[1])
        counts[row["text"]] = counts.get(row["text"], 0) + 1
    return {text: span for text, span in sums.items() if counts[text] > 1}


def _score_deaths(
    row: dict[str, Any],
    events: list[EventMention],
    scores: tuple[Score, Score],
    reported: tuple[int, int] | None,
) -> None:
    """A toll within the gold range scores, or within the summed range of all the events coded
    from the same headlines: a headline's toll is what it reports, and it cannot split it as
    UCDP did. No toll found is a miss, not a claim of zero deaths (it would otherwise match
    every gold low of 0)."""
    gold = _gold_deaths(row)
    if gold is None:
        return
    deaths, stated = scores
    low, high = gold
    best = _toll(events)
    ok = best is not None and (
        low <= best <= high or (reported is not None and reported[0] <= best <= reported[1])
    )
    case = Case(
        id=row["id"],
        text=row["text"],
        gold=f"{low}..{high}",
        got="-" if best is None else str(best),
        ok=ok,
        cost=abs((best or 0) - high),
    )
    got = "none" if best is None else "zero" if best == 0 else "some"
    deaths.add(ok, gold="zero" if high == 0 else "some", got=got, case=case)
    if best is not None:
        stated.add(ok, case=case)


def _score_date(
    row: dict[str, Any], events: list[EventMention], scores: tuple[Score, Score]
) -> None:
    """The main event's date range overlaps the gold range. A row with no event found is a
    miss of the first figure; the second counts only rows with an event, so that date
    resolution and finding the event at all are seen apart."""
    gold_start, gold_end = row.get("date"), row.get("date_end") or row.get("date")
    if not (gold_start and gold_end):
        return
    dates, dated = scores
    spans = [(e.date.start, e.date.end) for e in events if e.date][:1]
    ok = any(start <= gold_end and end >= gold_start for start, end in spans)
    case = Case(
        id=row["id"],
        text=row["text"],
        gold=f"{gold_start}..{gold_end}",
        got=";".join(f"{s}..{e}" for s, e in spans) or "-",
        ok=ok,
    )
    dates.add(ok, gold=f"date_prec {row.get('date_prec')}", case=case)
    if spans:
        dated.add(ok, case=case)


def score_ucdp(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    location = Score("event location within 50 km")
    deaths = Score("deaths best within gold low..high")
    stated = Score("deaths within gold, rows with a toll found")
    reported = _report_deaths(rows)
    dates = Score("event date overlaps gold")
    dated = Score("event date overlaps gold, rows with an event")
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
        _score_deaths(row, events, (deaths, stated), reported.get(row["text"]))
        _score_date(row, events, (dates, dated))
    return [location, deaths, stated, dates, dated]


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
    "linking": score_linking,
}


def guess_task(path: Path) -> str:
    """The task a gold file belongs to, from its name."""
    for needle, name in (
        ("reports", "linking"),
        ("linking", "linking"),
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
        groups = [_ucdp_reports(r, path) for r in rows]
        started = time.perf_counter()
        flat = iter(_run([a for group in groups for a in group], workers))
        results = [_combined([next(flat) for _ in group]) for group in groups]
    else:
        if task == "linking":
            rows = [r for r in rows if not r.get("placeholder")]
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
