"""Which of a report's events a task scores."""

from __future__ import annotations

from eventcoder.model import EventMention


def main_event(
    events: tuple[EventMention, ...], *, asserted_first: bool = True
) -> EventMention | None:
    """The report's main event: asserted events first, then the one told first (a headline's
    or lead's, not a side event further on), then the most confident."""
    if not events:
        return None
    first = min(e.evidence.start for e in events)
    if asserted_first:
        return max(
            events, key=lambda e: (e.aux_mode is None, e.evidence.start == first, e.confidence)
        )
    return max(events, key=lambda e: (e.evidence.start == first, e.confidence))
