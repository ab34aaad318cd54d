"""The parse's named entities, read once per document.

spaCy builds `doc.ents` anew on every access, and `span.ents` reads all of `doc.ents`; the
extractor asks for a sentence's entities thousands of times per article set, so they are kept
in the document's user data after the first read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "eventcoder.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, read once."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = tuple(doc.ents)
    return found


def span_ents(span: Span) -> list[Span]:
    """`span.ents`: the document's entities wholly inside the span."""
    return [e for e in doc_ents(span.doc) if e.start >= span.start and e.end <= span.end]
