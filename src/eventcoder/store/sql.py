"""`SqlStore`: the Store protocol on SQLAlchemy Core, for SQLite (default) and PostgreSQL.

Documents are kept as JSON text and handed back unchanged; the fields the event list filters on
are copied into indexed columns when an event is written. Pages are read by keyset
(date_start DESC, id), so a deep page costs what the first one does.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import StaticPool

from eventcoder.store import migrations
from eventcoder.store.base import (
    LONG_RANGE_DAYS,
    EventFilter,
    FilterError,
    StoredArticle,
    StoredEvent,
    StoredMention,
    StoreError,
    decode_cursor,
    dumps,
    encode_cursor,
    event_fields,
)

logger = logging.getLogger(__name__)

ARTICLES = migrations.SCHEMA.tables["articles"]
MENTIONS = migrations.SCHEMA.tables["mentions"]
EVENTS = migrations.SCHEMA.tables["events"]
FAILURES = migrations.SCHEMA.tables["failures"]
_EVENT_COLUMNS = (EVENTS.c.id, EVENTS.c.doc, EVENTS.c.mention_ids, EVENTS.c.date_start)
_UNLINK = (
    MENTIONS.update().where(MENTIONS.c.event_id == sa.bindparam("unlinked")).values(event_id=None)
)
_LINK = (
    MENTIONS.update()
    .where(MENTIONS.c.id == sa.bindparam("mention"))
    .values(event_id=sa.bindparam("linked"))
)

_SERVER = "check that the PostgreSQL server is running and the URL (EVENTCODER_DB) is right"
_MIGRATE = "create the tables: call migrate() (open_store does it by default)"
_ORDER = "store each article before its mentions and each event before linking to it"
# PostgreSQL SQLSTATE classes and SQLite message fragments, each with the fix to suggest.
_SQLSTATE_FIXES = (
    ("42P01", _MIGRATE),
    ("3D000", "create the database first (createdb NAME) or fix the URL"),
    ("23", _ORDER),
    ("08", _SERVER),
    ("28", "check the user name and password in the URL (EVENTCODER_DB)"),
)
_MESSAGE_FIXES = (
    ("no such table", _MIGRATE),
    ("constraint failed", _ORDER),
    ("database is locked", "another process is writing: retry when it finishes"),
    ("unable to open", "check that the folder exists and is writable"),
    ("readonly", "check that the database file and its folder are writable"),
    ("password authentication failed", "check the user name and password in the URL"),
    ("connect", _SERVER),
)


def create_engine(url: str | sa.URL) -> sa.Engine:
    """An engine for a SQLAlchemy URL; SQLite gets WAL, foreign keys and real transactions.

    >>> create_engine("sqlite://").dialect.name
    'sqlite'
    """
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    memory = parsed.database in (None, "", ":memory:")
    if memory:
        engine = sa.create_engine(
            parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = sa.create_engine(parsed)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself: the sqlite3 module otherwise skips it before DDL and
        # SAVEPOINT, which breaks rollback of migrations and nested transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(migrations.BEGIN_OPTION, "BEGIN"))

    return engine


def _event_from(row: Any) -> StoredEvent:
    return StoredEvent(
        id=row.id, doc=json.loads(row.doc), mention_ids=tuple(json.loads(row.mention_ids))
    )


def filter_conditions(flt: EventFilter) -> list[sa.ColumnElement[bool]]:
    """WHERE terms for a filter; every value is a bound parameter, LIKE wildcards escaped."""
    col = EVENTS.c
    terms: list[sa.ColumnElement[bool]] = []
    exact = ((col.event, flt.event), (col.mode, flt.mode), (col.certainty, flt.certainty))
    terms += [column == value for column, value in exact if value is not None]
    if flt.country is not None:
        terms.append(col.country == flt.country.upper())
    if flt.actor is not None:
        terms.append(col.actor_names.contains(flt.actor.lower(), autoescape=True))
    if flt.q is not None:
        terms.append(col.search_text.contains(flt.q.lower(), autoescape=True))
    if flt.since is not None:
        terms.append(col.date_end >= flt.since)
    if flt.until is not None:
        terms.append(col.date_start <= flt.until)
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        terms.append(col.lat.between(min_lat, max_lat))
        if min_lon <= max_lon:
            terms.append(col.lon.between(min_lon, max_lon))
        else:  # the box crosses the antimeridian
            terms.append(sa.or_(col.lon >= min_lon, col.lon <= max_lon))
    return terms


def _long_events(
    *, start: str, end: str, lower: str, event: str | None, country: str | None
) -> sa.Select[Any]:
    """Long events that began before `lower` and overlap [start, end], via ix_events_long.

    Every column but date_end is wrapped as `column || ''`, which no index can serve, and the
    rows are sorted by the caller: without statistics SQLite would otherwise walk the event,
    country or date index and read every older event, though long events are few.
    """
    col = EVENTS.c
    terms = [
        col.long_range == sa.true(),  # a literal, so it matches the partial index predicate
        col.date_end >= start,
        col.date_start.concat("") <= end,
        col.date_start.concat("") < lower,
    ]
    if event is not None:
        terms.append(col.event.concat("") == event)
    if country is not None:
        terms.append(col.country.concat("") == country.upper())
    return sa.select(*_EVENT_COLUMNS).where(*terms)


class SqlStore:
    """A Store over one SQLAlchemy engine; safe to share between threads.

    >>> with SqlStore("sqlite://") as store:
    ...     store.migrate()
    ...     store.stats()["events"]
    0
    """

    def __init__(self, url: str | sa.URL) -> None:
        self._engine = create_engine(url)
        self.url = self._engine.url.render_as_string(hide_password=True)
        self._local = threading.local()
        insert = postgresql.insert if self._engine.dialect.name == "postgresql" else sqlite.insert
        self._upserts = {t.name: _upsert(insert, t) for t in (ARTICLES, MENTIONS, EVENTS)}

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

    def _error(self, error: sa_exc.SQLAlchemyError, action: str) -> StoreError:
        orig = getattr(error, "orig", None) or error
        detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        code = str(getattr(orig, "sqlstate", "") or "")
        fixes = [fix for key, fix in _SQLSTATE_FIXES if code and code.startswith(key)]
        fixes += [fix for key, fix in _MESSAGE_FIXES if key in detail]
        fix = (fixes or ["check the database and the values being stored"])[0]
        return StoreError(f"{self.url}: cannot {action}: {detail}. Fix: {fix}")

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except sa_exc.SQLAlchemyError as e:
            raise self._error(e, action) from e

    @contextlib.contextmanager
    def _connection(self, action: str) -> Iterator[sa.Connection]:
        """The open transaction's connection, or a new one that commits when the block ends."""
        active: sa.Connection | None = getattr(self._local, "conn", None)
        with self._guard(action):
            if active is not None:
                yield active
                return
            with self._engine.begin() as conn:
                yield conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit everything inside together, or nothing; a nested block is a savepoint.

        On SQLite the block takes the write lock when it opens, so it waits for (never fails
        on) another process writing. A failed statement aborts the whole PostgreSQL
        transaction, so code that catches a StoreError and goes on must wrap the attempt in a
        nested `transaction()`.
        """
        active: sa.Connection | None = getattr(self._local, "conn", None)
        if active is not None:
            with self._guard("roll back to a savepoint"), active.begin_nested():
                yield
            return
        with self._guard("commit"), self._engine.connect() as conn:
            conn.execution_options(**migrations.BEGIN_IMMEDIATE)
            with conn.begin():
                self._local.conn = conn
                try:
                    yield
                finally:
                    self._local.conn = None

    def migrate(self) -> None:
        with self._guard("migrate the schema"):
            for number in migrations.migrate(self._engine):
                logger.info("%s: applied migration %03d", self.url, number)

    def has_article(self, article_id: str, content_hash: str) -> bool:
        query = sa.select(ARTICLES.c.id).where(
            ARTICLES.c.id == article_id, ARTICLES.c.content_hash == content_hash
        )
        with self._connection("look up an article") as conn:
            return conn.execute(query).first() is not None

    def put_article(self, article: StoredArticle) -> None:
        row = {
            "id": article.id,
            "content_hash": article.content_hash,
            "text": article.text,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published,
            "dateline": article.dateline,
            "source": article.source,
        }
        with self._connection(f"store article {article.id}") as conn:
            conn.execute(self._upserts[ARTICLES.name], [row])

    def put_mentions(self, mentions: Sequence[StoredMention]) -> None:
        # The last copy of a repeated id wins, as it would row by row; PostgreSQL refuses to
        # update one row twice in a single multi-row upsert.
        by_id = {mention.id: mention for mention in mentions}
        rows = [
            {
                "id": mention.id,
                "article_id": mention.article_id,
                "event_id": mention.event_id,
                "doc": dumps(mention.doc, f"mention {mention.id}"),
            }
            for mention in by_id.values()
        ]
        if not rows:
            return
        with self._connection(f"store {len(rows)} mentions") as conn:
            conn.execute(self._upserts[MENTIONS.name], rows)

    def put_failure(
        self, *, source: str, line: int | None, stage: str, error: str, article_id: str | None
    ) -> None:
        created = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        row = {"source": source, "line": line, "stage": stage, "error": error}
        with self._connection(f"record a failure of {source}") as conn:
            conn.execute(FAILURES.insert(), [{**row, "article_id": article_id, "created": created}])

    def put_event(self, event: StoredEvent) -> None:
        self.put_events([event])

    def put_events(self, events: Sequence[StoredEvent]) -> None:
        # Unlink every mention of these events first, then link the listed ones: a mention that
        # moves between two events of the batch ends up with the event that lists it.
        by_id = {event.id: event for event in events}
        rows = [event_fields(event) for event in by_id.values()]
        links = [
            {"linked": event.id, "mention": mention_id}
            for event in by_id.values()
            for mention_id in dict.fromkeys(event.mention_ids)
        ]
        if not rows:
            return
        with self._connection(f"store {len(rows)} events") as conn:
            conn.execute(self._upserts[EVENTS.name], rows)
            conn.execute(_UNLINK, [{"unlinked": event_id} for event_id in by_id])
            if links:
                conn.execute(_LINK, links)

    def delete_event(self, event_id: str) -> None:
        with self._connection(f"delete event {event_id}") as conn:
            conn.execute(_UNLINK, [{"unlinked": event_id}])
            conn.execute(EVENTS.delete().where(EVENTS.c.id == event_id))

    def candidates(
        self, *, start: str, end: str, event: str | None, country: str | None, limit: int = 500
    ) -> list[StoredEvent]:
        if limit < 1:
            raise FilterError(f"limit={limit} is out of range: pick at least 1")
        # The filter validates the dates and builds the terms; its page size is not used here.
        terms = filter_conditions(
            EventFilter(event=event, country=country, since=start, until=end, limit=1)
        )
        # An event that overlaps [start, end] but began more than LONG_RANGE_DAYS before start
        # is long; so read recent starts by date range and older ones from the long-range index.
        days = datetime.timedelta(days=LONG_RANGE_DAYS)
        lower = (datetime.date.fromisoformat(start) - days).isoformat()
        col = EVENTS.c
        order = (col.date_start.desc(), col.id)
        recent = sa.select(*_EVENT_COLUMNS).where(*terms, col.date_start >= lower)
        older = _long_events(start=start, end=end, lower=lower, event=event, country=country)
        with self._connection("find candidate events") as conn:
            rows = list(conn.execute(recent.order_by(*order).limit(limit)))
            if len(rows) < limit:  # every older start sorts after every recent one
                older_rows = sorted(conn.execute(older), key=lambda row: row.id)
                older_rows.sort(key=lambda row: row.date_start, reverse=True)  # stable: id asc
                rows += older_rows[: limit - len(rows)]
        return [_event_from(row) for row in rows]

    def events(self, flt: EventFilter) -> tuple[list[StoredEvent], str | None]:
        after = decode_cursor(flt.cursor) if flt.cursor is not None else None
        terms = filter_conditions(flt)
        want = flt.limit + 1  # one more than the page tells whether another page follows
        rows: list[sa.Row[Any]] = []
        col = EVENTS.c
        with self._connection("list events") as conn:
            if after is None or after[0] is not None:
                dated = [*terms, col.date_start.is_not(None)]
                if after is not None:
                    # The redundant `<=` lets the database seek the index instead of scanning.
                    dated += [
                        col.date_start <= after[0],
                        (col.date_start < after[0]) | (col.id > after[1]),
                    ]
                query = sa.select(*_EVENT_COLUMNS).where(*dated)
                query = query.order_by(col.date_start.desc(), col.id).limit(want)
                rows = list(conn.execute(query))
            if len(rows) < want:  # undated events come last, by id
                undated = [*terms, col.date_start.is_(None)]
                if after is not None and after[0] is None:
                    undated.append(col.id > after[1])
                query = sa.select(*_EVENT_COLUMNS).where(*undated).order_by(col.id)
                rows += conn.execute(query.limit(want - len(rows)))
        page = rows[: flt.limit]
        more = len(rows) > flt.limit
        cursor = encode_cursor(page[-1].date_start, page[-1].id) if more else None
        return [_event_from(row) for row in page], cursor

    def event(self, event_id: str) -> StoredEvent | None:
        query = sa.select(*_EVENT_COLUMNS).where(EVENTS.c.id == event_id)
        with self._connection(f"read event {event_id}") as conn:
            row = conn.execute(query).first()
        return _event_from(row) if row is not None else None

    def mentions_of(self, event_id: str) -> list[StoredMention]:
        query = sa.select(MENTIONS).where(MENTIONS.c.event_id == event_id).order_by(MENTIONS.c.id)
        with self._connection(f"read the mentions of event {event_id}") as conn:
            return [
                StoredMention(
                    id=row.id,
                    article_id=row.article_id,
                    event_id=row.event_id,
                    doc=json.loads(row.doc),
                )
                for row in conn.execute(query)
            ]

    def article(self, article_id: str) -> StoredArticle | None:
        query = sa.select(ARTICLES).where(ARTICLES.c.id == article_id)
        with self._connection(f"read article {article_id}") as conn:
            row = conn.execute(query).first()
        return StoredArticle(**row._asdict()) if row is not None else None

    def failures(self) -> list[dict[str, Any]]:
        query = sa.select(FAILURES).order_by(FAILURES.c.id)
        with self._connection("read failures") as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def stats(self) -> dict[str, Any]:
        by_type = (
            sa.select(EVENTS.c.event, sa.func.count())
            .where(EVENTS.c.event.is_not(None))
            .group_by(EVENTS.c.event)
            .order_by(EVENTS.c.event)
        )
        span = sa.select(sa.func.min(EVENTS.c.date_start), sa.func.max(EVENTS.c.date_end))
        with self._connection("count the stored records") as conn:
            counts = {
                table.name: conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                for table in (ARTICLES, MENTIONS, EVENTS, FAILURES)
            }
            events_by_type = {str(name): count for name, count in conn.execute(by_type)}
            first, last = conn.execute(span).one()
        return {
            **counts,
            "events_by_type": events_by_type,
            "date_range": {"start": first, "end": last},
        }

    def close(self) -> None:
        self._engine.dispose()


def _upsert(insert: Any, table: sa.Table) -> Any:
    """INSERT ... ON CONFLICT (primary key) DO UPDATE every other column, for executemany."""
    statement = insert(table)
    keys = [column.name for column in table.primary_key]
    names = [column.name for column in table.columns if column.name not in keys]
    updates = {name: statement.excluded[name] for name in names}
    return statement.on_conflict_do_update(index_elements=keys, set_=updates)
