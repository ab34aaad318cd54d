"""Casualty figures: whom a number counts, killed versus injured, totals and tolls that rise.

Each casualty word ("killed", "dead", "KIA", "wounded") gets the figure of the people it is
about, from the parse ("three soldiers killed", "killed two civilians", "one dead"), else from
the words next to it; a singular victim counts one ("a woman died"). A figure counted over a
long period ("72 soldiers killed this year") is a running total, not one event's toll: its number
is kept out of the record (the words stay as evidence).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from eventcoder.extract.arguments import closing_speakers
from eventcoder.extract.lexicon import Lexicon
from eventcoder.extract.numbers import number_figure
from eventcoder.extract.toll_words import (
    attributed,
    base_kind,
    casualty_kind,
    is_person,
    lives_of,
    toll_words,
)
from eventcoder.model import Casualties, Count
from eventcoder.text.reads import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSES = ("advcl", "ccomp", "parataxis", "relcl", "conj", "xcomp")
_UNKNOWN = Count(low=None, best=None, high=None)
_ONE = Count(low=1, best=1, high=1)
_SOME = Count(low=1, best=None, high=None)


def _singular(noun: Token, lexicon: Lexicon) -> bool:
    """One victim named without a number: "a woman died", "soldier killed", "Pavlov dies"."""
    return (
        (noun.tag_ in ("NN", "NNP") or (noun.tag_ == "JJ" and noun.ent_type_ == "NORP"))
        and is_person(noun, lexicon)
        and noun.lemma_.lower() not in toll_words().collective
    )


def _count_for(noun: Token, lexicon: Lexicon) -> tuple[Count, Token] | None:
    """The figure counting a noun phrase ("at least 12 people", "dozens", "three", "a woman")."""
    for token in [noun, *noun.children]:
        if token != noun and token.dep_ not in (
            "nummod",
            "quantmod",
            "amod",
            "det",
            "compound",
            "nmod",
        ):
            continue
        found = number_figure(token, lexicon)
        if found is not None:
            return found, token
    quantity = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if quantity is not None and quantity.pos_ in ("NOUN", "NUM"):
        found = number_figure(quantity, lexicon)  # "scores of civilians", "dozens of fighters"
        if found is not None:
            return found, quantity
    if _singular(noun, lexicon):
        return _ONE, noun
    if noun.tag_ == "NN" or noun.lower_ == "dead":
        marks = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod")}
        if marks & {"a", "an", "another", "first", "second"}:
            return _ONE, noun  # "there is a dead", "first combat death since the truce"
    return None


def _victim_word(token: Token, lexicon: Lexicon) -> Count | None:
    """A figure or a singular victim named right next to a casualty word, whatever its tag
    ("kills civilian", where "civilian" is parsed as an adjective)."""
    found = number_figure(token, lexicon)
    if found is not None:
        return found
    lower = token.lower_
    if lower in lexicon.people and lower not in toll_words().collective and lower == token.lemma_:
        return _ONE
    if lower == "another" and token.head.pos_ != "NOUN":
        return _ONE  # "one killed, another wounded"
    return None


def _objects(key: Token, lexicon: Lexicon) -> list[Token]:
    """The objects of a casualty verb: its own (with a person the parser took for an adverb,
    "liquidated 30 militants"), else those of the casualty verb it is joined to with nothing
    between ("killed or injured 14 civilians")."""
    own = [
        c
        for c in key.children
        if (c.dep_ == "dobj" or (c.dep_ == "npadvmod" and is_person(c, lexicon)))
        and not attributed(key, c)
    ]
    # "lost a plane, three tanks, 80 troops": counted people further down a list of things
    # (not "killing 11 civilians, residents and an official said": speakers after a toll)
    own += [
        t
        for c in key.children
        if c.dep_ in ("dobj", "npadvmod") and not is_person(c, lexicon)
        for t in _listed(c)
        if t not in own and is_person(t, lexicon) and any(n.like_num for n in t.children)
    ]
    if own:
        return own
    for verb in key.children:
        between = key.doc[key.i + 1 : verb.i]
        if (
            verb.dep_ == "conj"
            and verb.pos_ == "VERB"
            and casualty_kind(verb, lexicon) is not None
            and all(t.dep_ == "cc" for t in between)
        ):
            return [c for c in verb.children if c.dep_ == "dobj"]
    return []


def _listed(noun: Token) -> list[Token]:
    """The nouns listed after one, joined to it or to each other ("plane, three tanks, 80
    troops")."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("conj", "appos") and child.pos_ in ("NOUN", "PROPN"):
            found += [child, *_listed(child)]
    return found


def _verb_nouns(key: Token, lexicon: Lexicon) -> list[Token]:
    passive = [c for c in key.children if c.dep_ == "nsubjpass"]
    if key.lemma_.lower() in toll_words().lives_verbs and lives_of(key):
        nouns = lives_of(key)
    elif key.lemma_ in ("die", "perish") or any(
        c.lower_ in ("life", "lives") for c in key.children
    ):
        nouns = [c for c in key.children if c.dep_ == "nsubj"]  # "three people lost their lives"
    elif key.tag_ in ("VBZ", "VBP", "VBG"):
        nouns = _objects(key, lexicon) + passive  # "shelling kills three": not the killer
    elif not _objects(key, lexicon) and not any(c.lemma_ == "have" for c in key.children):
        nouns = [c for c in key.children if c.dep_ in _SUBJECTS]  # "Three soldiers killed"
    else:
        nouns = _objects(key, lexicon) + passive
    if not nouns and key.dep_ in ("acl", "relcl", "amod"):
        head = key.head
        if head.dep_ == "pobj" and head.head.lower_ in ("including", "among"):
            head = head.head.head  # "nine others, including a commander, injured": the nine
        nouns.append(head)
    own_figure = any(_victim_word(c, lexicon) is not None for c in key.children)
    if not nouns and key.dep_ in ("xcomp", "ccomp", "conj") and not own_figure:
        nouns += [c for c in key.head.children if c.dep_ in _SUBJECTS]  # "Four reported killed"
    return nouns


def _among(key: Token) -> Token | None:
    """The "among" of "three children were among the dead" or "among those killed": the
    people named are some of the victims, not all of them."""
    for token in [key, *([key.head] if key.dep_ in ("acl", "relcl") else [])]:
        if token.dep_ == "pobj" and token.head.lower_ == "among":
            return token.head
    return None


def _counted_all(among: Token) -> bool:
    """ "A girl was among 3 people wounded": the phrase after "among" counts all of them."""
    return any(
        c.dep_ == "nummod" or c.like_num
        for n in among.children
        if n.dep_ == "pobj"
        for c in n.children
    )


def _part_of(key: Token) -> bool:
    """ "Three of the dead were children": a part of the victims is counted."""
    return (
        key.dep_ == "pobj"
        and key.head.lower_ == "of"
        and (key.head.head.like_num or key.head.head.pos_ == "NUM")
    )


def _counted_nouns(key: Token, lexicon: Lexicon) -> list[Token]:
    """Noun tokens whose numbers count the people a casualty word is about."""
    nouns: list[Token] = []
    among = _among(key)
    if among is not None and not _counted_all(among):
        return [c for c in among.head.children if c.dep_ in (*_SUBJECTS, "attr")]
    if key.pos_ in ("VERB", "AUX"):
        nouns += _verb_nouns(key, lexicon)
    elif key.pos_ == "ADJ":
        if key.dep_ == "amod":
            nouns.append(key.head)
        elif key.dep_ in ("acomp", "oprd"):
            nouns += [c for c in key.head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")]
        else:
            nouns += [c for c in key.children if c.dep_ in _SUBJECTS]  # "two dead"
            nouns.append(key)
    else:
        nouns.append(key)
        nouns += [
            g for c in key.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]  # "the death of three troops"
        if key.dep_ in ("dobj", "nsubj", "pobj") and key.lemma_ == "toll":
            nouns += [t for t in key.head.subtree if _toll_number(t, lexicon)]
    return nouns


def _toll_number(token: Token, lexicon: Lexicon) -> bool:
    """A number in a toll's clause that states the toll: not the step it rose by ("rose by 5
    to 38"), nor a count of things ("the toll in 2 villages")."""
    if not token.like_num or (token.i > 0 and token.nbor(-1).lower_ in ("by", "from")):
        return False
    counted = token.head if token.dep_ in ("nummod", "quantmod") else None
    return (
        counted is None
        or counted.pos_ not in ("NOUN", "PROPN")
        or is_person(counted, lexicon)
        or attributed(token, counted)  # "rose to 9 - police": the source, misparsed
    )


def _owned_elsewhere(token: Token, kind: str, lexicon: Lexicon) -> bool:
    """A noun that another casualty word counts ("12 killed, 46 wounded": 46 is the wounded)."""
    own = base_kind(kind)
    for other in [token, *token.children]:
        found = base_kind(casualty_kind(other, lexicon))
        attached = other.i == token.i or other.dep_ in ("acl", "relcl", "amod", "appos", "conj")
        if found is not None and found != own and attached:
            return True
    head = base_kind(casualty_kind(token.head, lexicon))
    return head is not None and head != own and token.dep_ in (*_SUBJECTS, "dobj")


def _group(nouns: list[Token], kind: str, lexicon: Lexicon) -> list[Token]:
    """The nouns with their conjuncts and appositions ("two soldiers, one civilian")."""
    out = list(nouns)
    # "killing 11 civilians, residents and a health official said": the speakers the parser
    # joined to the list are not among the dead
    speakers = closing_speakers(nouns[0]) if nouns else 0
    for noun in nouns:
        group = [*noun.conjuncts, *(c for c in noun.children if c.dep_ == "appos")]
        if noun.dep_ == "appos":
            group += [noun.head, *(c for c in noun.head.children if c.dep_ == "appos")]
        out += [
            c
            for c in group
            if c not in out
            and c.i < speakers
            and c.pos_ in ("NOUN", "PROPN", "NUM", "ADJ")
            and not _owned_elsewhere(c, kind, lexicon)
            and not any(p.dep_ == "prep" and p.lower_ == "among" for p in c.children)
            and not _others_of(c, kind, lexicon)
        ]  # "four killed; 2 children among the dead": some of the four, not more
    return out


def _others_of(noun: Token, kind: str, lexicon: Lexicon) -> bool:
    """ "Nine others" before a casualty word of another kind: its figure, not this one's
    ("two killed, nine others, including a commander, injured")."""
    own = base_kind(kind)
    return noun.lemma_.lower() == "other" and any(
        base_kind(casualty_kind(t, lexicon)) not in (None, own)
        for t in noun.doc[noun.i + 1 : noun.sent.end]
    )


def _others_before(key: Token, kind: str, lexicon: Lexicon) -> tuple[Count, Token] | None:
    """The "nine others" a casualty word of another kind left for this one."""
    for token in reversed(key.doc[key.sent.start : key.i]):
        if token.lemma_.lower() == "other" and token.pos_ == "NOUN":
            return _count_for(token, lexicon)
        if base_kind(casualty_kind(token, lexicon)) not in (None, base_kind(kind)):
            return None
    return None


def _nearby(key: Token, lexicon: Lexicon) -> tuple[Count, Token] | None:
    """A number right next to the casualty word when the parse links none: "kills 28",
    "2 fighters killed", "Four reported killed"."""
    doc, sent = key.doc, key.sent
    active = key.tag_ in ("VBZ", "VBP", "VBD") and key.pos_ == "VERB"
    steps = (1, -1) if active else (-1, 1)
    for step in steps:
        position = key.i + step
        for _ in range(4):
            if not sent.start <= position < sent.end:
                break
            token = doc[position]
            if token.pos_ in ("ADP", "VERB", "SCONJ", "PUNCT") and token.lower_ not in (
                "reported",
                "reportedly",
            ):
                break
            if casualty_kind(token, lexicon) is not None:
                break
            found = _victim_word(token, lexicon)
            if found is not None:
                return found, token
            position += step
    return None


def _of_deaths(verb: Token, lexicon: Lexicon) -> bool:
    """The verb moves a count of deaths: its subject or object is a toll ("the death toll
    rose", "bringing the toll") or a number of dead ("the number of people killed rose"),
    not of injured, nor of dead and injured together."""
    nouns = [c for c in verb.children if c.dep_ in (*_SUBJECTS, "dobj")]
    if not nouns and verb.pos_ != "VERB":  # misparsed ("Number of medics killed rises to 5")
        words = [list(verb.doc[verb.sent.start : verb.i])]
    else:
        words = [list(noun.subtree) for noun in nouns]
    for span in words:
        kinds = {base_kind(casualty_kind(t, lexicon)) for t in span}
        if "killed" in kinds and "injured" not in kinds:
            return True
    return False


def _rise(sent: Span, lexicon: Lexicon) -> tuple[Count, Token] | None:
    """The new figure of a toll that "rose to 12", "has increased to 3" or that an event
    brought to 40; none for a running total ("the toll this year rose to 72")."""
    words = toll_words()
    for token in sent:
        if token.lemma_.lower() not in words.rises or not _of_deaths(token, lexicon):
            continue
        after = sent.doc[token.i + 1 : min(token.i + 12, sent.end)]
        for number in after:
            if number.i > token.i + 1 and number.nbor(-1).lower_ not in ("to", "at"):
                continue
            if not _toll_number(number, lexicon):
                continue
            found = number_figure(number, lexicon)
            if found is not None:
                return None if _running_total(token, number) else (found, number)
    return None


def _scope(key: Token, number: Token) -> str:
    """The words a figure is stated with: the clause of the casualty word ("12 people killed,
    46 wounded over past month": all of it), without the other clauses it governs."""
    head = key
    while head.dep_ not in (*_CLAUSES, "ROOT") and head.head.i != head.i:
        head = head.head
    skip: set[int] = set()
    for token in head.subtree:
        inner = {t.i for t in token.subtree}
        if token.i != head.i and token.dep_ in _CLAUSES and not {number.i, key.i} & inner:
            skip |= inner
    tokens = sorted({*(t.i for t in head.subtree), *(t.i for t in number.subtree)} - skip)
    return "".join(key.doc[i].text_with_ws for i in tokens)


@dataclasses.dataclass(frozen=True, slots=True)
class _Figure:
    kind: str
    count: Count
    start: int
    end: int
    victims: str | None
    numbers: frozenset[int] = frozenset()  # the tokens that give the figure
    increment: bool = False  # "two more killed": added to an earlier toll


def _running_total(key: Token, number: Token) -> bool:
    """A figure counted over a long period ("since 2017", "the war has killed"); "the first
    ... since the truce" is not one."""
    scope = _scope(key, number)
    if re.search(r"\bfirst\b", scope, re.I):
        return False
    killers = [c for c in key.children if c.dep_ == "nsubj"]
    if key.dep_ == "relcl":
        killers.append(key.head)  # "an insurgency that has killed"
    long = toll_words().long_killers
    return bool(toll_words().running_total.search(scope)) or any(
        k.lemma_.lower() in long for k in killers
    )


def _figure(key: Token, kind: str, lexicon: Lexicon) -> _Figure | None:
    """The figure one casualty word gives, summed over groups ("two soldiers, one civilian")."""
    found: list[tuple[Count, Token, Token]] = []
    for noun in _group(_counted_nouns(key, lexicon), kind, lexicon):
        if (kind == "killed_people" and not is_person(noun, lexicon)) or attributed(key, noun):
            continue
        counted = _count_for(noun, lexicon)
        if counted is not None and all(counted[1] != f[1] for f in found):
            found.append((counted[0], counted[1], noun))
    if not found and kind != "killed_people" and key.pos_ != "NOUN":
        near = _nearby(key, lexicon) or _others_before(key, kind, lexicon)
        if near is not None:
            found.append((near[0], near[1], near[1]))
    if not found and any(c.dep_ == "expl" for c in key.head.children):
        found.append((_SOME, key, key))  # "there are dead and wounded": some, how many unsaid
    if not found:
        return None
    count = _total([c for c, _, _ in found])
    among = _among(key)
    if (among is not None and not _counted_all(among)) or _part_of(key):
        count = Count(low=count.low, best=count.best, high=None)  # some of the victims
    if any(_running_total(key, number) for _, number, _ in found):
        count = _UNKNOWN  # a running total, not this event's toll
    edges = [key.idx, key.idx + len(key)]
    edges += [t.idx for _, t, _ in found] + [t.idx + len(t) for _, t, _ in found]
    victims = next((n.text for _, _, n in found if is_person(n, lexicon)), None)
    return _Figure(
        kind=base_kind(kind) or kind,
        count=count,
        start=min(edges),
        end=max(edges),
        victims=victims,
        numbers=frozenset(t.i for _, t, _ in found if number_figure(t, lexicon) is not None),
        increment=any(_increment(t, noun) for _, t, noun in found),
    )


def _increment(number: Token, noun: Token) -> bool:
    """A figure added to an earlier toll: "two more soldiers", "another three", "5 more"."""
    marks = toll_words().increments
    after = number.nbor(1) if number.i + 1 < len(number.doc) else None
    return (
        any(t.lower_ in marks for t in (*number.children, *noun.children))
        or (after is not None and after.lower_ in marks)
        or (number.i > 0 and number.nbor(-1).lower_ in marks)
    )


def _total(found: list[Count]) -> Count:
    """Counts of several groups ("two soldiers, one civilian") added up."""
    if len(found) == 1:
        return found[0]
    lows = [c.low if c.low is not None else c.best for c in found]
    low = sum(v for v in lows if v is not None)
    best_values = [c.best for c in found]
    best = (
        sum(b for b in best_values if b is not None)
        if any(b is not None for b in best_values)
        else None
    )
    high = None if any(c.high is None for c in found) else sum(c.high or 0 for c in found)
    return Count(low=low, best=best, high=high)


def _choose(figures: list[_Figure], kind: str) -> _Figure | None:
    """The sentence's figure of a kind: the first with a number, else the first at all."""
    mine = [f for f in figures if f.kind == kind]
    return next((f for f in mine if f.count.best is not None), mine[0] if mine else None)


def _none(token: Token) -> bool:
    """Stated as none: "no casualties", "without losses", "no one was killed", "nobody died"."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    if token.head.lower_ == "without" and token.dep_ == "pobj":
        return True
    subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
    return any(
        s.lower_ in ("nobody", "none", "noone")
        or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children))
        for s in subjects
    )


def _zero(token: Token, kinds: tuple[str, ...]) -> list[_Figure]:
    end = token.idx + len(token)
    return [_Figure(kind, Count(low=0, best=0, high=0), token.idx, end, None) for kind in kinds]


def _figures(sent: Span, lexicon: Lexicon) -> tuple[list[_Figure], Token | None]:
    """Every casualty figure of a sentence, and its last vague casualty noun ("losses")."""
    figures: list[_Figure] = []
    vague = None
    for token in sent:
        kind = casualty_kind(token, lexicon)
        if token.lemma_.lower() in lexicon.vague_casualty and token.pos_ == "NOUN":
            vague = token
            if _none(token):
                figures += _zero(token, ("killed", "injured"))  # "no casualties"
                continue
        if kind is None:
            continue
        if _none(token):
            figures += _zero(token, ("injured" if kind == "injured" else "killed",))
            continue
        figure = _figure(token, kind, lexicon)
        if figure is not None:
            figures.append(figure)
    return figures, vague


def _shared(killed: _Figure | None, injured: _Figure | None) -> tuple[Count, Count] | None:
    """One figure counting the killed and the injured together ("30 people were killed or
    wounded"): how many of each is unknown, only that neither is more than the figure."""
    if killed is None or injured is None or not killed.numbers & injured.numbers:
        return None
    high = killed.count.high
    return Count(low=None, best=None, high=high), Count(low=None, best=None, high=high)


def find_casualties(sent: Span, lexicon: Lexicon) -> Casualties | None:
    """Killed and injured figures stated in a sentence, with the victims' words."""
    figures, vague = _figures(sent, lexicon)
    killed, injured = _choose(figures, "killed"), _choose(figures, "injured")
    if (shared := _shared(killed, injured)) is not None and killed and injured:
        killed = dataclasses.replace(killed, count=shared[0])
        injured = dataclasses.replace(injured, count=shared[1])
    rise = _rise(sent, lexicon)
    if rise is not None and (killed is None or killed.count.best is None or killed.increment):
        number = rise[1]
        killed = _Figure("killed", rise[0], number.idx, number.idx + len(number), None)
    if killed is None and injured is None:
        if vague is None:
            return None
        phrase = sent.doc[vague.left_edge.i : vague.right_edge.i + 1]
        return Casualties(
            killed=_UNKNOWN,
            injured=_UNKNOWN,
            text=phrase.text,
            start=phrase.start_char,
            end=phrase.end_char,
        )
    chosen = [f for f in (killed, injured) if f is not None]
    start, end = min(f.start for f in chosen), max(f.end for f in chosen)
    return Casualties(
        killed=killed.count if killed else None,
        injured=injured.count if injured else None,
        victims=next((f.victims for f in chosen if f.victims), None),
        text=doc_text(sent.doc)[start:end],
        start=start,
        end=end,
    )


def own_toll(trigger: Token, lexicon: Lexicon) -> Casualties | None:
    """The deaths a killing word states by itself ("the group said it had killed 27
    soldiers"), for a second account of the same fighting in a sentence whose first figure
    went to another mention; None when the word is no toll word or states no number."""
    kind = casualty_kind(trigger, lexicon)
    if base_kind(kind) != "killed" or kind is None or _none(trigger):
        return None
    figure = _figure(trigger, kind, lexicon)
    if figure is None or figure.count.best is None:
        return None
    return Casualties(
        killed=figure.count,
        victims=figure.victims,
        text=doc_text(trigger.doc)[figure.start : figure.end],
        start=figure.start,
        end=figure.end,
    )
