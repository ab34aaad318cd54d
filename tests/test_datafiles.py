"""Every data file loads through its loader and passes its schema checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventcoder.datafiles import data_files, data_path, load_csv
from eventcoder.errors import DataFileError
from eventcoder.extract.lexicon import lexicon
from eventcoder.ontology import EVENT_TYPES, ontology
from eventcoder.resolve import actors as actors_module
from eventcoder.resolve.actors import actor_base
from eventcoder.resolve.places import gazetteer


def test_ontology_has_all_sixteen_plover_types_with_cameo_roots() -> None:
    types = ontology().types
    assert set(types) == set(EVENT_TYPES)
    assert all(t.cameo_root for t in types.values())


def test_acled_rules_cover_every_violent_mode() -> None:
    onto = ontology()
    for event in ("ASSAULT", "PROTEST"):
        for mode in onto.types[event].modes:
            assert onto.acled_for(event, mode, civilian_target=False) is not None, (event, mode)


def test_lexicons_load_and_every_trigger_mode_belongs_to_its_type() -> None:
    lex = lexicon()
    triggers = [t for group in lex.triggers.values() for t in group]
    assert len(triggers) > 300
    assert {t.event for t in triggers} == set(EVENT_TYPES)
    assert lex.loaded_terms and lex.reporting["say"] == "assert"


def test_actor_base_loads_with_unique_ids_and_known_parents() -> None:
    base = actor_base()
    assert len(base.actors) > 150
    for actor in base.actors.values():
        assert actor.parent is None or actor.parent in base.actors
        assert actor.country is None or len(actor.country) == 3


def test_curated_places_have_valid_rows_and_unique_ids() -> None:
    ids: set[str] = set()
    for path in data_files("places", ".csv"):
        if path.name == "countries.csv":
            continue
        for row in load_csv(path):
            assert row["id"] not in ids, row["id"]
            ids.add(row["id"])
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
            assert row["precision"] in {"neighbourhood", "city", "district", "region", "country"}
    assert len(ids) > 100


def test_gazetteer_knows_conflict_places_the_cities_list_lacks() -> None:
    index = gazetteer()
    assert index.candidates("Shejaiya"), "curated neighbourhood missing"
    assert any(r.country == "UKR" for r in index.candidates("Pokrovsk"))
    assert any(r.country == "PSE" for r in index.candidates("Khan Younis"))


def test_duplicate_actor_ids_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "actors"
    folder.mkdir()
    row = [{"id": "x", "name": "X", "aliases": []}]
    (folder / "a.yaml").write_text(yaml.safe_dump(row), encoding="utf-8")
    (folder / "b.yaml").write_text(yaml.safe_dump(row), encoding="utf-8")

    def files(name: str, suffix: str) -> list[Path]:
        return sorted(folder.glob(f"*{suffix}"))

    def load(relative: str) -> object:
        if relative.startswith("actors/"):
            return yaml.safe_load((folder / relative.split("/", 1)[1]).read_text())
        return yaml.safe_load(data_path(relative).read_text())

    monkeypatch.setattr(actors_module, "data_files", files)
    monkeypatch.setattr(actors_module, "load_yaml", load)
    actor_base.cache_clear()
    try:
        with pytest.raises(DataFileError, match="duplicate actor id"):
            actor_base()
    finally:
        actor_base.cache_clear()


def test_country_points_cover_every_iso_country() -> None:
    rows = load_csv(data_path("places/countries.csv"))
    codes = {row["iso3"] for row in rows}
    assert len(codes) == len(rows) > 240
    assert {"USA", "RUS", "UKR", "PSE", "SDN", "MMR"} <= codes
