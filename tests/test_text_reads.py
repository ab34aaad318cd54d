"""Cheap reads of a parse give what the plain spaCy reads give."""

from __future__ import annotations

import spacy

from eventcoder.text.reads import doc_text, tokens_lowered


def test_tokens_lowered_finds_every_form_in_any_case_in_document_order() -> None:
    doc = spacy.blank("en")("The CITY was shelled; the camp and the City, not the cities.")
    found = tokens_lowered(doc, {"city", "camp"})
    assert [t.i for t in found] == [t.i for t in doc if t.lower_ in {"city", "camp"}]
    assert [t.text for t in found] == ["CITY", "camp", "City"]


def test_tokens_lowered_of_an_empty_document_or_unknown_words_is_empty() -> None:
    nlp = spacy.blank("en")
    assert tokens_lowered(nlp(""), {"city"}) == []
    assert tokens_lowered(nlp("Shelling in the east"), {"camp"}) == []


def test_doc_text_is_the_documents_text_read_once() -> None:
    doc = spacy.blank("en")("Shelling hit  the market.\nTwo died.")
    assert doc_text(doc) == doc.text
    doc.user_data["eventcoder.text"] = "kept"
    assert doc_text(doc) == "kept"  # the first read is kept, not rebuilt
