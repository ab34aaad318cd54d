"""The PLOVER ontology (event types, modes, contexts) and its mapping to ACLED and CAMEO."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from eventcoder.datafiles import load_yaml, require
from eventcoder.errors import DataFileError
from eventcoder.model import Acled

EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    name: str
    description: str
    cameo_root: str
    modes: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class AcledRule:
    event: str
    mode: str | None
    target: str | None
    weapon: str | None
    actor: str | None
    acled: Acled | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Ontology:
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    sectors: tuple[str, ...]
    acled_rules: tuple[AcledRule, ...]

    def check_mode(self, event: str, mode: str | None) -> None:
        """Raise DataFileError when a mode is not one of the event type's modes."""
        if event not in self.types:
            raise DataFileError(f"unknown PLOVER event type {event!r}")
        if mode is not None and mode not in self.types[event].modes:
            raise DataFileError(f"mode {mode!r} is not a mode of {event} in ontology.yaml")

    def acled_for(
        self,
        event: str,
        mode: str | None,
        *,
        civilian_target: bool,
        weapon: str | None = None,
        state_actor: bool | None = None,
    ) -> Acled | None:
        """ACLED event and sub-event type for a PLOVER type and mode (first matching rule).

        Rules may also test the weapon class named near the trigger and whether the actor is
        a state force (`state_actor` None: unknown, which matches neither kind of rule).
        """
        for rule in self.acled_rules:
            if rule.event != event or (rule.mode is not None and rule.mode != mode):
                continue
            if rule.weapon is not None and rule.weapon != weapon:
                continue
            if rule.actor is not None and (
                state_actor is None or (rule.actor == "state") != state_actor
            ):
                continue

            if rule.target == "civilians" and not civilian_target:
                continue
            if rule.target == "armed" and civilian_target:
                continue
            return rule.acled
        return None


def _context_ids(raw: Any) -> tuple[str, ...]:
    out: list[str] = []
    for item in raw or []:
        if isinstance(item, dict):
            out.append(str(item.get("id") or item.get("name")))
        else:
            out.append(str(item))
    return tuple(out)


@functools.cache
def ontology() -> Ontology:
    """The packaged ontology, loaded and validated once."""
    where = "data/ontology.yaml"
    raw = load_yaml("ontology.yaml")
    types: dict[str, EventType] = {}
    for name, spec in require(raw, "event_types", where=where).items():
        roots = spec.get("cameo_roots") or [spec.get("cameo_root")]
        types[name] = EventType(
            name=name,
            description=str(spec.get("description") or ""),
            cameo_root=str(spec.get("cameo_root") or (roots[0] if roots else "")),
            modes=tuple(str(m) for m in spec.get("modes") or ()),
        )
    missing = set(EVENT_TYPES) - set(types)
    if missing:
        raise DataFileError(f"{where}: event types missing: {sorted(missing)}")
    rules: list[AcledRule] = []
    mapping = load_yaml("acled_map.yaml")
    for number, rule in enumerate(require(mapping, "rules", where="data/acled_map.yaml")):
        event = require(rule, "event", where=f"data/acled_map.yaml rule {number}")
        if event not in types:
            raise DataFileError(f"data/acled_map.yaml rule {number}: unknown type {event!r}")
        acled = rule.get("acled")
        rules.append(
            AcledRule(
                event=event,
                mode=rule.get("mode"),
                target=rule.get("target") if rule.get("target") not in (None, "any") else None,
                weapon=rule.get("weapon"),
                actor=rule.get("actor"),
                acled=Acled(event_type=acled["event_type"], sub_event_type=acled["sub_event_type"])
                if acled
                else None,
            )
        )
    return Ontology(
        types=types,
        contexts=_context_ids(raw.get("contexts")),
        sectors=tuple(str(s) for s in raw.get("sectors") or ()),
        acled_rules=tuple(rules),
    )
