"""Linking mentions into events: same event across outlets, round-ups kept apart, provenance."""

from __future__ import annotations

from typing import Any

from eventcoder.dedup import Linker, LinkSettings, merge_event
from eventcoder.dedup.link import compare
from eventcoder.dedup.scoring import bcubed, pairwise
from eventcoder.dedup.similarity import fronts, is_tally, opposed, place_score, words


def mention(
    mid: str,
    article: str,
    *,
    text: str,
    outlet: str,
    claimant: str | None = None,
    killed: int | None = None,
    place: tuple[float, float] | None = (49.99, 36.23),
    day: str = "2025-03-13",
    event: str = "ASSAULT",
    aux: str | None = None,
    certainty: str = "reported",
) -> dict[str, Any]:
    claims = (
        [
            {
                "claimant": {"name": claimant, "actor_id": None},
                "claimant_type": "official",
                "verb": "say",
                "via": None,
            }
        ]
        if claimant
        else []
    )
    return {
        "id": mid,
        "article_id": article,
        "event": event,
        "mode": None,
        "context": [],
        "aux_mode": aux,
        "actor": [{"name": "Russian Armed Forces", "actor_id": "rus-mil"}],
        "recipient": [],
        "claims": claims,
        "certainty": certainty,
        "confidence": 0.7,
        "location": None
        if place is None
        else {
            "name": "Kharkiv",
            "lat": place[0],
            "lon": place[1],
            "country": "UKR",
            "precision": "city",
        },
        "date": {"start": day, "end": day, "precision": "day", "basis": "stated"},
        "casualties": None
        if killed is None
        else {"killed": {"low": killed, "best": killed, "high": killed}},
        "evidence": {"text": text, "start": 0, "end": len(text)},
        "acled": None,
        "source": {"article_id": article, "outlet": outlet, "published": day},
    }


STRIKE = "Russian drones struck Kharkiv overnight, killing three people"


def test_same_strike_from_two_outlets_becomes_one_event_with_both_sources() -> None:
    linker = Linker()
    first, _ = linker.link(
        [mention("m1", "a1", text=STRIKE, outlet="Reuters", claimant="Oleh Syniehubov", killed=3)]
    )
    second, _ = linker.link(
        [
            mention(
                "m2",
                "a2",
                text="Drone strike on Kharkiv kills three, governor says",
                outlet="AFP",
                claimant="Oleh Syniehubov",
                killed=3,
            )
        ]
    )
    assert second[0].joined and second[0].event_id == first[0].event_id
    event, members = linker.events[first[0].event_id]
    assert len(members) == 2 and event["n_sources"] == 2
    assert any("same place" in r for r in second[0].reasons)


def test_two_outlets_relaying_one_party_are_one_source_not_corroboration() -> None:
    event = merge_event(
        [
            mention("m1", "a1", text=STRIKE, outlet="Reuters", claimant="Ukrainian Air Force"),
            mention("m2", "a2", text=STRIKE, outlet="AFP", claimant="Ukrainian Air Force"),
        ]
    )
    assert event["certainty"] == "reported" and event["n_independent"] == 1
    independent = merge_event(
        [
            mention("m1", "a1", text=STRIKE, outlet="Reuters", claimant="Ukrainian Air Force"),
            mention("m2", "a2", text=STRIKE, outlet="AFP", claimant="a Reuters witness"),
        ]
    )
    assert independent["certainty"] == "corroborated"


def test_casualty_figures_become_a_range_and_conflicts_are_contested() -> None:
    event = merge_event(
        [
            mention("m1", "a1", text=STRIKE, outlet="R", killed=3),
            mention("m2", "a2", text=STRIKE, outlet="A", killed=12),
        ]
    )
    assert event["casualties"]["killed"]["low"] == 3
    assert event["casualties"]["killed"]["high"] == 12
    assert event["contested"] is True


def test_denial_against_assertion_is_contested_but_not_linked_across_modality() -> None:
    linker = Linker()
    linker.link([mention("m1", "a1", text=STRIKE, outlet="R")])
    decisions, _ = linker.link([mention("m2", "a2", text=STRIKE, outlet="T", aux="negation")])
    assert not decisions[0].joined


def test_roundup_article_never_glues_its_own_events_together() -> None:
    linker = Linker()
    decisions, _ = linker.link(
        [
            mention("m1", "a1", text="Shelling hit Kharkiv, killing two", outlet="R"),
            mention("m2", "a1", text="Shelling hit Kharkiv again, killing one", outlet="R"),
        ]
    )
    assert decisions[0].event_id != decisions[1].event_id


def test_far_apart_places_or_days_are_not_linked() -> None:
    linker = Linker(settings=LinkSettings(window_days=1))
    linker.link([mention("m1", "a1", text=STRIKE, outlet="R")])
    far, _ = linker.link([mention("m2", "a2", text=STRIKE, outlet="A", place=(46.48, 30.72))])
    later, _ = linker.link([mention("m3", "a3", text=STRIKE, outlet="A", day="2025-03-20")])
    assert not far[0].joined and not later[0].joined


def test_pairwise_and_bcubed_scores() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    found = {"a": "x", "b": "x", "c": "x", "d": "y"}
    precision, recall, _ = pairwise(gold, found)
    assert (round(precision, 3), recall) == (0.333, 0.5)
    assert 0 < bcubed(gold, found)[2] < 1


def test_wording_is_compared_by_concept_and_spelling_variant() -> None:
    a = words("Morning assault by the army on rebel-held Slavyansk")
    b = words("Government troops attack separatists near Sloviansk")
    assert {"<attack>", "<insurgent>"} <= a & b
    assert words("Lugansk") == words("Luhansk") and words("Kiev") == words("Kyiv")
    assert not words("Donetsk") & words("Odesa")


def test_attacks_blamed_on_opposite_sides_are_not_one_account() -> None:
    ukr = {"country": "UKR", "name": "Armed Forces of Ukraine"}
    rus = {"country": "RUS", "name": "Russian Armed Forces"}
    assert opposed({"actor": [ukr]}, {"actor": [rus], "recipient": [ukr]})
    assert opposed({"actor": [ukr], "recipient": [rus]}, {"actor": [ukr, rus], "recipient": [ukr]})
    assert not opposed({"actor": [rus]}, {"actor": [rus], "recipient": [ukr]})
    assert not opposed({"actor": []}, {"actor": [rus]})


def test_an_article_mention_cannot_take_the_event_a_closer_mention_matches() -> None:
    linker = Linker()
    first, _ = linker.link([mention("m1", "a1", text=STRIKE, outlet="R", killed=3)])
    weak = mention("m2", "a2", text=STRIKE, outlet="A", killed=40)  # same words, other toll
    close = mention("m3", "a2", text=STRIKE, outlet="A", killed=3)
    decisions, _ = linker.link([weak, close])
    assert decisions[1].joined and decisions[1].event_id == first[0].event_id
    assert decisions[0].event_id != first[0].event_id


def test_a_period_tally_does_not_absorb_the_days_it_covers() -> None:
    linker = Linker()
    day, _ = linker.link([mention("m1", "a1", text=STRIKE, outlet="R", killed=3)])
    tally = mention("m2", "a2", text=STRIKE, outlet="A", killed=3)
    tally["date"] = {"start": "2025-03-01", "end": "2025-03-31", "precision": "month"}
    decisions, _ = linker.link([tally])
    assert not decisions[0].joined
    assert any(
        "period" in (s.veto or "")
        for s in [compare(tally, linker.events[day[0].event_id][0], LinkSettings())]
    )


def _at(doc: dict[str, Any], **place: Any) -> dict[str, Any]:
    return {**doc, "location": {"country": "UKR", **place}}


def test_a_region_is_not_linked_to_a_place_in_another_division() -> None:
    text = "Russian shelling of the region killed one person and wounded five"
    settings = LinkSettings()
    region = _at(
        mention("m1", "a1", text=text, outlet="R"),
        name="Kharkiv Oblast",
        admin1="Kharkiv Oblast",
        precision="region",
        lat=49.5,
        lon=36.5,
    )
    other_region = _at(
        mention("m2", "a2", text=text.replace("region", "oblast"), outlet="A"),
        name="Donetsk Oblast",
        admin1="Donetsk Oblast",
        precision="region",
        lat=48.1,
        lon=37.75,
    )
    town_inside = _at(
        mention("m3", "a3", text=text, outlet="B"),
        name="Kupiansk",
        admin1="Kharkiv Oblast",
        precision="city",
        lat=49.71,
        lon=37.62,
    )
    # "Donbas" spans two divisions: it is compared by distance, not by division.
    donbas = _at(mention("m4", "a4", text=text, outlet="C"), name="Donbas", precision="region")
    donbas["location"].update(lat=48.2, lon=38.0)
    town_in_donetsk = _at(
        mention("m5", "a5", text=text, outlet="D"),
        name="Kramatorsk",
        admin1="Donetsk Oblast",
        precision="city",
        lat=48.73,
        lon=37.57,
    )
    assert compare(other_region, merge_event([region]), settings).veto == "places too far apart"
    assert compare(town_inside, merge_event([region]), settings).veto is None
    assert compare(town_in_donetsk, merge_event([region]), settings).veto is not None
    assert compare(town_in_donetsk, merge_event([donbas]), settings).veto is None


def test_each_side_blaming_the_other_for_one_strike_is_one_contested_event() -> None:
    ukr = {"country": "UKR", "name": "Armed Forces of Ukraine", "actor_id": "afu"}
    rus = {"country": "RUS", "name": "Russian Armed Forces", "actor_id": "rus-mil"}
    kyiv_says = {
        **mention(
            "m1", "a1", text="Russian shelling hit the power plant near Enerhodar", outlet="U"
        ),
        "actor": [rus],
        "recipient": [ukr],
    }
    moscow_says = {
        **mention(
            "m2", "a2", text="Ukrainian shelling hit the power plant near Enerhodar", outlet="R"
        ),
        "actor": [ukr],
        "recipient": [rus],
    }
    linker = Linker()
    linker.link([kyiv_says])
    decisions, _ = linker.link([moscow_says])
    assert decisions[0].joined
    assert "attacks blamed on different sides" in decisions[0].reasons
    event, _ = linker.events[decisions[0].event_id]
    assert event["contested"]


def test_two_towns_by_name_a_few_kilometres_apart_are_two_places() -> None:
    def at(name: str, lat: float, lon: float) -> dict[str, Any]:
        return {"name": name, "lat": lat, "lon": lon, "country": "PSE", "precision": "city"}

    town_a = at("Khan Younis", 31.346, 34.306)
    town_b = at("Deir al-Balah", 31.418, 34.351)
    assert place_score(town_a, town_b) == 0.0
    assert place_score(town_a, at("Khan Younis", 31.35, 34.31)) == 1.0
    # a finer place close by is the same scene
    assert place_score(town_a, {**town_a, "name": "Nasser Hospital", "lat": 31.347}) == 1.0


def test_a_party_in_opposite_roles_counts_half_as_a_shared_side() -> None:
    base = mention("m1", "a1", text="Houthis attack a ship in the Red Sea", outlet="A")
    houthis = [{"name": "Houthis", "actor_id": "houthis"}]
    attacker = {**base, "actor": houthis, "recipient": []}
    attacked = {**base, "id": "m2", "article_id": "a2", "actor": [], "recipient": houthis}
    same_role = compare({**attacker, "id": "m3"}, merge_event([attacker]), LinkSettings())
    crossed = compare(attacked, merge_event([attacker]), LinkSettings())
    assert "shared actors 1.00" in same_role.reasons
    assert "shared actors 0.50" in crossed.reasons


def test_two_days_tallies_with_different_tolls_are_two_tallies() -> None:
    first = mention(
        "m1",
        "a1",
        text="Shelling killed four civilians in the region in a day",
        outlet="A",
        killed=4,
    )
    other = mention(
        "m2",
        "a2",
        text="Shelling killed seven civilians in the region in a day",
        outlet="B",
        killed=7,
    )
    assert compare(other, merge_event([first]), LinkSettings()).veto is not None
    # two accounts of one strike may differ on the toll and still be linked
    strike = mention("m3", "a3", text=STRIKE, outlet="C", killed=3)
    update = mention("m4", "a4", text="Toll from Kharkiv drone strike rises", outlet="D", killed=5)
    assert compare(update, merge_event([strike]), LinkSettings()).veto is None


FRONT = "Russian forces destroyed up to {n} Ukrainian military units in the {front} direction"


def test_tallies_of_different_fronts_are_two_tallies() -> None:
    south = mention(
        "m1", "a1", text=FRONT.format(n=35, front="Yuzhno-Donetsk and Zaporozhye"), outlet="A"
    )
    lyman = mention("m2", "a2", text=FRONT.format(n=35, front="Krasnoliman"), outlet="A")
    same = mention("m3", "a3", text=FRONT.format(n=35, front="Yuzhnodonetsk"), outlet="B")
    assert compare(lyman, merge_event([south]), LinkSettings()).veto == (
        "tallies of different fronts"
    )
    assert compare(same, merge_event([south]), LinkSettings()).veto is None
    # "in the direction of the town" names no front
    assert not fronts("Troops fired in the direction of the town")
    assert not is_tally("Troops fired in the direction of the town")
    assert not is_tally("The convoy fled in the opposite direction")
    assert is_tally("41 clashes took place in the Bakhmut direction")


def test_a_tallys_count_of_losses_counts_as_its_toll() -> None:
    # "military units" is not read as deaths, but two counts of 125 and 60 are two tallies
    first = mention("m1", "a1", text=FRONT.format(n=125, front="Donetsk"), outlet="A")
    other = mention("m2", "a2", text=FRONT.format(n=60, front="Donetsk"), outlet="A")
    again = mention("m3", "a3", text=FRONT.format(n=125, front="Donetsk"), outlet="B")
    assert compare(other, merge_event([first]), LinkSettings()).veto == (
        "two day's tallies with different tolls"
    )
    assert compare(again, merge_event([first]), LinkSettings()).veto is None


def test_a_days_tally_is_not_an_act_with_a_much_smaller_toll() -> None:
    tally = mention(
        "m1",
        "a1",
        text="41 clashes took place in the Bakhmut direction, the enemy lost more than 200",
        outlet="A",
        killed=200,
    )
    raid = mention(
        "m2", "a2", text="Border guards destroyed 11 invaders near Bakhmut", outlet="A", killed=11
    )
    assert compare(raid, merge_event([tally]), LinkSettings()).veto == (
        "a day's tally against a much smaller toll"
    )
    # a toll that grows from 8 to 20 over one day's reports is still one event
    early = mention("m3", "a3", text="Eight dead in Mariupol clash", outlet="B", killed=8)
    later = mention("m4", "a4", text="About 20 rebels killed in Mariupol", outlet="B", killed=20)
    assert compare(later, merge_event([early]), LinkSettings()).veto is None


def test_next_day_reports_are_linked_only_by_words_rare_so_far() -> None:
    linker = Linker()
    donetsk = (48.0, 37.8)
    routine = "One soldier killed in shelling of Donetsk positions"
    for day in range(1, 9):  # a week of routine reports makes their words common
        linker.link(
            [mention(f"r{day}", f"ra{day}", text=routine, outlet="R", day=f"2025-03-0{day}")]
        )
    first, _ = linker.link(
        [mention("m1", "a1", text="Swiss aid worker killed in shelling of rebel hub", outlet="A")]
    )
    aid, _ = linker.link(
        [
            mention(
                "m2",
                "a2",
                text="Shelling of rebel hub kills Swiss Red Cross worker",
                outlet="B",
                day="2025-03-14",
            )
        ]
    )
    assert aid[0].joined and aid[0].event_id == first[0].event_id
    # the next day's routine report shares only common words with the day before's
    before, _ = linker.link(
        [mention("m3", "a3", text=routine, outlet="C", place=donetsk, day="2025-03-20")]
    )
    after, _ = linker.link(
        [mention("m4", "a4", text=routine, outlet="D", place=donetsk, day="2025-03-21")]
    )
    assert not after[0].joined and after[0].event_id != before[0].event_id
    apart = compare(
        mention("m5", "a5", text=routine, outlet="E", day="2025-03-14"),
        merge_event([mention("m6", "a6", text=routine, outlet="F")]),
        LinkSettings(),
    )
    assert apart.veto == "1 days apart, no rare word shared"


def test_a_toll_given_only_as_a_floor_agrees_with_a_larger_one() -> None:
    crash = mention("m1", "a1", text="Many dead at airliner crash site", outlet="A", killed=10)
    crash["casualties"]["killed"]["high"] = None  # "many dead": at least ten, no upper bound
    downed = mention(
        "m2", "a2", text="Rebels shoot down Malaysian airliner, 295 dead", outlet="B", killed=295
    )
    assert "matching death toll" in compare(downed, merge_event([crash]), LinkSettings()).reasons
    closed = mention("m3", "a3", text="Ten dead at airliner crash site", outlet="C", killed=10)
    assert "different death tolls" in compare(downed, merge_event([closed]), LinkSettings()).reasons


def test_a_days_count_of_losses_is_not_an_act_without_a_toll() -> None:
    losses = mention(
        "m1",
        "a1",
        text="Losses of the Russian Armed Forces per day in battles amounted to 50 people",
        outlet="A",
    )
    repelled = mention(
        "m2", "a2", text="Russian Armed Forces repelled attacks near 11 settlements", outlet="B"
    )
    assert compare(repelled, merge_event([losses]), LinkSettings()).veto == (
        "a day's count of losses against an act without a toll"
    )
    # the same count told without "per day" is still the same report
    same = mention(
        "m3", "a3", text="Russian Armed Forces lost 50 people in battles", outlet="C", killed=50
    )
    assert compare(same, merge_event([losses]), LinkSettings()).veto is None


def test_a_countrys_daily_tally_is_not_a_regions() -> None:
    country = mention(
        "m1", "a1", text="The Russians attacked 11 regions of Ukraine in a day", outlet="A"
    )
    country["location"] = {**country["location"], "name": "Ukraine", "precision": "country"}
    region = mention(
        "m2", "a2", text="In a day, the invaders killed two residents of the region", outlet="B"
    )
    region["location"] = {**region["location"], "name": "Donetsk Oblast", "precision": "region"}
    assert compare(region, merge_event([country]), LinkSettings()).veto == (
        "a country's tally against a region's"
    )
    again = mention("m3", "a3", text="Russians attacked 11 regions of Ukraine in a day", outlet="C")
    again["location"] = country["location"]
    assert compare(again, merge_event([country]), LinkSettings()).veto is None
