"""What kind of source a claimant is (spokesperson, witness, media, medical, NGO, government,
party, official, anonymous), from the words of its phrase and what the knowledge base knows."""

from __future__ import annotations

import re

from eventcoder.extract.lexicon import Lexicon
from eventcoder.model import ClaimantType, Entity

_CLAIMANT_SECTORS = {
    "MED": ClaimantType.MEDIA,
    "NGO": ClaimantType.NGO,
    "IGO": ClaimantType.NGO,
    "HRI": ClaimantType.NGO,
    "HLH": ClaimantType.MEDICAL,
    "GOV": ClaimantType.GOVERNMENT,
    "MIL": ClaimantType.PARTY,  # an armed force speaks as a party, state or not
    "COP": ClaimantType.GOVERNMENT,
    "REB": ClaimantType.PARTY,
    "UAF": ClaimantType.PARTY,
    "PTY": ClaimantType.PARTY,
}


_WORDS = re.compile(r"[a-z]+")
# Words of a claimant's phrase that decide its type over its head noun, strongest first.
_PHRASE_TYPES = (
    ClaimantType.SPOKESPERSON,
    ClaimantType.WITNESS,
    ClaimantType.MEDIA,
    ClaimantType.MEDICAL,
    ClaimantType.ANONYMOUS,
)
# Knowledge-base sectors that say what an organisation is, whatever its phrase's head noun.
_NATURE_SECTORS = {"NGO", "IGO", "HRI", "HLH", "MED"}


def claimant_type(entity: Entity | None, lexicon: Lexicon) -> ClaimantType:
    """What kind of source speaks: a word of its phrase that says so ("spokesman",
    "residents", "health ministry", "state broadcaster", "sources"), else what the
    knowledge base knows it as, else its head noun."""
    if entity is None:
        return ClaimantType.MEDIA
    roles = lexicon.claimant_roles
    said = {
        ClaimantType(value)
        for word in _WORDS.findall(entity.text.lower())
        if (value := roles.get(word) or roles.get(word.rstrip("s")))
    }
    for kind in _PHRASE_TYPES:
        if kind in said:
            return kind
    if entity.method.startswith("kb") and entity.sector in _NATURE_SECTORS:
        return _CLAIMANT_SECTORS[entity.sector]
    if entity.role:
        value = roles.get(entity.role)
        if value == ClaimantType.GOVERNMENT and entity.sector == "MIL":
            return ClaimantType.PARTY  # a defence ministry speaks for the fighting side
        if value:
            return ClaimantType(value)
    if entity.sector in _CLAIMANT_SECTORS:
        return _CLAIMANT_SECTORS[entity.sector]
    return ClaimantType.ANONYMOUS if entity.method == "phrase" else ClaimantType.OFFICIAL
