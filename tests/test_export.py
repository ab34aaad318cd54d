"""Every export format writes files that standard readers read back with the expected values."""

from __future__ import annotations

import copy
import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventcoder.export import (
    ACLED_COLUMNS,
    COLUMN_NAMES,
    FORMATS,
    UCDP_COLUMNS,
    ExportError,
    export,
    write_acled,
)

EVIDENCE = (
    'Russian drones struck positions east of Kharkiv, "overnight", killing 3 —\n'
    "said Ukraine’s air force (Повітряні сили), in Łódź-style café terms."
)


def _entity(
    name: str, *, country: str | None, sector: str | None, text: str = ""
) -> dict[str, Any]:
    return {
        "text": text or name,
        "name": name,
        "wikidata": None,
        "country": country,
        "sector": sector,
        "parent": None,
        "actor_id": None,
    }


def _mention(outlet: str, published: str) -> dict[str, Any]:
    return {
        "mention_id": f"m-{outlet}",
        "article_id": f"a-{outlet}",
        "outlet": outlet,
        "published": published,
        "url": None,
        "certainty": "reported",
        "claims": [],
        "evidence": {"text": "…", "start": 0, "end": 1},
        "casualties": None,
    }


STRIKE: dict[str, Any] = {
    "id": "ev-strike",
    "event": "ASSAULT",
    "mode": "drone",
    "context": ["military"],
    "aux_mode": None,
    "actor": [
        _entity("Russian Armed Forces", country="RUS", sector="MIL", text="Збройні сили РФ"),
        _entity('Forces of "Wagner", Africa Corps', country="RUS", sector="PRM"),
    ],
    "recipient": [_entity("Ukrainian Armed Forces", country="UKR", sector="MIL")],
    "location": {
        "text": "east of Kharkiv",
        "name": "Kharkiv",
        "admin1": "Kharkivska",
        "country": "UKR",
        "lat": 49.98,
        "lon": 36.25,
        "geonameid": 706483,
        "precision": "city",
    },
    "date": {
        "start": "2025-03-13",
        "end": "2025-03-14",
        "precision": "day",
        "basis": "relative",
        "text": "overnight",
    },
    "casualties": {
        "killed": {"low": 2, "best": 3, "high": 5},
        "injured": None,
        "victims": None,
        "text": "killing 3",
    },
    "claims": [
        {
            "claimant": _entity("Ukrainian Air Force", country="UKR", sector="MIL"),
            "claimant_type": "government",
            "verb": "say",
            "via": "Reuters",
            "quote": None,
            "start": 0,
            "end": 10,
        }
    ],
    "certainty": "corroborated",
    "confidence": 0.8,
    "contested": False,
    "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
    "evidence": {"text": EVIDENCE, "start": 0, "end": len(EVIDENCE)},
    "mentions": [_mention("Reuters", "2025-03-14"), _mention("Kyiv Independent", "2025-03-14")],
    "n_sources": 2,
    "first_reported": "2025-03-14",
}

PROTEST: dict[str, Any] = {
    "id": "ev-protest",
    "event": "PROTEST",
    "mode": "demo",
    "context": ["political"],
    "aux_mode": None,
    "actor": [_entity("student protesters", country="SRB", sector="CVL")],
    "recipient": [_entity("Government of Serbia", country="SRB", sector="GOV")],
    "location": None,
    "date": {"start": "2025-03-01", "end": "2025-03-31", "precision": "month", "basis": "stated"},
    "casualties": None,
    "claims": [],
    "certainty": "reported",
    "confidence": 0.6,
    "contested": False,
    "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
    "evidence": {"text": "Students protested in March.", "start": 0, "end": 28},
    "mentions": [_mention("N1", "2025-04-01")],
    "n_sources": 1,
    "first_reported": "2025-04-01",
}

FUTURE: dict[str, Any] = {
    **copy.deepcopy(STRIKE),
    "id": "ev-future",
    "aux_mode": "future",
    "casualties": None,
    "evidence": {"text": "Russia will strike Kharkiv again.", "start": 0, "end": 33},
}

CIVILIANS: dict[str, Any] = {
    "id": "ev-civilians",
    "event": "ASSAULT",
    "mode": "firearms",
    "context": ["terrorism"],
    "aux_mode": None,
    "actor": [_entity("unidentified gunmen", country=None, sector="UAF")],
    "recipient": [_entity("villagers", country="MLI", sector="CVL")],
    "location": {
        "text": "Bandiagara district",
        "name": "Bandiagara",
        "admin1": "Mopti",
        "country": "MLI",
        "lat": 14.35,
        "lon": -3.61,
        "geonameid": None,
        "precision": "district",
    },
    "date": {"start": "2025-02-02", "end": "2025-02-02", "precision": "day", "basis": "stated"},
    "casualties": {
        "killed": {"low": None, "best": 7, "high": None},
        "injured": {"low": 4, "best": 4, "high": 4},
        "victims": "civilians",
        "text": "seven villagers were killed",
    },
    "claims": [],
    "certainty": "reported",
    "confidence": 0.7,
    "contested": True,
    "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
    "evidence": {"text": "Gunmen killed seven villagers.", "start": 0, "end": 30},
    "mentions": [_mention("AFP", "2025-02-03")],
    "n_sources": 1,
    "first_reported": "2025-02-03",
}

EVENTS = [STRIKE, PROTEST, FUTURE, CIVILIANS]


def _csv(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = {row["event_id_cnty" if "event_id_cnty" in row else "id"]: row for row in reader}
        return list(reader.fieldnames or []), rows


# ------------------------------------------------------------------ dispatch and output


def test_export_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="choose one of: acled, cameo, csv, geojson"):
        export(EVENTS, "kml", tmp_path / "out.kml")
    assert not (tmp_path / "out.kml").exists()


def test_export_item_that_is_not_a_document_names_the_format(tmp_path: Path) -> None:
    items: list[Any] = [STRIKE, "ev-strike"]
    with pytest.raises(ExportError, match="cameo export: item 1 is a str"):
        export(items, "cameo", tmp_path / "out.csv")


def test_export_to_a_stream_leaves_the_stream_open() -> None:
    stream = io.BytesIO()
    assert export(EVENTS, "csv", stream) == 4
    assert not stream.closed
    assert stream.getvalue().startswith(b"id,event,mode,")


def test_export_that_fails_midway_leaves_no_file(tmp_path: Path) -> None:
    def events() -> Iterator[dict[str, Any]]:
        yield STRIKE
        raise RuntimeError("store went away")

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        export(events(), "plover", folder / "out.jsonl")
    assert list(folder.iterdir()) == []


def test_export_to_an_unwritable_path_names_the_format_and_path(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"geojson export: cannot write .*missing"):
        export(EVENTS, "geojson", tmp_path / "missing" / "out.geojson")


# ------------------------------------------------------------------ ACLED


@pytest.fixture
def acled_rows(tmp_path: Path) -> tuple[int, list[str], dict[str, dict[str, str]]]:
    path = tmp_path / "acled.csv"
    written = write_acled(EVENTS, path, timestamp=1_741_900_000)
    header, rows = _csv(path)
    return written, header, rows


def test_acled_header_is_acleds_columns_in_order(acled_rows: Any) -> None:
    _, header, _ = acled_rows
    assert header == list(ACLED_COLUMNS)
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[-3:] == ["fatalities", "tags", "timestamp"]


def test_acled_leaves_out_the_future_event(acled_rows: Any) -> None:
    written, _, rows = acled_rows
    assert written == 3
    assert set(rows) == {"ev-strike", "ev-protest", "ev-civilians"}


def test_acled_fatalities_take_the_lowest_reported_figure(acled_rows: Any) -> None:
    _, _, rows = acled_rows
    assert rows["ev-strike"]["fatalities"] == "2"  # killed 2-5, best 3
    assert rows["ev-civilians"]["fatalities"] == "7"  # only a best figure
    assert rows["ev-protest"]["fatalities"] == "0"


def test_acled_time_and_geo_precision_follow_the_codebook(acled_rows: Any) -> None:
    _, _, rows = acled_rows
    strike, protest, civilians = rows["ev-strike"], rows["ev-protest"], rows["ev-civilians"]
    assert (strike["time_precision"], strike["geo_precision"]) == ("2", "2")  # 2 days, "east of"
    assert (protest["time_precision"], protest["geo_precision"]) == ("3", "")  # a month, no place
    assert (civilians["time_precision"], civilians["geo_precision"]) == ("1", "2")  # district


def test_acled_codes_actors_country_and_disorder(acled_rows: Any) -> None:
    _, _, rows = acled_rows
    strike, protest, civilians = rows["ev-strike"], rows["ev-protest"], rows["ev-civilians"]
    assert strike["event_date"] == "2025-03-13" and strike["year"] == "2025"
    assert strike["disorder_type"] == "Political violence"
    assert protest["disorder_type"] == "Demonstrations"
    assert strike["actor1"] == "Russian Armed Forces"
    assert strike["assoc_actor_1"] == 'Forces of "Wagner", Africa Corps'
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "1", "18")
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("6", "1", "16")
    assert (civilians["inter1"], civilians["inter2"], civilians["interaction"]) == ("4", "7", "47")
    assert civilians["civilian_targeting"] == "Civilian targeting"
    assert strike["civilian_targeting"] == ""
    assert (strike["iso"], strike["country"], strike["admin1"]) == ("804", "Ukraine", "Kharkivska")
    assert (strike["latitude"], strike["longitude"]) == ("49.98", "36.25")
    assert strike["source"] == "Reuters; Kyiv Independent"
    assert strike["timestamp"] == "1741900000"


def test_acled_notes_are_one_line_with_date_actors_place_and_claimant(acled_rows: Any) -> None:
    _, _, rows = acled_rows
    notes = rows["ev-strike"]["notes"]
    assert notes.startswith("Between 13 March 2025 and 14 March 2025, Russian Armed Forces")
    assert "drone strike on Ukrainian Armed Forces east of Kharkiv" in notes
    assert "According to Ukrainian Air Force, 3 killed (reports range 2-5)." in notes
    assert "\n" not in notes and len(notes) < 500
    civilians = rows["ev-civilians"]["notes"]
    assert civilians.startswith("On 2 February 2025, unidentified gunmen attacked villagers")
    assert "7 killed and 4 injured (civilians)" in civilians


def test_acled_notes_stay_under_the_limit_for_long_text(tmp_path: Path) -> None:
    many = [_entity(f"Brigade {n}\nof the line", country="RUS", sector="MIL") for n in range(80)]
    path = tmp_path / "acled.csv"
    write_acled([{**STRIKE, "actor": many}], path)
    _, rows = _csv(path)
    notes = rows["ev-strike"]["notes"]
    assert len(notes) <= 500 and notes.endswith("…") and "\n" not in notes


# ------------------------------------------------------------------ UCDP, CAMEO


def test_ucdp_writes_asserted_assaults_with_ucdp_codes(tmp_path: Path) -> None:
    path = tmp_path / "ucdp.csv"
    assert export(EVENTS, "ucdp", path) == 2
    header, rows = _csv(path)
    assert header == list(UCDP_COLUMNS)
    assert set(rows) == {"ev-strike", "ev-civilians"}
    strike, civilians = rows["ev-strike"], rows["ev-civilians"]
    assert strike["type_of_violence"] == "1"
    assert (strike["side_a"], strike["side_b"]) == (
        'Government of Russia; Forces of "Wagner", Africa Corps',
        "Government of Ukraine",
    )
    assert (strike["where_prec"], strike["date_prec"]) == ("2", "2")
    assert (strike["best"], strike["low"], strike["high"]) == ("3", "2", "5")
    assert (strike["deaths_unknown"], strike["deaths_civilians"]) == ("3", "0")
    assert strike["source_article"] == "Reuters, 2025-03-14; Kyiv Independent, 2025-03-14"
    assert civilians["type_of_violence"] == "3"
    assert civilians["side_b"] == "Civilians"
    assert (civilians["where_prec"], civilians["date_prec"]) == ("3", "1")
    assert (civilians["deaths_civilians"], civilians["deaths_unknown"]) == ("7", "0")
    assert (civilians["low"], civilians["best"], civilians["high"]) == ("7", "7", "7")


def test_cameo_gives_the_cameo_root_of_each_plover_type(tmp_path: Path) -> None:
    path = tmp_path / "cameo.csv"
    assert export(EVENTS, "cameo", path) == 4
    _, rows = _csv(path)
    assert rows["ev-strike"]["cameo_root"] == "18"
    assert rows["ev-protest"]["cameo_root"] == "14"
    assert rows["ev-future"]["aux_mode"] == "future"
    assert (
        rows["ev-strike"]["source_name"] == 'Russian Armed Forces; Forces of "Wagner", Africa Corps'
    )
    assert rows["ev-strike"]["target_country"] == "UKR"
    assert rows["ev-protest"]["lat"] == ""


# ------------------------------------------------------------------ JSON formats


def test_plover_jsonl_has_one_object_per_event_with_plover_keys(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert export(EVENTS, "plover", path) == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    records = {record["id"]: record for record in map(json.loads, lines)}
    assert len(lines) == 4 and set(records) == {event["id"] for event in EVENTS}
    strike = records["ev-strike"]
    assert strike["date"] == "2025-03-13" and strike["event_type"] == "ASSAULT"
    assert strike["eventText"] == EVIDENCE
    assert strike["source"][0] == {
        "actorText": "Збройні сили РФ",
        "name": "Russian Armed Forces",
        "code": "RUS",
        "country": "RUS",
        "sector": "MIL",
        "wikidata": None,
    }
    assert strike["target"][0]["code"] == "UKR"
    assert strike["fatalities"] == {"low": 2, "best": 3, "high": 5}
    assert strike["sources"] == ["Reuters", "Kyiv Independent"]
    assert strike["location"]["precision"] == "city"
    assert records["ev-protest"]["location"] is None
    assert records["ev-future"]["aux_mode"] == "future"


def test_geojson_points_are_lon_lat_and_unlocated_events_are_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "events.geojson"
    with caplog.at_level(logging.INFO, logger="eventcoder.export"):
        assert export(EVENTS, "geojson", path) == 3
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    assert set(features) == {"ev-strike", "ev-future", "ev-civilians"}
    assert features["ev-strike"]["geometry"] == {"type": "Point", "coordinates": [36.25, 49.98]}
    assert features["ev-civilians"]["geometry"]["coordinates"] == [-3.61, 14.35]
    properties = features["ev-strike"]["properties"]
    assert properties["killed_best"] == 3 and properties["sub_event_type"] == "Air/drone strike"
    assert properties["date_start"] == "2025-03-13" and properties["date_end"] == "2025-03-14"
    assert "skipped 1 without coordinates" in caplog.text


def test_geojson_with_no_located_events_is_an_empty_collection() -> None:
    stream = io.BytesIO()
    assert export([PROTEST], "geojson", stream) == 0
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}


# ------------------------------------------------------------------ flat table


def test_flat_csv_keeps_untrusted_text_intact(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert export(EVENTS, "csv", path) == 4
    header, rows = _csv(path)
    assert header == list(COLUMN_NAMES)
    strike = rows["ev-strike"]
    assert strike["evidence"] == EVIDENCE  # quotes, commas, newline and Unicode survive
    assert strike["actor_names"] == 'Russian Armed Forces; Forces of "Wagner", Africa Corps'
    assert strike["claimants"] == "Ukrainian Air Force"
    assert strike["outlets"] == "Reuters; Kyiv Independent"
    assert (strike["killed_low"], strike["lat"], strike["contested"]) == ("2", "49.98", "false")
    assert rows["ev-protest"]["lat"] == ""


def test_flat_csv_drops_control_characters_from_text() -> None:
    stream = io.BytesIO()
    export([{**PROTEST, "evidence": {"text": "bad\x00byte\x1b here"}}], "csv", stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue().decode("utf-8"), newline="")))
    assert row["evidence"] == "badbyte here"


def test_parquet_has_typed_columns_and_every_event(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export(EVENTS, "parquet", path) == 4
    table = pq.read_table(path)
    assert table.num_rows == 4
    assert table.column_names == list(COLUMN_NAMES)
    schema = table.schema
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("first_reported").type == pa.date32()
    assert schema.field("lat").type == pa.float64()
    assert schema.field("killed_best").type == pa.int64()
    assert schema.field("contested").type == pa.bool_()
    rows = {row["id"]: row for row in table.to_pylist()}
    assert rows["ev-strike"]["date_start"].isoformat() == "2025-03-13"
    assert rows["ev-strike"]["evidence"] == EVIDENCE
    assert rows["ev-protest"]["killed_best"] is None
    assert rows["ev-protest"]["lat"] is None
    assert rows["ev-civilians"]["geonameid"] is None


def test_parquet_of_no_events_is_a_valid_empty_table() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    stream = io.BytesIO()
    assert export([], "parquet", stream) == 0
    stream.seek(0)
    assert pq.read_table(stream).num_rows == 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_to_a_path_without_leftovers(fmt: str, tmp_path: Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / f"out{FORMATS[fmt].suffix}"
    assert export(EVENTS, fmt, path) >= 2
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_acled_notes_name_unknown_doers_in_lower_case_and_no_injuries_in_words(
    tmp_path: Path,
) -> None:
    unknown = {
        **STRIKE,
        "id": "ev-unknown",
        "actor": [],
        "casualties": {"killed": None, "injured": {"low": 0, "best": 0, "high": 0}},
    }
    path = tmp_path / "acled.csv"
    write_acled([unknown], path)
    _, rows = _csv(path)
    notes = rows["ev-unknown"]["notes"]
    assert "2025, unidentified actors carried out a drone strike" in notes
    assert "no one injured" in notes and "0 injured" not in notes
