"""One contract suite for every Store: SQLite in a temporary folder, and a real PostgreSQL server.

The PostgreSQL server is started once per session from the Debian binaries
(/usr/lib/postgresql/*/bin) in a temporary folder, on 127.0.0.1 and a free port; its tests are
skipped, with the reason, when those binaries are not installed.
"""

from __future__ import annotations

import dataclasses
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from eventcoder.config import Settings
from eventcoder.model import (
    Certainty,
    DateBasis,
    DateRange,
    Entity,
    EventMention,
    Place,
    Span,
    to_plain,
)
from eventcoder.store import (
    EventFilter,
    FilterError,
    SqlStore,
    Store,
    StoredArticle,
    StoredEvent,
    StoredMention,
    StoreError,
    database_url,
    open_store,
)
from eventcoder.store.migrations import MIGRATIONS, SCHEMA

# ---------------------------------------------------------------- a throwaway PostgreSQL server


@dataclasses.dataclass
class PgServer:
    """A running server: `new_database()` gives each test an empty database of its own."""

    port: int
    names: Iterator[int] = dataclasses.field(default_factory=itertools.count)

    def url(self, database: str) -> str:
        return f"postgresql://eventcoder@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        name = f"contract_{next(self.names)}"
        admin = sa.create_engine(
            self.url("postgres").replace("postgresql", "postgresql+psycopg", 1),
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        admin.dispose()
        return self.url(name)


def _pg_bindir() -> Path | None:
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    found.sort(key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin: install postgresql"
        )
    root = Path(tempfile.mkdtemp(prefix="eventcoder-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: hand the folder to `postgres`
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {sockets} -c fsync=off -c synchronous_commit=off"
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "eventcoder", "-A", "trust"]
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60"]
    commands = [
        ["mkdir", str(sockets)],
        [*initdb, "-E", "UTF8", "--no-locale", "--no-sync"],
        [*pg_ctl, "-o", options, "start"],
    ]
    try:
        for command in commands:
            subprocess.run(run_as + command, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as e:
        server_log = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {e.cmd}\n{e.stdout}{e.stderr}{server_log}")
    try:
        yield PgServer(port=port)
    finally:
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(run_as + stop, check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        url = str(tmp_path / "contract.db")
    else:
        url = request.getfixturevalue("pg_server").new_database()
    opened = open_store(url, Settings(home=tmp_path))
    yield opened
    opened.close()


# ---------------------------------------------------------------- records built by hand


def article(article_id: str = "a1", content_hash: str = "h1") -> StoredArticle:
    return StoredArticle(
        id=article_id,
        content_hash=content_hash,
        text="GAZA CITY (Reuters) - An airstrike hit a school, officials said.",
        title="Strike hits school",
        outlet="Reuters",
        url=f"https://example.org/{article_id}",
        published="2024-05-01",
        dateline="GAZA CITY",
        source="seed.jsonl",
    )


def mention_doc(
    *,
    event: str = "ASSAULT",
    mode: str | None = "aerial",
    dates: tuple[str, str] | None = ("2024-05-01", "2024-05-01"),
    place: tuple[str, float, float] | None = ("PSE", 31.5, 34.47),
    actors: tuple[str, ...] = ("Israel Defense Forces",),
    recipients: tuple[str, ...] = ("civilians",),
    certainty: Certainty = Certainty.REPORTED,
    evidence: str = "An airstrike hit a school",
) -> dict[str, Any]:
    """The JSON of a real EventMention, as `to_plain` makes it."""
    location = None
    if place is not None:
        country, lat, lon = place
        location = Place(text="there", name="there", country=country, lat=lat, lon=lon)
    date = None
    if dates is not None:
        date = DateRange(start=dates[0], end=dates[1], precision="day", basis=DateBasis.STATED)
    mention = EventMention(
        id="m",
        article_id="a1",
        event=event,
        mode=mode,
        context=(),
        aux_mode=None,
        actor=tuple(Entity(text=name, name=name) for name in actors),
        recipient=tuple(Entity(text=name, name=name) for name in recipients),
        location=location,
        date=date,
        casualties=None,
        claims=(),
        certainty=certainty,
        confidence=0.9,
        acled=None,
        evidence=Span(text=evidence, start=0, end=len(evidence)),
        trigger=Span(text="hit", start=0, end=3),
    )
    doc: dict[str, Any] = to_plain(mention)
    return doc


def event_of(event_id: str, mention_ids: tuple[str, ...] = (), **fields: Any) -> StoredEvent:
    doc = mention_doc(**fields)
    doc.update(
        id=event_id,
        mentions=[{"id": m, "evidence": doc["evidence"]} for m in mention_ids],
        n_sources=len(mention_ids),
        first_reported="2024-05-01",
        contested=False,
    )
    return StoredEvent(id=event_id, doc=doc, mention_ids=mention_ids)


def ids(events: list[StoredEvent]) -> list[str]:
    return [event.id for event in events]


# ---------------------------------------------------------------- schema


def test_sql_store_satisfies_the_store_protocol(store: SqlStore) -> None:
    assert isinstance(store, Store)


def test_migrate_twice_is_idempotent(store: SqlStore) -> None:
    store.put_article(article())
    store.migrate()
    store.migrate()
    engine = sa.create_engine(store.url)
    with engine.connect() as conn:
        numbers = list(conn.scalars(sa.text("SELECT number FROM schema_migrations")))
    engine.dispose()
    assert numbers == [migration.number for migration in MIGRATIONS]
    assert store.stats()["articles"] == 1


def test_migrated_database_has_the_tables_and_columns_the_store_queries(store: SqlStore) -> None:
    engine = sa.create_engine(store.url)
    inspector = sa.inspect(engine)
    for table in SCHEMA.tables.values():
        found = {column["name"] for column in inspector.get_columns(table.name)}
        assert found == set(table.columns.keys()), table.name
    assert {"ix_events_date", "ix_events_lat_lon", "ix_events_long"} <= {
        index["name"] for index in inspector.get_indexes("events")
    }
    engine.dispose()


# ---------------------------------------------------------------- articles, mentions, events


def test_article_round_trip(store: SqlStore) -> None:
    store.put_article(article())
    assert store.article("a1") == article()
    assert store.article("missing") is None


def test_has_article_is_true_only_for_the_same_id_and_hash(store: SqlStore) -> None:
    store.put_article(article())
    assert store.has_article("a1", "h1")
    assert not store.has_article("a1", "h2")
    assert not store.has_article("a2", "h1")


def test_put_article_replaces_the_article_with_the_same_id(store: SqlStore) -> None:
    store.put_article(article())
    store.put_article(article(content_hash="h2"))
    assert store.has_article("a1", "h2")
    assert store.stats()["articles"] == 1


def test_mentions_and_events_round_trip_json_with_non_ascii_and_quotes(store: SqlStore) -> None:
    text = "Strike in Shuja'iyya, \"غزة\" — 5\u00a0km \\ north; emoji 🚀; O'Brien said"
    doc = mention_doc(evidence=text, actors=("Kataib Hezbollah", "Ansar Allah (الحوثيون)"))
    store.put_article(article())
    store.put_mentions([StoredMention(id="m1", article_id="a1", doc=doc)])
    stored = StoredEvent(id="e1", doc={**doc, "mentions": [], "n_sources": 1}, mention_ids=("m1",))
    store.put_event(stored)
    assert store.event("e1") == stored
    assert store.mentions_of("e1") == [
        StoredMention(id="m1", article_id="a1", event_id="e1", doc=doc)
    ]
    assert ids(store.events(EventFilter(q='shuja\'iyya, "غزة"'))[0]) == ["e1"]
    assert store.event("missing") is None


def test_put_mentions_replaces_mentions_with_the_same_id(store: SqlStore) -> None:
    store.put_article(article())
    first = StoredMention(id="m1", article_id="a1", doc=mention_doc(event="PROTEST"))
    second = StoredMention(id="m1", article_id="a1", doc=mention_doc(event="ASSAULT"))
    store.put_mentions([first, second])
    store.put_mentions([second])
    store.put_event(event_of("e1", ("m1",)))
    assert [m.doc["event"] for m in store.mentions_of("e1")] == ["ASSAULT"]
    assert store.stats()["mentions"] == 1


def test_put_event_links_its_mentions_and_unlinks_dropped_ones(store: SqlStore) -> None:
    store.put_article(article())
    store.put_mentions([StoredMention(id=m, article_id="a1", doc=mention_doc()) for m in "xyz"])
    store.put_event(event_of("e1", ("x", "y")))
    assert [m.id for m in store.mentions_of("e1")] == ["x", "y"]
    store.put_event(event_of("e1", ("y", "z")))
    assert [m.id for m in store.mentions_of("e1")] == ["y", "z"]
    assert store.stats()["events"] == 1


def test_delete_event_removes_it_and_unlinks_its_mentions(store: SqlStore) -> None:
    store.put_article(article())
    store.put_mentions([StoredMention(id="x", article_id="a1", doc=mention_doc())])
    store.put_event(event_of("e1", ("x",)))
    store.delete_event("e1")
    store.delete_event("never-stored")
    assert store.event("e1") is None
    assert store.mentions_of("e1") == []
    assert store.stats()["mentions"] == 1


def test_mention_of_an_unstored_article_is_a_store_error_with_the_fix(store: SqlStore) -> None:
    orphan = StoredMention(id="m1", article_id="nowhere", doc=mention_doc())
    with pytest.raises(StoreError, match="store each article before its mentions"):
        store.put_mentions([orphan])


# ---------------------------------------------------------------- candidates and the event list

DATASET = [
    event_of("e1"),
    event_of(
        "e2",
        event="PROTEST",
        mode="demonstrate",
        dates=("2024-04-10", "2024-04-12"),
        place=("UKR", 50.45, 30.52),
        actors=("Protesters",),
        recipients=("Government of Ukraine",),
        certainty=Certainty.CLAIMED,
        evidence="Thousands marched in Kyiv",
    ),
    event_of(
        "e3",
        mode="shelling",
        dates=("2024-03-01", "2024-03-31"),
        place=("SDN", 13.63, 25.35),
        actors=("Rapid Support Forces",),
        certainty=Certainty.CORROBORATED,
        evidence="The RSF shelled El Fasher",
    ),
    event_of(
        "e4",
        event="COERCE",
        mode=None,
        dates=None,
        place=None,
        actors=("Ministry of Interior",),
        evidence="The ministry announced 'arrests' of 50% of the cell",
    ),
    event_of(
        "e5",
        event="PROTEST",
        mode="demonstrate",
        dates=("2024-02-01", "2024-02-01"),
        place=("FJI", -17.0, 179.5),
        actors=("Students",),
        evidence="Students protested in Labasa",
    ),
]

FILTER_CASES = {
    "no-filter-newest-first-undated-last": (EventFilter(), ["e1", "e2", "e3", "e5", "e4"]),
    "type": (EventFilter(event="ASSAULT"), ["e1", "e3"]),
    "mode": (EventFilter(mode="demonstrate"), ["e2", "e5"]),
    "country-any-case": (EventFilter(country="ukr"), ["e2"]),
    "actor-substring": (EventFilter(actor="support FORCES"), ["e3"]),
    "recipient-substring": (EventFilter(actor="of ukraine"), ["e2"]),
    "since-overlaps": (EventFilter(since="2024-03-15"), ["e1", "e2", "e3"]),
    "until-overlaps": (EventFilter(until="2024-03-15"), ["e3", "e5"]),
    "since-until-inside-range": (EventFilter(since="2024-04-11", until="2024-04-11"), ["e2"]),
    "bbox": (EventFilter(bbox=(34.0, 31.0, 35.0, 32.0)), ["e1"]),
    "bbox-across-antimeridian": (EventFilter(bbox=(170.0, -20.0, -170.0, -10.0)), ["e5"]),
    "certainty": (EventFilter(certainty="claimed"), ["e2"]),
    "q-evidence": (EventFilter(q="AIRSTRIKE"), ["e1"]),
    "q-quotes-and-percent-literal": (EventFilter(q="'arrests' of 50%"), ["e4"]),
    "percent-is-not-a-wildcard": (EventFilter(q="50%cell"), []),
    "underscore-is-not-a-wildcard": (EventFilter(actor="stud_nts"), []),
    "combined": (EventFilter(event="PROTEST", country="FJI", since="2024-01-01"), ["e5"]),
}


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    with store.transaction():
        for event in DATASET:
            store.put_event(event)
    return store


@pytest.mark.parametrize(("flt", "expected"), FILTER_CASES.values(), ids=FILTER_CASES.keys())
def test_events_filter(filled: SqlStore, flt: EventFilter, expected: list[str]) -> None:
    page, cursor = filled.events(flt)
    assert ids(page) == expected
    assert cursor is None


def test_candidates_overlap_the_dates_and_match_type_and_country(filled: SqlStore) -> None:
    def found(**kwargs: Any) -> list[str]:
        return ids(filled.candidates(**{"event": None, "country": None, **kwargs}))

    assert found(start="2024-03-31", end="2024-04-10") == ["e2", "e3"]
    assert found(start="2024-03-31", end="2024-04-10", event="ASSAULT") == ["e3"]
    assert found(start="2024-01-01", end="2024-12-31", country="pse") == ["e1"]
    assert found(start="2025-01-01", end="2025-01-02") == []
    assert found(start="2024-01-01", end="2024-12-31", limit=2) == ["e1", "e2"]


def test_candidates_include_long_events_that_began_well_before(store: SqlStore) -> None:
    year = event_of("year", dates=("2024-01-01", "2024-12-31"))
    week = event_of("week", dates=("2024-06-01", "2024-06-07"))
    old = event_of("old", dates=("2024-01-01", "2024-01-31"))
    store.put_events([year, week, old])
    found = store.candidates(start="2024-06-05", end="2024-06-05", event=None, country=None)
    assert ids(found) == ["week", "year"]
    assert ids(
        store.candidates(start="2024-06-05", end="2024-06-05", event=None, country=None, limit=1)
    ) == ["week"]


def test_events_pages_return_every_event_exactly_once(store: SqlStore) -> None:
    days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
    made = [event_of(f"d{i:02d}", dates=(days[i % 4], days[i % 4])) for i in range(21)]
    made += [event_of(f"u{i}", dates=None) for i in range(3)]
    with store.transaction():
        for event in made:
            store.put_event(event)
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(len(made)):
        page, cursor = store.events(EventFilter(limit=4, cursor=cursor))
        seen += ids(page)
        if cursor is None:
            break
    expected = sorted(made[:21], key=lambda e: (-int(e.doc["date"]["start"][-2:]), e.id))
    assert seen == [*ids(expected), "u0", "u1", "u2"]


def test_a_cursor_not_made_by_the_store_is_a_filter_error(store: SqlStore) -> None:
    with pytest.raises(FilterError, match="start over"):
        store.events(EventFilter(cursor="not-a-cursor"))


@pytest.mark.parametrize(
    "fields",
    [{"limit": 0}, {"since": "2024-13-01"}, {"since": "2024-05-02", "until": "2024-05-01"}],
    ids=["limit-zero", "bad-date", "until-before-since"],
)
def test_filter_with_impossible_values_is_a_filter_error(fields: dict[str, Any]) -> None:
    with pytest.raises(FilterError):
        EventFilter(**fields)


def test_sql_injection_text_in_filter_values_is_harmless(filled: SqlStore) -> None:
    for flt in [
        EventFilter(q="x'; DROP TABLE events; --"),
        EventFilter(actor="' OR '1'='1"),
        EventFilter(event="ASSAULT' OR '1'='1"),
        EventFilter(country="PSE'); DELETE FROM events; --"),
    ]:
        assert filled.events(flt) == ([], None)
    assert filled.stats()["events"] == len(DATASET)


# ---------------------------------------------------------------- transactions, failures, stats


def test_a_failing_statement_inside_transaction_rolls_back_everything(store: SqlStore) -> None:
    orphan = StoredMention(id="m1", article_id="nowhere", doc=mention_doc())
    with pytest.raises(StoreError), store.transaction():
        store.put_article(article())
        store.put_event(event_of("e1"))
        store.put_mentions([orphan])
    assert store.article("a1") is None
    assert store.stats()["events"] == 0


def test_an_exception_inside_transaction_rolls_back_and_propagates(store: SqlStore) -> None:
    with pytest.raises(KeyError), store.transaction():
        store.put_article(article())
        raise KeyError("boom")
    assert store.article("a1") is None


def test_a_nested_transaction_rolls_back_only_its_own_writes(store: SqlStore) -> None:
    orphan = StoredMention(id="m1", article_id="nowhere", doc=mention_doc())
    with store.transaction():
        store.put_article(article("a1"))
        with pytest.raises(StoreError), store.transaction():
            store.put_article(article("a2"))
            store.put_mentions([orphan])
        store.put_failure(source="in.jsonl", line=2, stage="store", error="x", article_id="a2")
    assert store.article("a1") is not None
    assert store.article("a2") is None
    assert len(store.failures()) == 1


def test_concurrent_read_then_write_transactions_on_one_sqlite_file_all_commit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shared.db"
    open_store(path, Settings(home=tmp_path)).close()

    def ingest(prefix: str) -> None:
        with open_store(path, Settings(home=tmp_path)) as own:
            for n in range(20):
                with own.transaction():
                    if not own.has_article(f"{prefix}{n}", "h1"):
                        own.put_article(article(f"{prefix}{n}"))

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(ingest, ["a", "b"]))
    with open_store(path, Settings(home=tmp_path)) as check:
        assert check.stats()["articles"] == 40


def test_put_events_moves_a_mention_to_the_event_that_lists_it(store: SqlStore) -> None:
    store.put_article(article())
    store.put_mentions([StoredMention(id=m, article_id="a1", doc=mention_doc()) for m in "xy"])
    store.put_events([event_of("e1", ("x", "y"))])
    store.put_events([event_of("e1", ("x",)), event_of("e2", ("y",))])
    assert [m.id for m in store.mentions_of("e1")] == ["x"]
    assert [m.id for m in store.mentions_of("e2")] == ["y"]


def test_put_failure_records_are_listed_oldest_first(store: SqlStore) -> None:
    store.put_failure(source="in.jsonl", line=3, stage="ingest", error="empty", article_id=None)
    store.put_failure(source="b.html", line=None, stage="extract", error="é", article_id="a9")
    failures = store.failures()
    assert [(f["source"], f["line"], f["stage"], f["error"]) for f in failures] == [
        ("in.jsonl", 3, "ingest", "empty"),
        ("b.html", None, "extract", "é"),
    ]
    assert failures[1]["article_id"] == "a9"


def test_stats_count_every_table_types_and_date_range(filled: SqlStore) -> None:
    filled.put_article(article())
    filled.put_mentions([StoredMention(id="m1", article_id="a1", doc=mention_doc())])
    filled.put_failure(source="in.jsonl", line=1, stage="ingest", error="empty", article_id=None)
    assert filled.stats() == {
        "articles": 1,
        "mentions": 1,
        "events": 5,
        "failures": 1,
        "events_by_type": {"ASSAULT": 2, "COERCE": 1, "PROTEST": 2},
        "date_range": {"start": "2024-02-01", "end": "2024-05-01"},
    }


# ---------------------------------------------------------------- opening a store (SQLite only)


def test_open_store_defaults_to_a_file_in_the_home_folder(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    with open_store(None, Settings(home=home)) as opened:
        opened.put_article(article())
    assert (home / "eventcoder.db").is_file()


def test_open_store_honours_eventcoder_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_DB", str(tmp_path / "from-env.db"))
    with open_store(None, Settings(home=tmp_path / "home")) as opened:
        opened.put_article(article())
    assert (tmp_path / "from-env.db").is_file()
    assert not (tmp_path / "home" / "eventcoder.db").exists()


def test_database_url_maps_postgresql_urls_to_psycopg(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert database_url("postgresql://u@h/db", settings) == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db", settings) == "postgresql+psycopg://u@h/db"
    assert database_url(tmp_path / "x.db", settings) == f"sqlite:///{tmp_path / 'x.db'}"


def test_a_path_in_a_missing_folder_is_a_store_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db", Settings(home=tmp_path))


def test_an_unreachable_postgresql_server_is_a_store_error_with_the_fix(tmp_path: Path) -> None:
    url = f"postgresql://nobody:secret@127.0.0.1:{_free_port()}/none"
    with pytest.raises(StoreError, match="server is running") as caught:
        open_store(url, Settings(home=tmp_path))
    assert "secret" not in str(caught.value)
