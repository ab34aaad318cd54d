"""Errors raised by eventcoder, all under one root so callers can catch the family.

EventcoderError
├── InputError          an article cannot be read (empty, binary, too large, malformed)
├── DataFileError       a packaged or user data file is missing or fails its schema
├── ModelLoadError      the spaCy pipeline is not installed or fails to load
└── ConfigError         a setting has a value it cannot take
"""

from __future__ import annotations


class EventcoderError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(EventcoderError):
    """An input could not be read; the message names the input, the line and the fix."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.reason = message


class DataFileError(EventcoderError):
    """A data file (lexicon, actors, places, ontology) is missing or invalid."""


class ModelLoadError(EventcoderError):
    """The spaCy language pipeline could not be loaded."""


class ConfigError(EventcoderError):
    """A setting was given a value it cannot take."""
