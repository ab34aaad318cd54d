"""A closing denial: "..., allegations the government denies.", "..., an accusation Moscow
rejects." The one who denies speaks for the denial, not the accuser before it; the parser
often reads the allegation noun or the denying word as a verb or a noun, so the words
decide, not the parse."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.extract.claims import RawClaim
from eventcoder.extract.lexicon import Lexicon, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns that name what the sentence before reported as an allegation.
_ALLEGATION_WORDS = {
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "charge",
    "charges",
    "claim",
    "claims",
}
_OPENERS = {"a", "an", "the", "which", "that", "those", "these"}
_LONGEST_DENIER = 6  # words between the allegation noun and the denying verb


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Denial:
    """The allegation noun, the denier's last word and the denying verb of a closing denial."""

    comma: Token
    noun: Token
    denier: Token
    verb: Token
    lemma: str


def _forms(lemma: str) -> set[str]:
    """The present and past forms of a regular verb: "deny" -> "denies", "denied"."""
    if lemma.endswith("y"):
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d"}
    return {lemma, lemma + "s", lemma + "es", lemma + "ed"}


def denying(word: Token, lexicon: Lexicon) -> str | None:
    """The denying verb's lemma, whatever part of speech the tagger gave the word."""
    for lemma, stance in lexicon.reporting.items():
        if stance == "deny" and word.lower_ in _forms(lemma):
            return lemma
    return None


def closing_denial(sent: Span, lexicon: Lexicon) -> Denial | None:
    """ "..., allegations the Israeli army denies.": the denial that closes a sentence."""
    words = [t for t in sent if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 4:
        return None
    verb = words[-1]
    lemma = denying(verb, lexicon)
    if lemma is None:
        return None
    for back in range(2, _LONGEST_DENIER + 3):
        if back >= len(words):
            return None
        word = words[-back]
        if word.is_punct:
            return None
        if word.lower_ not in _ALLEGATION_WORDS:
            continue
        start = len(words) - back
        opener = start - 1
        while opener >= 0 and words[opener].lower_ in _OPENERS:
            opener -= 1
        if opener < 0 or words[opener].text != "," or back == 2:
            return None
        between = words[start + 1 : -1]
        denier = next((t for t in reversed(between) if t.pos_ in ("NOUN", "PROPN")), None)
        if denier is None:
            return None
        return Denial(comma=words[opener], noun=word, denier=denier, verb=verb, lemma=lemma)
    return None


Chosen = tuple[float, "Token", int, Trigger]


def with_denial(chosen: list[Chosen], denial: Denial, lexicon: Lexicon) -> list[Chosen]:
    """A sentence's triggers with the closing denial as one of them, and none of the words of
    its clause besides ("allegations" is what is denied, not a second accusation)."""
    start, verb = denial.comma.i, denial.verb
    kept = [item for item in chosen if not start < item[1].i < verb.i]
    if any(item[1] == verb for item in kept):
        return kept
    entry = next(
        (
            e
            for e in lexicon.triggers.get(denial.lemma, ())
            if e.event == "REJECT" and len(e.lemmas) == 1
        ),
        None,
    )
    if entry is None:
        return kept
    return sorted([*kept, (entry.weight, verb, verb.i + 1, entry)], key=lambda item: item[1].i)


def denial_claim(denial: Denial) -> RawClaim:
    """The denier's own word for the denial."""
    return RawClaim(
        claimant=denial.denier,
        verb=denial.lemma,
        via=None,
        stance="assert",
        start=denial.noun.idx,
        end=denial.verb.idx + len(denial.verb),
    )


def denies_only(denial: Denial, token: Token) -> bool:
    """The closing denial is all that negates a trigger the parser hung below it: the
    accusation before it is still made ("Congo accused Rwanda of backing the rebels, an
    allegation Kigali denies")."""
    if token == denial.verb or denial.verb not in token.ancestors:
        return False
    words = [token, token.head] if token.dep_ in ("xcomp", "pcomp") else [token]
    return not any(c.dep_ == "neg" for word in words for c in word.children)
