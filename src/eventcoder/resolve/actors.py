"""The actor knowledge base: canonical, neutral actors with aliases, countries and sectors."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable

from eventcoder.datafiles import data_files, load_yaml, require
from eventcoder.errors import DataFileError
from eventcoder.model import Entity
from eventcoder.resolve.normal import name_keys


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    wikidata: str | None
    country: str | None
    sector: str | None
    parent: str | None
    kind: str
    source: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorBase:
    """Actors by id, and indexes from folded alias to actor ids."""

    actors: dict[str, Actor]
    aliases: dict[str, tuple[str, ...]]
    loaded: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    demonyms: dict[str, str | None]
    max_words: int

    def ancestors(self, actor_id: str) -> list[str]:
        """Parent chain of an actor, nearest first (cycles are cut)."""
        chain: list[str] = []
        current = self.actors[actor_id].parent if actor_id in self.actors else None
        while current and current in self.actors and current not in chain:
            chain.append(current)
            current = self.actors[current].parent
        return chain

    def lookup(self, key: str, countries: Iterable[str] = ()) -> list[Actor]:
        """Actors whose alias (or, in the given country contexts, loaded alias) is this key."""
        ids = list(self.aliases.get(key, ()))
        if not ids:
            context = set(countries)
            ids = [
                actor_id
                for actor_id, where in self.loaded.get(key, ())
                if not where or where & context
            ]
        return [self.actors[actor_id] for actor_id in ids]

    def names_actor(self, name: str) -> bool:
        """True when a name is an alias of an actor that is not a country or a capital."""
        keys = name_keys(name)
        return any(
            self.actors[i].kind != "country" for key in keys for i in self.aliases.get(key, ())
        )

    def names_outlet(self, name: str) -> bool:
        """True when a name is an alias of a news outlet ("TASS", "Al Jazeera"): in news text
        it names the outlet, whatever town shares the name."""
        keys = name_keys(name)
        return any(
            self.actors[i].sector == "MED" for key in keys for i in self.aliases.get(key, ())
        )

    def by_country(self, country: str, sector: str) -> Actor | None:
        """The main actor of a country in a sector (e.g. its military), if the base has one:
        the state's own body (a child of the country) before any other body based there (the
        Donetsk People's Republic is in Ukraine but is not Ukraine's government)."""
        state = self.country_actor(country)
        found = [
            actor
            for actor in self.actors.values()
            if actor.country == country and actor.sector == sector and actor.kind != "person"
        ]
        own = [a for a in found if state is not None and a.parent == state.id]
        ranked = own or found
        return ranked[0] if ranked else None

    def country_actor(self, country: str) -> Actor | None:
        for actor in self.actors.values():
            if actor.country == country and actor.kind == "country":
                return actor
        return None

    def entity(
        self,
        actor: Actor,
        *,
        text: str,
        start: int | None,
        end: int | None,
        method: str,
        role: str | None = None,
        score: float = 1.0,
    ) -> Entity:
        return Entity(
            text=text,
            name=actor.name,
            start=start,
            end=end,
            actor_id=actor.id,
            wikidata=actor.wikidata,
            country=actor.country,
            sector=actor.sector,
            parent=self.actors[actor.parent].name if actor.parent in self.actors else None,
            role=role,
            method=method,
            score=score,
        )


def _actor(row: dict[str, object], where: str) -> Actor:
    def text(key: str) -> str | None:
        value = row.get(key)
        return str(value) if value not in (None, "") else None

    aliases = row.get("aliases") or []
    if not isinstance(aliases, list):
        raise DataFileError(f"{where}: `aliases` must be a list")
    return Actor(
        id=str(require(row, "id", where=where)),
        name=str(require(row, "name", where=where)),
        aliases=tuple(str(a) for a in aliases),
        wikidata=text("wikidata"),
        country=text("country"),
        sector=text("sector"),
        parent=text("parent"),
        kind=text("kind") or "organisation",
        source=where,
    )


@functools.cache
def actor_base() -> ActorBase:
    """Load every `data/actors/*.yaml` once, validate it and build the alias indexes."""
    actors: dict[str, Actor] = {}
    aliases: dict[str, list[str]] = {}
    loaded: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for path in data_files("actors", ".yaml"):
        rows = load_yaml(f"actors/{path.name}") or []
        for number, row in enumerate(rows):
            where = f"data/actors/{path.name} entry {number}"
            actor = _actor(row, where)
            if actor.id in actors:
                raise DataFileError(
                    f"{where}: duplicate actor id {actor.id!r} (also in {actors[actor.id].source})"
                )
            actors[actor.id] = actor
            for alias in (actor.name, *actor.aliases):
                for key in name_keys(alias):
                    ids = aliases.setdefault(key, [])
                    if actor.id not in ids:
                        ids.append(actor.id)
            for item in row.get("loaded_aliases") or []:
                term = str(require(item, "text", where=where))
                where_used = frozenset(str(c) for c in item.get("countries") or [])
                for key in name_keys(term):
                    loaded.setdefault(key, []).append((actor.id, where_used))
    for actor in actors.values():
        if actor.parent and actor.parent not in actors:
            raise DataFileError(
                f"{actor.source}: parent {actor.parent!r} of {actor.id!r} is not "
                "an actor id in data/actors/"
            )
    demonyms = {
        str(k).lower(): (str(v) if v else None)
        for k, v in (load_yaml("lexicons/demonyms.yaml") or {}).items()
    }
    words = max((len(k.split()) for k in [*aliases, *loaded]), default=1)
    return ActorBase(
        actors=actors,
        aliases={k: tuple(v) for k, v in aliases.items()},
        loaded={k: tuple(v) for k, v in loaded.items()},
        demonyms=demonyms,
        max_words=min(words, 10),
    )
