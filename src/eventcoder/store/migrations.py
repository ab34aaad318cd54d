"""Numbered schema migrations, recorded in `schema_migrations`, for SQLite and PostgreSQL.

Each migration is frozen once released: it declares the tables as they were at that version
(never the current table objects of `sql.py`), so a fresh database and an upgraded one end up
identical. To change the schema, append a migration with the next number.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Callable

import sqlalchemy as sa

logger = logging.getLogger(__name__)

# Execution option naming the statement that opens a SQLite transaction (see sql.create_engine):
# writers take the write lock up front, so a transaction that reads before it writes cannot
# fail halfway because another process wrote in between.
BEGIN_OPTION = "eventcoder_sqlite_begin"
BEGIN_IMMEDIATE = {BEGIN_OPTION: "BEGIN IMMEDIATE"}
_PG_LOCK_KEY = 0x65766E74  # "evnt": serialises concurrent migrators on one PostgreSQL database


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One schema step: applied once, inside a transaction, then recorded by number."""

    number: int
    name: str
    apply: Callable[[sa.Connection], None]


def _v1_events(metadata: sa.MetaData, dialect: str) -> None:
    """Merged events: the JSON document, plus the columns and indexes the queries filter on.

    Large text columns come last: SQLite reads a row's columns in order, so a scan that only
    tests the filter columns never touches the document's overflow pages.
    """
    events = sa.Table(
        "events",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("event", sa.Text),
        sa.Column("mode", sa.Text),
        sa.Column("date_start", sa.Text),
        sa.Column("date_end", sa.Text),
        sa.Column("country", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("certainty", sa.Text),
        sa.Column("long_range", sa.Boolean, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("actor_names", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("mention_ids", sa.Text, nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
    )
    col = events.c
    newest = (col.date_start.desc(), col.id)  # keyset pages read in index order
    # On SQLite the date index also carries every filtered column, so a rare value (a `q`, a
    # mode) is tested inside the index (~15 ms at 100,000 events), not row by row (~130 ms).
    # PostgreSQL caps an index entry at ~2.7 kB, too small for a long search_text.
    filtered = (col.date_end, col.event, col.mode, col.country, col.lat, col.lon, col.certainty)
    texts = (col.actor_names, col.search_text)
    sa.Index("ix_events_date", *newest, *((*filtered, *texts) if dialect == "sqlite" else ()))
    # The linker's candidate query tests date_end and the other key inside these indexes.
    sa.Index("ix_events_event_date", col.event, *newest, col.date_end, col.country)
    sa.Index("ix_events_country_date", col.country, *newest, col.date_end, col.event)
    sa.Index("ix_events_lat_lon", col.lat, col.lon)
    long_range = col.long_range == sa.true()
    long_key = (col.date_end, col.event, col.country, col.date_start)
    sa.Index("ix_events_long", *long_key, sqlite_where=long_range, postgresql_where=long_range)


def _v1_metadata(*, dialect: str = "sqlite") -> sa.MetaData:
    """The schema as released in version 1: documents as JSON text plus indexed columns."""
    metadata = sa.MetaData()
    sa.Table(
        "articles",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    _v1_events(metadata, dialect)
    mentions = sa.Table(
        "mentions",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("event_id", sa.Text, sa.ForeignKey("events.id", ondelete="SET NULL")),
        sa.Column("doc", sa.Text, nullable=False),
    )
    sa.Index("ix_mentions_article", mentions.c.article_id)
    sa.Index("ix_mentions_event", mentions.c.event_id)
    sa.Table(
        "failures",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text),
        sa.Column("created", sa.Text, nullable=False),
    )
    return metadata


def _001_initial(conn: sa.Connection) -> None:
    _v1_metadata(dialect=conn.dialect.name).create_all(conn)


MIGRATIONS: tuple[Migration, ...] = (Migration(number=1, name="initial", apply=_001_initial),)

# The tables after the last migration, which the store queries. When a migration is appended,
# point this at the metadata it produces; a contract test compares it with a migrated database.
SCHEMA: sa.MetaData = _v1_metadata()

_META = sa.MetaData()
schema_migrations = sa.Table(
    "schema_migrations",
    _META,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied", sa.Text, nullable=False),
)


def applied(conn: sa.Connection) -> set[int]:
    """Numbers of the migrations already recorded in this database."""
    return set(conn.scalars(sa.select(schema_migrations.c.number)))


def migrate(engine: sa.Engine) -> list[int]:
    """Apply every migration the database lacks, each in its own transaction; return them.

    Idempotent: a second call finds everything recorded and does nothing.
    """
    done: list[int] = []
    for migration in MIGRATIONS:
        with engine.connect() as conn, conn.execution_options(**BEGIN_IMMEDIATE).begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            _META.create_all(conn, checkfirst=True)
            if migration.number in applied(conn):
                continue
            logger.info("applying migration %03d_%s", migration.number, migration.name)
            migration.apply(conn)
            conn.execute(
                schema_migrations.insert().values(
                    number=migration.number,
                    name=migration.name,
                    applied=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                )
            )
            done.append(migration.number)
    return done
