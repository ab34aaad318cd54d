"""One event from its mentions: fields merged with provenance, figures as ranges, conflicts kept.

The event is recomputed from all its mentions each time one joins, so the result does not
depend on the order in which articles arrived.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from eventcoder.dedup.similarity import opposed
from eventcoder.model import stable_id

_PRECISION = {"neighbourhood": 0, "city": 1, "district": 2, "region": 3, "country": 4}


def source_key(mention: dict[str, Any]) -> str:
    """Who stands behind a mention: its claimant, else the outlet that reported it.

    Two outlets relaying one party's statement share the party as their source.
    """
    for claim in mention.get("claims") or []:
        claimant = claim.get("claimant") or {}
        if claimant.get("name"):
            return "claimant:" + str(claimant.get("actor_id") or claimant["name"]).lower()
    source = mention.get("source") or {}
    return "outlet:" + str(source.get("outlet") or source.get("article_id") or "?").lower()


def _entities(mentions: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        for entity in mention.get(key) or []:
            name = str(entity.get("name") or "")
            if name:
                counts[name] += 1
                first.setdefault(name, entity)
    return [first[name] for name, _ in counts.most_common()]


def _location(mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    located = [m["location"] for m in mentions if m.get("location")]
    if not located:
        return None
    best: dict[str, Any] = min(located, key=lambda p: _PRECISION.get(str(p.get("precision")), 5))
    return best


def _date(mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    dates = [m["date"] for m in mentions if m.get("date")]
    if not dates:
        return None
    told = [d for d in dates if d.get("basis") != "publication"] or dates
    start = max(d["start"] for d in told)
    end = min(d["end"] for d in told)
    if start <= end:  # the range every account allows
        narrow = min(told, key=lambda d: (d["end"] > end, d["start"] < start))
        return {**narrow, "start": start, "end": end}
    return {**told[0], "start": min(d["start"] for d in told), "end": max(d["end"] for d in told)}


def _figures(mentions: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    bests = [
        int(c[kind]["best"])
        for m in mentions
        if (c := m.get("casualties")) and c.get(kind) and c[kind].get("best") is not None
    ]
    lows = [
        int(c[kind]["low"])
        for m in mentions
        if (c := m.get("casualties")) and c.get(kind) and c[kind].get("low") is not None
    ]
    if not bests:
        return None
    return {"low": min(lows + bests), "best": int(statistics.median_low(bests)), "high": max(bests)}


def _sides(mention: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    def countries(key: str) -> frozenset[str]:
        return frozenset(str(e["country"]) for e in mention.get(key) or [] if e.get("country"))

    return countries("actor"), countries("recipient")


def _contested(mentions: list[dict[str, Any]]) -> bool:
    """Accounts conflict: some deny what others assert, they blame different sides, or death
    tolls disagree widely."""
    modes = {m.get("aux_mode") for m in mentions}
    if "negation" in modes and len(modes) > 1:
        return True
    sides = list({_sides(m): m for m in mentions}.values())  # one account per way of telling
    if any(opposed(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]):
        return True
    killed = _figures(mentions, "killed")
    return bool(killed and killed["high"] > 2 * killed["low"] + 2)


def _certainty(mentions: list[dict[str, Any]]) -> str:
    asserted = [m for m in mentions if m.get("aux_mode") is None]
    if len({source_key(m) for m in asserted}) >= 2:
        return "corroborated"
    if mentions and all(m.get("certainty") == "claimed" for m in mentions):
        return "claimed"
    return "reported"


def _mention_summary(mention: dict[str, Any]) -> dict[str, Any]:
    source = mention.get("source") or {}
    return {
        "mention_id": mention["id"],
        "article_id": mention.get("article_id"),
        "outlet": source.get("outlet"),
        "published": source.get("published"),
        "url": source.get("url"),
        "title": source.get("title"),
        "certainty": mention.get("certainty"),
        "aux_mode": mention.get("aux_mode"),
        "claims": mention.get("claims") or [],
        "evidence": mention.get("evidence"),
        "casualties": mention.get("casualties"),
        "date": mention.get("date"),
        "location": mention.get("location"),
        "linked_because": mention.get("linked_because") or [],
    }


def merge_event(mentions: list[dict[str, Any]], *, event_id: str | None = None) -> dict[str, Any]:
    """The event document of a cluster of mention documents (core fields plus provenance).

    An event keeps the id it was created with (`event_id`); a new one is named after its
    first mention.
    """
    ordered = sorted(
        mentions,
        key=lambda m: (
            str((m.get("source") or {}).get("published")),
            str(m.get("article_id")),
            m["id"],
        ),
    )

    lead = max(ordered, key=lambda m: float(m.get("confidence") or 0))
    types = Counter(m["event"] for m in ordered)
    modes = Counter(m["mode"] for m in ordered if m.get("mode"))
    killed, injured = _figures(ordered, "killed"), _figures(ordered, "injured")
    casualties = None
    if killed or injured:
        casualties = {
            "killed": killed,
            "injured": injured,
            "text": "; ".join(
                str(m["casualties"].get("text"))
                for m in ordered
                if m.get("casualties") and m["casualties"].get("text")
            ),
        }
    published = [
        str((m.get("source") or {}).get("published"))
        for m in ordered
        if (m.get("source") or {}).get("published")
    ]
    outlets = {str((m.get("source") or {}).get("outlet") or m.get("article_id")) for m in ordered}
    return {
        "id": event_id or "ev-" + stable_id(ordered[0]["id"]),
        "event": types.most_common(1)[0][0],
        "mode": modes.most_common(1)[0][0] if modes else None,
        "context": sorted({c for m in ordered for c in m.get("context") or []}),
        "aux_mode": lead.get("aux_mode"),
        "actor": _entities(ordered, "actor"),
        "recipient": _entities(ordered, "recipient"),
        "location": _location(ordered),
        "date": _date(ordered),
        "casualties": casualties,
        "claims": [c for m in ordered for c in m.get("claims") or []],
        "certainty": _certainty(ordered),
        "confidence": max(float(m.get("confidence") or 0) for m in ordered),
        "contested": _contested(ordered),
        "acled": lead.get("acled"),
        "evidence": lead.get("evidence"),
        "mentions": [_mention_summary(m) for m in ordered],
        "n_sources": len(outlets),
        "n_independent": len({source_key(m) for m in ordered if m.get("aux_mode") is None}),
        "first_reported": min(published) if published else None,
    }
