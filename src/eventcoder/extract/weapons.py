"""The means of an attack named in its sentence (drone, grenade, roadside bomb, gunmen)."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from eventcoder.datafiles import load_yaml, require
from eventcoder.errors import DataFileError
from eventcoder.ontology import ontology

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Weapon:
    """A weapon class with the PLOVER ASSAULT mode it implies."""

    weapon: str
    mode: str
    rank: int


@functools.cache
def weapon_table() -> tuple[dict[str, Weapon], int]:
    """Lemma phrase -> weapon, and the longest phrase in words (data/lexicons/weapons.yaml)."""
    modes = ontology().types["ASSAULT"].modes
    table: dict[str, Weapon] = {}
    longest = 1
    for rank, row in enumerate(load_yaml("lexicons/weapons.yaml") or []):
        where = f"data/lexicons/weapons.yaml entry {rank}"
        mode = str(require(row, "mode", where=where))
        if mode not in modes:
            raise DataFileError(f"{where}: {mode!r} is not an ASSAULT mode in ontology.yaml")
        weapon = Weapon(weapon=str(require(row, "weapon", where=where)), mode=mode, rank=rank)
        for phrase in require(row, "lemmas", where=where):
            # spaCy splits hyphenated words: "booby-trap" is "booby - trap"
            key = " ".join(str(phrase).lower().replace("-", " - ").split())
            table.setdefault(key, weapon)
            longest = max(longest, len(key.split()))
    return table, longest


def weapon_word(lemma: str) -> bool:
    """Whether a single word names a means of attack ("missile", "drone", "grenade")."""
    return lemma in weapon_table()[0]


# Particles that turn a verb of hitting into one of repelling: "beat back an assault",
# "beat off a raid" name no weapon.
_REPELLING = ("back", "off")


def _repelling(token: Token) -> bool:
    return token.pos_ == "VERB" and any(
        (c.dep_ in ("prt", "advmod") and c.lower_ in _REPELLING)
        or (c.dep_ == "prep" and c.lower_ == "off")
        for c in token.children
    )


def find_weapon(sent: Span) -> Weapon | None:
    """The most specific weapon class named in the sentence, if any (not the verb of a
    phrasal "repel": "beat back an assault")."""
    table, longest = weapon_table()
    lemmas = ["" if _repelling(t) else t.lemma_.lower() for t in sent]
    words = ["" if not lemma else t.lower_ for t, lemma in zip(sent, lemmas, strict=True)]
    best: Weapon | None = None
    for start in range(len(lemmas)):
        for size in range(1, longest + 1):
            if start + size > len(lemmas):
                break
            for sequence in (lemmas, words):
                found = table.get(" ".join(sequence[start : start + size]))
                if found is not None and (best is None or found.rank < best.rank):
                    best = found
    return best
