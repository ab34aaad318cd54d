"""The page in a real browser: map, filters in the URL, evidence, hostile text, 10,000 events.

Runs Debian's Chromium through Playwright against a uvicorn server on 127.0.0.1; screenshots of
every step go to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLES = ROOT / "src" / "eventcoder" / "data" / "examples"
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-test-token-0123456789"
HOSTILE_TEXT = (
    "date 2025-06-02 KHARKIV – Russian forces shelled Kharkiv on Monday, killing three "
    "civilians near a market where someone had painted <script>alert(1)</script> and "
    "<img src=x onerror=alert(2)> on a wall, the regional governor said.\n\n"
    "The governor called the attackers terrorists."
)
HOSTILE_ROW = {
    "id": "hostile-article",
    "text": HOSTILE_TEXT,
    "title": "<img src=x onerror=alert(3)>",
    "outlet": "<b>Evil Outlet</b>",
    "url": "javascript:alert(4)",
}

if not CHROMIUM.exists():
    pytest.skip(
        "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run the app with uvicorn in a thread on a free loopback port; yield its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled examples plus a hostile article, ingested for real, behind a live server."""
    from eventcoder.config import Settings
    from eventcoder.corpus import ingest
    from eventcoder.ingest import read_inputs
    from eventcoder.pipeline import extract_article
    from eventcoder.serve import Pipeline
    from eventcoder.serve.api import create_app
    from eventcoder.store import open_store

    folder = tmp_path_factory.mktemp("demo")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ROW) + "\n", encoding="utf-8")
    settings = Settings()
    with open_store(folder / "demo.db", settings) as store:
        items = read_inputs([str(EXAMPLES), str(hostile)], settings=settings)
        summary = ingest(items, store=store, settings=settings, workers=1)
        assert summary.failures == 0
        pipeline = Pipeline(extract=extract_article, ingest=ingest)
        app = create_app(store, write_token=TOKEN, assets=ROOT / "node_modules", pipeline=pipeline)
        with serving(app) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with its console errors and any alert/confirm dialog recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_selector("html[data-ready=true]", timeout=60_000)
        return self.page

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = Watched(context.new_page())
    yield page
    context.close()


def _api(base: str, path: str) -> Any:
    import urllib.request

    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def test_map_shows_the_demo_events(demo_url: str, watched: Watched) -> None:
    page = watched.open(demo_url + "/")
    state = page.evaluate("window.__eventcoder")
    located = [
        row
        for row in _api(demo_url, "/api/events?fields=summary&limit=1000")["events"]
        if row["lat"] is not None
    ]
    assert state["mapAvailable"] is True
    assert state["mapped"] == len(located) > 0
    drawn = page.locator(".event-cluster, path.leaflet-interactive").count()
    assert drawn > 0
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country shapes
    assert page.locator("#legend li").count() > 0
    assert page.locator("#timeline rect.bar").count() > 0
    watched.shot("01-map")
    assert watched.errors == []  # a CSP violation would show up here


def test_filters_narrow_the_list_and_live_in_the_url(demo_url: str, watched: Watched) -> None:
    page = watched.open(demo_url + "/")
    everything = page.locator("#list .row").count()
    page.select_option("select[name=type]", "ASSAULT")
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    page.fill("input[name=country]", "UKR")
    page.press("input[name=country]", "Enter")
    page.wait_for_url(re.compile(r"country=UKR"))
    # The list re-renders after the request: wait until every row is one of Ukraine's.
    page.wait_for_selector("#list .row")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#list .row')].every("
        "r => r.textContent.includes('UKR'))"
    )
    rows = page.locator("#list .row")
    narrowed = rows.count()
    assert 0 < narrowed < everything
    assert all(text.startswith("ASSAULT") for text in rows.locator(".row-head").all_inner_texts())
    watched.shot("02-filtered")
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert page.input_value("select[name=type]") == "ASSAULT"
    assert page.input_value("input[name=country]") == "UKR"
    assert page.locator("#list .row").count() == narrowed


def test_timeline_drag_selects_dates_and_narrows_the_list(demo_url: str, watched: Watched) -> None:
    page = watched.open(demo_url + "/?type=ASSAULT")
    before = page.locator("#list .row").count()
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.97, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.995, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=\d{4}-\d{2}-\d{2}&until=\d{4}-\d{2}-\d{2}"))
    assert page.locator("#timeline rect.brush").count() == 1
    assert page.locator("#list .row").count() < before
    watched.shot("03-brushed")


def test_event_view_highlights_the_evidence_in_the_article(demo_url: str, watched: Watched) -> None:
    page = watched.open(demo_url + "/?type=ASSAULT&country=UKR")
    page.locator("#list .row").first.click()
    page.wait_for_url(re.compile(r"event=ev-"))
    current = page.locator(".article-text .mark-current")
    current.first.wait_for(timeout=60_000)
    evidence = page.locator(".source.selected .evidence").inner_text()
    highlighted = " ".join(current.all_inner_texts())
    assert highlighted.split()[0] in evidence
    assert page.locator(".source").count() >= 1
    assert page.locator(".source dt", has_text="linked because").count() >= 1
    page.wait_for_timeout(800)  # let the map finish zooming to the marker before the picture
    watched.shot("04-event")
    assert watched.errors == []


def test_loaded_terms_show_their_neutral_alternative(demo_url: str, watched: Watched) -> None:
    hostile = _api(demo_url, "/api/events?q=onerror&fields=summary")["events"]
    page = watched.open(f"{demo_url}/?event={hostile[0]['id']}")
    note = page.locator(".article-text .neutral-note").first
    note.wait_for(timeout=60_000)
    assert "fighters" in note.inner_text()
    assert "neutral: fighters" in (
        page.locator(".article-text .mark-loaded").first.get_attribute("title") or ""
    )


def test_hostile_article_renders_as_inert_text(demo_url: str, watched: Watched) -> None:
    hostile = _api(demo_url, "/api/events?q=onerror&fields=summary")["events"]
    assert hostile, "the hostile article produced no event"
    page = watched.open(f"{demo_url}/?event={hostile[0]['id']}")
    article = page.locator(".article-text")
    article.wait_for(timeout=60_000)
    page.wait_for_timeout(500)  # give any injected handler the chance to fire
    text = article.inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert page.get_by_text("<b>Evil Outlet</b>").count() >= 1
    assert page.locator(".event-view script, .event-view img, .event-view b").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert watched.dialogs == []
    watched.shot("05-hostile")


def test_extract_form_shows_an_extraction_with_the_token(demo_url: str, watched: Watched) -> None:
    page = watched.open(demo_url + "/")
    page.click("#extract-open")
    page.fill("input[name=token]", TOKEN)
    page.fill("textarea[name=text]", HOSTILE_TEXT)
    page.click("#extract-form button[type=submit]")
    page.locator("#extract-result .article-text").wait_for(timeout=60_000)
    assert "event" in page.inner_text("#extract-status")
    assert "<script>alert(1)</script>" in page.inner_text("#extract-result .article-text")
    assert page.locator("#extract-result .mark-loaded").count() >= 1
    assert watched.dialogs == []
    watched.shot("06-extract")
    page.fill("input[name=token]", "wrong-token")
    page.click("#extract-form button[type=submit]")
    page.wait_for_function(
        "() => document.getElementById('extract-status').textContent.includes('wrong token')"
    )


def test_api_reference_renders_offline_under_the_csp(demo_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(demo_url + "/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=30_000)
    page.locator(".opblock-summary", has_text="/api/events").first.click()
    page.locator(".parameters").first.wait_for()
    watched.shot("07-docs")
    assert watched.errors == []


def test_page_explains_a_missing_map_and_still_lists_events(
    tmp_path: Path, browser: Browser
) -> None:
    from eventcoder.serve.api import create_app
    from eventcoder.store import StoredEvent, open_store

    with open_store(tmp_path / "few.db") as store:
        store.put_events([StoredEvent(id=d["id"], doc=d) for d in synthetic_events(20)])
        with serving(create_app(store, write_token=None, assets=tmp_path / "none")) as url:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            watched = Watched(context.new_page())
            page = watched.open(url + "/")
            assert "npm ci" in page.inner_text(".map-notice")
            assert page.locator("#list .row").count() == 20
            assert page.locator("#timeline rect.bar").count() > 0
            watched.shot("09-no-map-libraries")
            context.close()


def synthetic_events(count: int, *, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Plausible merged event documents spread over a year and a few dozen places."""
    rng = random.Random(seed)
    hubs = [
        ("Kharkiv", "UKR", 49.99, 36.23),
        ("Pokrovsk", "UKR", 48.28, 37.18),
        ("Gaza City", "PSE", 31.50, 34.47),
        ("Khan Yunis", "PSE", 31.34, 34.31),
        ("El Fasher", "SDN", 13.63, 25.35),
        ("Khartoum", "SDN", 15.50, 32.56),
        ("Sanaa", "YEM", 15.35, 44.21),
        ("Al Hudaydah", "YEM", 14.80, 42.95),
        ("Idlib", "SYR", 35.93, 36.63),
        ("Goma", "COD", -1.68, 29.23),
        ("Mogadishu", "SOM", 2.04, 45.34),
        ("Bamako", "MLI", 12.65, -8.00),
    ]
    types = ["ASSAULT"] * 6 + ["COERCE", "THREATEN", "CONSULT", "AID", "PROTEST", "ACCUSE"]
    for number in range(count):
        name, country, lat, lon = rng.choice(hubs)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        killed = rng.choice([None, rng.randint(0, 40)])
        yield {
            "id": f"ev-synthetic-{number:06d}",
            "event": rng.choice(types),
            "mode": None,
            "actor": [{"text": "forces", "name": f"Armed group {number % 37}"}],
            "recipient": [{"text": "civilians", "name": "civilians"}],
            "location": {
                "name": name,
                "country": country,
                "lat": lat + rng.uniform(-0.4, 0.4),
                "lon": lon + rng.uniform(-0.4, 0.4),
                "precision": "city",
            },
            "date": {"start": day, "end": day, "precision": "day", "basis": "stated"},
            "casualties": {"killed": {"low": killed, "best": killed, "high": killed}},
            "certainty": rng.choice(["claimed", "reported", "corroborated"]),
            "contested": rng.random() < 0.05,
            "evidence": {"text": f"Synthetic report {number} from {name}.", "start": 0, "end": 30},
            "mentions": [],
            "n_sources": rng.randint(1, 4),
        }


def test_ten_thousand_events_become_interactive(
    tmp_path: Path, browser: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    from eventcoder.serve.api import create_app
    from eventcoder.store import StoredEvent, open_store

    with open_store(tmp_path / "10k.db") as store:
        docs = list(synthetic_events(10_000))
        for start in range(0, len(docs), 2000):
            store.put_events([StoredEvent(id=d["id"], doc=d) for d in docs[start : start + 2000]])
        app = create_app(store, write_token=None, assets=ROOT / "node_modules")
        with serving(app) as url:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            watched = Watched(context.new_page())
            page = watched.open(url + "/")
            timing = page.evaluate(
                """() => {
                    const nav = performance.getEntriesByType("navigation")[0];
                    const ready = performance.getEntriesByName("eventcoder-ready")[0].startTime;
                    return {ready, load: nav.loadEventEnd, state: window.__eventcoder};
                }"""
            )
            bars = page.locator("#timeline rect.bar").count()
            watched.shot("08-ten-thousand")
            context.close()
    assert timing["state"]["rows"] == 10_000
    assert timing["state"]["mapped"] == 10_000
    assert bars > 300
    with capsys.disabled():
        print(
            f"\n[page] 10,000 events: interactive {timing['ready']:.0f} ms after navigation "
            f"start, {timing['ready'] - timing['load']:.0f} ms after the load event"
        )
