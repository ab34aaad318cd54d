"""Read the packaged data files (YAML and CSV) with errors that name the file and the fix."""

from __future__ import annotations

import csv
import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import DataFileError


def data_path(relative: str) -> Path:
    """Path of a packaged data file, e.g. `data_path("lexicons/reporting.yaml")`."""
    return Path(str(resources.files("eventcoder") / "data" / relative))


def data_files(folder: str, suffix: str) -> list[Path]:
    """All packaged data files in a folder with the suffix, sorted by name."""
    return sorted(p for p in data_path(folder).iterdir() if p.name.endswith(suffix))


@functools.cache
def load_yaml(relative: str) -> Any:
    """Parse a packaged YAML file once; raise DataFileError naming it on failure."""
    path = data_path(relative)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DataFileError(
            f"{path}: cannot read data file ({e.strerror}); reinstall the package"
        ) from e
    except yaml.YAMLError as e:
        raise DataFileError(f"{path}: invalid YAML: {e}") from e


def load_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV data file as dicts; raise DataFileError naming it on failure."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, csv.Error) as e:
        raise DataFileError(f"{path}: cannot read CSV data file: {e}") from e


def require(mapping: Any, key: str, *, where: str) -> Any:
    """A required field of a data row, or DataFileError naming the file and the row."""
    if not isinstance(mapping, dict) or key not in mapping or mapping[key] in (None, ""):
        raise DataFileError(f"{where}: missing required field `{key}`")
    return mapping[key]
