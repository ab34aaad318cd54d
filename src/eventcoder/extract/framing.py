"""Loaded wording from every side, flagged with a neutral alternative."""

from __future__ import annotations

from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import Framing


def find_framing(text: str, lexicon: Lexicon, *, start: int = 0) -> list[Framing]:
    """Every loaded term in `text[start:]`, with offsets into `text`.

    The same pattern applies to every side's vocabulary; nothing depends on who is speaking.
    """
    by_term = {term.term.lower(): term for term in lexicon.loaded_terms}
    found: list[Framing] = []
    for match in lexicon.loaded_pattern.finditer(text, start):
        words = " ".join(match.group(0).lower().replace("-", " ").split())
        term = by_term.get(words) or by_term.get(match.group(0).lower())
        if term is None:
            term = next(
                (
                    t
                    for t in lexicon.loaded_terms
                    if " ".join(t.term.lower().replace("-", " ").split()) == words
                ),
                None,
            )
        if term is None:
            continue
        found.append(
            Framing(
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                category=term.category,
                neutral=term.neutral,
            )
        )
    return found
