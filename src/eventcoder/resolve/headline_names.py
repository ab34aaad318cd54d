"""Which capitalised words of a title-case headline are names, for recasing it (see
`text.headline`): actors, nationality words and places, where a place named by a common
English word must be a large or curated one and a word English also uses as a verb or
adjective ("Man", "Deal", "Police") must be a country or region."""

from __future__ import annotations

from eventcoder.model import Precision
from eventcoder.resolve.actors import ActorBase
from eventcoder.resolve.normal import fold
from eventcoder.resolve.places import NameIndex

_BIG_PLACE = 100_000
_AREAS = (Precision.COUNTRY, Precision.REGION)


def headline_name(phrase: str, kinds: frozenset[str], *, base: ActorBase, index: NameIndex) -> bool:
    """True when the phrase names an actor, a nationality or a place the headline means.

    `kinds` are the parts of speech English gives the phrase as a common word (empty for a
    phrase of several words or a word English does not know).
    """
    if base.names_actor(phrase) or phrase.lower() in base.demonyms:
        return True
    folded = fold(phrase)
    rows = [r for r in index.candidates(phrase) if fold(r.name) == folded]
    if not rows:
        return False
    if not kinds:
        return True
    if any(r.precision in _AREAS for r in rows):
        return True
    if kinds - {"noun"}:
        return False
    return any(r.population >= _BIG_PLACE or r.source.startswith("curated") for r in rows)
