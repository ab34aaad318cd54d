"""A mention being assembled, before it becomes a frozen EventMention."""

from __future__ import annotations

import dataclasses

from eventcoder.extract.mentions import RawMention
from eventcoder.model import AuxMode, Casualties, Claim, DateRange, Entity, Place


@dataclasses.dataclass(slots=True)
class Draft:
    """A mention being assembled; becomes a frozen EventMention at the end."""

    raw: RawMention
    actors: list[Entity]
    recipients: list[Entity]
    location: Place | None
    date: DateRange | None
    casualties: Casualties | None
    claims: list[Claim]
    aux_mode: AuxMode | None
    merged: bool = False
