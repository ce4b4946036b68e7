"""The evaluation gate: pinned floors per suite and metric, checked in CI.

``eval_baseline.json`` holds a noise ``margin`` and, per suite, the run ``options`` (e.g.
``{"sample": 5}``: every 5th item, to keep CI fast) and the ``floors``. A metric fails when
it is below its floor minus the margin. Updating raises floors to the current scores
(rounded down to 2 decimals) and never lowers one unless a reason is given; lowerings are
kept in the file's ``lowered`` list (the commit message must carry the reason too).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import get_suite

BASELINE_FILE = "eval_baseline.json"
RUN_OPTIONS = ("sample", "limit")
ABOUT = (
    "Floors for `eventlens eval gate` (docs/eval.md). Raise with `eventlens eval gate --update`; "
    "lowering needs `--allow-lower REASON` and the reason in the commit message."
)

Runner = Callable[[str, dict[str, Any]], dict[str, float]]
"""``run(suite_name, options) -> metrics``; raises ``FileNotFoundError`` when the data is absent."""


def floor2(value: float) -> float:
    """``value`` rounded down to 2 decimals (0.3999 -> 0.39)."""
    return math.floor(value * 100 + 1e-9) / 100


@dataclass
class Baseline:
    margin: float = 0.01
    suites: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {"options": {}, "floors": {}}
    lowered: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        data = json.loads(path.read_text(encoding="utf-8"))
        suites = data.get("suites", {})
        for name, spec in suites.items():
            get_suite(name)  # KeyError for an unknown suite
            bad = set(spec.get("options", {})) - set(RUN_OPTIONS)
            if bad:
                raise ValueError(f"{path}: suite {name!r} has unknown option(s) {', '.join(sorted(bad))}")
            spec.setdefault("options", {})
            spec.setdefault("floors", {})
        return cls(margin=float(data.get("margin", 0.01)), suites=suites, lowered=list(data.get("lowered", [])))

    def save(self, path: Path) -> None:
        data = {"about": ABOUT, "margin": self.margin, "suites": self.suites, "lowered": self.lowered}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Shortfall:
    suite: str
    metric: str
    floor: float
    score: float | None

    def __str__(self) -> str:
        got = "missing" if self.score is None else f"{self.score:.4f}"
        return f"{self.suite}.{self.metric} = {got}, below its floor {self.floor:.2f}"


@dataclass(frozen=True)
class Change:
    suite: str
    metric: str
    old: float | None
    new: float
    kind: str  # "raised", "lowered", or "refused" (below the floor, not lowered)


@dataclass
class GateOutcome:
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # suite -> why
    shortfalls: list[Shortfall] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.shortfalls


def check(baseline: Baseline, scores: dict[str, dict[str, float]]) -> list[Shortfall]:
    """Every pinned metric of the scored suites that is below its floor minus the margin."""
    out = []
    for name, spec in baseline.suites.items():
        if name not in scores:
            continue
        for metric, floor in spec["floors"].items():
            score = scores[name].get(metric)
            if score is None or score < floor - baseline.margin - 1e-9:
                out.append(Shortfall(name, metric, floor, score))
    return out


def update(baseline: Baseline, scores: dict[str, dict[str, float]], allow_lower: str | None = None) -> list[Change]:
    """Raise floors to the scores (rounded down); lower one only with a reason. Changes ``baseline``."""
    if allow_lower is not None and not allow_lower.strip():
        raise ValueError("lowering a floor needs a reason")
    changes = []
    for name, suite_scores in scores.items():
        spec = baseline.suites.setdefault(name, {"options": {}, "floors": {}})
        floors = spec["floors"]
        for metric in list(floors) or list(get_suite(name).gate_metrics):
            if metric not in suite_scores:
                continue
            old, new = floors.get(metric), floor2(suite_scores[metric])
            if old is None or new > old:
                floors[metric] = new
                changes.append(Change(name, metric, old, new, "raised"))
            elif new < old and allow_lower:
                floors[metric] = new
                changes.append(Change(name, metric, old, new, "lowered"))
                baseline.lowered.append({"date": time.strftime("%Y-%m-%d"), "suite": name, "metric": metric,
                                         "from": old, "to": new, "reason": allow_lower.strip()})  # fmt: skip
            elif new < old:
                changes.append(Change(name, metric, old, new, "refused"))
    return changes


def default_runner(settings: Any = None) -> Runner:
    def run(name: str, options: dict[str, Any]) -> dict[str, float]:
        from .runner import run_suite

        return run_suite(name, settings=settings, **options).metrics

    return run


def run_gate(
    path: Path,
    *,
    update_floors: bool = False,
    allow_lower: str | None = None,
    run: Runner | None = None,
    on_suite: Callable[[str], None] | None = None,
) -> GateOutcome:
    """Run every pinned suite, compare to the floors, and (when asked) write raised/lowered floors.

    Suites whose data is absent are skipped. ``allow_lower`` implies an update.
    """
    baseline = Baseline.load(path)
    run = run or default_runner()
    outcome = GateOutcome()
    for name, spec in baseline.suites.items():
        if on_suite:
            on_suite(name)
        started = time.perf_counter()
        try:
            outcome.scores[name] = run(name, dict(spec["options"]))
        except FileNotFoundError as exc:
            outcome.skipped[name] = str(exc)
            continue
        outcome.seconds[name] = round(time.perf_counter() - started, 1)
    if (update_floors or allow_lower is not None) and outcome.scores:
        outcome.changes = update(baseline, outcome.scores, allow_lower)
        if any(c.kind in ("raised", "lowered") for c in outcome.changes):
            baseline.save(path)
            outcome.written = True
    outcome.shortfalls = check(baseline, outcome.scores)
    return outcome
