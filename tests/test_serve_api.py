"""The HTTP API: filters and pages, documents, one error shape, security headers, the token."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventcoder.config import Settings
from eventcoder.model import Article, ArticleResult, Failure, Framing
from eventcoder.serve import Pipeline, add_serve_command
from eventcoder.serve.api import create_app
from eventcoder.serve.security import CONTENT_SECURITY_POLICY, LOOPBACK_HOSTS
from eventcoder.store import (
    Store,
    StoredArticle,
    StoredEvent,
    StoredMention,
    open_store,
)

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "correct-horse-battery-staple"
HOSTILE = (
    "date 2025-05-06 PORT SUDAN – Drones struck the port on Tuesday, officials said. "
    "<script>alert(1)</script> <img src=x onerror=alert(2)> was written on a wall."
)
KHARKIV = (
    "date 2025-03-14 KYIV – Russian drones struck Kharkiv overnight, killing two workers, "
    "the regional governor said. Talks in Doha were planned for next week."
)


def _event_doc(
    event_id: str,
    *,
    article: tuple[str, str],
    evidence: str,
    event: str = "ASSAULT",
    date: str | None = "2025-03-14",
    place: tuple[str, str, float, float] | None = ("Kharkiv", "UKR", 49.98, 36.25),
    certainty: str = "reported",
    actor: str = "Russian Armed Forces",
    killed: int | None = None,
) -> dict[str, Any]:
    """A merged event document shaped as the linker writes it, with one mention."""
    article_id, text = article
    start = text.index(evidence)
    span = {"text": evidence, "start": start, "end": start + len(evidence)}
    location = None
    if place is not None:
        name, country, lat, lon = place
        where = text.find(name)
        location = {
            "text": name,
            "name": name,
            "country": country,
            "lat": lat,
            "lon": lon,
            "precision": "city",
            "start": where if where >= 0 else None,
            "end": where + len(name) if where >= 0 else None,
        }
    dates = {"start": date, "end": date, "precision": "day", "basis": "stated"} if date else None
    casualties = {"killed": {"low": killed, "best": killed, "high": killed}} if killed else None
    mention: dict[str, Any] = {
        "mention_id": f"m-{event_id}",
        "article_id": article_id,
        "outlet": "Example Wire",
        "published": date,
        "url": "javascript:alert(3)",
        "title": "<b>not bold</b>",
        "certainty": certainty,
        "aux_mode": None,
        "claims": [],
        "evidence": span,
        "casualties": casualties,
        "date": dates,
        "location": location,
        "linked_because": [],
    }
    return {
        "id": event_id,
        "event": event,
        "mode": "drone" if event == "ASSAULT" else None,
        "actor": [{"text": actor, "name": actor}],
        "recipient": [],
        "location": location,
        "date": dates,
        "casualties": casualties,
        "certainty": certainty,
        "contested": False,
        "evidence": span,
        "mentions": [mention],
        "n_sources": 1,
        "n_independent": 0,
    }


def _article(article_id: str, text: str) -> StoredArticle:
    return StoredArticle(id=article_id, content_hash=f"hash-{article_id}", text=text)


def _fill(store: Store) -> list[dict[str, Any]]:
    kharkiv = ("a-kharkiv", KHARKIV)
    hostile = ("a-hostile", HOSTILE)
    docs = [
        _event_doc(
            "ev-kharkiv",
            article=kharkiv,
            evidence="Russian drones struck Kharkiv overnight, killing two workers",
            killed=2,
        ),
        _event_doc(
            "ev-doha",
            article=kharkiv,
            evidence="Talks in Doha were planned for next week.",
            event="CONSULT",
            date="2025-03-20",
            place=("Doha", "QAT", 25.29, 51.53),
            certainty="claimed",
            actor="Government of Qatar",
        ),
        _event_doc(
            "ev-port-sudan",
            article=hostile,
            evidence="Drones struck the port on Tuesday, officials said.",
            date="2025-05-06",
            place=("Port Sudan", "SDN", 19.62, 37.22),
            certainty="corroborated",
            actor="Rapid Support Forces",
        ),
    ]
    docs += [
        _event_doc(
            f"ev-{number:03d}",
            article=kharkiv,
            evidence="the regional governor said.",
            date=f"2025-04-{number % 28 + 1:02d}",
        )
        for number in range(25)
    ]
    store.put_article(_article(*kharkiv))
    store.put_article(_article(*hostile))
    store.put_mentions(
        [
            StoredMention(id=f"m-{doc['id']}", article_id=doc["mentions"][0]["article_id"], doc=doc)
            for doc in docs
        ]
    )
    store.put_events(
        [StoredEvent(id=doc["id"], doc=doc, mention_ids=(f"m-{doc['id']}",)) for doc in docs]
    )
    return docs


@dataclasses.dataclass
class FakePipeline:
    """Stands in for spaCy: one loaded term, no events; records what it was asked to store."""

    stored: list[Article] = dataclasses.field(default_factory=list)

    def extract(self, article: Article, *, settings: Settings | None = None) -> ArticleResult:
        start = article.text.find("terrorists")
        framing: tuple[Framing, ...] = ()
        if start >= 0:
            framing = (
                Framing(
                    text="terrorists",
                    start=start,
                    end=start + 10,
                    category="labels",
                    neutral="fighters",
                ),
            )
        return ArticleResult(article=article, framing=framing)

    def ingest(
        self,
        items: Iterable[Article | Failure],
        *,
        store: Store,
        settings: Settings | None = None,
        workers: int | None = None,
    ) -> dict[str, int]:
        articles = [item for item in items if isinstance(item, Article)]
        self.stored += articles
        return {"stored": len(articles), "skipped": 0}

    def pipeline(self) -> Pipeline:
        return Pipeline(extract=self.extract, ingest=self.ingest)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "api.db") as opened:
        _fill(opened)
        yield opened


@pytest.fixture
def fake() -> FakePipeline:
    return FakePipeline()


@pytest.fixture
def client(store: Store, fake: FakePipeline) -> TestClient:
    app = create_app(
        store, write_token=TOKEN, assets=ROOT / "node_modules", pipeline=fake.pipeline()
    )
    return TestClient(app)


def _error(response: Any, status: int, code: str) -> str:
    """The message of an error response, after checking its status, code and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return str(body["error"]["message"])


def test_events_filter_by_type_country_and_certainty(client: TestClient) -> None:
    assert [e["id"] for e in client.get("/api/events?type=CONSULT").json()["events"]] == ["ev-doha"]
    assert [e["id"] for e in client.get("/api/events?country=sdn").json()["events"]] == [
        "ev-port-sudan"
    ]
    claimed = client.get("/api/events", params={"certainty": "claimed"}).json()["events"]
    assert [e["id"] for e in claimed] == ["ev-doha"]


def test_events_filter_by_actor_text_dates_and_bbox(client: TestClient) -> None:
    def ids(**params: str) -> set[str]:
        return {e["id"] for e in client.get("/api/events", params=params).json()["events"]}

    assert ids(actor="rapid support") == {"ev-port-sudan"}
    assert ids(q="DOHA") == {"ev-doha"}
    assert ids(since="2025-05-01") == {"ev-port-sudan"}
    assert ids(until="2025-03-31") == {"ev-kharkiv", "ev-doha"}
    assert ids(bbox="30,10,45,25") == {"ev-port-sudan"}


def test_events_cursor_pages_cover_every_event_once_newest_first(client: TestClient) -> None:
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        assert len(page["events"]) <= 7
        seen += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 28
    assert len({e["id"] for e in seen}) == 28
    starts = [e["date"]["start"] for e in seen]
    assert starts == sorted(starts, reverse=True)


def test_events_summary_rows_carry_what_the_map_needs(client: TestClient) -> None:
    row = client.get("/api/events?fields=summary&type=ASSAULT&country=UKR&limit=1").json()
    assert row["events"] == [
        {
            "id": row["events"][0]["id"],
            "event": "ASSAULT",
            "mode": "drone",
            "start": row["events"][0]["start"],
            "end": row["events"][0]["end"],
            "lat": 49.98,
            "lon": 36.25,
            "place": "Kharkiv",
            "country": "UKR",
            "actors": ["Russian Armed Forces"],
            "recipients": [],
            "certainty": "reported",
            "killed": None,
            "n_sources": 1,
            "contested": False,
        }
    ]
    assert row["next_cursor"]


def test_event_by_id_has_its_mentions_and_evidence(client: TestClient) -> None:
    doc = client.get("/api/events/ev-kharkiv").json()
    assert doc["id"] == "ev-kharkiv"
    assert doc["mentions"][0]["evidence"]["text"].startswith("Russian drones struck Kharkiv")


def test_missing_event_and_article_are_404_in_the_error_shape(client: TestClient) -> None:
    assert "ev-nope" in _error(client.get("/api/events/ev-nope"), 404, "not_found")
    assert "a-nope" in _error(client.get("/api/articles/a-nope"), 404, "not_found")
    _error(client.get("/api/articles/a-kharkiv?event=ev-nope"), 404, "not_found")
    assert "/api/" in _error(client.get("/no/such/page"), 404, "not_found")
    _error(client.delete("/api/stats"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=5000", "limit=ten", "certainty=sure", "fields=all", "country=UKRAINE"],
    ids=["limit-zero", "limit-too-big", "limit-not-a-number", "certainty", "fields", "country"],
)
def test_invalid_parameters_are_422_in_the_error_shape(client: TestClient, query: str) -> None:
    name = query.split("=")[0]
    assert name in _error(client.get(f"/api/events?{query}"), 422, "invalid_request")


@pytest.mark.parametrize(
    "query",
    [
        "since=2025-02-30",
        "since=2025-05-01&until=2025-04-01",
        "bbox=1,2,3",
        "cursor=bogus!",
        "type=BOMBING",
    ],
    ids=["impossible-date", "until-before-since", "bbox-three-numbers", "foreign-cursor", "type"],
)
def test_bad_filters_are_400_in_the_error_shape(client: TestClient, query: str) -> None:
    _error(client.get(f"/api/events?{query}"), 400, "bad_filter")


def test_article_marks_the_events_evidence_places_and_loaded_terms(
    store: Store, client: TestClient
) -> None:
    store.put_article(_article("a-loaded", "Troops fought terrorists near Kharkiv."))
    view = client.get("/api/articles/a-kharkiv", params={"event": "ev-kharkiv"}).json()
    text = view["article"]["text"]
    assert text == KHARKIV
    evidence = [s for s in view["spans"] if s["kind"] == "evidence"]
    assert evidence[0]["event_id"] == "ev-kharkiv"
    assert text[evidence[0]["start"] : evidence[0]["end"]].startswith("Russian drones")
    place = next(s for s in view["spans"] if s["kind"] == "place")
    assert text[place["start"] : place["end"]] == "Kharkiv"
    assert view["extracted"] is True
    loaded = client.get("/api/articles/a-loaded").json()
    term = next(s for s in loaded["spans"] if s["kind"] == "loaded")
    assert term["neutral"] == "fighters"
    assert loaded["article"]["text"][term["start"] : term["end"]] == "terrorists"


def test_hostile_article_text_comes_back_as_plain_json_text(client: TestClient) -> None:
    response = client.get("/api/articles/a-hostile")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["article"]["text"] == HOSTILE
    assert "<script>alert(1)</script>" in response.text  # a JSON string, never served as HTML


def test_stats_count_the_store(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["events"] == 28
    assert stats["articles"] == 2
    assert stats["events_by_type"] == {"ASSAULT": 27, "CONSULT": 1}


def test_config_says_writes_are_on_only_with_token_and_pipeline(
    store: Store, fake: FakePipeline
) -> None:
    def writes(token: str | None, pipeline: Pipeline | None) -> bool:
        app = create_app(store, write_token=token, assets=ROOT, pipeline=pipeline)
        return bool(TestClient(app).get("/api/config").json()["writes"])

    assert writes(TOKEN, fake.pipeline()) is True
    assert writes(None, fake.pipeline()) is False
    assert writes(TOKEN, None) is False


@pytest.mark.parametrize(
    "path", ["/", "/docs", "/api/stats", "/api/events/nope", "/static/app.js", "/nope"]
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_extract_is_403_without_a_token_and_with_a_wrong_one(client: TestClient) -> None:
    body = {"text": "Troops fought terrorists near Kharkiv."}
    _error(client.post("/api/extract", json=body), 403, "forbidden")
    wrong = {"Authorization": "Bearer not-the-token"}
    _error(client.post("/api/extract", json=body, headers=wrong), 403, "forbidden")
    basic = {"Authorization": f"Basic {TOKEN}"}
    _error(client.post("/api/extract", json=body, headers=basic), 403, "forbidden")


def test_extract_is_403_when_the_server_has_no_token(store: Store, fake: FakePipeline) -> None:
    app = create_app(store, write_token=None, assets=ROOT, pipeline=fake.pipeline())
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = TestClient(app).post("/api/extract", json={"text": "x"}, headers=headers)
    assert "--write-token" in _error(response, 403, "forbidden")


def test_extract_with_the_token_returns_the_document_and_stores_on_request(
    client: TestClient, fake: FakePipeline
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "Troops fought terrorists near Kharkiv.", "published": "2025-03-14"}
    response = client.post("/api/extract", json=body, headers=headers)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ingest"] is None
    assert result["document"]["article"]["published"] == "2025-03-14"
    assert result["document"]["article"]["framing"][0]["neutral"] == "fighters"
    assert fake.stored == []
    stored = client.post("/api/extract?store=true", json=body, headers=headers).json()
    assert stored["ingest"] == {"stored": 1, "skipped": 0}
    assert [article.text for article in fake.stored] == [body["text"]]


def test_extract_validates_its_body_after_the_token(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/extract", json={"text": ""}, headers=headers)
    assert "text" in _error(response, 422, "invalid_request")
    response = client.post("/api/extract", json={"text": "x", "published": "May"}, headers=headers)
    assert "published" in _error(response, 422, "invalid_request")
    response = client.post("/api/extract", content=b"{not json", headers=headers)
    _error(response, 422, "invalid_request")


def test_body_over_the_limit_is_413(store: Store, fake: FakePipeline) -> None:
    app = create_app(store, write_token=TOKEN, assets=ROOT, pipeline=fake.pipeline(), max_body=1000)
    client = TestClient(app)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps({"text": "x" * 2000}).encode()
    _error(client.post("/api/extract", content=big, headers=headers), 413, "body_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts the bytes read
        yield from (big[i : i + 300] for i in range(0, len(big), 300))

    response = client.post("/api/extract", content=chunks(), headers=headers)
    _error(response, 413, "body_too_large")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_unexpected_failure_is_500_in_the_error_shape(store: Store) -> None:
    class BrokenStore:
        def __getattr__(self, name: str) -> Any:
            return getattr(store, name)

        def stats(self) -> dict[str, Any]:
            raise RuntimeError("disk on fire")

    app = create_app(BrokenStore(), write_token=None, assets=ROOT)
    response = TestClient(app).get("/api/stats")
    message = _error(response, 500, "internal_error")
    assert "disk on fire" not in message  # details go to the log, not to the client
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_loopback_server_refuses_foreign_host_headers(store: Store) -> None:
    app = create_app(store, write_token=None, assets=ROOT, allowed_hosts=LOOPBACK_HOSTS)
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    assert client.get("/api/stats").status_code == 200
    assert client.get("/api/stats", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/api/stats", headers={"Host": "[::1]:8000"}).status_code == 200
    _error(client.get("/api/stats", headers={"Host": "evil.example"}), 400, "bad_host")


def test_docs_are_served_locally_and_fastapis_cdn_pages_are_off(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/assets/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/static/docs.js" in page
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # no inline script: the CSP would block it
    _error(client.get("/redoc"), 404, "not_found")
    assert client.get("/openapi.json").json()["info"]["title"] == "eventcoder"


def test_assets_serve_only_whitelisted_package_files(client: TestClient) -> None:
    if not (ROOT / "node_modules" / "leaflet").is_dir():
        pytest.skip("node_modules is not installed (run npm ci)")
    assert client.get("/assets/leaflet/dist/leaflet.js").status_code == 200
    assert client.get("/assets/world-atlas/countries-110m.json").status_code == 200
    _error(client.get("/assets/leaflet/package.json"), 404, "not_found")
    _error(client.get("/assets/world-atlas/countries-10m.json"), 404, "not_found")
    _error(client.get("/assets/leaflet/dist/..%2F..%2F..%2Fpackage.json"), 404, "not_found")


def test_page_and_api_work_without_the_npm_assets(store: Store, tmp_path: Path) -> None:
    client = TestClient(create_app(store, write_token=None, assets=tmp_path / "none"))
    assert client.get("/").status_code == 200
    assert client.get("/api/config").json()["assets"] is False
    assert client.get("/api/events").status_code == 200
    assert "npm ci" in _error(client.get("/assets/leaflet/dist/leaflet.js"), 404, "not_found")


def test_page_has_no_inline_script_or_style(client: TestClient) -> None:
    page = client.get("/").text
    assert "<script>" not in page
    assert "style=" not in page
    assert "<style" not in page


def test_serve_command_defaults_to_loopback_and_port_8000() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    add_serve_command(parser.add_subparsers(dest="verb"))
    args = parser.parse_args(["serve"])
    assert (args.host, args.port, args.write_token, args.db) == ("127.0.0.1", 8000, None, None)
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--port", "70000"])


@pytest.mark.slow
def test_real_pipeline_extracts_and_stores_an_article(tmp_path: Path) -> None:
    from eventcoder.corpus import ingest
    from eventcoder.pipeline import extract_article

    pipeline = Pipeline(extract=extract_article, ingest=ingest)
    with open_store(tmp_path / "real.db") as real:
        client = TestClient(create_app(real, write_token=TOKEN, assets=ROOT, pipeline=pipeline))
        text = (
            "date 2025-06-01 KHARKIV – Russian forces shelled Kharkiv on Sunday, killing three "
            "civilians, the regional governor said."
        )
        headers = {"Authorization": f"Bearer {TOKEN}"}
        result = client.post("/api/extract?store=true", json={"text": text}, headers=headers)
        assert result.status_code == 200, result.text
        assert result.json()["document"]["events"][0]["event"] == "ASSAULT"
        assert result.json()["ingest"]["stored"] == 1
        assert client.get("/api/stats").json()["events"] >= 1
