"""A place in a clause of condition or reason belongs to that clause, not to an act told as
having happened in another (real spaCy parse)."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _place(text: str, trigger: str) -> str | None:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-06-10")
    event = next(e for e in result["events"] if e["trigger"]["text"] == trigger)
    return (event["location"] or {}).get("name")


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        pytest.param(
            "A Houthi spokesman said the group had struck the tanker, and vowed to keep up "
            'the attacks "until the siege of Gaza ends".',
            "struck",
            None,
            id="until-clause",
        ),
        pytest.param(
            "A Houthi spokesman said the group had struck the tanker, and vowed to keep up "
            'the attacks "until the siege of Gaza ends".',
            "attacks",
            None,
            id="until-clause-of-a-vow",
        ),
        pytest.param(
            "The activist said he would be killed if he were deported to Kenya.",
            "killed",
            "Kenya",
            id="condition-of-a-hypothetical-act",
        ),
        pytest.param(
            "Militants torched a school in Maiduguri because its teachers had taught in "
            "Kano, police said.",
            "torched",
            "Maiduguri",
            id="because-clause-keeps-own-place",
        ),
        pytest.param(
            "Russian drones hit a substation in Odesa, and Kyiv said strikes would go on "
            "unless air defences reached Kharkiv.",
            "hit",
            "Odesa",
            id="unless-clause-keeps-own-place",
        ),
    ],
)
def test_a_place_of_a_condition_or_reason_is_not_where_the_act_was(
    text: str, trigger: str, place: str | None
) -> None:
    assert _place(text, trigger) == place
