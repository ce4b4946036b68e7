"""The ``stories`` suite: short news stories, each labelled with one PLOVER type and (often) a mode.

Each story runs through the pipeline as one document, ``title + "\\n\\n" + text`` (title
placeholders such as ``{country_1}`` are left as they are). The document's predicted type is
the type with the highest *summed* event confidence, so a type found in several sentences
beats a single stronger mention; events in the headline and the lede (the first two
sentences) weigh ``LEDE_WEIGHT`` times more, because news puts its main event first. Its
mode is the mode with the highest weighted sum among that type's events. A story with no
event is predicted ``NONE`` (wrong).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import InputError
from ..model import Document, Event
from . import metrics
from .labels import NONE, norm_mode
from .suite import SuiteResult

FIELDS = ("text", "title", "label", "mode")


@dataclass(frozen=True)
class Story:
    title: str
    text: str
    label: str
    mode: str  # normalised upper case, "" when the story has none


def read_stories(path: Path) -> list[Story]:
    """Rows of a ``synthetic_stories.csv``-style file; :class:`InputError` if a column is missing."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        return [
            Story(row["title"] or "", row["text"] or "", (row["label"] or "").strip().upper(), norm_mode(row["mode"]))
            for row in reader
        ]


LEDE_WEIGHT = 3.0
"""News puts the main event first (the headline and the lede): their events weigh this much more."""


def _position_weight(event: Event) -> float:
    return LEDE_WEIGHT if event.sentence_index <= 1 else 1.0


def _best(weights: dict[str, float]) -> str:
    """The key with the largest weight; ties go to the key seen first."""
    return max(weights, key=weights.__getitem__)


def predict_document(doc: Document) -> tuple[str, str]:
    """The story's (type, mode): its main event (``coding.main_event``) when the model set one,
    else the events' summed confidence (:func:`predict`)."""
    if doc.main_event is not None:
        return doc.main_event.type, norm_mode(doc.main_event.mode)
    return predict(doc.events)


def predict(events: Iterable[Event]) -> tuple[str, str]:
    """Document-level (type, mode) from its events: highest summed confidence (see module doc)."""
    by_type: dict[str, float] = defaultdict(float)
    events = list(events)
    for event in events:
        by_type[str(event.plover.get("type"))] += event.confidence * _position_weight(event)
    if not by_type:
        return NONE, ""
    kind = _best(by_type)
    by_mode: dict[str, float] = defaultdict(float)
    for event in events:
        if event.plover.get("type") == kind and (mode := norm_mode(event.plover.get("mode"))):
            by_mode[mode] += event.confidence * _position_weight(event)
    return kind, _best(by_mode) if by_mode else ""


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


class StoriesSuite:
    name: ClassVar[str] = "stories"
    description: ClassVar[str] = "Document-level PLOVER type and mode of short news stories."
    default_file: ClassVar[str] = "data/plover/synthetic_stories.csv"
    gate_metrics: ClassVar[tuple[str, ...]] = ("macro_f1", "weighted_f1", "accuracy", "mode_accuracy", "coverage")

    def read(self, path: Path) -> list[Story]:
        return read_stories(path)

    def document(self, item: Story, index: int) -> Document:
        return Document(id=f"story-{index}", text=f"{item.title}\n\n{item.text}", title=item.title or None)

    def score(self, items: list[Story], docs: list[Document], errors: int = 0) -> SuiteResult:
        gold, pred, modes, wrong = [], [], [], []
        for item, doc in zip(items, docs, strict=True):
            kind, mode = predict_document(doc)
            gold.append(item.label)
            pred.append(kind)
            modes.append(mode)
            if (kind != item.label or (item.mode and mode != item.mode)) and len(wrong) < errors:
                wrong.append({"title": item.title, "text": item.text, "gold": item.label, "gold_mode": item.mode,
                              "predicted": kind, "predicted_mode": mode, "found": _found(doc)})  # fmt: skip
        rep = metrics.report(gold, pred)
        with_mode = [i for i, item in enumerate(items) if item.mode]
        type_right = [i for i in with_mode if pred[i] == gold[i]]
        scores = {
            "macro_f1": rep.macro_f1,
            "weighted_f1": rep.weighted_f1,
            "accuracy": rep.accuracy,
            "mode_accuracy": _ratio(sum(modes[i] == items[i].mode for i in with_mode), len(with_mode)),
            "mode_accuracy_type_right": _ratio(sum(modes[i] == items[i].mode for i in type_right), len(type_right)),
            "coverage": _ratio(sum(p != NONE for p in pred), len(items)),
        }
        return SuiteResult(
            suite=self.name, path="", items=len(items),
            metrics={k: round(v, 4) for k, v in scores.items()},
            classes=rep.to_dict()["classes"],
            confusions=metrics.top_confusions(gold, pred, 10),
            errors=wrong,
            notes=[
                f"mode_accuracy is over the {len(with_mode)} stories with a gold mode; "
                f"mode_accuracy_type_right over the {len(type_right)} of those whose type was right",
                "document type = the main event (coding.main_event), else the type with the highest "
                "summed event confidence",
            ],
        )  # fmt: skip


def _found(doc: Document) -> list[dict[str, Any]]:
    return [
        {"type": e.plover.get("type"), "mode": e.plover.get("mode"), "confidence": e.confidence,
         "trigger": e.evidence.trigger.text}
        for e in doc.events
    ]  # fmt: skip
