"""Upper bounds on the UCDP figures for any method that reads only the text (`make eval`).

Usage: python bench/ceilings.py [--ged FILE] [--reports FILE] [--show N]

Each bound is generous on purpose: it credits a row whenever the text offers *some* reading that
would score, whichever a system would have to choose. A target above its bound cannot be met by
reading the text better, only by guessing what it does not say.

- location: a row counts when any run of one to four words in its text is a name the gazetteer
  (GeoNames cities500, regions, countries, curated places) or its sound-alike index has, with
  *any* of that name's readings within 50 km of the gold point;
- deaths: a row counts when any number written in the text (digits or number words), 1 (a
  singular "soldier killed"), the sum of any two of them, or any figure a vague word could
  stand for ("dozens": 12 to 120) lies in the gold range, or in the
  summed range of the events UCDP coded from the same headlines (as the scorer allows);
- date: a row counts when the gold range overlaps the week up to the latest publication date of
  its reports, or a year written in the text (the scorer itself needs a found event as well);
- linking: a report whose text has no word of violence or casualties (one-word triggers of
  ASSAULT, casualty words), or that was published over a month from every other report of its
  gold group with no year in its text, cannot be tied to that group; every other report is put
  in its gold group, perfectly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from eventcoder.dedup.scoring import bcubed, pairwise
from eventcoder.resolve.places import distance_km, gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
LEXICONS = ROOT / "src" / "eventcoder" / "data" / "lexicons"
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,]*", re.UNICODE)


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _numbers(text: str, words: dict[str, int], vague: dict[str, range]) -> set[int]:
    """Every toll the text could be read to give: its numbers, 1, sums of two of them, and any
    figure a vague word ("dozens", "several") could stand for."""
    found = {1}
    for word in _words(text):
        key = word.lower().strip("'’-")
        if key[:1].isdigit():
            digits = key.replace(",", "")
            if digits.isdigit() and len(digits) < 7:
                found.add(int(digits))
        elif key in words:
            found.add(words[key])
    found |= {a + b for a, b in itertools.combinations(sorted(found), 2)}
    for word in _words(text):
        found.update(vague.get(word.lower(), ()))
    return found


def location_bound(rows: list[dict[str, Any]]) -> tuple[int, int, list[str]]:
    index = gazetteer()
    hits, total, misses = 0, 0, []
    for row in rows:
        if row.get("lat") is None:
            continue
        total += 1
        words = _words(row["text"])
        spans = {" ".join(words[i : i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
        near = any(
            distance_km(row["lat"], row["lon"], place.lat, place.lon) <= 50
            for span in spans
            for place in [*index.candidates(span), *index.similar(span)]
        )
        hits += near
        if not near:
            misses.append(f"{row['id']}: gold {row.get('where_description')!r} | {row['text']!r}")
    return hits, total, misses


def _gold_range(row: dict[str, Any]) -> tuple[int, int] | None:
    known = [
        int(row[key])
        for key in ("fatalities_low", "fatalities", "fatalities_high")
        if row.get(key) is not None
    ]
    return (min(known), max(known)) if known else None


def _vague(casualties: dict[str, Any]) -> dict[str, range]:
    """A vague word's figures, from its lexicon floor to its ceiling (ten times the floor where
    it has none)."""
    return {
        str(word): range(int(span["low"]), int(span["high"] or 10 * span["low"]) + 1)
        for word, span in casualties["vague_quantities"].items()
    }


def deaths_bound(
    rows: list[dict[str, Any]], words: dict[str, int], vague: dict[str, range]
) -> tuple[int, int]:
    summed: dict[str, list[int]] = {}
    for row in rows:
        gold = _gold_range(row)
        if gold:
            span = summed.setdefault(row["text"], [0, 0, 0])
            span[0], span[1], span[2] = span[0] + gold[0], span[1] + gold[1], span[2] + 1
    hits = total = 0
    for row in rows:
        gold = _gold_range(row)
        if gold is None:
            continue
        total += 1
        ranges = [gold]
        low, high, count = summed[row["text"]]
        if count > 1:
            ranges.append((low, high))
        numbers = _numbers(row["text"], words, vague)
        hits += any(lo <= n <= hi for n in numbers for lo, hi in ranges)
    return hits, total


def date_bound(rows: list[dict[str, Any]]) -> tuple[int, int, int]:
    """The generous date bound, and the same counting only rows whose text can be read at all
    (in some rows of the file every Cyrillic letter became '?')."""
    hits = total = readable = 0
    for row in rows:
        start, end = row.get("date"), row.get("date_end") or row.get("date")
        published = [r["published"] for r in row.get("reports") or [] if r.get("published")]
        if not (start and end and published):
            continue
        total += 1
        latest = dt.date.fromisoformat(max(published))
        window = ((latest - dt.timedelta(days=7)).isoformat(), latest.isoformat())
        years = {w for w in _words(row["text"]) if re.fullmatch(r"(19|20)\d\d", w)}
        in_year = any(start[:4] <= year <= end[:4] for year in years)
        hit = (window[0] <= end and window[1] >= start) or in_year
        hits += hit
        text = row["text"]
        readable += hit and sum(c.isalpha() for c in text) > text.count("?")
    return hits, readable, total


def _event_words() -> set[str]:
    triggers = yaml.safe_load((LEXICONS / "triggers.yaml").read_text(encoding="utf-8"))
    casualties = yaml.safe_load((LEXICONS / "casualties.yaml").read_text(encoding="utf-8"))
    words = {
        str(entry["lemmas"])
        for entry in triggers
        if entry["event"] == "ASSAULT" and " " not in str(entry["lemmas"])
    }
    words |= {str(w) for w in casualties["killed"] + casualties["injured"]}
    return {w.lower() for w in words if len(w) > 2}


def _eventful(text: str, stems: Iterable[str]) -> bool:
    words = [w.lower() for w in _words(text)]
    return any(w.startswith(stem[: max(3, len(stem) - 1)]) for w in words for stem in stems)


def _far(report: dict[str, Any], group: list[dict[str, Any]]) -> bool:
    """Published more than a month from every other report of its gold group, with no year in
    its text: nothing in it can put it with them."""
    day = dt.date.fromisoformat(report["published"])
    others = [dt.date.fromisoformat(r["published"]) for r in group if r is not report]
    dated = any(re.fullmatch(r"(19|20)\d\d", w) for w in _words(report["text"]))
    return bool(others) and not dated and min(abs((day - o).days) for o in others) > 31


def linking_bound(rows: list[dict[str, Any]]) -> tuple[dict[str, int], tuple[float, ...]]:
    stems = _event_words()
    reports = [r for r in rows if not r.get("placeholder")]
    groups: dict[str, list[dict[str, Any]]] = {}
    for report in reports:
        groups.setdefault(str(report["cluster_id"]), []).append(report)
    gold = {r["id"]: str(r["cluster_id"]) for r in reports}
    oracle = dict(gold)
    counts = {"reports": len(reports), "no violence": 0, "a month away": 0}
    for report in reports:
        if not _eventful(report["text"], stems):
            counts["no violence"] += 1
        elif _far(report, groups[gold[report["id"]]]):
            counts["a month away"] += 1
        else:
            continue
        oracle[report["id"]] = f"alone:{report['id']}"
    return counts, (*pairwise(gold, oracle), *bcubed(gold, oracle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ged", type=Path, default=SHARED / "ucdp_ged_ukraine.dev.jsonl")
    parser.add_argument(
        "--reports", type=Path, default=SHARED / "ucdp_ged_ukraine_reports.dev.jsonl"
    )
    parser.add_argument("--show", type=int, default=0, help="print N location rows out of reach")
    args = parser.parse_args()
    rows = [r for r in _rows(args.ged) if r.get("has_news_headline", True)]
    casualties = yaml.safe_load((LEXICONS / "casualties.yaml").read_text(encoding="utf-8"))
    words = {str(k): int(v) for k, v in casualties["numbers"].items()}
    print(f"{args.ged.name}: upper bounds for a method that reads only the text")
    hits, total, misses = location_bound(rows)
    print(f"  location within 50 km     {hits / total:.3f}  ({hits}/{total})   target 0.85")
    hits, total = deaths_bound(rows, words, _vague(casualties))
    print(f"  deaths within gold range  {hits / total:.3f}  ({hits}/{total})   target 0.85")
    hits, readable, total = date_bound(rows)
    print(f"  date overlaps gold        {hits / total:.3f}  ({hits}/{total})   target 0.90")
    print(f"    rows whose text is not lost to '?'  {readable / total:.3f}  ({readable}/{total})")
    counts, scores = linking_bound(_rows(args.reports))
    print(
        f"{args.reports.name}: of {counts['reports']} reports, {counts['no violence']} name no "
        f"violence or casualties, {counts['a month away']} more are a month from their group"
    )
    print(
        "  oracle linking            pairwise P/R/F1 {:.3f}/{:.3f}/{:.3f}, "
        "B-cubed P/R/F1 {:.3f}/{:.3f}/{:.3f}   target pairwise F1 0.90".format(*scores)
    )
    for line in misses[: args.show]:
        print("    " + line.replace("\n", " / ")[:220])


if __name__ == "__main__":
    main()
