"""Which place each name is: the article's country and regions, and the names near each other
("Paris and Henry County" in Tennessee) choose among same-name places together."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from eventcoder.model import Precision
from eventcoder.resolve.place_options import Option, dominant
from eventcoder.resolve.place_spans import strip_name
from eventcoder.resolve.places import GazetteerRow, NameIndex, choose, primary

if TYPE_CHECKING:
    from spacy.tokens import Span


def home_country(spans: list[Span], index: NameIndex, extra: Iterable[Option] = ()) -> str | None:
    """The country most of the article's place names are plainly in, if any; small towns
    there may then be recognised by the gazetteer alone ("Pataskala zoning allows...")."""
    votes: Counter[str] = Counter()
    named = [(strip_name(span), index.candidates(strip_name(span))) for span in spans]
    for name, rows in [*named, *((o.text, o.rows) for o in extra)]:
        top = dominant(name, rows)
        if top is not None and top.country:
            votes[top.country] += 1
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 else None


def article_anchor(options: Iterable[Option]) -> tuple[float, float] | None:
    """Where the article is: the middle of its unambiguous towns, cities and regions."""
    points = [
        (o.rows[0].lat, o.rows[0].lon)
        for o in options
        if len(o.rows) == 1
        and o.rows[0].precision is not Precision.COUNTRY
        and (o.rows[0].population >= 1000 or o.rows[0].source.startswith("curated"))
    ]
    if not points:
        return None
    points.sort()
    middle = points[len(points) // 2]  # a median point resists one far-off outlier
    return middle


def region_context(options: list[Option]) -> dict[tuple[str | None, str | None], float]:
    """Regions the article names or is plainly in, by weight."""
    regions: dict[tuple[str | None, str | None], float] = {}
    for o in options:
        if len(o.rows) == 1 and o.rows[0].region:
            row = o.rows[0]
            weight = 2.0 if row.precision is Precision.REGION else 1.0
            regions[(row.country, row.region)] = regions.get((row.country, row.region), 0) + weight
        elif o.strong and all(r.precision is Precision.REGION for r in o.rows):
            for r in o.rows[:1]:
                if r.region:
                    regions[(r.country, r.region)] = regions.get((r.country, r.region), 0) + 1
    return regions


def _plausible(option: Option, main: str | None) -> list[GazetteerRow]:
    """Readings of a name worth counting as evidence for others: towns under their own name
    and not dwarfed by a namesake ("London, Ohio" is no evidence that "Paris" is in Ohio), or
    not by one of the country the article is mostly about ("Paris, Tennessee" in local news)."""
    towns = [r for r in option.rows if r.precision not in (Precision.COUNTRY, Precision.REGION)]
    top = max((r.population for r in towns), default=0)
    home = max((r.population for r in towns if r.country == main), default=0)
    return [
        r
        for r in towns[:60]
        if primary(r, option.name)
        and (r.population * 100 >= top or (r.country == main and r.population * 100 >= home))
    ]


def _support(options: list[Option], main: str | None) -> Callable[[GazetteerRow], float]:
    """How many other names could be near a row or in its region: towns of one county or
    state named together ("New London", "Mt. Pleasant", "Winfield" in Iowa; "Paris and Henry
    County" in Tennessee) pick each other's readings, and "California" is the state when its
    towns are named."""
    grids: dict[float, dict[tuple[int, int], set[str]]] = {0.5: {}, 2.0: {}}
    regions: dict[tuple[str | None, str], set[str]] = {}
    for o in options:
        name = fold_name(o.name)
        for r in _plausible(o, main):
            if r.precision in (Precision.CITY, Precision.DISTRICT, Precision.NEIGHBOURHOOD):
                for size, cells in grids.items():
                    cell = (math.floor(r.lat / size), math.floor(r.lon / size))
                    cells.setdefault(cell, set()).add(name)
                if r.region:
                    regions.setdefault((r.country, r.region), set()).add(name)

    def near(row: GazetteerRow, size: float) -> set[str]:
        lat, lon = math.floor(row.lat / size), math.floor(row.lon / size)
        cells = grids[size]
        names: set[str] = set()
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                names |= cells.get((lat + dlat, lon + dlon), set())
        return names

    def bonus(row: GazetteerRow) -> float:
        if row.precision is Precision.COUNTRY:
            return 0.0
        if row.precision is Precision.REGION:
            inside = regions.get((row.country, row.region or ""), set()) if row.region else set()
            return min(3.0, 0.75 * len(inside - {fold_name(row.name)}))
        close = near(row, 0.5)
        wide = near(row, 2.0)
        return min(3.0, 1.25 * max(0, len(close) - 1) + 0.5 * len(wide - close))

    return bonus


# What a reading under its own name is worth over one under an alternate name ("Berea",
# Ohio over Aleppo, once called Beroea); small, since spellings of one place are alternates
# too ("Odessa" is Odesa's).
_PRIMARY = 1.5


def pick(
    options: list[Option],
    votes: Counter[str],
    leaning: dict[str, str],
    regions: dict[tuple[str | None, str | None], float],
    near: tuple[float, float] | None,
) -> dict[int, GazetteerRow]:
    """Each option's row: the prior, the article's countries and regions and the other names
    that could be near, then again with the distance to the other names' choices."""
    total = sum(votes.values())
    first = votes.most_common(1)
    main = first[0][0] if first and first[0][1] * 2 > total else None
    support = _support(options, main)
    chosen: dict[int, GazetteerRow] = {}
    for o in options:
        rows = o.rows
        countries: dict[str, float] = dict(votes)
        own = leaning.get(fold_name(o.name))
        if own:  # a name's own leaning is no evidence for itself
            countries[own] -= 1

        def bonus(row: GazetteerRow, name: str = o.name) -> float:
            return support(row) + (_PRIMARY if primary(row, name) else 0.0)

        row = choose(rows, countries=countries, near=near, regions=regions, bonus=bonus)
        if row is not None:
            chosen[o.start] = row
    points = [
        (fold_name(o.name), chosen[o.start])
        for o in options
        if o.start in chosen
        and chosen[o.start].precision not in (Precision.COUNTRY, Precision.REGION)
    ]
    for o in options:
        if o.start not in chosen or len(o.rows) < 2:
            continue
        me = fold_name(o.name)
        others = [row for name, row in points if name != me]
        if not others:
            continue

        countries = dict(votes)
        own = leaning.get(me)
        if own:
            countries[own] -= 1

        def again(row: GazetteerRow, name: str = o.name) -> float:
            return support(row) + (_PRIMARY if primary(row, name) else 0.0)

        row = choose(o.rows, countries=countries, regions=regions, others=others, bonus=again)
        if row is not None:
            chosen[o.start] = row
    return chosen


def fold_name(text: str) -> str:
    return text.lower().removeprefix("the ").strip()
