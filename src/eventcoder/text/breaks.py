"""Line breaks that end a sentence (a headline, a dateline or a paragraph with no closing stop),
and a headline's closing attribution ("Shelling kills two in Donetsk - DPR official").

spaCy's parser runs a headline into the lead ("Strike kills 14\n\nArtillery fire hit ..." as one
sentence), so the toll, actors and places of two sentences mix. A blank line always ends a
sentence; a single line break does when the line before ends with no joining mark and the next
line starts as a sentence does (a capital, a figure or a quote), so hard-wrapped prose stays whole.

A line with no closing stop that ends in a dash or colon and a short phrase with no verb ends in
its source, whom the parser otherwise reads as a place's apposition or an object ("... in
Donetsk - Russian Defence Ministry"). The mark and the phrase become a sentence of their own,
which extract.claims reads as the claimant of the line before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "eventcoder_line_breaks"
_JOINING = {",", ";", ":", "-", "–", "—", "(", "/", "&"}
_OPENING = {'"', "'", "“", "‘", "«"}
_LONG_LINE = 160  # a line this long or longer is prose wrapped by an editor, not a headline
TAIL_MARKS = {"-", "–", "—", ":"}
_TAIL_WORDS = 6  # a source's name or title is short ("the DPR's defence ministry")
_VERB_TAGS = {"VB", "VBD", "VBP", "VBZ", "MD"}


def _starts_sentence(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first in _OPENING


def _line_start(text: str, position: int) -> int:
    """Offset of the start of the line holding a character offset."""
    return text.rfind("\n", 0, position) + 1


def _line_length(text: str, token: Token) -> int:
    """Length of the line that ends with this token."""
    return token.idx + len(token) - _line_start(text, token.idx)


def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after each line break that ends a sentence (before the parser,
    which keeps starts already set).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = mark_line_breaks(nlp("Strike kills 14\\n\\nShells hit a market"))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Strike', 'Shells']
    """
    text = doc.text  # built anew on each access: once per document
    _mark_closing_sources(doc, text)
    if "\n" not in text:
        return doc
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            continue
        if previous is not None:
            gap = text[previous.idx + len(previous) : token.idx]
            if gap.count("\n") >= 2 or (
                "\n" in gap
                and previous.text not in _JOINING
                and _starts_sentence(token)
                and _line_length(text, previous) < _LONG_LINE
            ):
                token.is_sent_start = True
        previous = token
    return doc


def closing_source(doc: Doc, start: int, end: int, text: str | None = None) -> bool:
    """Whether doc[start:end] is a line's closing source: after a spaced dash or a colon, short,
    with no verb and no stop, at the end of a line of at least three words before it."""
    if start < 4 or not 0 < end - start <= _TAIL_WORDS:
        return False
    mark = doc[start - 1]
    if mark.text not in TAIL_MARKS:
        return False
    if mark.text != ":" and not (mark.whitespace_ or doc[start - 2].whitespace_):
        return False  # "pro-Russian": a hyphen inside a word
    tail = doc[start:end]
    before = _line_words(doc, start - 1, _line_start(doc.text if text is None else text, mark.idx))
    return (
        len(before) >= 3
        and before[-1].text not in TAIL_MARKS
        and not any(t.tag_ in _VERB_TAGS or t.text in TAIL_MARKS | {".", "!", "?"} for t in tail)
        # the tags only: the parts of speech are set after the parser
        and (tail[0].text[:1].isupper() or tail[0].tag_[:2] in ("NN", "JJ", "DT", "PR"))
    )


def _line_ends(doc: Doc) -> list[int]:
    """Token index just past the last word of each line."""
    ends: list[int] = []
    for token in doc:
        if token.is_space and "\n" in token.text:
            ends.append(token.i)
        elif "\n" in token.whitespace_:
            ends.append(token.i + 1)
    ends.append(len(doc))
    return ends


def _line_words(doc: Doc, stop: int, line_start: int) -> list[Token]:
    """The words of a line before token `stop`, walking back from it."""
    words: list[Token] = []
    for index in range(stop - 1, -1, -1):
        token = doc[index]
        if token.idx < line_start:
            break
        if not token.is_space:
            words.append(token)
    return words[::-1]


def _mark_closing_sources(doc: Doc, text: str) -> None:
    for end in _line_ends(doc):
        while end > 0 and doc[end - 1].is_space:
            end -= 1
        start = next(
            (
                i + 1
                for i in range(end - 1, max(end - _TAIL_WORDS - 2, 0), -1)
                if doc[i].text in TAIL_MARKS
            ),
            None,
        )
        if start is not None and closing_source(doc, start, end, text):
            # the mark goes with the source: a line ending in a dash parses worse
            doc[start - 1].is_sent_start = True
            for token in doc[start:end]:
                token.is_sent_start = False
            _one_sentence(doc, start - 1, text)


def _one_sentence(doc: Doc, mark: int, text: str) -> None:
    """A headline before its source is one sentence ("... shelling of Donetsk kills civilian"
    is not cut after "kills"), unless it has a stop of its own."""
    words = _line_words(doc, mark, _line_start(text, doc[mark].idx))
    if words and not any(t.text in (".", "!", "?") for t in words):
        for token in words[1:]:
            token.is_sent_start = False
