"""Scores with per-class breakdowns and confusion tables, and the cases behind them."""

from __future__ import annotations

import dataclasses
from collections import Counter


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One scored gold row: what the gold says, what came out, and how far off it was."""

    id: str
    text: str
    gold: str
    got: str
    ok: bool
    cost: float = 1.0


@dataclasses.dataclass(slots=True)
class Score:
    """Hits over trials for one measure, per gold class, with confusions."""

    name: str
    classification: bool = False
    hits: int = 0
    trials: int = 0
    by_class: dict[str, list[int]] = dataclasses.field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = dataclasses.field(default_factory=Counter)
    cases: list[Case] = dataclasses.field(default_factory=list)
    # A figure that is no ratio of hits (a clustering F1): shown as the value; the hits and
    # trials then only count the cases listed.
    fixed: float | None = None

    def add(
        self, ok: bool, *, gold: str | None = None, got: str | None = None, case: Case | None = None
    ) -> None:
        self.hits += int(ok)
        self.trials += 1
        if gold is not None:
            cell = self.by_class.setdefault(gold, [0, 0])
            cell[0] += int(ok)
            cell[1] += 1
            self.confusion[(gold, got or "-")] += 1
        if case is not None:
            self.cases.append(case)

    @property
    def value(self) -> float:
        if self.fixed is not None:
            return self.fixed
        return self.hits / self.trials if self.trials else 0.0

    def macro_f1(self) -> float:
        """Macro-averaged F1 over the gold classes, from the confusion counts."""
        labels = {gold for gold, _ in self.confusion}
        scores = []
        for label in labels:
            tp = self.confusion[(label, label)]
            fp = sum(
                n for (gold, got), n in self.confusion.items() if got == label and gold != label
            )
            fn = sum(
                n for (gold, got), n in self.confusion.items() if gold == label and got != label
            )
            scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        return sum(scores) / len(scores) if scores else 0.0


@dataclasses.dataclass(slots=True)
class Report:
    task: str
    path: str
    rows: int
    scores: list[Score]
    seconds: float = 0.0

    def figure(self, name: str) -> float:
        """A named figure: a score's value, or `<score name>/macro_f1`."""
        base, _, kind = name.partition("/")
        for score in self.scores:
            if score.name == base:
                return score.macro_f1() if kind == "macro_f1" else score.value
        raise KeyError(f"no figure {name!r} in task {self.task}")


def _confusion_table(score: Score) -> list[str]:
    golds = sorted({g for g, _ in score.confusion})
    gots = sorted({g for _, g in score.confusion})
    width = max([len(g) for g in gots] + [5])
    lines = ["      gold \\ got " + " ".join(f"{g[:width]:>{width}}" for g in gots)]
    for gold in golds:
        cells = " ".join(f"{score.confusion[(gold, got)] or '.':>{width}}" for got in gots)
        lines.append(f"      {gold[:16]:<16} {cells}")
    return lines


def format_report(
    report: Report, *, breakdown: bool = False, confusion: bool = False, errors: int = 0
) -> str:
    """A readable block of figures; with `errors`, the N worst cases of each measure."""
    lines = [f"{report.path}  ({report.rows} rows, {report.seconds:.1f} s)"]
    for score in report.scores:
        extra = f"  macro-F1 {score.macro_f1():.3f}" if score.classification else ""
        counts = f"  ({score.hits}/{score.trials})" if score.trials else ""
        lines.append(f"  {score.name:<44} {score.value:6.3f}{counts}{extra}")
        if breakdown:
            for gold, (hits, trials) in sorted(score.by_class.items()):
                lines.append(f"      {gold:<40} {hits / trials:6.3f}  ({hits}/{trials})")
        if confusion and score.classification:
            lines += _confusion_table(score)
        if errors:
            worst = sorted((c for c in score.cases if not c.ok), key=lambda c: -c.cost)[:errors]
            for case in worst:
                lines.append(f"    x {case.id}: gold={case.gold} | got={case.got}")
                lines.append(f"        {case.text[:160]!r}")
    return "\n".join(lines)
