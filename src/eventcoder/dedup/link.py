"""Link mentions into events as articles arrive: candidates by time, then type, place,
actors and wording; a round-up never glues its own events together."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from eventcoder.dedup.merge import merge_event
from eventcoder.dedup.similarity import (
    Similarity,
    date_gap,
    day_number,
    fronts,
    is_tally,
    killed,
    names,
    opposed,
    overlap,
    place_score,
    same_front,
    tally_figure,
    words,
)


class EventLike(Protocol):
    """What the linker needs of a stored event."""

    @property
    def id(self) -> str: ...
    @property
    def doc(self) -> dict[str, Any]: ...


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LinkSettings:
    """Thresholds of linking; defaults were tuned on the UCDP report dev set."""

    window_days: int = 1
    # Reports a day or more apart are one event only if they share this many words that are
    # rare among the articles seen so far ("Swiss", "Red Cross"): two days' "soldier killed in
    # Donbas" are two events. A word is rare in at most rare_share of them (at least rare_min).
    apart_rare_words: int = 2
    rare_share: float = 0.02
    rare_min: int = 2
    threshold: float = 0.35
    min_words: float = 0.2
    opposed_penalty: float = 0.35
    period_days: int = 7
    # A day's tally is not an account of an act with a toll this many times smaller and at
    # least tally_gap apart ("the enemy lost more than 200" against "destroyed 11 invaders"),
    # and a tally of at least tally_gap is not an act that gives no toll.
    tally_ratio: float = 3.0
    tally_gap: int = 10


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LinkDecision:
    """Where a mention went and why: the event it joined (or started) and the reasons."""

    mention_id: str
    event_id: str
    joined: bool
    score: float
    reasons: tuple[str, ...]


def _expand(date: dict[str, Any] | None, days: int) -> tuple[str, str] | None:
    if not date or not date.get("start"):
        return None
    start = dt.date.fromisoformat(date["start"][:10]) - dt.timedelta(days=days)
    end = dt.date.fromisoformat(str(date.get("end") or date["start"])[:10]) + dt.timedelta(
        days=days
    )
    return start.isoformat(), end.isoformat()


def _width(date: dict[str, Any] | None) -> int | None:
    if not date or not date.get("start"):
        return None
    start = day_number(str(date["start"]))
    end = day_number(str(date.get("end") or date["start"]))
    if start is None or end is None:
        raise ValueError(f"event date {date!r} is not an ISO date")
    return end - start + 1


def _period_vs_day(
    a: dict[str, Any] | None, b: dict[str, Any] | None, settings: LinkSettings
) -> bool:
    """ "41 soldiers killed since last year" or a month's overview is not the one-day event
    it overlaps."""
    widths = sorted(w for w in (_width(a), _width(b)) if w is not None)
    return len(widths) == 2 and widths[0] <= 2 and widths[1] > settings.period_days


def _both_undated(mention: dict[str, Any], event: dict[str, Any]) -> bool:
    return all((doc.get("date") or {}).get("basis") == "publication" for doc in (mention, event))


def _published(date: dict[str, Any] | None) -> dict[str, Any] | None:
    if not date:
        return None
    return {"start": date.get("end"), "end": date.get("end")}


def compare(
    mention: dict[str, Any],
    event: dict[str, Any],
    settings: LinkSettings,
    *,
    rare: frozenset[str] = frozenset(),
) -> Similarity:
    """Score a mention against an event; a veto means they cannot be one event. `rare` are
    the mention's words rare so far, which alone tie reports of different days."""
    if mention.get("event") != event.get("event"):
        return Similarity(score=0.0, reasons=(), veto="different event type")
    if (mention.get("aux_mode") is None) != (event.get("aux_mode") is None):
        return Similarity(score=0.0, reasons=(), veto="one happened, the other did not")
    if _period_vs_day(mention.get("date"), event.get("date"), settings):
        return Similarity(score=0.0, reasons=(), veto="a period's tally against one day's event")
    gap = date_gap(mention.get("date"), event.get("date"))
    if _both_undated(mention, event):
        # Neither account dates the event: they are the same day's news only if published so.
        gap = date_gap(_published(mention.get("date")), _published(event.get("date")))
    if gap is not None and gap > settings.window_days:
        return Similarity(score=0.0, reasons=(), veto=f"{gap:.0f} days apart")
    told = _event_words(event) if not gap or len(rare) >= settings.apart_rare_words else None
    if gap and (told is None or len(rare & told) < settings.apart_rare_words):
        return Similarity(score=0.0, reasons=(), veto=f"{gap:.0f} days apart, no rare word shared")
    place = place_score(mention.get("location"), event.get("location"))
    if place == 0.0:
        return Similarity(score=0.0, reasons=(), veto="places too far apart")
    reasons: list[str] = []
    score = 0.0
    if gap is not None:
        score += 0.2 * (1.0 - gap / (settings.window_days + 1))
        reasons.append("same dates" if gap == 0 else f"dates {gap:.0f} day(s) apart")
    if place is not None:
        score += 0.25 * place
        reasons.append("same place" if place == 1.0 else "nearby places")
    sides = _sides(mention, event)
    if sides:
        score += 0.2 * sides
        reasons.append(f"shared actors {sides:.2f}")
    if opposed(mention, event):
        score -= settings.opposed_penalty
        reasons.append("attacks blamed on different sides")
    text = overlap(_words(mention), _event_words(event) if told is None else told)
    score += 0.45 * text
    if text:
        reasons.append(f"shared wording {text:.2f}")
    veto = _tally_veto(mention, event, settings)
    if veto is not None:
        return Similarity(score=0.0, reasons=(), veto=veto)
    toll = _toll_agreement(mention, event)
    if toll is not None:
        score += 0.1 if toll else -0.1
        reasons.append("matching death toll" if toll else "different death tolls")
    if text < settings.min_words and place is None:
        return Similarity(score=score, reasons=tuple(reasons), veto="too little in common")
    return Similarity(score=round(score, 3), reasons=tuple(reasons))


def _sides(mention: dict[str, Any], event: dict[str, Any]) -> float:
    """Parties in common, each in the same role; a party that attacks in one account and is
    attacked in the other counts half ("Houthis attack a ship" and "strikes on the Houthis")."""
    same = max(
        overlap(names(mention.get("actor")), names(event.get("actor"))),
        overlap(names(mention.get("recipient")), names(event.get("recipient"))),
    )
    crossed = max(
        overlap(names(mention.get("actor")), names(event.get("recipient"))),
        overlap(names(mention.get("recipient")), names(event.get("actor"))),
    )
    return max(same, crossed / 2)


def _evidence(doc: dict[str, Any]) -> str:
    return str((doc.get("evidence") or {}).get("text") or "")


def _toll_agreement(mention: dict[str, Any], event: dict[str, Any]) -> bool | None:
    """Whether the death tolls agree (close, or one a floor the other reaches); None when
    either gives none."""
    mine, theirs = killed(mention), killed(event)
    if mine is None or theirs is None:
        return None
    return abs(mine - theirs) <= max(2, 0.3 * max(mine, theirs)) or _open_toll(mention, event)


def _killed_ranges(doc: dict[str, Any]) -> list[dict[str, Any]]:
    docs = doc.get("mentions") or [doc]
    return [k for d in docs if (k := (d.get("casualties") or {}).get("killed"))]


def _open_toll(mention: dict[str, Any], event: dict[str, Any]) -> bool:
    """One account gives only a floor ("many dead", "at least 10") that the other's toll
    reaches: "many dead at the crash site" and "295 dead" agree."""
    mine, theirs = _killed_ranges(mention), _killed_ranges(event)
    return any(_reaches(a, b) or _reaches(b, a) for a in mine for b in theirs)


def _reaches(floor: dict[str, Any], toll: dict[str, Any]) -> bool:
    if floor.get("high") is not None or toll.get("best") is None:
        return False
    return int(toll["best"]) >= int(floor.get("low") or 0)


def _told(doc: dict[str, Any]) -> list[str]:
    """The texts of an event's accounts (a mention's own text when it is one)."""
    return [_evidence(m) for m in doc.get("mentions") or []] or [_evidence(doc)]


def _figure(doc: dict[str, Any], texts: list[str]) -> int | None:
    """The toll, else the count of losses a tally gives ("destroyed up to 125 units")."""
    toll = killed(doc)
    if toll is not None:
        return toll
    return next((f for t in texts if (f := tally_figure(t)) is not None), None)


def _country_wide(doc: dict[str, Any]) -> bool:
    return (doc.get("location") or {}).get("precision") == "country"


def _tally_veto(
    mention: dict[str, Any], event: dict[str, Any], settings: LinkSettings
) -> str | None:
    """Two tallies are one only with one figure and a front in common: a daily count of
    losses on the Bakhmut front is not the count on the Donetsk front, nor a count of 60;
    nor is a day's count of 200 losses the raid in which 11 died, nor an act that counts
    no dead ("repelled attacks near 11 settlements"); a day's tally over a whole country is
    not one region's."""
    mine, theirs = _told(mention), _told(event)
    tally, other_tally = is_tally(mine[0]), any(is_tally(t) for t in theirs)
    figure, known = _figure(mention, mine), _figure(event, theirs)
    if (tally or other_tally) and figure is not None and known is not None:
        low, high = sorted((figure, known))
        if high >= settings.tally_ratio * low and high - low >= settings.tally_gap:
            return "a day's tally against a much smaller toll"
    if tally != other_tally:
        count, other_count = (figure, known) if tally else (known, figure)
        if count is not None and count >= settings.tally_gap and other_count is None:
            return "a day's count of losses against an act without a toll"
        return None
    if not tally:
        return None
    if len({_country_wide(doc) for doc in (mention, event) if doc.get("location")}) == 2:
        return "a country's tally against a region's"
    front, other = fronts(mine[0]), frozenset().union(*(fronts(t) for t in theirs))
    if front and other and not same_front(front, other):
        return "tallies of different fronts"
    if figure is not None and known is not None and figure != known:
        return "two day's tallies with different tolls"
    return None


def _words(doc: dict[str, Any]) -> frozenset[str]:
    title = (doc.get("source") or {}).get("title") or ""
    return words(f"{_evidence(doc)} {title}")


def _event_words(event: dict[str, Any]) -> frozenset[str]:
    found: set[str] = set(_words(event))
    for mention in event.get("mentions") or []:
        found |= words(_evidence(mention))
    return frozenset(found)


@dataclasses.dataclass(slots=True)
class Linker:
    """Incremental linking over a working set of events (loaded from the store by the caller).

    `events` maps event id -> (event doc, mention docs). Call `link` with one article's
    mentions at a time; it returns the decisions and the ids of events it changed.
    """

    settings: LinkSettings = dataclasses.field(default_factory=LinkSettings)
    events: dict[str, tuple[dict[str, Any], list[dict[str, Any]] | None]] = dataclasses.field(
        default_factory=dict
    )
    by_day: dict[tuple[str, str], set[str]] = dataclasses.field(default_factory=dict)
    fetch: Callable[[str], list[dict[str, Any]]] | None = None
    counts: Counter[str] = dataclasses.field(default_factory=Counter)
    seen: int = 0

    def rare(self, mention: dict[str, Any]) -> frozenset[str]:
        """A mention's words told by few of the articles seen so far; a concept ("<kill>") is
        never rare."""
        limit = max(float(self.settings.rare_min), self.settings.rare_share * self.seen)
        return frozenset(
            w for w in _words(mention) if not w.startswith("<") and self.counts[w] <= limit
        )

    def _count(self, docs: list[dict[str, Any]]) -> None:
        self.seen += 1
        self.counts.update(frozenset().union(*(_words(doc) for doc in docs)))

    def load(self, event: dict[str, Any], mentions: list[dict[str, Any]] | None = None) -> None:
        """Add a known event to the working set; its mention docs are fetched when needed."""
        if event["id"] in self.events:
            return
        self.events[event["id"]] = (event, mentions)
        self._index(event)
        self._count([event, *(event.get("mentions") or [])])

    def _members(self, event_id: str) -> list[dict[str, Any]]:
        event, members = self.events[event_id]
        if members is None:
            members = self.fetch(event_id) if self.fetch is not None else []
            self.events[event_id] = (event, members)
        return members

    def _has_article(self, event_id: str, article_id: str | None) -> bool:
        event, members = self.events[event_id]
        if members is not None:
            return any(m.get("article_id") == article_id for m in members)
        return any(m.get("article_id") == article_id for m in event.get("mentions") or [])

    def _days(self, date: dict[str, Any] | None) -> list[str]:
        span = _expand(date, 0)
        if span is None:
            return ["?"]
        start, end = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
        count = min((end - start).days, 31)
        return [(start + dt.timedelta(days=i)).isoformat() for i in range(count + 1)]

    def _index(self, event: dict[str, Any]) -> None:
        for day in self._days(event.get("date")):
            self.by_day.setdefault((event["event"], day), set()).add(event["id"])

    def _candidates(self, mention: dict[str, Any], window: int) -> set[str]:
        span = _expand(mention.get("date"), window)
        if span is None:
            return set()
        found: set[str] = set()
        day = dt.date.fromisoformat(span[0])
        last = dt.date.fromisoformat(span[1])
        while day <= last:
            found |= self.by_day.get((mention["event"], day.isoformat()), set())
            day += dt.timedelta(days=1)
        return found & self.events.keys()

    def _matches(self, mentions: list[dict[str, Any]]) -> dict[int, tuple[float, str, Similarity]]:
        """Best event for each mention of one article, the strongest pairs first, so that a
        weaker mention cannot take the event that a closer one matches; one mention per event."""
        scored: list[tuple[float, int, str, Similarity]] = []
        for index, mention in enumerate(mentions):
            rare = self.rare(mention)
            # only a mention with enough rare words may join an event of another day
            crosses_days = len(rare) >= self.settings.apart_rare_words
            window = self.settings.window_days if crosses_days else 0
            for event_id in sorted(self._candidates(mention, window)):
                event, _ = self.events[event_id]
                if self._has_article(event_id, mention.get("article_id")):
                    continue  # a round-up's events stay apart
                similarity = compare(mention, event, self.settings, rare=rare)
                if similarity.veto is None and similarity.score >= self.settings.threshold:
                    scored.append((similarity.score, index, event_id, similarity))
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        chosen: dict[int, tuple[float, str, Similarity]] = {}
        taken: set[str] = set()
        for score, index, event_id, similarity in scored:
            if index not in chosen and event_id not in taken:
                chosen[index] = (score, event_id, similarity)
                taken.add(event_id)
        return chosen

    def link(self, mentions: Iterable[dict[str, Any]]) -> tuple[list[LinkDecision], set[str]]:
        """Attach each mention of one article to its best event, or start a new event."""
        batch = list(mentions)
        chosen = self._matches(batch)
        if batch:
            self._count(batch)
        decisions: list[LinkDecision] = []
        changed: set[str] = set()
        for index, mention in enumerate(batch):
            best = chosen.get(index)
            if best is None:
                event = merge_event([mention])
                self.events[event["id"]] = (event, [mention])
                decision = LinkDecision(
                    mention_id=mention["id"],
                    event_id=event["id"],
                    joined=False,
                    score=0.0,
                    reasons=("new event",),
                )
            else:
                score, event_id, similarity = best
                joined = {**mention, "linked_because": list(similarity.reasons)}
                members = [*self._members(event_id), joined]
                event = merge_event(members, event_id=event_id)
                self.events[event_id] = (event, members)
                decision = LinkDecision(
                    mention_id=mention["id"],
                    event_id=event_id,
                    joined=True,
                    score=score,
                    reasons=similarity.reasons,
                )
            self._index(event)
            changed.add(decision.event_id)
            decisions.append(decision)
        return decisions, changed
