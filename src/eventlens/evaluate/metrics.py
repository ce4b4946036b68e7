"""Classification metrics: per-class precision/recall/F1, macro and weighted F1, confusion.

Plain functions over parallel lists of gold and predicted labels; no dependencies. A label
that is predicted but never gold (e.g. ``"NONE"`` for "no event found") counts against the
gold class it replaced and, when ``labels`` is not given, is not reported as a class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ClassScore:
    """Scores of one class; ``support`` is the number of gold items, ``predicted`` of predictions."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class Report:
    """Per-class scores (in ``labels`` order) and the summary numbers over them."""

    classes: list[ClassScore]
    macro_f1: float
    weighted_f1: float
    accuracy: float

    def to_dict(self, digits: int = 4) -> dict:
        """``{"classes": {label: {precision, recall, f1, support, predicted}}, "macro_f1", ...}``, rounded."""
        classes = {c.label: {k: round(v, digits) for k, v in asdict(c).items() if k != "label"} for c in self.classes}
        summary = {"macro_f1": self.macro_f1, "weighted_f1": self.weighted_f1, "accuracy": self.accuracy}
        return {"classes": classes, **{k: round(v, digits) for k, v in summary.items()}}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    _check(gold, pred)
    return _ratio(sum(g == p for g, p in zip(gold, pred, strict=True)), len(gold))


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> list[ClassScore]:
    """Precision, recall and F1 of each label (default: the gold labels, sorted); 0.0 when undefined."""
    _check(gold, pred)
    labels = sorted(set(gold)) if labels is None else list(labels)
    support = Counter(gold)
    predicted = Counter(pred)
    correct = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    scores = []
    for label in labels:
        precision = _ratio(correct[label], predicted[label])
        recall = _ratio(correct[label], support[label])
        scores.append(ClassScore(label, precision, recall, f1(precision, recall), support[label], predicted[label]))
    return scores


def macro_f1(scores: Sequence[ClassScore]) -> float:
    """Unweighted mean F1 over the classes."""
    return _ratio(sum(s.f1 for s in scores), len(scores)) if scores else 0.0


def weighted_f1(scores: Sequence[ClassScore]) -> float:
    """Mean F1 over the classes, weighted by gold support."""
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else 0.0


def report(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> Report:
    scores = per_class(gold, pred, labels)
    return Report(scores, macro_f1(scores), weighted_f1(scores), accuracy(gold, pred))


def confusion(gold: Sequence[str], pred: Sequence[str]) -> Counter[tuple[str, str]]:
    """Counts of every (gold, predicted) pair, right and wrong."""
    _check(gold, pred)
    return Counter(zip(gold, pred, strict=True))


def top_confusions(gold: Sequence[str], pred: Sequence[str], n: int = 10) -> list[tuple[str, str, int]]:
    """The ``n`` most frequent wrong (gold, predicted) pairs, most frequent first, then by name."""
    wrong = [(g, p, c) for (g, p), c in confusion(gold, pred).items() if g != p]
    return sorted(wrong, key=lambda t: (-t[2], t[0], t[1]))[:n]


def _check(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
