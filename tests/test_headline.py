"""Title-case headlines recased for the parser (text.headline), without the model."""

from __future__ import annotations

import pytest

from eventcoder.text.headline import is_title_case, sentence_case

_COMMON = {"police", "arrest", "man", "attack", "strike", "kill", "kills", "deal", "sign", "peace"}


def _kinds(word: str) -> frozenset[str]:
    return frozenset({"noun"}) if word in _COMMON else frozenset()


def _keep(phrase: str, kinds: frozenset[str]) -> bool:
    return phrase in {"Armenia", "Azerbaijan", "Kaduna", "Armed Forces of Ukraine"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Police Arrest Man After Attack In Kaduna", "Police arrest man after attack in Kaduna"),
        ("Armenia And Azerbaijan Sign Peace Deal", "Armenia and Azerbaijan sign peace deal"),
        ("Strike Kills Police Man In May", "Strike kills police man in May"),
    ],
)
def test_title_case_headline_is_parsed_in_sentence_case(line: str, expected: str) -> None:
    assert sentence_case(line, kinds=_kinds, keep=_keep) == expected


def test_a_name_the_caller_knows_keeps_its_capitals_with_its_small_words() -> None:
    line = "Armed Forces of Ukraine Strike Man"
    assert sentence_case(line, kinds=_kinds, keep=_keep) == "Armed Forces of Ukraine strike man"


@pytest.mark.parametrize(
    "line",
    [
        "Police arrested a man after an attack in Kaduna.",
        "The RF Armed Forces destroyed up to 40 servicemen of the Kharkiv Brigade",
        "RSF",
    ],
)
def test_a_line_with_lowercase_content_words_is_left_alone(line: str) -> None:
    assert not is_title_case(line)
    assert sentence_case(line, kinds=_kinds, keep=_keep) == line


def test_recasing_keeps_every_offset() -> None:
    text = "Police Arrest Man After Attack In Kaduna\nPolice said the Man was held."
    out = sentence_case(text, kinds=_kinds, keep=_keep)
    assert len(out) == len(text)
    assert out.splitlines()[1] == text.splitlines()[1]


def test_a_question_headline_is_an_explainer_and_left_as_written() -> None:
    line = "Will Police Arrest Man In Kaduna? Attack Points To Failures"
    assert sentence_case(line, kinds=_kinds, keep=_keep) == line
