"""Reading inputs: formats, metadata, and every kind of bad input becoming a failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.config import Settings
from eventcoder.ingest import read_inputs, read_source
from eventcoder.ingest.plain import parse_plain
from eventcoder.model import Article, Failure


def test_plain_dateline_line_gives_published_and_city_but_no_outlet() -> None:
    article = parse_plain(" date 2025-05-12 TEHRAN – In a statement, X said.", source="a.txt")
    assert article.published == "2025-05-12"
    assert article.dateline == "Tehran"
    assert article.outlet is None
    assert article.text[article.body_start :].startswith("In a statement")


def test_wire_dateline_reads_city_and_outlet_in_parentheses() -> None:
    article = parse_plain("KYIV (Reuters) - Russia launched drones.", source="a.txt")
    assert article.dateline == "Kyiv"
    assert article.outlet == "Reuters"


def test_text_without_dateline_keeps_everything_as_body() -> None:
    article = parse_plain("Talks resumed in Doha on Monday.", source="a.txt")
    assert article.dateline is None and article.body_start == 0


def _only(items: list[Article | Failure]) -> Article | Failure:
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
    ],
    ids=["empty", "whitespace", "binary", "latin1"],
)
def test_bad_bytes_become_a_failure_naming_the_source(raw: bytes, needle: str) -> None:
    item = _only(list(read_source(raw, source="bad.txt")))
    assert isinstance(item, Failure)
    assert "bad.txt" in item.error and needle in item.error


def test_oversized_input_is_refused_with_the_setting_to_raise() -> None:
    settings = Settings(max_input_bytes=100)
    item = _only(list(read_source(b"x" * 101, source="big.txt", settings=settings)))
    assert isinstance(item, Failure)
    assert "limit" in item.error and "EVENTCODER_MAX_INPUT_BYTES" in item.error


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    item = _only(list(read_inputs([str(path)], settings=Settings(max_input_bytes=1000))))
    assert isinstance(item, Failure) and "big.txt" in item.error


def test_jsonl_malformed_line_is_a_failure_and_the_rest_continue() -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Troops shelled the town.", "published": "2025-01-02"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"id": "a3", "text": "Talks resumed.", "outlet": "Example Wire"}),
        json.dumps({"text": "no id"}),
        json.dumps(["not", "an", "object"]),
    ]
    items = list(read_source("\n".join(lines).encode(), source="feed.jsonl"))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "Failure",
        "Article",
        "Failure",
        "Failure",
    ]
    first, bad, third = items[0], items[1], items[2]
    assert isinstance(first, Article) and first.id == "a1" and first.published == "2025-01-02"
    assert isinstance(bad, Failure) and bad.line == 2 and "feed.jsonl:2" in bad.error
    assert isinstance(third, Article) and third.outlet == "Example Wire"


def test_jsonl_published_option_fills_only_missing_dates() -> None:
    lines = [
        json.dumps({"id": "x", "text": "A."}),
        json.dumps({"id": "y", "text": "B.", "published": "2024-02-02"}),
    ]
    items = list(read_source("\n".join(lines).encode(), source="f.jsonl", published="2025-01-01"))
    assert [i.published for i in items if isinstance(i, Article)] == ["2025-01-01", "2024-02-02"]


def test_html_full_of_script_is_a_failure_not_an_article() -> None:
    page = (
        b"<html><head><script>alert(1)</script></head><body><script>var x=1;</script></body></html>"
    )
    item = _only(list(read_source(page, source="page.html")))
    assert isinstance(item, Failure) and "page.html" in item.error


def test_html_article_main_text_and_title_are_extracted() -> None:
    body = " ".join(["Fighting continued near the town on Monday, officials said."] * 6)
    page = (
        f"<html><head><title>Clashes near town</title>"
        f'<meta property="og:site_name" content="Example Wire"></head><body><nav>Home | '
        f"World</nav><article><h1>Clashes near town</h1><p>{body}</p></article>"
        f"<script>track()</script></body></html>"
    ).encode()
    item = _only(list(read_source(page, source="page.html")))
    assert isinstance(item, Article)
    assert "Fighting continued" in item.text and "track()" not in item.text
    assert item.title == "Clashes near town"


def test_rss_feed_gives_one_article_per_entry_with_dates() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
    <item><title>Drone strike hits depot</title><link>https://example.org/1</link>
    <description>A drone strike hit a fuel depot on Tuesday.</description>
    <pubDate>Wed, 05 Mar 2025 10:00:00 +0300</pubDate></item>
    <item><title>Talks resume</title><link>https://example.org/2</link>
    <description>Negotiators met in Doha.</description></item></channel></rss>"""
    items = list(read_source(feed, source="feed.xml", published="2025-03-06"))
    assert len(items) == 2 and all(isinstance(i, Article) for i in items)
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == "2025-03-05" and first.outlet == "Example Wire"
    assert first.url == "https://example.org/1"
    assert second.published == "2025-03-06"


def test_missing_file_is_a_failure_and_later_files_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Troops withdrew from the village.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(good)]))
    assert isinstance(items[0], Failure) and "missing.txt" in items[0].error
    assert isinstance(items[1], Article) and items[1].id == "good"


def test_folder_input_reads_every_file_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B happened.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A happened.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b"]
