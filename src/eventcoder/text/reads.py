"""Cheap reads of a parse that the extractor makes many times per document.

spaCy builds `doc.text` anew on every access, and visiting every token makes a Python object
per token; an article set is read thousands of times in both ways, so the text is kept in the
document's user data after the first read, and tokens with given lower-case forms are found
in the document's array of word ids.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TEXT = "eventcoder.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return str(found)


def tokens_lowered(doc: Doc, words: Collection[str]) -> list[Token]:
    """The tokens whose lower-case form is one of `words`, in document order.

    >>> import spacy
    >>> doc = spacy.blank("en")("The camp and the City")
    >>> [t.i for t in tokens_lowered(doc, {"city", "camp"})]
    [1, 4]
    """
    import numpy
    from spacy.attrs import LOWER

    if not len(doc):
        return []
    wanted = numpy.array([doc.vocab.strings.add(word) for word in words], dtype="uint64")
    found = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted))
    return [doc[int(i)] for i in found]
