"""A state body's "its forces" are the state's forces; a force's own "its troops" and a group's
"its fighters" stay the speaker (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _actors(text: str) -> list[str]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-06-10")
    event = next(e for e in result["events"] if e["event"] == "ASSAULT")
    return [a["name"] for a in event["actor"]]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        pytest.param(
            "Moscow's defence ministry said on Tuesday that its forces had captured a village "
            "west of Kurakhove.",
            "Russian Armed Forces",
            id="russian-ministry",
        ),
        pytest.param(
            "Ukraine's Defence Ministry said its troops destroyed a Russian ammunition depot "
            "near Horlivka.",
            "Armed Forces of Ukraine",
            id="ukrainian-ministry",
        ),
        pytest.param(
            "The Israel Defense Forces said its troops raided a Hamas tunnel shaft in Rafah.",
            "Israel Defense Forces",
            id="the-force-itself",
        ),
        pytest.param(
            "Hamas said its fighters ambushed an Israeli armoured unit east of Khan Younis.",
            "Hamas",
            id="an-armed-group",
        ),
    ],
)
def test_a_state_bodys_own_forces_are_the_states_forces(text: str, actor: str) -> None:
    assert _actors(text) == [actor]
