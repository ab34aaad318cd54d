"""Wire sentences and headlines from several conflicts, written for these tests (real spaCy
parse and gazetteer): headline casing, places taken for actors, loaded wording of every side."""

from __future__ import annotations

from typing import Any

import pytest

import eventcoder

pytestmark = pytest.mark.slow


def _result(text: str) -> dict[str, Any]:
    result: dict[str, Any] = eventcoder.extract(text, published="2025-05-01")
    return result


@pytest.mark.parametrize(
    ("text", "event", "place"),
    [
        ("Police Arrest Man After Attack In Kaduna", "COERCE", "Kaduna"),
        ("Russian Missile Strike Kills Four In Kharkiv", "ASSAULT", "Kharkiv"),
        ("Sudanese Army Retakes Key Bridge In Khartoum", "ASSAULT", "Khartoum"),
        ("Suicide Bomber Kills 10 In Mogadishu", "ASSAULT", "Mogadishu"),
        ("Israeli Jets Strike Near Damascus", "ASSAULT", "Damascus"),
    ],
)
def test_title_case_headline_yields_its_event_and_place(text: str, event: str, place: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == event]
    assert events
    assert events[0]["location"]["name"] == place


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Police Arrest Man After Attack In Kaduna", "Man"),
        ("Armenia And Azerbaijan Sign Peace Deal", "Deal"),
        ("Houthi Rebels Claim Attack On Tanker Off Yemen", "Off"),
    ],
)
def test_common_words_capitalised_in_a_headline_are_not_places(text: str, word: str) -> None:
    assert word not in [p["text"] for p in _result(text)["article"]["places"]]


def test_a_months_name_stays_a_date_in_a_title_case_line() -> None:
    result = _result("Shelling Kills Two In Kherson On May 3")
    dates = [e["date"]["start"] for e in result["events"] if e["date"]]
    assert "2025-05-03" in dates


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian forces shelled Kherson on Sunday, killing two civilians.", "Kherson"),
        (
            "The Rapid Support Forces shelled El Fasher on Friday, killing 20 civilians.",
            "El Fasher",
        ),
        (
            "Hamas fighters fired a barrage of rockets at Ashkelon, the Israeli military said.",
            "Ashkelon",
        ),
    ],
)
def test_a_town_the_tagger_takes_for_a_name_is_the_place_not_the_target(
    text: str, place: str
) -> None:
    result = _result(text)
    (event,) = [e for e in result["events"] if e["event"] == "ASSAULT"]
    assert event["location"]["name"] == place
    assert place not in [r["name"] for r in event["recipient"]]


@pytest.mark.parametrize(
    "text",
    [
        "Israeli Soldiers Kill Three Militants In Tulkarm Raid",
        "The Russian defence ministry said it liquidated 300 Ukrainian militants in Kursk.",
        "M23 rebels captured the town of Sake in eastern Congo.",
        "Houthi rebels fired a missile at a tanker, the US military said.",
    ],
)
def test_a_loaded_word_suggests_the_same_neutral_wording_in_every_war(text: str) -> None:
    neutral = [f["neutral"] for f in _result(text)["article"]["framing"]]
    assert neutral
    assert not any(n in ("Ukrainian soldiers", "Rapid Support Forces (RSF)") for n in neutral)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Palestinian medics said Israeli forces massacred 40 people in Rafah.", "massacred"),
        ("Israel said it eliminated a Hamas commander in Gaza.", "eliminated"),
        ("Kyiv said its troops de-occupied two villages near Kupiansk.", "de-occupied"),
        ("Moscow said its troops liberated two villages near Kupiansk.", "liberated"),
    ],
)
def test_loaded_verbs_are_flagged_for_every_side(text: str, word: str) -> None:
    assert word in [f["text"] for f in _result(text)["article"]["framing"]]


@pytest.mark.parametrize(
    ("text", "actor", "country"),
    [
        ("M23 rebels captured the town of Sake, a local official told Reuters.", "M23", "COD"),
        (
            "The ELN kidnapped two police officers in Arauca, authorities said.",
            "National Liberation Army (Colombia)",
            "COL",
        ),
        (
            "Haitian police killed a gang leader in Port-au-Prince on Thursday.",
            "Haitian National Police",
            "HTI",
        ),
        (
            "The Congolese army said it killed 40 M23 fighters near Goma.",
            "Armed Forces of the Democratic Republic of the Congo",
            "COD",
        ),
    ],
)
def test_armed_groups_and_forces_of_more_wars_are_known(
    text: str, actor: str, country: str
) -> None:
    actors = [(a["name"], a["country"]) for e in _result(text)["events"] for a in e["actor"]]
    assert (actor, country) in actors


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Russia could strike Kyiv with new missiles, Putin warned.", "RUS"),
        ("Russia and Ukraine agreed to exchange 300 prisoners of war each.", "RUS"),
        ("Israel Kills 25 In Gaza Strikes, Health Ministry Says", "ISR"),
        ("Rwanda attacked Congolese positions, Kinshasa said.", "RWA"),
    ],
)
def test_the_state_that_acts_is_not_where_it_acted(text: str, country: str) -> None:
    for event in _result(text)["events"]:
        location = event["location"]
        assert (
            location is None or location["country"] != country or location["precision"] != "country"
        )


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "An Israeli official told Axios that the army struck a Hezbollah commander in Beirut.",
            "Israel Defense Forces",
        ),
        (
            "Syrian state media said the army killed dozens of fighters in Idlib.",
            "Syrian Armed Forces",
        ),
        (
            "The Sudanese army said its troops repelled an attack on El Obeid.",
            "Sudanese Armed Forces",
        ),
    ],
)
def test_an_officials_unnamed_army_is_their_states_military(text: str, actor: str) -> None:
    # named as the doer, or (repelling an attack) as its target
    sides = [a["name"] for e in _result(text)["events"] for a in e["actor"] + e["recipient"]]
    assert actor in sides


def test_an_outlet_told_by_an_official_is_the_via() -> None:
    text = "An Israeli official told Axios that the army struck a Hezbollah commander in Beirut."
    vias = [c["via"] for e in _result(text)["events"] for c in e["claims"]]
    assert "Axios" in vias


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        (
            "Israel will attack Rafah if hostages are not released, a minister said.",
            "released",
            "hypothetical",
        ),
        ("Police arrested three men suspected of planning an attack in Lagos.", "attack", "future"),
        ("Thousands marched in Tel Aviv demanding a deal to free the hostages.", "free", "future"),
        ("Israel said it killed a commander who planned the raid on Nir Oz.", "raid", None),
    ],
)
def test_conditions_plans_and_demands_are_not_reported_as_done(
    text: str, trigger: str, mode: str | None
) -> None:
    modes = [e["aux_mode"] for e in _result(text)["events"] if e["trigger"]["text"] == trigger]
    assert modes == [mode]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        (
            "Gang members killed 70 people in the town of Pont-Sonde, the United Nations said.",
            "CRM",
        ),
        ("Bandits kidnapped a priest in Zamfara state, police said.", "CRM"),
    ],
)
def test_criminal_armed_groups_are_the_actor(text: str, sector: str) -> None:
    sectors = [a["sector"] for e in _result(text)["events"] for a in e["actor"]]
    assert sector in sectors


def test_a_speakers_name_the_tagger_split_stays_whole() -> None:
    text = (
        "Russian forces shelled Kherson on Sunday, killing two civilians and wounding five, "
        "regional governor Oleksandr Prokudin said."
    )
    names = [c["claimant"]["name"] for e in _result(text)["events"] for c in e["claims"]]
    assert "Oleksandr Prokudin" in names


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The air force carried out air strikes on a camp in Darfur, killing nine people.",
            "ASSAULT",
        ),
        ("Rebel fighters launched a rocket attack on Goma, killing four people.", "ASSAULT"),
        ("A drone strike killed three soldiers near Bakhmut on Monday.", "ASSAULT"),
        ("Kyiv and Moscow agreed to extend a truce by two weeks.", "AGREE"),
        ("The army and the rebels agreed to renew a ceasefire in Cauca.", "AGREE"),
    ],
)
def test_one_act_and_its_toll_or_complement_are_one_event(text: str, event: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == event]
    assert len(events) == 1


def test_an_agreement_to_extend_a_ceasefire_is_a_ceasefire_that_happened() -> None:
    events = _result("Kyiv and Moscow agreed to extend a truce by two weeks.")["events"]
    assert [(e["event"], e["mode"], e["aux_mode"]) for e in events] == [
        ("AGREE", "ceasefire", None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed six villagers in Zamfara while bandits killed four herders in Sokoto.",
        "The army carried out air strikes in Idlib, and rebels killed four soldiers in Hama.",
    ],
)
def test_two_incidents_in_one_sentence_stay_two(text: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Militias burned villages in Ituri, Congo's government says", "Congo"),
        ("Gunmen attacked a convoy near Gao, Mali's army says", "Mali"),
        ("Police beat students in Dhaka, Human Rights Watch said.", "Human Rights Watch"),
    ],
)
def test_a_closing_speaker_the_parser_hung_off_the_place_is_the_claimant(
    text: str, claimant: str
) -> None:
    claims = [c for e in _result(text)["events"] for c in e["claims"]]
    assert claims
    assert all(c["claimant"] and claimant in c["claimant"]["text"] for c in claims)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Israeli jets struck Hezbollah sites in Tyre, the group's Al-Manar television said.",
            "Al-Manar",
        ),
        (
            "American warships shot down drones over the Red Sea, the group's Al-Masirah TV said.",
            "Al-Masirah",
        ),
    ],
)
def test_a_named_outlet_of_the_group_is_the_claimant_not_another_party(
    text: str, claimant: str
) -> None:
    claims = [c for e in _result(text)["events"] for c in e["claims"]]
    assert claims
    assert all(c["claimant"]["name"] == claimant for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested protesters in Cairo, Human Rights Watch reported.",
        "Troops executed dozens of men near Moura, Human Rights Watch said.",
    ],
)
def test_a_word_of_an_organisations_name_is_not_a_town_by_another_spelling(text: str) -> None:
    names = [p["name"] for p in _result(text)["article"]["places"]]
    assert "Uman" not in names


def test_a_town_named_in_its_own_spelling_is_still_found_beside_an_organisation() -> None:
    text = "Human Rights Watch said troops detained activists in Uman."
    assert "Uman" in [p["name"] for p in _result(text)["article"]["places"]]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Two killed in an Israeli strike in Khan Younis", "Israel"),
        ("A paramedic was wounded in a night attack by the Russian Federation", "Russia"),
        ("Three soldiers wounded in Hamas attack near the Gaza border", "Hamas"),
    ],
)
def test_a_toll_takes_its_actor_from_the_attack_it_came_from(text: str, actor: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert events
    assert actor in [a["name"] for a in events[0]["actor"]]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a state named as the agent is not where it happened; the facility's town is
        ("A paramedic hurt in an attack by the Russian Federation died in a Sumy hospital", "Sumy"),
        # a closing attribution after a dash does not swallow the place before it
        ("Rebel commander killed in Luhansk - LPR spokesman", "Luhansk"),
        ("Soldier killed in attack on checkpoint in Kashmir", "Kashmir"),
    ],
)
def test_the_place_is_not_taken_from_the_agent_or_lost_to_an_attribution(
    text: str, place: str
) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert events
    assert (events[0]["location"] or {}).get("name") == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Israeli forces killed two men in a Jenin raid.", "Jenin"),
        ("Two fighters died in the Tulkarm raid, the group said.", "Tulkarm"),
        ("Israeli Troops Kill Two Gunmen In Nablus Raid", "Nablus"),
        ("Seven people were wounded in the Kramatorsk strike on Friday.", "Kramatorsk"),
    ],
)
def test_a_town_compounded_with_an_incident_noun_is_the_place(text: str, place: str) -> None:
    (event,) = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert event["location"]["name"] == place
    named = [a["name"] for a in (*event["actor"], *event["recipient"])]
    assert place not in named


def test_a_group_compounded_with_an_incident_noun_is_still_the_actor() -> None:
    (event,) = [
        e
        for e in _result("A Hamas attack killed two soldiers.")["events"]
        if e["event"] == "ASSAULT"
    ]
    assert event["actor"][0]["name"] == "Hamas"


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents raided the village of Moura in Cabo Delgado province on Sunday, burning homes.",
        "Militants torched homes in Moura, Mozambique, late on Saturday.",
    ],
)
def test_a_namesake_abroad_is_not_the_town_the_text_places_elsewhere(text: str) -> None:
    result = _result(text)
    assert all(p["country"] != "PRT" for p in result["article"]["places"])
    (event,) = [e for e in result["events"] if e["event"] == "ASSAULT"]
    assert event["location"] is None or event["location"]["country"] == "MOZ"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Gunmen killed four villagers in Maiduguri on Sunday, while a roadside bomb "
            "wounded six soldiers in Damboa.",
            ("Maiduguri", 4, None),
            ("Damboa", None, 6),
        ),
        (
            "Russian drones hit Odesa, injuring five people, and a missile struck Kharkiv, "
            "killing two.",
            ("Odesa", None, 5),
            ("Kharkiv", 2, None),
        ),
    ],
)
def test_two_incidents_in_one_sentence_keep_their_own_toll_and_place(
    text: str, first: tuple[str, int | None, int | None], second: tuple[str, int | None, int | None]
) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    found = [
        (
            e["location"]["name"],
            ((e["casualties"] or {}).get("killed") or {}).get("best"),
            ((e["casualties"] or {}).get("injured") or {}).get("best"),
        )
        for e in events
    ]
    assert found == [first, second]


def test_the_second_incident_does_not_take_the_first_ones_attacker() -> None:
    text = (
        "Gunmen killed four villagers in Maiduguri on Sunday, while a roadside bomb wounded "
        "six soldiers in Damboa."
    )
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert [a["name"] for a in events[1]["actor"]] != ["gunmen"]


@pytest.mark.parametrize(
    "text",
    [
        "The army denied firing the rocket that hit the hospital.",
        "The rebels denied firing the shell that struck the market in Goma.",
    ],
)
def test_a_denied_strike_and_where_it_landed_are_one_denied_event(text: str) -> None:
    (event,) = _result(text)["events"]
    assert event["aux_mode"] == "negation"
    (claim,) = event["claims"]
    assert claim["verb"] == "deny"
    assert claim["claimant"]["text"].lower().startswith("the ")


def test_a_nested_attribution_keeps_the_inner_source_and_names_the_relay() -> None:
    text = "A UN official told reporters that local medics said 12 people were killed."
    (event,) = _result(text)["events"]
    (claim,) = event["claims"]
    assert claim["claimant"]["text"] == "local medics"
    assert claim["via"] == "A UN official"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a district or region named by its town
        ("Soldiers killed two gunmen in a firefight in Kupwara district.", "Kupwāra"),
        ("Troops shelled villages in the Tillaberi region on Monday.", "Tillabéri"),
        # the village of X: the place, however small, and not the recipient
        ("Russian troops captured the village of Novoselivka east of Pokrovsk.", "Novoselivka"),
        # a name written with hyphens
        ("Gangs attacked Croix-des-Bouquets on Monday.", "Croix-des-Bouquets"),
    ],
)
def test_places_named_as_such_or_with_hyphens_are_found(text: str, place: str) -> None:
    (event,) = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert place in event["location"]["name"]
    assert all(place not in r["name"] for r in event["recipient"])


@pytest.mark.parametrize(
    ("text", "event", "mode"),
    [
        ("Rebel fighters seized the town of Kalehe on Sunday.", "ASSAULT", "occupy"),
        ("Insurgents seized an army base near Palma.", "ASSAULT", "occupy"),
        ("Police seized rifles and cash in a raid on Tuesday.", "COERCE", "seize"),
    ],
)
def test_seizing_ground_is_an_assault_and_seizing_goods_is_coercion(
    text: str, event: str, mode: str
) -> None:
    events = _result(text)["events"]
    assert events[0]["event"] == event
    assert events[0]["mode"] == mode


@pytest.mark.parametrize(
    ("text", "aux"),
    [
        ("The army said it would launch an offensive on Nyala within weeks.", "future"),
        ("A rebel spokesman said fighters would attack the base if talks failed.", "hypothetical"),
        ("An analyst said troops would likely shell the city.", "hypothetical"),
    ],
)
def test_reported_would_is_the_future_unless_conditioned_or_hedged(text: str, aux: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert events[0]["aux_mode"] == aux


def test_the_subject_of_another_clause_is_not_where_an_event_happened() -> None:
    text = "Moscow would hit government buildings in Kyiv if Ukraine fired long-range missiles."
    locations = [(e["location"] or {}).get("name") for e in _result(text)["events"]]
    assert "Moscow" not in locations


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russia launched strikes on Kharkiv overnight.", "Kharkiv"),
        ("Israeli strikes hit a school in Jabalia on Tuesday.", "Jabalia"),
        ("The coalition carried out strikes against rebel positions near Marib.", "Marib"),
    ],
)
def test_strikes_aimed_or_launched_are_attacks(text: str, place: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert events
    assert events[0]["location"]["name"] == place


@pytest.mark.parametrize(
    "text",
    [
        "Prisoners launched a hunger strike on Monday to demand family visits.",
        "Teachers began a strike over unpaid wages.",
    ],
)
def test_a_walkout_is_not_an_attack(text: str) -> None:
    assert all(e["event"] != "ASSAULT" for e in _result(text)["events"])


def test_a_toll_joins_the_act_of_its_own_clause() -> None:
    text = (
        "Rebels shot down an army helicopter near Goma, while shelling in Sake wounded "
        "12 civilians."
    )
    events = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert [(e["location"]["name"], e["casualties"] is not None) for e in events] == [
        ("Goma", False),
        ("Sake", True),
    ]


@pytest.mark.parametrize(
    "text",
    ["The militia denied the attack on the convoy.", "Rebels deny attack on Goma"],
)
def test_denying_an_attack_is_the_attack_denied(text: str) -> None:
    (event,) = _result(text)["events"]
    assert event["event"] == "ASSAULT"
    assert event["aux_mode"] == "negation"
    assert event["claims"][0]["verb"] == "deny"


def test_a_conjoined_clause_keeps_its_own_place() -> None:
    text = (
        "Gunmen shot dead three traders in Cite Soleil and set fire to a police station in "
        "Cabaret, witnesses said."
    )
    places = [(e["location"] or {}).get("name") for e in _result(text)["events"]]
    assert places == ["Cité Soleil", "Cabaret"]


def test_the_place_of_an_ambush_is_where_its_toll_happened() -> None:
    text = "Police say gunmen killed two guards in an ambush in Jamundi, south of Cali."
    (event,) = [e for e in _result(text)["events"] if e["event"] == "ASSAULT"]
    assert event["location"]["name"] == "Jamundí"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Army officers held talks in Doha on Sunday.", "Doha"),
        ("The junta will hold talks with the Arakan Army in Kunming next week.", "Kunming"),
    ],
)
def test_where_talks_are_held_is_their_place(text: str, place: str) -> None:
    events = [e for e in _result(text)["events"] if e["event"] == "CONSULT"]
    assert events[0]["location"]["name"] == place


def test_pushing_a_group_out_of_villages_takes_ground() -> None:
    events = _result("Troops pushed the militants out of two villages near Jowhar.")["events"]
    assert [(e["event"], e["mode"]) for e in events] == [("ASSAULT", "occupy")]


def test_forces_of_two_nationalities_are_two_actors() -> None:
    (event,) = _result("Sudanese and Chadian troops clashed near the border on Friday.")["events"]
    assert [a["country"] for a in event["actor"]] == ["SDN", "TCD"]


@pytest.mark.parametrize(
    "text", ["Russia Denies Striking Hospital In Kharkiv", "Army denies shelling market in Goma"]
)
def test_a_headline_denial_of_an_act_is_the_act_denied(text: str) -> None:
    (event,) = _result(text)["events"]
    assert (event["event"], event["aux_mode"]) == ("ASSAULT", "negation")
    assert event["claims"][0]["verb"] == "deny"
