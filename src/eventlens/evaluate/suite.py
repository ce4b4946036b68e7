"""What an evaluation suite is, what it returns, and where the labelled data lives.

A suite reads a labelled file into items, turns each item into a :class:`Document`, and
scores the processed documents against the labels. The runner does everything in between
(sampling, the pipeline, batching, timing), so a new suite is three methods.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from ..model import Document

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parents[3]
"""The checkout this package runs from (an editable install); its sibling ``shared/`` holds the data."""


def shared_dir() -> Path:
    """The labelled-data folder: ``EVENTLENS_SHARED``, else ``<repo>/../shared`` (or ``../shared`` from here)."""
    if value := os.environ.get("EVENTLENS_SHARED"):
        return Path(value)
    candidates = [REPO_ROOT.parent / "shared", Path.cwd().parent / "shared"]
    return next((path for path in candidates if path.is_dir()), candidates[0])


@dataclass
class SuiteResult:
    """The scores of one run of one suite; ``metrics`` holds the numbers the gate can pin."""

    suite: str
    path: str
    items: int
    metrics: dict[str, float]
    classes: dict[str, dict[str, float]] = field(default_factory=dict)  # label -> precision/recall/f1/support
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (gold, predicted, count), wrong only
    errors: list[dict[str, Any]] = field(default_factory=list)  # wrong cases, when asked for
    failed: list[str] = field(default_factory=list)  # documents the pipeline failed on
    notes: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # sample, limit
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["confusions"] = [{"gold": g, "predicted": p, "count": c} for g, p, c in self.confusions]
        return data


class Suite(Protocol):
    """A labelled data set and how to score eventlens on it."""

    name: ClassVar[str]
    description: ClassVar[str]
    default_file: ClassVar[str]  # relative to :func:`shared_dir`
    gate_metrics: ClassVar[tuple[str, ...]]  # the metrics ``eval gate --update`` pins

    def read(self, path: Path) -> list[Any]: ...

    def document(self, item: Any, index: int) -> Document: ...  # index: the item's 0-based row in the file

    def score(self, items: list[Any], docs: list[Document], errors: int) -> SuiteResult: ...


def select(items: Sequence[T], sample: int | None = None, limit: int | None = None) -> list[T]:
    """Every ``sample``-th item (0th, kth, 2kth …), then the first ``limit`` of those; deterministic."""
    if sample is not None and sample < 1:
        raise ValueError("sample must be 1 or more")
    chosen = list(items[:: sample or 1])
    return chosen[:limit] if limit is not None else chosen
