"""ACLED-style CSV: ACLED's columns, codes and conventions for events that happened.

Only asserted events (no `aux_mode`: not future, hypothetical, negated or historical) that map
to an ACLED event type are written, since ACLED codes events that took place. The values follow
the ACLED codebook where the event document has the information; see each helper for the
approximations.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eventcoder.export.common import (
    RELATIVE_PLACE,
    STATE_SECTORS,
    Event,
    Output,
    Skipped,
    Span,
    as_mapping,
    as_mappings,
    civilian_target,
    claimants,
    coordinates,
    country_name,
    country_numeric,
    date_span,
    documents,
    figures,
    names,
    one_line,
    outlets,
    write_csv_rows,
)

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
NOTES_LIMIT = 500

_DISORDER = {
    "battles": "Political violence",
    "explosions/remote violence": "Political violence",
    "violence against civilians": "Political violence",
    "protests": "Demonstrations",
    "riots": "Demonstrations",
    "strategic developments": "Strategic developments",
}

_PROTESTERS = re.compile(r"\b(?:protest\w*|demonstrat\w*|marcher\w*)", re.IGNORECASE)
_RIOTERS = re.compile(r"\b(?:riot\w*|mob|mobs|looter\w*)\b", re.IGNORECASE)

# What the actors did, by ACLED sub-event type: a verb phrase and the word that introduces the
# recipients ("" = the recipients follow the verb directly).
_DID: Mapping[str, tuple[str, str]] = {
    "armed clash": ("clashed", "with"),
    "government regains territory": ("regained territory", "from"),
    "non-state actor overtakes territory": ("took territory", "from"),
    "air/drone strike": ("carried out an air or drone strike", "on"),
    "shelling/artillery/missile attack": ("shelled or fired missiles", "at"),
    "remote explosive/landmine/ied": ("set off an explosive device", "against"),
    "suicide bomb": ("carried out a suicide bombing", "against"),
    "chemical weapon": ("used a chemical weapon", "against"),
    "grenade": ("threw a grenade", "at"),
    "attack": ("attacked", ""),
    "abduction/forced disappearance": ("abducted", ""),
    "sexual violence": ("committed sexual violence", "against"),
    "peaceful protest": ("protested", "against"),
    "protest with intervention": ("intervened against a protest", "by"),
    "excessive force against protesters": ("used excessive force", "against"),
    "violent demonstration": ("rioted", "against"),
    "mob violence": ("engaged in mob violence", "against"),
    "agreement": ("reached an agreement", "with"),
    "arrests": ("arrested", ""),
    "change to group/activity": ("changed their activity or deployment", "involving"),
    "disrupted weapons use": ("intercepted or disrupted weapons", "of"),
    "headquarters or base established": ("established a base", "near"),
    "looting/property destruction": ("looted or destroyed property", "of"),
    "non-violent transfer of territory": ("transferred territory", "to"),
}
# Month names spelled out here: strftime's %B follows the process locale.
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def write_acled(events: Iterable[Event], out: Output, *, timestamp: int | None = None) -> int:
    """Write ACLED-style CSV rows for events that happened and have an ACLED type.

    `timestamp` (unix seconds, default now) fills ACLED's `timestamp` column.

    >>> import io
    >>> write_acled([], io.BytesIO())
    0
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    skipped = Skipped()
    written = write_csv_rows(_rows(events, stamp, skipped), ACLED_COLUMNS, out, "acled")
    skipped.report("acled", written)
    return written


def _rows(events: Iterable[Event], stamp: int, skipped: Skipped) -> Iterator[dict[str, Any]]:
    for event in documents(events, "acled"):
        acled = as_mapping(event.get("acled"))
        span = date_span(event)
        if one_line(event.get("aux_mode")):
            skipped["not asserted (aux_mode set)"] += 1
        elif not one_line(acled.get("event_type")):
            skipped["without an ACLED type"] += 1
        elif span is None:
            skipped["without a date"] += 1
        else:
            yield acled_row(event, span, timestamp=stamp)


def acled_row(event: Event, span: Span, *, timestamp: int) -> dict[str, Any]:
    """One ACLED-style row for an event that has an ACLED type and a date."""
    acled = as_mapping(event.get("acled"))
    event_type = one_line(acled.get("event_type")) or ""
    sub_event_type = one_line(acled.get("sub_event_type")) or ""
    location = as_mapping(event.get("location"))
    country = one_line(location.get("country"))
    actors, recipients = as_mappings(event.get("actor")), as_mappings(event.get("recipient"))
    actor_names, recipient_names = names(actors), names(recipients)
    inter1 = inter_code(actors[0], country) if actors else None
    inter2 = inter_code(recipients[0], country) if recipients else None
    point = coordinates(event)
    killed = figures(event)
    fatalities = killed.low if killed.low is not None else killed.best
    return {
        "event_id_cnty": one_line(event.get("id")),
        "event_date": span.start,
        "year": span.start.year,
        "time_precision": time_precision(span),
        "disorder_type": disorder_type(event_type, sub_event_type),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor_names[0] if actor_names else None,
        "assoc_actor_1": "; ".join(actor_names[1:]),
        "inter1": inter1,
        "actor2": recipient_names[0] if recipient_names else None,
        "assoc_actor_2": "; ".join(recipient_names[1:]),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian_target(event) else None,
        "iso": country_numeric(country),
        "region": None,
        "country": country_name(country) or country,
        "admin1": one_line(location.get("admin1")),
        "admin2": None,
        "admin3": None,
        "location": one_line(location.get("name")),
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "geo_precision": geo_precision(location) if location else None,
        "source": "; ".join(outlets(event)),
        "source_scale": None,
        "notes": notes(event, span, actor_names, recipient_names, sub_event_type),
        "fatalities": fatalities or 0,
        "tags": _tags(event),
        "timestamp": timestamp,
    }


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    """ACLED's disorder type for an event type (excessive force counts under both headings).

    >>> disorder_type("Explosions/Remote violence", "Air/drone strike")
    'Political violence'
    """
    if sub_event_type.lower() == "excessive force against protesters":
        return "Political violence; Demonstrations"
    return _DISORDER.get(event_type.lower())


def time_precision(span: Span) -> int:
    """ACLED time precision: 1 a known day, 2 within a week (or a few days), 3 longer.

    >>> import datetime
    >>> time_precision(Span(datetime.date(2025, 3, 13), datetime.date(2025, 3, 14), "day"))
    2
    """
    if span.precision in ("month", "year") or span.days > 7:
        return 3
    if span.precision == "week" or span.days > 1:
        return 2
    return 1


def geo_precision(location: Mapping[str, Any]) -> int:
    """ACLED geo precision: 1 the town or neighbourhood itself, 2 a district or a place near a
    named town ("east of Kharkiv"), 3 a region or country.

    >>> geo_precision({"text": "east of Kharkiv", "precision": "city"})
    2
    """
    precision = (one_line(location.get("precision")) or "city").lower()
    if precision in ("region", "country"):
        return 3
    if precision == "district" or RELATIVE_PLACE.search(one_line(location.get("text")) or ""):
        return 2
    return 1


# ACLED gives every named actor an inter code from its own actor list; here it comes from the
# PLOVER sector, so these are approximations:
#   MIL, GOV, COP, SPY -> 1 State forces, or 8 External/Other forces when the actor's country is
#                         known and differs from the event's (ACLED codes foreign state forces,
#                         such as Russian forces in Ukraine, as external forces);
#   REB                -> 2 Rebel groups;
#   PTY, OPP, PRM      -> 3 Political militias (ACLED's home for armed party wings and
#                         pro-government militias; an unarmed party is really civilians);
#   UAF, CRM           -> 4 Identity militias (approximate: ACLED files unidentified armed
#                         groups under 3 and leaves most criminal gangs out);
#   protest or riot words in an unarmed actor's text -> 6 Protesters or 5 Rioters;
#   IGO                -> 8 External/Other forces;
#   any other sector (CVL, REF, MED, NGO, ...) -> 7 Civilians; no sector -> empty.
_INTER_BY_SECTOR = {"REB": 2, "PTY": 3, "OPP": 3, "PRM": 3, "UAF": 4, "CRM": 4, "IGO": 8}


def inter_code(entity: Mapping[str, Any], event_country: str | None) -> int | None:
    """ACLED inter code (1-8) of an actor, approximated from its sector (see the table above).

    >>> inter_code({"name": "Student protesters", "sector": "CVL"}, "SRB")
    6
    """
    sector = (one_line(entity.get("sector")) or "").upper()
    if sector in STATE_SECTORS:
        country = (one_line(entity.get("country")) or "").upper()
        foreign = bool(country and event_country and country != event_country.upper())
        return 8 if foreign else 1
    if sector in _INTER_BY_SECTOR:
        return _INTER_BY_SECTOR[sector]
    # Only unarmed actors are left here: armed sectors all have a code above.
    words = f"{one_line(entity.get('text')) or ''} {one_line(entity.get('name')) or ''}"
    if _RIOTERS.search(words):
        return 5
    if _PROTESTERS.search(words):
        return 6
    return 7 if sector else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first; one actor alone gives `code`0.

    >>> interaction(8, 7), interaction(1, None)
    (78, 10)
    """
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def notes(
    event: Event,
    span: Span,
    actor_names: list[str],
    recipient_names: list[str],
    sub_event_type: str,
) -> str:
    """A one-paragraph summary in ACLED's manner: when, who did what to whom where, and the
    casualty figures with who gives them. Built from the coded fields, on one line."""
    did, joiner = _DID.get(sub_event_type.lower(), ("were involved in an event", "with"))
    mode = one_line(event.get("mode"))
    if sub_event_type.lower() == "air/drone strike" and mode in ("drone", "aerial"):
        did = "carried out a drone strike" if mode == "drone" else "carried out an air strike"
    who = _join(actor_names) or "unidentified actors"
    whom = _join(recipient_names)
    parts = [f"{_when(span)}, {who} {did}"]
    if whom:
        parts.append(f"{joiner} {whom}" if joiner else whom)
    where = _where(as_mapping(event.get("location")))
    if where:
        parts.append(where)
    sentences = [" ".join(parts) + "."]
    casualties = _casualties(event)
    if casualties:
        sentences.append(casualties)
    if event.get("contested") is True:
        sentences.append("The reports are contested.")
    text = " ".join(sentences)
    if len(text) > NOTES_LIMIT:
        text = text[: NOTES_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return text


def _when(span: Span) -> str:
    def day(date: datetime.date) -> str:
        return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"

    if span.precision == "year":
        return f"In {span.start.year}"
    if span.precision == "month":
        return f"In {_MONTHS[span.start.month - 1]} {span.start.year}"
    if span.precision == "week":
        return f"In the week of {day(span.start)}"
    if span.days == 1:
        return f"On {day(span.start)}"
    return f"Between {day(span.start)} and {day(span.end)}"


def _where(location: Mapping[str, Any]) -> str:
    name = one_line(location.get("name"))
    phrase = one_line(location.get("text"))
    if phrase and RELATIVE_PLACE.search(phrase):
        return phrase
    if not name:
        return ""
    admin1 = one_line(location.get("admin1"))
    return f"in {name} ({admin1})" if admin1 and admin1 != name else f"in {name}"


def _casualties(event: Event) -> str:
    said = [text for kind in ("killed", "injured") if (text := _count_text(event, kind))]
    if not said:
        return ""
    victims = one_line(as_mapping(event.get("casualties")).get("victims"))
    figures_text = " and ".join(said) + (f" ({victims})" if victims else "")
    sources = claimants(event)[:2]
    if sources:
        return f"According to {' and '.join(sources)}, {figures_text}."
    return f"Reported: {figures_text}."


def _count_text(event: Event, kind: str) -> str | None:
    count = figures(event, kind)
    ranged = count.low is not None and count.high is not None and count.low != count.high
    if count.best == 0 and not ranged:
        return f"no one {kind}"  # "no injuries were reported", not "0 injured"
    if count.best is not None:
        spread = f" (reports range {count.low}-{count.high})" if ranged else ""
        return f"{count.best} {kind}{spread}"
    if ranged:
        return f"{count.low}-{count.high} {kind}"
    if count.low is not None:
        return f"at least {count.low} {kind}"
    return f"up to {count.high} {kind}" if count.high is not None else None


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def _tags(event: Event) -> str:
    tags = []
    certainty = one_line(event.get("certainty"))
    if certainty:
        tags.append(f"certainty={certainty}")
    if event.get("contested") is True:
        tags.append("contested")
    return "; ".join(tags)
