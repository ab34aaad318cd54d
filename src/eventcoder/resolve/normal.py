"""One normalisation of names for every index, so that lookups and data agree."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_DROP = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "ʼ": "'",
        "-": " ",
        "‐": " ",
        "–": " ",
        "—": " ",
        ".": "",
        ",": " ",
    }
)


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and hyphens, collapse spaces.

    >>> fold("Al-Qassam  Brigades")
    'al qassam brigades'
    >>> fold("Khān Yūnis")
    'khan yunis'
    """
    if text.isascii():  # nothing to decompose: the common case, kept cheap
        bare = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower().translate(_DROP)).strip()


def is_latin(text: str) -> bool:
    """True when every letter of the text is Latin script (after stripping accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return all(ord(ch) < 0x250 for ch in decomposed if ch.isalpha())


def name_keys(text: str) -> set[str]:
    """Index keys for a name: folded, without a leading article, with and without `al `.

    >>> sorted(name_keys("the al-Quds Brigades"))
    ['al quds brigades', 'quds brigades']
    """
    key = fold(text)
    for article in ("the ", "a ", "an "):
        if key.startswith(article):
            key = key[len(article) :]
    keys = {key}
    for prefix in ("al ", "el ", "ad ", "ash ", "as ", "az "):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix) :])
    return {k for k in keys if k}
