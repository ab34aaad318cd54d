"""Where and when an event happened: place phrases the tagger misses, destinations and origins
that are not the scene, parts of towns, area words, and date phrases (real parse and
gazetteer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eventcoder
from eventcoder.ingest.plain import parse_plain
from eventcoder.resolve.dates import resolve_date
from eventcoder.resolve.places import gazetteer

PUBLISHED = "2025-03-12"  # a Wednesday


def _event(text: str, trigger: str) -> dict[str, Any]:
    result: dict[str, Any] = eventcoder.extract(text, published=PUBLISHED)
    return next(e for e in result["events"] if trigger in e["trigger"]["text"])


def _where(text: str, trigger: str) -> tuple[str, str, str]:
    location = _event(text, trigger)["location"]
    assert location is not None
    return location["name"], location["precision"], location["text"]


@pytest.mark.slow
def test_a_named_camp_the_tagger_misses_is_the_scene() -> None:
    name, precision, text = _where(
        "Soldiers raided the Balata refugee camp near Nablus on Monday, killing one man.",
        "raided",
    )
    assert (name, precision) == ("Balata refugee camp", "neighbourhood")
    assert text == "Balata refugee camp"


@pytest.mark.slow
def test_a_town_and_its_site_word_name_the_curated_site() -> None:
    name, precision, _ = _where(
        "Gunmen opened fire on troops at the Tayasir checkpoint on Tuesday.", "fire"
    )
    assert (name, precision) == ("Tayasir checkpoint", "neighbourhood")


@pytest.mark.slow
def test_where_people_fled_is_not_where_the_camp_was_stormed() -> None:
    name, _, _ = _where(
        "Thousands of people fled Abu Shouk camp for Tawila after fighters stormed the camp.",
        "stormed",
    )
    assert name == "Abu Shouk camp"


@pytest.mark.slow
def test_the_hospital_the_wounded_were_taken_to_is_not_the_scene() -> None:
    event = _event(
        "Shelling wounded three people in Kupiansk, and the wounded were taken to a hospital "
        "in Kharkiv.",
        "wounded",
    )
    assert event["location"]["name"] == "Kupiansk"


@pytest.mark.slow
def test_where_rockets_were_fired_from_is_not_where_they_struck() -> None:
    name, _, text = _where(
        "Rockets fired from Lebanon struck an open field near Safed on Sunday.", "struck"
    )
    assert name == "Safed"
    assert text == "near Safed"


@pytest.mark.slow
def test_near_and_between_stay_in_the_place_text() -> None:
    _, _, text = _where("Militants killed nine villagers near Beni on Saturday.", "killed")
    assert text == "near Beni"
    _, _, text = _where(
        "Heavy fighting raged between Siversk and Lyman on Tuesday, officials said.", "fighting"
    )
    assert text == "between Siversk and Lyman"


@pytest.mark.slow
def test_a_region_named_with_another_area_word_is_the_region() -> None:
    name, precision, _ = _where(
        "Drones attacked a fuel depot in the Ryazan region on Sunday.", "attacked"
    )
    assert (name, precision) == ("Ryazan Oblast", "region")


@pytest.mark.slow
def test_a_named_neighbourhood_of_a_city_is_a_neighbourhood() -> None:
    name, precision, _ = _where(
        "Gangs attacked the Cite Soleil neighbourhood of Port-au-Prince on Saturday.", "attacked"
    )
    assert (name, precision) == ("Cité Soleil", "neighbourhood")


@pytest.mark.slow
def test_a_count_run_into_a_town_name_leaves_the_town() -> None:
    name, _, _ = _where("Troops shelled Kherson 25 times on Monday.", "shelled")
    assert name == "Kherson"


@pytest.mark.slow
def test_a_two_word_town_cut_by_the_tagger_is_read_whole() -> None:
    name, _, _ = _where("A drone strike killed 12 people near Debre Markos on Monday.", "killed")
    assert name == "Debre Mark’os"


@pytest.mark.slow
def test_people_of_a_nation_are_not_a_place() -> None:
    event = _event(
        "Thousands of Palestinians fled Rafah after evacuation orders on Sunday.", "evacuation"
    )
    assert event["location"]["name"] == "Rafah"


@pytest.mark.slow
def test_since_a_weekday_runs_to_publication() -> None:
    date = _event("Fighting has raged around Lashio since Saturday, residents said.", "Fighting")[
        "date"
    ]
    assert (date["start"], date["end"]) == ("2025-03-08", "2025-03-12")


def test_the_night_of_a_date_runs_into_the_next_day() -> None:
    found = resolve_date(["the night of March 3"], dt.date(2025, 3, 12))
    assert found is not None
    assert (found.start, found.end) == ("2025-03-03", "2025-03-04")


def test_place_names_match_without_their_apostrophes() -> None:
    index = gazetteer()
    assert any(r.country == "ETH" for r in index.candidates("Debre Markos"))
    assert not index.candidates("Main")  # a short name keeps its apostrophe ("Ma'in")


@pytest.mark.slow
def test_the_east_alone_is_that_part_of_the_country_the_text_is_about() -> None:
    name, precision, text = _where(
        "Ukraine says two soldiers were killed in the rebel east on Sunday.", "killed"
    )
    assert (name, precision, text) == ("Eastern Ukraine", "region", "east")


@pytest.mark.slow
def test_east_of_a_town_is_not_the_east_of_the_country() -> None:
    name, _, text = _where(
        "Two Ukrainian soldiers were killed east of Kramatorsk on Sunday.", "killed"
    )
    assert name == "Kramatorsk"
    assert text == "east of Kramatorsk"


def test_a_month_named_alone_is_that_month_before_publication() -> None:
    found = resolve_date(["August"], dt.date(2025, 9, 4))
    assert found is not None
    assert (found.start, found.end, found.precision) == ("2025-08-01", "2025-08-31", "month")


@pytest.mark.slow
def test_on_the_night_of_a_date_in_a_sentence() -> None:
    date = _event("Gangs attacked the town of Mirebalais on the night of March 3.", "attacked")[
        "date"
    ]
    assert (date["start"], date["end"]) == ("2025-03-03", "2025-03-04")


ARTICLE = (
    "EL FASHER, Sudan, March 12 (Reuters) - Fighters shelled the Abu Shouk camp on Tuesday, "
    "killing 10 people, a rights group said. The army said its aircraft struck positions east "
    "of the city overnight. Fighters later stormed the camp."
)


@pytest.mark.slow
def test_the_city_and_the_camp_point_back_to_the_places_named_before() -> None:
    result: dict[str, Any] = eventcoder.extract(ARTICLE, published=PUBLISHED)
    assert result["article"]["dateline"] == "El Fasher"
    where = {
        e["trigger"]["text"]: (e["location"]["name"], e["location"]["text"])
        for e in result["events"]
        if e["location"]
    }
    assert where["struck"] == ("El Fasher", "east of the city")
    assert where["stormed"] == ("Abu Shouk camp", "the camp")
    shelled = next(e for e in result["events"] if e["trigger"]["text"] == "shelled")
    assert shelled["date"]["start"] == "2025-03-11"  # the dateline's date is not the event's


def test_a_wire_dateline_day_anchors_a_later_time_stamp() -> None:
    article = parse_plain(
        "KHARTOUM, May 3 (Reuters) - Drones struck Port Sudan on Sunday.",
        source="x",
        published="2025-05-04",
    )
    assert (article.dateline, article.published) == ("Khartoum", "2025-05-03")
    same = parse_plain("KHARTOUM, May 3 (Reuters) - Talks.", source="x", published="2025-05-03")
    assert same.published == "2025-05-03"


@pytest.mark.slow
def test_a_date_in_a_relative_clause_is_not_the_main_events() -> None:
    event = _event(
        "The rebels, who seized Goma in January, attacked army positions near Uvira on Sunday.",
        "attacked",
    )
    assert event["date"]["start"] == "2025-03-09"


@pytest.mark.slow
def test_a_side_in_fighting_between_is_not_a_place() -> None:
    name, _, _ = _where(
        "Fighting between Fano and the army near Bahir Dar has displaced thousands, officials "
        "said on Friday.",
        "Fighting",
    )
    assert name == "Bahir Dar"


@pytest.mark.slow
def test_a_name_written_into_a_participle_is_a_side_not_a_place() -> None:
    result: dict[str, Any] = eventcoder.extract(
        "Russia-led forces violated the ceasefire, one soldier killed.", published=PUBLISHED
    )
    assert all(e["location"] is None for e in result["events"])


@pytest.mark.slow
def test_a_state_owning_a_facility_placed_elsewhere_is_not_the_place() -> None:
    name, _, _ = _where("Militias attacked a US base in Syria on Monday.", "attacked")
    assert name == "Syria"


@pytest.mark.slow
def test_a_town_tagged_as_an_adjective_before_region_is_read() -> None:
    name, precision, _ = _where(
        "Air defences shot down 30 drones over the Kyiv region overnight, the air force said.",
        "shot",
    )
    assert (name, precision) == ("Kyiv Oblast", "region")


@pytest.mark.slow
def test_a_district_the_gazetteer_lacks_is_its_town_at_district_precision() -> None:
    name, precision, text = _where(
        "Militiamen attacked a displacement camp in Djugu territory on Sunday.", "attacked"
    )
    assert (name, precision, text) == ("Djugu", "district", "Djugu territory")


def _places(text: str) -> dict[str, tuple[str, str]]:
    result: dict[str, Any] = eventcoder.extract(text, published=PUBLISHED)
    return {p["text"]: (p["name"], p["precision"]) for p in result["article"]["places"]}


@pytest.mark.slow
def test_an_unknown_neighbourhood_of_a_known_city_is_placed_at_the_city() -> None:
    places = _places("A car bomb exploded on Monday in Baghdad's Zafraniya neighbourhood.")
    assert places["Zafraniya"] == ("Baghdad", "neighbourhood")
