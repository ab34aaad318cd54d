"""Every place the article names, resolved together so that they disambiguate each other."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.extract.where import ANAPHOR_NOUNS, COMPASS_WORDS, compass_area, place_anaphor
from eventcoder.model import Place, Precision
from eventcoder.resolve.capitals import capital_name
from eventcoder.resolve.place_context import (
    article_anchor,
    fold_name,
    home_country,
    pick,
    region_context,
)
from eventcoder.resolve.place_options import (
    Option,
    abbreviation_options,
    abbreviation_rows,
    alias_abroad,
    county_options,
    dateline_options,
    dominant,
    entity_options,
    longer_name,
    narrow,
    only_abroad,
    parts_of,
    placed_in,
    repeats,
    unknown_parts,
    wider_name,
)
from eventcoder.resolve.place_spans import (
    DIRECTION_WORDS,
    NOT_PLACES,
    PLACE_NOUNS,
    curated_territory,
    demonym_spans,
    directional_rows,
    fallback_rows,
    gazetteer_spans,
    hyphen_run,
    is_person,
    name_parts,
    named_as_place,
    own_name,
    own_names_only,
    prefix_rows,
    strip_name,
    suffix_rows,
    surnames,
    toponym_spans,
)
from eventcoder.resolve.places import NameIndex, primary, to_place
from eventcoder.text.reads import doc_text, tokens_lowered

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = [
    "PRECISION_RANK",
    "demonym_spans",
    "gazetteer_spans",
    "resolve_toponyms",
    "toponym_spans",
]


def resolve_toponyms(
    doc: Doc,
    index: NameIndex,
    *,
    dateline: str | None,
    start: int = 0,
    is_actor: Callable[[str], bool] = lambda name: False,
    is_outlet: Callable[[str], bool] = lambda name: False,
    demonyms: dict[str, str | None] | None = None,
    head: str | None = None,
) -> tuple[dict[int, Place], list[str]]:
    """Places by entity start character, and the article's countries, most named first.

    `is_actor` tells names of organisations and people, so "from Hamas" is not a town;
    `is_outlet` tells news outlets, never places whatever the tagger says ("TASS: ...").
    Nationality words become country-level places with the method "demonym". `head` is the
    article's text before `start` (its dateline line, blanked in the parse).
    """
    spans = [
        s
        for s in toponym_spans(doc)
        if s.start_char >= start
        and not (s.label_ in ("PERSON", "ORG") and is_actor(strip_name(s)))
        and not is_outlet(strip_name(s))
    ]
    text = (head or "") + doc_text(doc)[len(head or "") :]
    extra = [
        option
        for option in (
            dateline_options(text, index, start)
            + abbreviation_options(text, index, start)
            + county_options(text, index, start)
        )
        if not is_outlet(option.text)  # "TASS: ..." is a credit line, not a dateline
    ]
    home = home_country(spans, index, extra)
    guessed = [
        s
        for s in gazetteer_spans(doc, index, home=home)
        if s.start_char >= start
        and not is_outlet(strip_name(s))
        and (
            not is_actor(strip_name(s))
            or curated_territory(index, strip_name(s))
            or s.root.dep_ == "dobj"  # "strike Kyiv": the city, whatever else the name stands for
            or (s.end < len(doc) and doc[s.end].lower_ in PLACE_NOUNS)  # "the Kyiv region"
        )
    ]
    spans += guessed
    from_gazetteer = {s.start_char for s in guessed}

    people = surnames(doc)
    parts = name_parts(doc, is_actor)
    options: dict[int, Option] = {}
    unknown: list[Option] = []  # place names the gazetteer lacks
    for span in spans:
        whole = hyphen_run(doc, span)
        if whole.end > span.end and any(
            primary(r, whole.text) for r in index.candidates(whole.text)
        ):
            span = doc.char_span(whole.start_char, whole.end_char, label="GPE") or span
        name = strip_name(span)
        if name.lower() in NOT_PLACES or len(name) < 2:
            continue
        key = span.start_char
        looked = name
        rows = directional_rows(doc, span, name, index)
        if rows:
            span = doc[span.start - 1 : span.end]
            looked = max(rows, key=lambda r: r.population).name
        else:
            rows = abbreviation_rows(name, index) or index.candidates(name)
            if not rows:  # "Newark, Ohio", "North Texas", "Birmingham City", "Lamar County X"
                rows = fallback_rows(name, index) or suffix_rows(name, index)
                if not rows and span.label_ in ("GPE", "LOC"):
                    rows = index.similar(name) or prefix_rows(span, index)
                # the reading under its own name, else the largest ("Kupwara district" is
                # Kupwara, not a bigger town one of whose other names is Kupwara)
                own_rows = [r for r in rows if primary(r, name.rsplit(" ", 1)[0])] or rows
                looked = max(own_rows, key=lambda r: r.population).name if rows else name

        rows = own_names_only(span, looked, rows, parts)
        if span.label_ in ("PERSON", "ORG") and not named_as_place(doc, span):
            rows = [r for r in rows if r.population >= 50_000 or r.source.startswith("curated")]
        if not rows and span.label_ != "PERSON" and not is_person(doc, span, people):
            unknown.append(Option(span.text, span.start_char, span.end_char, [], key))
        if not rows or is_person(doc, span, people):
            continue
        rows = own_name(name, rows)
        via = "gazetteer" if key in from_gazetteer else "ner"
        options[key] = Option(
            span.text, span.start_char, span.end_char, rows, key, via=via, name=looked
        )

    for option in extra:  # exact readings replace what the parse made of the same words
        for key in [k for k, o in options.items() if o.start < option.end and o.end > option.start]:
            del options[key]
        options[option.key] = option
    anchor = article_anchor(options.values())
    taken = sorted((o.start, o.end) for o in options.values())
    found = entity_options(doc, index, home=home, anchor=anchor, start=start, is_actor=is_actor)
    for option in found:
        if not any(b < option.end and e > option.start for b, e in taken):
            options[option.key] = option

    for key, option in list(options.items()):
        longer = longer_name(doc, option, index)
        if longer is not None:
            options[key] = option = longer
        wider = wider_name(doc, option, index)
        if wider is not None:
            options[key] = wider
    for key, option in list(options.items()):  # "Republic" of "Lugansk Republic"
        if any(
            o.start <= option.start
            and option.end <= o.end
            and o.end - o.start > option.end - option.start
            for o in options.values()
        ):
            del options[key]
    parts_of(text, options)
    for option in unknown_parts(text, unknown, options):
        if not any(o.start < option.end and o.end > option.start for o in options.values()):
            options[option.key] = option
    for option in repeats(text, doc, options, start):
        options[option.key] = option
    ordered = sorted(options.values(), key=lambda o: o.start)
    for first, second in itertools.pairwise(ordered):  # "Newark, Ohio"
        between = text[first.end : second.start]
        listed = between in (",", ", ") and len({r.country for r in first.rows}) > 1
        if (listed or between in (" in ", " in the ")) and only_abroad(
            first.rows, placed_in(second.rows)
        ):
            first.rows = []  # "Moura in Cabo Delgado": not the Portuguese town
            continue
        if (
            between in (",", ", ")
            and any(r.precision in (Precision.REGION, Precision.COUNTRY) for r in second.rows)
            and not any(r.precision is Precision.COUNTRY for r in first.rows)
        ):
            first.rows = narrow(first.rows, second.rows)

    votes: Counter[str] = Counter()
    voted: set[str] = set()
    leaning: dict[str, str] = {}  # name -> the country its dominant reading is in
    for option in sorted(options.values(), key=lambda o: not o.strong):
        named = {r.country for r in option.rows if r.country}
        name = fold_name(option.name)
        if name in voted or name in leaning:
            continue
        if len(named) == 1:  # names that say their country vote for it
            votes[next(iter(named))] += 2 if option.strong else 1
            voted.add(name)
        else:  # and, less, names whose namesakes one country's place dwarfs ("Dallas")
            top = dominant(option.name, option.rows)
            if top is not None and top.country:
                leaning[name] = top.country
                votes[top.country] += 1
    if dateline:
        rows = index.candidates(dateline)
        if rows:
            top = max(rows, key=lambda r: r.population)
            if top.country:
                votes[top.country] += 1
    countries = [code for code, _ in votes.most_common()]
    main = countries[0] if countries and 2 <= votes[countries[0]] * 2 > votes.total() else None
    for option in ordered:
        # A name with namesakes in several countries, none of them the one the article is
        # plainly about, is a town there the gazetteer lacks.
        if main and len({r.country for r in option.rows}) > 1 and only_abroad(option.rows, {main}):
            option.rows = []
    nationalities = demonym_spans(doc, demonyms or {})
    # "Boni" in a story about Mali is not Bonn, whose Latin name it is
    stated = {
        country
        for option in ordered
        if len(option.rows) == 1
        and option.rows[0].precision is Precision.COUNTRY
        and (country := option.rows[0].country) is not None
    } | {code for _, code in nationalities if code}
    for option in ordered:
        if (
            stated
            and option.rows
            and all(alias_abroad(r, option.text, stated) for r in option.rows)
        ):
            option.rows = []
    near = article_anchor(options.values())
    regions = region_context(ordered)
    chosen = pick(ordered, votes, leaning, regions, near)
    places: dict[int, Place] = {}
    for option in ordered:
        row = chosen.get(option.start)
        if row is None:
            continue
        ambiguous = len({(r.country, round(r.lat), round(r.lon)) for r in option.rows}) > 1
        places[option.key] = to_place(
            row,
            text=option.text,
            start=option.start,
            end=option.end,
            method="gazetteer-context" if ambiguous else "gazetteer",
            score=(0.7 if ambiguous else 0.95) * (1.0 if option.strong else 0.8),
            found=option.via,
        )
    if countries:
        places |= _compass_places(doc, index, countries[0], start)
    places |= _anaphor_places(doc, places, start)
    for span, code in nationalities:
        capital = _capital(doc, index, span, code)
        if capital is not None and span.start_char >= start:
            places[capital.start or 0] = capital  # "the Somali capital": Mogadishu
            continue
        row = index.by_iso3.get(code)
        if row is not None and span.start_char >= start:
            places[span.start_char] = to_place(
                row,
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                method="demonym",
                score=0.6,
            )
    return places, countries


def _capital(doc: Doc, index: NameIndex, span: Span, code: str | None) -> Place | None:
    """ "The Somali capital", "Sudan's capital" read as the demonym's state: its capital city."""
    if code is None or span.end >= len(doc) or doc[span.end].lower_ != "capital":
        return None
    name = capital_name(code)
    rows = [r for r in index.candidates(name) if r.country == code] if name else []
    if not rows:
        return None
    row = max(rows, key=lambda r: r.population)
    begin = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
    phrase = doc[begin : span.end + 1]
    return to_place(
        row,
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        method="capital",
        score=0.8,
    )


def _compass_places(doc: Doc, index: NameIndex, country: str, start: int) -> dict[int, Place]:
    """ "in the east" of an article about Ukraine: Eastern Ukraine, when the gazetteer has
    that part of the country."""
    name = index.country_names.get(country)
    out: dict[int, Place] = {}
    for token in tokens_lowered(doc, COMPASS_WORDS) if name is not None else ():
        if token.idx < start or not compass_area(token):
            continue
        rows = [
            r
            for r in index.candidates(f"{DIRECTION_WORDS[token.lower_]} {name}")
            if r.country == country and r.precision in (Precision.REGION, Precision.DISTRICT)
        ]
        if rows:
            out[token.idx] = to_place(
                max(rows, key=lambda r: r.population),
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                method="direction",
                score=0.6,
            )
    return out


def _anaphor_places(doc: Doc, places: dict[int, Place], start: int) -> dict[int, Place]:
    """ "east of the city", "stormed the camp": the last place of that kind named before, in
    the sentence or the two before it (or the dateline's town)."""
    out: dict[int, Place] = {}
    for token in tokens_lowered(doc, ANAPHOR_NOUNS):
        precision = place_anaphor(token) if token.idx >= start else None
        if precision is None:
            continue
        sent = token.sent
        for _ in range(2):  # this sentence and the two before it
            if sent.start > 0:
                sent = doc[sent.start - 1].sent
        before = [
            p
            for p in places.values()
            if p.start is not None
            and p.start < token.idx
            and (p.start >= sent.start_char or p.start < start)  # or the dateline's town
            and p.precision.value == precision
            and p.method != "demonym"
            and (precision != "neighbourhood" or "camp" in p.name.lower())
        ]
        if before:
            last = max(before, key=lambda p: p.start or 0)
            out[token.idx] = dataclasses.replace(
                last,
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                method="anaphora",
                score=round(last.score * 0.8, 3),
            )
    return out


PRECISION_RANK = {
    Precision.NEIGHBOURHOOD: 0,
    Precision.CITY: 1,
    Precision.DISTRICT: 2,
    Precision.REGION: 3,
    Precision.COUNTRY: 4,
}
