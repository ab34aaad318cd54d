"""Within one article: a later sentence that tells an event already told (the lead after its
headline, the body after the lead) is merged into the first telling, so that an article that
reports one strike gives one event with every claim, not one per sentence.

Two tellings are one event only when nothing in them differs (type, modality, date, place,
attackers, toll) and something ties them beyond the event type: the same scene, the same
attackers, or the same toll. A sentence that marks itself as another event ("separately",
"another strike", "elsewhere") is never merged, so round-ups keep their events apart.
"""

from __future__ import annotations

import functools

from eventcoder.datafiles import load_yaml, require
from eventcoder.extract.arguments import defends
from eventcoder.model import DateBasis, Place, Precision
from eventcoder.resolve.coref import merge_into
from eventcoder.resolve.draft import Draft
from eventcoder.resolve.places import distance_km
from eventcoder.resolve.toponyms import PRECISION_RANK

_WHERE = "data/lexicons/retelling.yaml"
_LOCAL = {Precision.NEIGHBOURHOOD, Precision.CITY}


@functools.cache
def _rules() -> tuple[frozenset[str], float]:
    table = load_yaml("lexicons/retelling.yaml") or {}
    apart = require(table, "apart", where=_WHERE)
    scene = require(table, "same_scene_km", where=_WHERE)
    return frozenset(str(word).lower() for word in apart), float(scene)


def _marked_apart(draft: Draft) -> bool:
    apart, _ = _rules()
    return any(token.lower_ in apart for token in draft.raw.sent)


def _scene(a: Place | None, b: Place | None) -> bool | None:
    """True: one scene; False: two places; None: cannot tell (a place missing or too wide)."""
    if a is None or b is None:
        return None
    if a.name == b.name:
        return True if a.precision is not Precision.COUNTRY else None
    if a.precision is Precision.COUNTRY or b.precision is Precision.COUNTRY:
        return None if a.country == b.country or None in (a.country, b.country) else False
    if a.precision in _LOCAL and b.precision in _LOCAL:
        if None in (a.lat, a.lon, b.lat, b.lon):
            return False
        _, km = _rules()
        return distance_km(a.lat, a.lon, b.lat, b.lon) <= km  # type: ignore[arg-type]
    # a region and a place: the same area when the place lies in it
    if a.admin1 and b.admin1 and a.country == b.country:
        return None if a.admin1 == b.admin1 else False
    return None


def _sides(a: Draft, b: Draft) -> bool | None:
    """True: an attacker in common; False: different attackers named; None: one names none."""
    mine = _known_sides(a)
    theirs = _known_sides(b)
    if not mine or not theirs:
        return None
    return bool(mine & theirs)


def _known_sides(draft: Draft) -> set[str]:
    """The attackers the knowledge base knows, and their countries: an unknown phrase ("a
    drone", "gunmen") ties nothing."""
    known = [e for e in draft.actors if e.actor_id or e.country]
    return {e.actor_id or e.name for e in known} | {e.country for e in known if e.country}


def _toll(draft: Draft) -> int | None:
    killed = draft.casualties.killed if draft.casualties else None
    return killed.best if killed else None


def _defenders_act(draft: Draft) -> bool:
    """A participle or joined verb of those who repelled an attack: their act, not the attack."""
    trigger = draft.raw.trigger
    return trigger.dep_ in ("advcl", "conj", "xcomp") and defends(trigger.head)


def _mode(draft: Draft) -> str | None:
    weapon = draft.raw.weapon
    return draft.raw.entry.mode or (weapon.mode if weapon is not None else None)


def _modes_differ(a: Draft, b: Draft) -> bool:
    """Two acts of different kinds named: artillery and an air strike, a drone and a raid."""
    modes = {_mode(a), _mode(b)}
    return None not in modes and len(modes) == 2


def _dates_meet(a: Draft, b: Draft) -> bool:
    if a.date is None or b.date is None:
        return True
    if DateBasis.PUBLICATION in (a.date.basis, b.date.basis):
        return True  # a headline's "kills six" is dated by the paper, not by the text
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def same_event(first: Draft, later: Draft) -> bool:
    """Whether a later sentence's mention tells the first one's event again (its sentence not
    marked as another event: merge_retellings tests that once per mention)."""
    if (
        first.raw.entry.event != later.raw.entry.event
        or first.aux_mode != later.aux_mode
        or first.raw.sent_index == later.raw.sent_index
        or not _dates_meet(first, later)
    ):
        return False
    if _defenders_act(later) or _defenders_act(first):
        return False  # "repelled the attack, neutralising ten": the defenders' own act
    if _modes_differ(first, later):
        return False  # "fighters shelled the camp" and "its aircraft struck positions"
    scene = _scene(first.location, later.location)
    sides = _sides(first, later)
    tolls = (_toll(first), _toll(later))
    same_toll = None if None in tolls else tolls[0] == tolls[1]
    if False in (scene, sides, same_toll):
        return False
    ties = [scene, sides, same_toll].count(True)
    # A sentence right after the first telling needs one tie; further on, two (or "the
    # shelling", a definite mention, and one).
    close = later.raw.sent_index - first.raw.sent_index <= 1
    return ties >= (1 if close or later.raw.anaphoric else 2)


def merge_retellings(drafts: list[Draft]) -> None:
    """Merge each mention into the first earlier mention whose event it tells again."""
    for index, later in enumerate(drafts):
        if later.merged or _marked_apart(later):
            continue
        first = next(
            (d for d in drafts[:index] if not d.merged and same_event(d, later)),
            None,
        )
        if first is not None:
            finer = _finer(later.location, first.location)
            merge_into(first, later)
            if finer:
                first.location = later.location  # "a village in Kursk region": the village


def _finer(place: Place | None, than: Place | None) -> bool:
    return (
        place is not None
        and than is not None
        and PRECISION_RANK[place.precision] < PRECISION_RANK[than.precision]
    )
