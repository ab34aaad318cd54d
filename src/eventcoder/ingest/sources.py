"""Find out what kind of input a path or stream is, read it safely, and hand out Articles."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventcoder.config import Settings
from eventcoder.errors import InputError
from eventcoder.ingest.plain import parse_plain
from eventcoder.ingest.web import parse_feed, parse_html
from eventcoder.model import Article, Failure

logger = logging.getLogger(__name__)

_PLAIN = {".txt", ".text", ".md", ""}
_JSONL = {".jsonl", ".ndjson", ".json"}
_HTML = {".html", ".htm", ".xhtml"}
_FEED = {".xml", ".rss", ".atom", ".feed"}


def _decode(raw: bytes, *, source: str, limit: int) -> str:
    if len(raw) > limit:
        raise InputError(
            f"input is {len(raw):,} bytes, over the {limit:,}-byte limit; split it "
            "or raise EVENTCODER_MAX_INPUT_BYTES",
            source=source,
        )
    if not raw.strip():
        raise InputError("input is empty; give a file with article text", source=source)
    if b"\x00" in raw[:8192]:
        raise InputError(
            "input looks binary (NUL bytes); give UTF-8 text, JSONL, HTML or a feed", source=source
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"input is not UTF-8 (byte {e.start}); re-encode it, e.g. `iconv -f latin1 -t utf-8`",
            source=source,
        ) from e


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        return "feed"
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return "html"
    return "plain"


def _kind(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in _JSONL:
        return "jsonl"
    if suffix in _HTML:
        return "html"
    if suffix in _FEED:
        return "feed"
    if suffix in _PLAIN:
        return _sniff(text) if suffix == "" else "plain"
    return _sniff(text)


def _jsonl_article(line: str, *, source: str, number: int, published: str | None) -> Article:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(
            f"malformed JSON ({e.msg} at column {e.colno}); each line must be one JSON object",
            source=source,
            line=number,
        ) from e
    if not isinstance(row, dict):
        raise InputError(
            "line is not a JSON object with `id` and `text`", source=source, line=number
        )
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("missing or empty `text` field", source=source, line=number)
    article_id = row.get("id")
    if article_id is None or str(article_id) == "":
        raise InputError("missing `id` field", source=source, line=number)

    def field(name: str) -> str | None:
        value = row.get(name)
        return str(value) if value not in (None, "") else None

    return parse_plain(
        text,
        source=f"{source}:{number}",
        article_id=str(article_id),
        published=(field("published") or published),
        title=field("title"),
        outlet=field("outlet"),
        url=field("url"),
    )


def _read_jsonl(
    text: str, *, source: str, published: str | None, limit: int
) -> Iterator[Article | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            if len(line) > limit:
                raise InputError(
                    f"line is {len(line):,} characters, over the limit {limit:,}",
                    source=source,
                    line=number,
                )
            yield _jsonl_article(line, source=source, number=number, published=published)
        except InputError as e:
            logger.warning("%s", e)
            yield Failure(source=source, stage="ingest", error=str(e), line=number)


def read_source(
    raw: bytes,
    *,
    source: str,
    kind: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | Failure]:
    """Read one input's bytes; every problem becomes a Failure naming the source and line."""
    settings = settings or Settings()
    try:
        text = _decode(raw, source=source, limit=settings.max_input_bytes)
        kind = kind or _kind(Path(source), text)
        if kind == "jsonl":
            yield from _read_jsonl(
                text, source=source, published=published, limit=settings.max_article_chars * 2
            )
        elif kind == "html":
            yield parse_html(text, source=source, published=published)
        elif kind == "feed":
            yield from parse_feed(text, source=source, published=published)
        else:
            article_id = Path(source).stem if source != "-" else None
            yield parse_plain(
                text, source=source, article_id=article_id or None, published=published
            )
    except InputError as e:
        logger.warning("%s", e)
        yield Failure(source=source, stage="ingest", error=str(e), line=e.line)


def _expand(paths: Iterable[str]) -> Iterator[str]:
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            yield from (
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield name


def read_inputs(
    paths: Iterable[str], *, published: str | None = None, settings: Settings | None = None
) -> Iterator[Article | Failure]:
    """Articles and failures from files, folders and `-` (standard input), in order."""
    settings = settings or Settings()
    for name in _expand(paths):
        if name == "-":
            raw = sys.stdin.buffer.read(settings.max_input_bytes + 1)
            yield from read_source(raw, source="-", published=published, settings=settings)
            continue
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > settings.max_input_bytes:
                raise InputError(
                    f"file is {size:,} bytes, over the {settings.max_input_bytes:,}"
                    "-byte limit; split it or raise EVENTCODER_MAX_INPUT_BYTES",
                    source=name,
                )
            raw = path.read_bytes()
        except OSError as e:
            yield Failure(
                source=name,
                stage="ingest",
                error=f"{name}: cannot read ({e.strerror}); check the path",
            )
            continue
        except InputError as e:
            yield Failure(source=name, stage="ingest", error=str(e))
            continue
        yield from read_source(raw, source=name, published=published, settings=settings)
