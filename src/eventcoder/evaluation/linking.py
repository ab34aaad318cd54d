"""The linking task: reports of one event from several outlets (gold `cluster_id`) are
extracted, linked in order of publication as `eventcoder ingest` links them, and the groups are
scored pairwise and by B-cubed."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from eventcoder.dedup import Linker, LinkSettings
from eventcoder.dedup.scoring import bcubed, pairwise
from eventcoder.evaluation.choice import main_event
from eventcoder.evaluation.scoring import Case, Score
from eventcoder.model import ArticleResult, EventMention, to_plain


def report_event(events: tuple[EventMention, ...]) -> EventMention | None:
    """The event a report is scored by: the first violent act it tells as having happened
    ("X accuses Y of shelling a market": the shelling), else its first, most confident one."""
    violent = tuple(e for e in events if e.event == "ASSAULT" and e.aux_mode is None)
    return main_event(violent or events)


def link_reports(
    rows: list[dict[str, Any]],
    results: list[ArticleResult],
    *,
    settings: LinkSettings | None = None,
) -> dict[str, str]:
    """Each report's event id after linking every mention of every report, oldest first."""
    linker = Linker(settings=settings or LinkSettings())
    found: dict[str, str] = {}
    order = sorted(
        zip(rows, results, strict=True),
        key=lambda pair: (pair[0].get("published") or "", pair[0]["id"]),
    )
    for row, result in order:
        top = report_event(result.events)
        if top is None:
            found[row["id"]] = "alone:" + row["id"]
            continue
        source = {
            "article_id": row["id"],
            "outlet": row.get("outlet"),
            "published": row.get("published"),
            "title": row["text"],
        }
        decisions, _ = linker.link([{**to_plain(e), "source": source} for e in result.events])
        found[row["id"]] = next(d.event_id for d in decisions if d.mention_id == top.id)
    return found


def score_linking(rows: list[dict[str, Any]], results: list[ArticleResult]) -> list[Score]:
    found = link_reports(rows, results)
    gold = {row["id"]: str(row["cluster_id"]) for row in rows}
    p, r, f = pairwise(gold, found)
    bp, br, bf = bcubed(gold, found)
    pairs = Score("pairwise F1", fixed=f)
    text = {row["id"]: row["text"].split("\n", 1)[0][:120] for row in rows}
    for a, b in combinations(sorted(gold), 2):
        same, linked = gold[a] == gold[b], found[a] == found[b]
        if same or linked:
            pairs.add(
                same and linked,
                case=Case(
                    id=f"{a} + {b}",
                    text=f"{text[a]} | {text[b]}",
                    gold="same event" if same else "different events",
                    got="linked" if linked else "apart",
                    ok=same and linked,
                ),
            )
    return [
        pairs,
        Score("pairwise precision", fixed=p),
        Score("pairwise recall", fixed=r),
        Score("B-cubed F1", fixed=bf),
        Score("B-cubed precision", fixed=bp),
        Score("B-cubed recall", fixed=br),
    ]
