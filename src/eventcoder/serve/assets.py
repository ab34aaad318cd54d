"""Where the page's files come from: our static folder, and a whitelist of npm packages' files.

The npm packages (Leaflet, markercluster, world-atlas, topojson-client, swagger-ui-dist) are
installed by `npm ci` into `node_modules` at set-up time and never committed; the server
hands out only the files listed here, never anything else below `node_modules`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

STATIC = Path(__file__).resolve().parent / "static"

# (package folder prefix, allowed suffixes): a request must match one of them exactly.
ALLOWED = (
    ("leaflet/dist/", (".js", ".css", ".png")),
    ("leaflet.markercluster/dist/", (".js", ".css")),
    ("topojson-client/dist/", (".js",)),
    ("world-atlas/countries-110m.json", (".json",)),
    ("swagger-ui-dist/swagger-ui-bundle.js", (".js",)),
    ("swagger-ui-dist/swagger-ui.css", (".css",)),
)
# The files the page cannot draw the map without; their absence is reported, not fatal.
MAP_FILES = (
    "leaflet/dist/leaflet.js",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-110m.json",
)


def default_assets() -> Path:
    """`EVENTCODER_ASSETS`, else the `node_modules` beside the project holding this package.

    >>> default_assets().name
    'node_modules'
    """
    if configured := os.environ.get("EVENTCODER_ASSETS"):
        return Path(configured).expanduser()
    for folder in Path(__file__).resolve().parents:
        if (folder / "package.json").is_file():
            return folder / "node_modules"
    return Path.cwd() / "node_modules"


def allowed(path: str) -> bool:
    """True when `path` (relative, POSIX) is one of the whitelisted package files.

    >>> allowed("leaflet/dist/leaflet.js"), allowed("leaflet/package.json")
    (True, False)
    >>> allowed("leaflet/dist/../../secret.js")
    False
    """
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in pure.parts):
        return False
    return any(
        (path == prefix or (prefix.endswith("/") and path.startswith(prefix)))
        and path.endswith(suffixes)
        for prefix, suffixes in ALLOWED
    )


def asset_file(assets: Path, path: str) -> Path | None:
    """The file behind `/assets/<path>`, or None when it is not whitelisted or not installed."""
    if not allowed(path):
        return None
    root = assets.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def map_ready(assets: Path) -> bool:
    """True when every library the map needs is installed."""
    return all(asset_file(assets, path) is not None for path in MAP_FILES)
