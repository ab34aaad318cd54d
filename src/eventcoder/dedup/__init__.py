"""Dedup stage: link event mentions across articles into events, every source kept."""

from eventcoder.dedup.link import EventLike, LinkDecision, Linker, LinkSettings
from eventcoder.dedup.merge import merge_event

__all__ = ["EventLike", "LinkDecision", "LinkSettings", "Linker", "merge_event"]
