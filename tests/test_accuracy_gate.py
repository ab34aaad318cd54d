"""The accuracy gate: every figure stays at or above its floor in bench/floors.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eventcoder.evaluation import Report, run_task

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
FLOORS: dict[str, dict[str, float]] = yaml.safe_load(
    (ROOT / "bench" / "floors.yaml").read_text(encoding="utf-8")
)
PLACES = [ROOT.parent / "shared" / "eval", ROOT / "bench" / "gold"]


def _path(name: str) -> Path | None:
    return next((folder / name for folder in PLACES if (folder / name).exists()), None)


_REPORTS: dict[str, Report] = {}


def _report(name: str) -> Report:
    path = _path(name)
    if path is None:
        pytest.skip(f"{name} not found in {PLACES}")
    if name not in _REPORTS:
        _REPORTS[name] = run_task(path, workers=2)
    return _REPORTS[name]


CASES: list[Any] = [
    pytest.param(name, figure, floor, id=f"{name}:{figure}")
    for name, figures in FLOORS.items()
    for figure, floor in figures.items()
]


@pytest.mark.parametrize(("name", "figure", "floor"), CASES)
def test_accuracy_stays_at_or_above_its_floor(name: str, figure: str, floor: float) -> None:
    value = _report(name).figure(figure)
    assert value >= floor, f"{name} {figure}: {value:.3f} fell below its floor {floor}"
