"""The package keeps its shape: imports follow the pipeline, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventcoder"
ORDER = ["ingest", "text", "extract", "resolve", "dedup", "store", "export", "serve"]
SHARED = {"model", "errors", "config", "datafiles", "ontology"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("eventcoder.")
        ):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("eventcoder.")}
    return found


STAGE_FILES = [p for p in PACKAGE.rglob("*.py") if p.parent.name in ORDER]


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stage_modules_import_only_earlier_stages(path: Path) -> None:
    stage = ORDER.index(path.parent.name)
    for name in _imports(path) - SHARED:
        assert name in ORDER, f"{path.name} imports eventcoder.{name}, not a stage"
        assert ORDER.index(name) <= stage, f"{path} imports the later stage {name}"


def test_model_imports_nothing_from_the_package() -> None:
    assert _imports(PACKAGE / "model.py") == set()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_under_600_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 600
