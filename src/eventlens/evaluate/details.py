"""The ``details`` suite: the date, numbers and factuality of one event per sentence.

The labelled sentences ship with eventlens (``eventlens/data/eval/*.jsonl``; written for
the project, see ``docs/eval.md``). Each line names the sentence, its document date, the
word that triggers the event and what that event's fields must be::

    {"id": "date-001", "phenomenon": "weekday", "text": "...", "doc_date": "2024-03-14",
     "trigger": "attacked", "expect": {"date": {"start": "2024-03-12", "end": "2024-03-12",
     "precision": "day", "from_document_date": false}}}

``expect`` holds any of ``date`` (start, end, precision and, when given,
from_document_date must all match), ``quantities`` (the event's whole list of
quantities: role, low, high, approximate, unit, per — order aside), ``factuality``,
``attribution`` (who says so; case and a leading "the" aside) and ``timeframe``.

The fields are scored **given the trigger**, as ``geo`` is scored given the gold spans:
where the event coder finds no event at the labelled trigger, the sentence is run again
with an event added there (:class:`GivenTrigger`), so a detection miss does not hide how
the later stages read the sentence. Metrics: the share exact per field over the items
testing it (``date_exact``, ``numbers_exact``, ``factuality_accuracy``,
``attribution_accuracy``, ``timeframe_accuracy``); the same with the coder's own events
only (``..._end_to_end``: a miss counts wrong); ``found`` (items whose event the coder
found); and per phenomenon (in ``classes``: accuracy and count).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from itertools import zip_longest
from pathlib import Path
from typing import Any, ClassVar

from ..errors import InputError
from ..model import Document, Event
from .suite import SuiteResult

FIELDS = {"date": "date_exact", "quantities": "numbers_exact", "factuality": "factuality_accuracy",
          "attribution": "attribution_accuracy", "timeframe": "timeframe_accuracy"}  # fmt: skip


@dataclass(frozen=True)
class DetailItem:
    id: str
    phenomenon: str
    text: str
    doc_date: str | None
    trigger: str
    start: int  # the trigger word's offset in the text
    expect: dict[str, Any]


def bundled_dir() -> Path:
    """The labelled sentences that ship with eventlens."""
    return Path(str(resources.files("eventlens.data").joinpath("eval")))


def read_details(path: Path) -> list[DetailItem]:
    """Items of a ``.jsonl`` file, or of every ``.jsonl`` file in a folder, taken in turn from
    each file (so ``--sample`` and ``--limit`` keep every kind)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError(f"{path}: no .jsonl files")
    per_file = [_read_file(file) for file in files]
    return [item for group in zip_longest(*per_file) for item in group if item is not None]


def _read_file(file: Path) -> list[DetailItem]:
    items = []
    with file.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                found = re.search(rf"(?<![\w-]){re.escape(row['trigger'])}(?![\w-])", row["text"])
                if found is None:
                    raise ValueError(f"trigger {row['trigger']!r} is not a word of the text")
                items.append(DetailItem(str(row["id"]), row.get("phenomenon") or "", row["text"],
                                        row.get("doc_date"), row["trigger"], found.start(), dict(row["expect"])))
            except (ValueError, TypeError, KeyError) as exc:
                raise InputError(f"{file} line {number}: {exc}") from exc
    return items


def _event_of(item: DetailItem, doc: Document) -> Event | None:
    """The event triggered at the item's trigger word (a multi-word trigger may start before it)."""
    for event in doc.events:
        trig = event.evidence.trigger
        if trig.start <= item.start < trig.end:
            return event
    return None


def _quantities(values: list[dict[str, Any]]) -> Counter:
    def num(v: Any) -> float | None:
        return None if v is None else float(v)

    return Counter((q.get("role"), num(q.get("low")), num(q.get("high")), bool(q.get("approximate")),
                    q.get("unit") or "people", q.get("per")) for q in values)  # fmt: skip


def _who(text: str | None) -> str:
    words = (text or "").strip().lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _predicted(event: Event | None, field: str) -> Any:
    if event is None:
        return None
    if field == "date":
        d = event.date
        return None if d is None else {"start": d.start, "end": d.end, "precision": d.precision,
                                       "from_document_date": d.from_document_date}
    if field == "quantities":
        return [{"role": q.role, "low": q.low, "high": q.high, "approximate": q.approximate, "unit": q.unit,
                 "per": q.per} for q in event.quantities]  # fmt: skip
    return getattr(event, field, None)


def _right(field: str, expected: Any, predicted: Any) -> bool:
    if field == "date":
        if predicted is None or expected is None:
            return predicted == expected
        keys = [k for k in ("start", "end", "precision", "from_document_date") if k in expected]
        return all(expected[k] == predicted.get(k) for k in keys)
    if field == "quantities":
        return predicted is not None and _quantities(expected) == _quantities(predicted)
    if field == "attribution":
        return _who(expected) == _who(predicted)
    return expected == predicted


class GivenTrigger:
    """A stage after event coding that adds an event at each document's labelled trigger when
    the coder found none there, so the later stages are scored given the trigger."""

    name = "evaluate.given_trigger"
    requires = ("doc.events",)
    assigns: tuple[str, ...] = ()

    def __init__(self, coder: Any, starts: dict[str, int]):
        self.coder, self.starts = coder, starts

    def __call__(self, doc: Document) -> Document:
        start = self.starts.get(doc.id)
        if start is None or any(e.evidence.trigger.start <= start < e.evidence.trigger.end for e in doc.events):
            return doc
        for index, sent in enumerate(doc.nlp.sents):
            for tok in sent:
                if tok.idx == start:
                    doc.events.append(self.coder.code_at(tok, index))
                    return doc
        return doc


def given_trigger_docs(suite: DetailsSuite, items: list[DetailItem]) -> list[Document]:
    """The items' documents through the pipeline, with an event at every labelled trigger
    (parsed in full: the trigger is given, so its sentence is known to hold an event)."""
    from dataclasses import replace

    from ..api import get_pipeline
    from ..config import Settings
    from ..pipeline import Pipeline

    pipeline = get_pipeline(replace(Settings.from_env(), full_parse=True))
    stages = list(pipeline.stages)
    at = next(i for i, stage in enumerate(stages) if stage.name == "coding.detect")
    docs = [suite.document(item, i) for i, item in enumerate(items)]
    given = GivenTrigger(stages[at], {doc.id: item.start for doc, item in zip(docs, items, strict=True)})
    forced = Pipeline([*stages[: at + 1], given, *stages[at + 1 :]], pipeline.settings)
    return list(forced.pipe(docs))


class DetailsSuite:
    name: ClassVar[str] = "details"
    description: ClassVar[str] = "Dates, numbers and factuality of one event per sentence (bundled sentences)."
    default_file: ClassVar[str] = str(bundled_dir())
    gate_metrics: ClassVar[tuple[str, ...]] = ("date_exact", "numbers_exact", "factuality_accuracy")

    def read(self, path: Path) -> list[DetailItem]:
        return read_details(path)

    def document(self, item: DetailItem, index: int) -> Document:
        return Document(id=f"details-{item.id}", text=item.text, date=item.doc_date,
                        date_source="record" if item.doc_date else None)

    def score(self, items: list[DetailItem], docs: list[Document], errors: int = 0) -> SuiteResult:
        right: dict[str, list[bool]] = defaultdict(list)
        end_to_end: dict[str, list[bool]] = defaultdict(list)
        by_phenomenon: dict[str, list[bool]] = defaultdict(list)
        missed = [i for i, (item, doc) in enumerate(zip(items, docs, strict=True)) if _event_of(item, doc) is None]
        given = dict(zip(missed, given_trigger_docs(self, [items[i] for i in missed]), strict=True))
        wrong: list[dict[str, Any]] = []
        for index, (item, found_doc) in enumerate(zip(items, docs, strict=True)):
            doc = given.get(index, found_doc)
            event = _event_of(item, doc)
            ok_all = True
            for field, expected in item.expect.items():
                if field not in FIELDS:
                    continue
                predicted = _predicted(event, field)
                ok = event is not None and _right(field, expected, predicted)
                right[field].append(ok)
                end_to_end[field].append(ok and index not in given)
                ok_all &= ok
                if not ok and len(wrong) < errors:
                    wrong.append({"id": item.id, "phenomenon": item.phenomenon, "text": item.text,
                                  "trigger": item.trigger, "field": field, "gold": expected,
                                  "predicted": predicted if event is not None else "no event",
                                  "events": [(e.evidence.trigger.text, e.plover["type"]) for e in doc.events]})
            by_phenomenon[f"{_kind(item)}:{item.phenomenon}"].append(ok_all)
        metrics = {FIELDS[f]: round(sum(v) / len(v), 4) for f, v in right.items() if v}
        metrics.update({f"{FIELDS[f]}_end_to_end": round(sum(v) / len(v), 4) for f, v in end_to_end.items() if v})
        metrics["found"] = round(1 - len(missed) / len(items), 4) if items else 0.0
        metrics["n"] = len(items)
        classes = {p: {"accuracy": round(sum(v) / len(v), 4), "support": len(v)}
                   for p, v in sorted(by_phenomenon.items())}
        hardest = sorted(classes.items(), key=lambda kv: (kv[1]["accuracy"], -kv[1]["support"]))[:5]
        return SuiteResult(
            suite=self.name, path="", items=len(items), metrics=metrics, classes=classes, errors=wrong,
            failed=[msg for doc in given.values() for msg in doc.errors],
            notes=[f"{sum(len(v) for v in right.values())} field checks over {len(items)} sentences",
                   "hardest: " + ", ".join(f"{p} {c['accuracy']:.2f}" for p, c in hardest)],
        )  # fmt: skip


def _kind(item: DetailItem) -> str:
    """The item's family, from its id ("date-001" -> "date")."""
    return item.id.split("-")[0] if "-" in item.id else "item"
