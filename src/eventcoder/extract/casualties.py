"""Casualty figures: numbers and number words, ranges, vague quantities, killed versus injured."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import Casualties, Count

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


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
        return value
    return None


def _count_for(noun: Token, lexicon: Lexicon) -> tuple[Count, Token] | None:
    """The figure counting a noun phrase ("at least 12 people", "dozens", "three")."""
    candidates = [noun, *noun.children]
    for token in candidates:
        if token != noun and token.dep_ not in (
            "nummod",
            "quantmod",
            "amod",
            "det",
            "compound",
            "nmod",
        ):
            continue
        if token.lower_ in lexicon.vague_quantities:
            low, best, high = lexicon.vague_quantities[token.lower_]
            return Count(low=low, best=best, high=high), token
        value = number_value(token, lexicon)
        if value is None:
            continue
        before = token.doc[max(token.i - 3, 0) : token.i].text.lower()
        if any(phrase in before for phrase in lexicon.at_least):
            return Count(low=value, best=value, high=None), token
        if "up to" in before:
            return Count(low=None, best=value, high=value), token
        return Count(low=value, best=value, high=value), token
    return None


def _counted_nouns(key: Token) -> list[Token]:
    """Noun tokens whose numbers count the people a casualty word is about."""
    nouns: list[Token] = []
    if key.pos_ in ("VERB", "AUX"):
        if key.lemma_ in ("die", "perish"):
            deps: tuple[str, ...] = ("nsubj",)
        elif not any(c.dep_ == "dobj" for c in key.children) and not any(
            c.lemma_ == "have" for c in key.children
        ):
            deps = ("nsubjpass", "nsubj")  # headline style: "Three soldiers killed"
        else:
            deps = ("dobj", "nsubjpass")
        nouns += [c for c in key.children if c.dep_ in deps]
        if key.dep_ in ("acl", "relcl") and not nouns:
            nouns.append(key.head)
    elif key.pos_ == "ADJ":
        if key.dep_ == "amod":
            nouns.append(key.head)
        elif key.dep_ in ("acomp", "oprd"):
            nouns += [c for c in key.head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")]
        else:
            nouns.append(key)
    else:
        nouns.append(key)
        if key.dep_ in ("dobj", "nsubj", "pobj") and key.lemma_ == "toll":
            nouns += [t for t in key.head.subtree if t.like_num]
    for noun in list(nouns):
        group = [*noun.conjuncts, *(c for c in noun.children if c.dep_ == "appos")]
        if noun.dep_ == "appos":
            group += [noun.head, *(c for c in noun.head.children if c.dep_ == "appos")]
        nouns += [c for c in group if c not in nouns]
    return nouns


def _total(found: list[Count]) -> Count:
    """Counts of several groups ("two soldiers, one civilian") added up."""
    if len(found) == 1:
        return found[0]
    low = sum(c.low or 0 for c in found)
    best_values = [c.best for c in found]
    best = (
        sum(b for b in best_values if b is not None)
        if any(b is not None for b in best_values)
        else None
    )
    high = None if any(c.high is None for c in found) else sum(c.high or 0 for c in found)
    return Count(low=low, best=best, high=high)


def find_casualties(sent: Span, lexicon: Lexicon) -> Casualties | None:
    """Killed and injured figures stated in a sentence, with the victims' words."""
    killed: Count | None = None
    injured: Count | None = None
    victims: str | None = None
    start = end = None
    vague = None
    for token in sent:
        lemma = token.lemma_.lower()
        is_killed = lemma in lexicon.killed or token.lower_ in ("dead", "killed")
        is_injured = lemma in lexicon.injured or token.lower_ in ("wounded", "injured")
        if lemma in lexicon.vague_casualty and token.pos_ == "NOUN":
            vague = token
        if not (is_killed or is_injured):
            continue
        if lemma == "lose" and not any(c.lower_ in ("life", "lives") for c in token.children):
            continue
        counts: list[Count] = []
        for noun in _counted_nouns(token):
            found = _count_for(noun, lexicon)
            if found is None:
                continue
            count, number = found
            counts.append(count)
            if noun.lemma_.lower() in lexicon.people and victims is None:
                victims = noun.text
            span = sorted([token.idx, number.idx, token.idx + len(token), number.idx + len(number)])
            start = span[0] if start is None else min(start, span[0])
            end = span[-1] if end is None else max(end, span[-1])
        if not counts:
            continue
        if is_killed and killed is None:
            killed = _total(counts)
        elif is_injured and injured is None:
            injured = _total(counts)
    if killed is None and injured is None:
        if vague is None:
            return None
        phrase = sent.doc[vague.left_edge.i : vague.right_edge.i + 1]
        unknown = Count(low=None, best=None, high=None)
        return Casualties(
            killed=unknown,
            injured=unknown,
            text=phrase.text,
            start=phrase.start_char,
            end=phrase.end_char,
        )
    if start is None or end is None:
        return None
    return Casualties(
        killed=killed,
        injured=injured,
        victims=victims,
        text=sent.doc.text[start:end],
        start=start,
        end=end,
    )
