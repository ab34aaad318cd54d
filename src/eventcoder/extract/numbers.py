"""Figures in text: numbers and number words, ranges, hedges and vague quantities.

A number is read with the words around it: "at least 12" has no upper bound, "up to 5" no
lower one, "3 to 5" and "between 3 and 5" are ranges, "dozens" is a vague quantity. A wire
story's version number ("UPDATE 2-") is no figure at all.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from eventcoder.datafiles import load_yaml
from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import Count

if TYPE_CHECKING:
    from spacy.tokens import Token

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^(\d+)[-–](\d+)$")


@functools.cache
def _version_tags() -> frozenset[str]:
    raw = load_yaml("lexicons/casualties.yaml")
    return frozenset(str(t).lower() for t in raw.get("version_tags") or ())


def _version_number(token: Token) -> bool:
    """A wire story's version number ("UPDATE 2-", "WRAPUP 1-"), no figure of the story."""
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1
        and doc[token.i - 1].lower_ in _version_tags()
        and doc[token.i + 1].text in ("-", "–")
    )


def number_value(token: Token, lexicon: Lexicon) -> int | None:
    """The integer a number token stands for ("12", "1,200", "three", "dozen"), else None."""
    text = token.text.lower()
    if _DIGITS.match(text):
        value = float(text.replace(",", ""))
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ in lexicon.multipliers:
            value *= lexicon.multipliers[nxt.lower_]
        return int(value)
    if text in lexicon.numbers and (token.like_num or text in ("dozen", "couple")):
        value = lexicon.numbers[text]
        prev = token.nbor(-1) if token.i > 0 else None
        if text == "dozen" and prev is not None and prev.lower_ in lexicon.numbers:
            value *= lexicon.numbers[prev.lower_]
            if prev.i > 0 and prev.nbor(-1).lower_ == "half":
                value //= 2  # "half a dozen"
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ in lexicon.multipliers and nxt.lower_ != text:
            value *= lexicon.multipliers[nxt.lower_]  # "half a hundred" stays out; "two hundred"
        return value
    return None


def _hedged(token: Token, value: int, lexicon: Lexicon) -> Count:
    """A number with the words before it: "at least 12", "up to 5", "about 20", "3 to 5"."""
    before = token.doc[max(token.i - 3, token.sent.start) : token.i].text.lower()
    if "up to" in before:
        return Count(low=None, best=value, high=value)
    clause = before.split(",")[-1]
    if any(re.search(rf"\b{re.escape(phrase)}\b", clause) for phrase in lexicon.at_least):
        return Count(low=value, best=value, high=None)
    if any(re.search(rf"\b{re.escape(phrase)}\b", before) for phrase in lexicon.about):
        return Count(low=None, best=value, high=None)
    if (
        token.i >= 2
        and token.nbor(-1).lower_ in ("to", "-", "–", "or")
        and not _version_number(token.nbor(-2))
        and not (token.i >= 3 and token.nbor(-3).lower_ in ("by", "from"))  # "rose by 5 to 38"
    ):
        low = number_value(token.nbor(-2), lexicon)
        if low is not None and low < value:
            return Count(low=low, best=low, high=value)
    doc = token.doc
    if 0 < token.i < len(doc) - 2 and doc[token.i - 1].lower_ == "between":
        high = number_value(doc[token.i + 2], lexicon) if doc[token.i + 1].lower_ == "and" else None
        if high is not None and high > value:
            return Count(low=value, best=value, high=high)  # "between 3 and 5"
    return Count(low=value, best=value, high=value)


def number_figure(token: Token, lexicon: Lexicon) -> Count | None:
    """The figure a single token gives: a number, a range ("5-7") or a vague quantity, with
    its hedge: "at least 12" is 12 with no upper bound, "5-7" is 5 within 5..7."""
    if _version_number(token):
        return None
    if token.lower_ in lexicon.vague_quantities:
        low, best, high = lexicon.vague_quantities[token.lower_]
        return Count(low=low, best=best, high=high)
    if match := _RANGE.match(token.text):
        low, high = sorted(int(g) for g in match.groups())
        return Count(low=low, best=low, high=high)
    value = number_value(token, lexicon)
    return None if value is None else _hedged(token, value, lexicon)
