"""Title-case headlines recased for the parser.

In "Police Arrest Man After Attack In Kaduna" every word looks like a name to the tagger: the
verb becomes a proper noun, no event is found, and "Man" is taken for the town in Côte d'Ivoire.
Such a line is parsed in sentence case instead ("Police arrest man after attack in Kaduna"):
a capitalised word that English knows as a common word is lowercased unless the caller knows
it as a name (a place, an actor, a nationality). The text keeps its length, so every offset
still points into the article as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.datafiles import load_yaml, require

if TYPE_CHECKING:
    from spacy.language import Language

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LINE = re.compile(r"[^\n]+")
# A headline is short; a longer line in title case is a list of names, not a headline.
_MAX_WORDS = 24
_MIN_CONTENT_WORDS = 3
_MAX_NAME_WORDS = 6
_MAX_ACRONYM = 5


@functools.cache
def _words() -> dict[str, frozenset[str]]:
    """The word lists of data/lexicons/headline_words.yaml."""
    table = load_yaml("lexicons/headline_words.yaml") or {}
    where = "data/lexicons/headline_words.yaml"
    return {
        key: frozenset(str(w).lower() for w in require(table, key, where=where))
        for key in ("function", "names", "joiners")
    }


WordKinds = Callable[[str], frozenset[str]]
KeepName = Callable[[str, frozenset[str]], bool]


def word_kinds_from(nlp: Language) -> WordKinds:
    """The parts of speech English gives a lowercased word ('noun', 'verb', 'adj', 'adv',
    'function'), from the model's lemmatizer tables; empty for a word it does not know."""
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index = lookups.get_table("lemma_index")
    rules = lookups.get_table("lemma_rules")
    known = {pos: frozenset(index[pos]) for pos in ("noun", "verb", "adj", "adv") if pos in index}
    suffixes = {pos: [(old, new) for old, new in rules[pos]] for pos in known if pos in rules}

    @functools.cache
    def kinds(word: str) -> frozenset[str]:
        found = {"function"} if word in _words()["function"] else set()
        for pos, words in known.items():
            if word in words or any(
                word.endswith(old) and word[: len(word) - len(old)] + new in words
                for old, new in suffixes.get(pos, ())
            ):
                found.add(pos)
        return frozenset(found)

    return kinds


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def is_title_case(line: str) -> bool:
    """Every content word of a short line starts with a capital.

    >>> is_title_case("Police Arrest Man After Attack In Kaduna")
    True
    >>> is_title_case("The RF Armed Forces destroyed up to 40 servicemen of the Kharkiv Brigade")
    False
    """
    words = _WORD.findall(line)
    if len(words) > _MAX_WORDS or "?" in line:
        return False  # a question headline ("Will Russia Strike Kyiv?") is an explainer
    content = [
        w for w in words if len(w) > 3 and not w.isupper() and w.lower() not in _words()["function"]
    ]
    if len(content) < _MIN_CONTENT_WORDS:
        return False
    return all(_capitalised(w) for w in content)


def sentence_case(text: str, *, kinds: WordKinds, keep: KeepName) -> str:
    """The text with each title-case line in sentence case; the same length as the text.

    >>> sentence_case(
    ...     "Police Arrest Man In Kaduna",
    ...     kinds=lambda w: frozenset({"noun"}) if w != "kaduna" else frozenset(),
    ...     keep=lambda name, k: False,
    ... )
    'Police arrest man in Kaduna'
    """
    pieces = list(text)
    for line in _LINE.finditer(text):
        words = line.group()
        if is_all_caps(words):
            words = _title_cased(words, kinds, keep)
            pieces[line.start() : line.end()] = list(words)
        if is_title_case(words):
            for start in _recased(words, kinds, keep):
                at = line.start() + start
                pieces[at] = pieces[at].lower()
    return "".join(pieces)


def is_all_caps(line: str) -> bool:
    """A short line in capitals ("SHELLING KILLS TWO IN HORLIVKA"), read as title case.

    >>> is_all_caps("TASS: LOSSES ON THE DONETSK FRONT TOP 100 - MINISTRY")
    True
    >>> is_all_caps("UN says DPR and LPR fighters withdrew")
    False
    >>> is_all_caps("Shelling kills two - TASS")
    False
    """
    words = [w for w in _WORD.findall(line) if len(w) > 1]
    capitals = [w for w in words if w.isupper()]
    content = [w for w in capitals if w.lower() not in _words()["function"]]
    # A closing attribution may be in mixed case ("... PER DAY - Russian Defense Ministry").
    return (
        len(words) <= _MAX_WORDS
        and len(content) >= _MIN_CONTENT_WORDS
        and len(capitals) >= 0.75 * len(words)
    )


def _title_cased(line: str, kinds: WordKinds, keep: KeepName) -> str:
    """Each word of an all-caps line with only its first letter a capital, except short words
    known as names ("DPR", "UN", "APU"); the same length as the line."""
    pieces = list(line)
    for match in _WORD.finditer(line):
        word = match.group()
        if not word.isupper() or (len(word) <= _MAX_ACRONYM and keep(word, kinds(word.lower()))):
            continue
        for at in range(match.start() + 1, match.end()):
            pieces[at] = line[at].lower()
    return "".join(pieces)


def _recased(line: str, kinds: WordKinds, keep: KeepName) -> list[int]:
    """Where the line's words to lowercase start: common words that do not start a name."""
    words = list(_WORD.finditer(line))
    out: list[int] = []
    i = 1  # the first word keeps its capital, as in sentence case
    while i < len(words):
        word = words[i].group()
        if not _capitalised(word):
            i += 1
            continue
        size = _name_size(words, i, kinds, keep)
        if size:
            i += size
            continue
        lowered = word.lower()
        common = lowered in _words()["function"] or kinds(lowered)
        if common and lowered not in _words()["names"] and lowered[:1].upper() == word[:1]:
            out.append(words[i].start())
        i += 1
    return out


def _name_size(words: list[re.Match[str]], i: int, kinds: WordKinds, keep: KeepName) -> int:
    """How many words from word i make a name the caller knows (0 if none): capitalised words
    and the small words between them ("Armed Forces of Ukraine")."""
    run = 1
    while (
        run < _MAX_NAME_WORDS
        and i + run < len(words)
        and words[i + run].start() - words[i + run - 1].end() == 1
        and (
            _capitalised(words[i + run].group())
            or words[i + run].group().lower() in _words()["joiners"]
        )
    ):
        run += 1
    for size in range(run, 0, -1):
        if not _capitalised(words[i + size - 1].group()):
            continue
        phrase = " ".join(m.group() for m in words[i : i + size])
        if keep(phrase, kinds(phrase.lower()) if size == 1 else frozenset()):
            return size
    return 0
