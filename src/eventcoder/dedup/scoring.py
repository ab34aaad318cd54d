"""Clustering scores: pairwise precision/recall/F1 and B-cubed, gold groups against ours."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations


def _pairs(assignment: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, group in assignment.items():
        groups[group].append(item)
    found: set[tuple[str, str]] = set()
    for members in groups.values():
        for first, second in combinations(sorted(members), 2):
            found.add((first, second))
    return found


def pairwise(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in the same group.

    >>> pairwise({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"})
    (1.0, 1.0, 1.0)
    """
    gold_pairs, found_pairs = _pairs(gold), _pairs(found)
    hits = len(gold_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (per item, averaged)."""
    gold_groups: dict[str, set[str]] = defaultdict(set)
    found_groups: dict[str, set[str]] = defaultdict(set)
    for item, group in gold.items():
        gold_groups[group].add(item)
    for item, group in found.items():
        found_groups[group].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = found_groups[found[item]], gold_groups[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
