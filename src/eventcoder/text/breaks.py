"""Line breaks that end a sentence: a headline, a dateline or a paragraph with no closing stop.

spaCy's parser runs a headline into the lead ("Strike kills 14\n\nArtillery fire hit ..." as one
sentence), so the toll, actors and places of two sentences mix. A blank line always ends a
sentence; a single line break does when the line before ends with no joining mark and the next
line starts as a sentence does (a capital, a figure or a quote), so hard-wrapped prose stays whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME = "eventcoder_line_breaks"
_JOINING = {",", ";", ":", "-", "–", "—", "(", "/", "&"}
_OPENING = {'"', "'", "“", "‘", "«"}
_LONG_LINE = 160  # a line this long or longer is prose wrapped by an editor, not a headline


def _starts_sentence(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or first.isdigit() or first in _OPENING


def _line_length(doc: Doc, token: Token) -> int:
    """Length of the line that ends with this token."""
    end = token.idx + len(token)
    return end - (doc.text.rfind("\n", 0, token.idx) + 1)


def mark_line_breaks(doc: Doc) -> Doc:
    """Set a sentence start after each line break that ends a sentence (before the parser,
    which keeps starts already set).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = mark_line_breaks(nlp("Strike kills 14\\n\\nShells hit a market"))
    >>> [t.text for t in doc if t.is_sent_start]
    ['Strike', 'Shells']
    """
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            continue
        if previous is not None:
            gap = doc.text[previous.idx + len(previous) : token.idx]
            if gap.count("\n") >= 2 or (
                "\n" in gap
                and previous.text not in _JOINING
                and _starts_sentence(token)
                and _line_length(doc, previous) < _LONG_LINE
            ):
                token.is_sent_start = True
        previous = token
    return doc
