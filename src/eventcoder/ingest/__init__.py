"""Read inputs (plain text, JSON Lines, HTML, RSS/Atom, standard input) into Article records.

Each reader yields `Article` or `Failure`; a bad input never stops the others.
"""

from eventcoder.ingest.sources import read_inputs, read_source

__all__ = ["read_inputs", "read_source"]
