"""The ``plover`` suite: one sentence, its marked source and target, the gold PLOVER root type.

Each sentence runs through the whole pipeline (actors are *not* given). The scored event is
the one whose source overlaps the marked source or whose target overlaps the marked target,
preferring events where both overlap, then the highest confidence; with no such event the
prediction is ``NONE`` (wrong). Predicted RETREAT counts as the data's older ``YIELD``, and
CONCEDE as what its CAMEO root was under those labels (a promise, 03x: AGREE; else YIELD).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import InputError
from ..model import Actor, Document, Event
from . import metrics
from .labels import NONE, PENTA, old_type, penta_of
from .suite import SuiteResult

FIELDS = ("sentence", "source", "target", "gold_root", "gold_penta")


@dataclass(frozen=True)
class PloverItem:
    sentence: str
    source: str
    target: str
    gold_root: str
    gold_penta: int
    uid: str


def read_plover(path: Path) -> list[PloverItem]:
    """Rows of a ``plv_train.jsonl``-style file; :class:`InputError` names a bad line."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                missing = [f for f in FIELDS if f not in row]
                if missing:
                    raise ValueError(f"missing {', '.join(missing)}")
                items.append(PloverItem(
                    sentence=row["sentence"], source=row["source"], target=row["target"],
                    gold_root=str(row["gold_root"]).strip().upper(), gold_penta=int(row["gold_penta"]),
                    uid=str(row.get("uid", number)),
                ))  # fmt: skip
            except (ValueError, TypeError) as exc:
                raise InputError(f"{path} line {number}: {exc}") from exc
    return items


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Character spans of ``phrase`` in ``text`` (case-insensitive)."""
    spans, low, needle = [], text.lower(), phrase.strip().lower()
    start = low.find(needle) if needle else -1
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = low.find(needle, start + 1)
    return spans


def _overlaps(actor: Actor, spans: list[tuple[int, int]], phrase: str) -> bool:
    if spans and actor.start is not None and actor.end is not None:
        return any(actor.start < end and start < actor.end for start, end in spans)
    a, b = actor.text.strip().lower(), phrase.strip().lower()  # the phrase is not verbatim in the sentence
    return bool(a and b) and (a in b or b in a)


def match_event(doc: Document, item: PloverItem) -> tuple[Event | None, int]:
    """The event for the marked actors and how many of the two sides it matched (0 = none)."""
    src, tgt = _occurrences(doc.text, item.source), _occurrences(doc.text, item.target)
    best: tuple[tuple[int, float], Event] | None = None
    for event in doc.events:
        sides = any(_overlaps(a, src, item.source) for a in event.source) + any(
            _overlaps(a, tgt, item.target) for a in event.target
        )
        key = (sides, event.confidence)
        if sides and (best is None or key > best[0]):
            best = (key, event)
    return (best[1], best[0][0]) if best else (None, 0)


def _found(doc: Document) -> list[dict[str, Any]]:
    return [
        {"type": e.plover.get("type"), "source": [a.text for a in e.source], "target": [a.text for a in e.target],
         "confidence": e.confidence}
        for e in doc.events
    ]  # fmt: skip


class PloverSuite:
    name: ClassVar[str] = "plover"
    description: ClassVar[str] = "Sentence-level PLOVER root type (and penta class) for marked source/target pairs."
    default_file: ClassVar[str] = "data/plover/plv_train.jsonl"
    gate_metrics: ClassVar[tuple[str, ...]] = ("macro_f1", "weighted_f1", "accuracy", "penta_accuracy", "coverage")

    def read(self, path: Path) -> list[PloverItem]:
        return read_plover(path)

    def document(self, item: PloverItem, index: int) -> Document:
        return Document(id=f"plover-{item.uid}", text=item.sentence)

    def score(self, items: list[PloverItem], docs: list[Document], errors: int = 0) -> SuiteResult:
        gold, pred, both, wrong = [], [], 0, []
        for item, doc in zip(items, docs, strict=True):
            event, sides = match_event(doc, item)
            predicted = old_type(str(event.plover.get("type")), event.cameo) if event else NONE
            gold.append(item.gold_root)
            pred.append(predicted)
            both += sides == 2
            if predicted != item.gold_root and len(wrong) < errors:
                wrong.append({"sentence": item.sentence, "source": item.source, "target": item.target,
                              "gold": item.gold_root, "predicted": predicted, "found": _found(doc)})  # fmt: skip
        rep = metrics.report(gold, pred)
        n = len(items)
        penta_right = sum(penta_of(p) == item.gold_penta for p, item in zip(pred, items, strict=True))
        agree = sum(PENTA.get(item.gold_root) == item.gold_penta for item in items)
        scores = {
            "macro_f1": rep.macro_f1,
            "weighted_f1": rep.weighted_f1,
            "accuracy": rep.accuracy,
            "penta_accuracy": penta_right / n if n else 0.0,
            "coverage": sum(p != NONE for p in pred) / n if n else 0.0,
            "both_actors": both / n if n else 0.0,
        }
        predicted_types = Counter(pred)
        return SuiteResult(
            suite=self.name, path="", items=n,
            metrics={k: round(v, 4) for k, v in scores.items()},
            classes=rep.to_dict()["classes"],
            confusions=metrics.top_confusions(gold, pred, 10),
            errors=wrong,
            notes=[
                f"penta table agrees with gold_penta on {agree}/{n} rows (the ceiling of penta_accuracy)",
                f"no event matched the marked actors in {predicted_types[NONE]}/{n} sentences",
                "both_actors: share of sentences whose scored event matched both the marked source and target",
            ],
        )  # fmt: skip
