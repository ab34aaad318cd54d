"""How alike a new mention and a known event are: time, place, actors, words and figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from typing import Any

from eventcoder.datafiles import load_yaml
from eventcoder.resolve.place_options import AREA_WORDS
from eventcoder.resolve.places import distance_km, skeleton

_WORD = re.compile(r"[^\W\d_][\w'’]{2,}", re.UNICODE)


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(str(w) for w in load_yaml("lexicons/link_stopwords.yaml")["words"])


@functools.cache
def _concepts() -> dict[str, str]:
    found: dict[str, str] = {}
    for concept, members in load_yaml("lexicons/link_concepts.yaml")["concepts"].items():
        for word in members:
            found[str(word).lower()] = f"<{concept}>"
    return found


def _stem(word: str) -> str:
    """A crude stem, so "attacks"/"attack" and "towns"/"town" count as one word."""
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=65_536)
def _fold(word: str) -> str:
    concept = _concepts().get(word)
    if concept is not None:
        return concept
    return skeleton(_stem(word))


@functools.cache
def _tally() -> re.Pattern[str]:
    patterns = load_yaml("lexicons/tallies.yaml")["patterns"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@functools.cache
def _tally_part(key: str) -> re.Pattern[str]:
    return re.compile(str(load_yaml("lexicons/tallies.yaml")[key]), re.I)


@functools.cache
def _not_fronts() -> frozenset[str]:
    return frozenset(str(w) for w in load_yaml("lexicons/tallies.yaml")["not_fronts"])


def is_tally(text: str) -> bool:
    """A day's tally ("killed four civilians in a day", "in the past 24 hours", "in the
    Bakhmut direction")."""
    return bool(_tally().search(text)) or bool(fronts(text))


@functools.lru_cache(maxsize=65_536)
def fronts(text: str) -> frozenset[str]:
    """The fronts a tally names ("in the Yuzhno-Donetsk and Zaporozhye directions"), as
    spelling-blind keys.

    >>> sorted(fronts("destroyed 35 soldiers in the Yuzhno-Donetsk and Zaporozhye directions"))
    ['yndntsk', 'zpr']
    """
    found: set[str] = set()
    for match in _tally_part("fronts").finditer(text):
        for name in match.groups():
            word = (name or "").lower().replace("-", "")
            if word and word not in _stopwords() and word not in _not_fronts():
                found.add(skeleton(word))
    return frozenset(found)


def same_front(a: frozenset[str], b: frozenset[str]) -> bool:
    """A front in common; one name may be the other's adjective ("Krasnoliman",
    "Krasnolimansk")."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def tally_figure(text: str) -> int | None:
    """The count a tally gives when the toll reader found none ("destroyed up to 125 military
    units"), else None."""
    match = _tally_part("figure").search(text)
    return int(match.group(1).replace(",", "")) if match else None


@functools.lru_cache(maxsize=65_536)
def words(text: str) -> frozenset[str]:
    """Content words of a text, lowercased, put to a concept or a stem folded over spelling
    variants, for overlap measures."""
    found = {w.lower().strip("'’-") for w in _WORD.findall(text)} - _stopwords()
    return frozenset(_fold(w) for w in found)


def day_number(value: str | None) -> int | None:
    """An ISO date's day number; None when absent or not a date."""
    return _day_number(value[:10]) if value else None


@functools.lru_cache(maxsize=8192)
def _day_number(day: str) -> int | None:
    # linking compares every mention's dates with every candidate's: parse each day once
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def date_gap(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    """Days between two date ranges (0 when they overlap), None when either is unknown."""
    if not a or not b:
        return None
    a0, a1 = day_number(a.get("start")), day_number(a.get("end") or a.get("start"))
    b0, b1 = day_number(b.get("start")), day_number(b.get("end") or b.get("start"))
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return None
    return float(max(0, max(a0, b0) - min(a1, b1)))


_COARSE = {"region", "country"}
_ADMIN_WORDS = AREA_WORDS | {"okrug", "wilaya", "muhafazah"}


def _admin(value: Any) -> str | None:
    """A first-level division's name reduced to its core ("Donetsk Oblast", "Donetsk region"
    and "Donetsk" are one), for comparing a place's division with a named region."""
    return _admin_key(str(value)) if value else None


@functools.lru_cache(maxsize=8192)
def _admin_key(value: str) -> str | None:
    kept = [w for w in value.lower().replace("-", " ").split() if w not in _ADMIN_WORDS]
    return skeleton(" ".join(kept)) if kept else None


def _other_region(region: dict[str, Any], place: dict[str, Any]) -> bool:
    """A region against a place of the same country in another first-level division
    ("the Kharkiv region" and Donetsk): not one event."""
    if region.get("precision") != "region" or place.get("precision") == "country":
        return False
    # Only a first-level division has itself as admin1; "Donbas" or "the Middle East" spans
    # several and is compared by distance instead.
    mine, theirs = _admin(region.get("admin1")), _admin(place.get("admin1"))
    return mine is not None and theirs is not None and mine != theirs


def place_score(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    """1 near, 0 far apart; None when it cannot tell (a side unknown or only coarse)."""
    if not a or not b or a.get("lat") is None or b.get("lat") is None:
        return None
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return 0.0
    if _other_region(a, b) or _other_region(b, a):
        return 0.0
    if a.get("precision") in _COARSE or b.get("precision") in _COARSE:
        return None
    gap = distance_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"]))
    if gap <= 5 or (gap <= 15 and a.get("name") == b.get("name")):
        return 1.0
    kinds = {a.get("precision"), b.get("precision")}
    if kinds == {"city"}:
        return 0.0  # two towns by name: "Khan Younis" is not "Deir al-Balah"
    if kinds == {"city", "district"} and gap > 20:
        return 0.0  # a town outside a district ("Nabatieh" is not in "Tyre district")
    if gap <= 60:
        return 0.6
    return 0.0


def names(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(
        str(e.get("actor_id") or e.get("name") or "").lower()
        for e in entities or []
        if e.get("name")
    )


def _countries(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(str(e["country"]) for e in entities or [] if e.get("country"))


def opposed(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the two accounts put the act on different sides: no country in common among
    the actors, or one's actor is the other's target and not its actor."""
    mine, theirs = _countries(a.get("actor")), _countries(b.get("actor"))
    if not mine or not theirs:
        return False
    if not mine & theirs:
        return True
    return bool(mine & _countries(b.get("recipient")) - theirs) or bool(
        theirs & _countries(a.get("recipient")) - mine
    )


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Similarity:
    score: float
    reasons: tuple[str, ...]
    veto: str | None = None


def killed(doc: dict[str, Any]) -> int | None:
    casualties = doc.get("casualties") or {}
    count = casualties.get("killed") or {}
    best = count.get("best")
    return int(best) if best is not None else None
