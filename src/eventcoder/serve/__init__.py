"""The HTTP API and the static page (map, timeline, evidence): `eventcoder serve`.

The app itself is `eventcoder.serve.api.create_app`; this module stays light to import (FastAPI
loads only when the server starts), since the CLI imports it for every command.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="eventcoder")
>>> add_serve_command(parser.add_subparsers())
>>> parser.parse_args(["serve"]).host
'127.0.0.1'
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import Any, TextIO

from eventcoder.config import Settings
from eventcoder.serve.assets import default_assets, map_ready
from eventcoder.serve.extraction import Pipeline
from eventcoder.serve.security import LOOPBACK_HOSTS
from eventcoder.store import open_store

__all__ = ["Pipeline", "add_serve_command", "run_serve"]

EXAMPLES = """examples:
  eventcoder serve --db events.db
  eventcoder serve --db events.db --port 8080 --write-token "$(openssl rand -hex 16)"
  EVENTCODER_WRITE_TOKEN=... eventcoder serve --db postgresql://localhost/events
"""
TOKEN_ENV = "EVENTCODER_WRITE_TOKEN"
MIN_TOKEN_CHARS = 16


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from e
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range: pick 1 to 65535")
    return port


def add_serve_command(verbs: Any) -> None:
    """Register `serve` on the CLI's sub-parsers."""
    command = verbs.add_parser(
        "serve",
        help="the HTTP API and the map page",
        description="Serve the events of a database: the JSON API under /api/, its reference "
        "at /docs and a map, timeline and evidence page at /. Read-only unless a write token "
        "is given.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "--db",
        metavar="DB",
        help="SQLite path or postgresql:// URL "
        "(default: EVENTCODER_DB, else eventcoder.db in the data folder)",
    )
    command.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    command.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    command.add_argument(
        "--write-token",
        metavar="TOKEN",
        help=f"enable POST /api/extract for requests sending 'Authorization: Bearer TOKEN' "
        f"(default: {TOKEN_ENV}; unset: read-only). The environment variable keeps the "
        "token out of the process list.",
    )
    command.add_argument(
        "--assets",
        metavar="DIR",
        help="node_modules folder with the map libraries "
        "(default: EVENTCODER_ASSETS, else the project's node_modules)",
    )


def run_serve(args: argparse.Namespace, out: TextIO, *, pipeline: Pipeline | None = None) -> int:
    """Serve until interrupted. `out` stays empty: a server has no data to print.

    Without `pipeline`, article views mark only stored evidence and writes stay off.
    """
    token = args.write_token or os.environ.get(TOKEN_ENV) or None
    if token is not None and pipeline is None:
        print(
            "eventcoder: this server has no extraction pipeline: writes stay off", file=sys.stderr
        )
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        print(
            f"eventcoder: the write token is shorter than {MIN_TOKEN_CHARS} characters; "
            "make a strong one with: openssl rand -hex 16",
            file=sys.stderr,
        )
    import uvicorn

    from eventcoder.serve.api import create_app

    settings = Settings.from_env()
    assets = Path(args.assets).expanduser() if args.assets else default_assets()
    loopback = args.host in LOOPBACK_HOSTS
    try:
        sock = _bind(args.host, args.port)
    except OSError as e:
        print(
            f"eventcoder: cannot listen on {args.host}:{args.port} ({e.strerror or e}): "
            "pick another --port or stop the program using it",
            file=sys.stderr,
        )
        return 1
    with sock, open_store(args.db, settings) as store:
        app = create_app(
            store,
            write_token=token,
            assets=assets,
            pipeline=pipeline,
            settings=settings,
            allowed_hosts=LOOPBACK_HOSTS if loopback else None,
            warm_up=True,
        )
        _announce(args, store_url=store.url, assets=assets, writes=bool(token and pipeline))
        level = "info" if getattr(args, "verbose", False) else "warning"
        config = uvicorn.Config(app, log_level=level, server_header=False)
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
    return 0 if server.started else 1


def _bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on host:port, so a busy port is reported here, not by uvicorn."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _announce(args: argparse.Namespace, *, store_url: str, assets: Path, writes: bool) -> None:
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"eventcoder: serving {store_url} at http://{host}:{args.port}/ "
        f"(API reference at /docs; writes {'on' if writes else 'off'}; Ctrl-C stops)",
        file=sys.stderr,
    )
    if args.host not in LOOPBACK_HOSTS:
        print(
            f"eventcoder: listening on {args.host}: other machines can read every event",
            file=sys.stderr,
        )
    if not map_ready(assets):
        print(
            f"eventcoder: no map libraries in {assets}: run `npm ci` in the project folder "
            "(the API and the list still work)",
            file=sys.stderr,
        )
