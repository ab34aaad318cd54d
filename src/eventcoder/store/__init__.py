"""Storage: a `Store` protocol and `SqlStore` on SQLite (default) or PostgreSQL.

>>> store = open_store(":memory:")
>>> store.stats()["articles"]
0
>>> store.close()
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from eventcoder.config import Settings
from eventcoder.store.base import (
    EventFilter,
    FilterError,
    Store,
    StoredArticle,
    StoredEvent,
    StoredMention,
    StoreError,
)
from eventcoder.store.sql import SqlStore

__all__ = [
    "EventFilter",
    "FilterError",
    "SqlStore",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoredEvent",
    "StoredMention",
    "database_url",
    "open_store",
]

DEFAULT_FILE = "eventcoder.db"


def database_url(url_or_path: str | os.PathLike[str] | None, settings: Settings) -> str:
    """The SQLAlchemy URL for a path, a `postgresql://` URL, `EVENTCODER_DB`, or the default file.

    >>> database_url("postgresql://me@db/events", Settings())
    'postgresql+psycopg://me@db/events'
    >>> database_url(":memory:", Settings())
    'sqlite://'
    """
    target = os.fspath(url_or_path) if url_or_path is not None else os.environ.get("EVENTCODER_DB")
    if not target:
        settings.home.mkdir(parents=True, exist_ok=True)
        return _sqlite_url(settings.home / DEFAULT_FILE)
    for scheme in ("postgresql://", "postgres://"):
        if target.startswith(scheme):
            return "postgresql+psycopg://" + target[len(scheme) :]
    if target.startswith(("postgresql+", "sqlite:")):
        return target
    if "://" in target:
        raise StoreError(
            f"database {target!r} is neither a file path nor a postgresql:// URL: "
            "pass a path for SQLite or postgresql://user@host/name"
        )
    if target == ":memory:":
        return "sqlite://"
    path = Path(target).expanduser()
    if not path.parent.is_dir():
        raise StoreError(f"database {path}: folder {path.parent} does not exist: create it first")
    return _sqlite_url(path)


def _sqlite_url(path: Path) -> str:
    return sa.URL.create("sqlite", database=str(path)).render_as_string()


def open_store(
    url_or_path: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
    *,
    migrate: bool = True,
) -> SqlStore:
    """Open the database, bringing its schema up to date unless `migrate=False`.

    None means `EVENTCODER_DB` if set, else `eventcoder.db` in the settings' home folder.
    """
    store = SqlStore(database_url(url_or_path, settings or Settings.from_env()))
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
    return store
