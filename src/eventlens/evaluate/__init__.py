"""Score eventlens against labelled data: suites, metrics and the CI gate.

Stable entry points: :func:`run_suite` (one suite -> :class:`SuiteResult`), :data:`SUITES`
(name -> suite class; add a suite here), :func:`run_gate` and :mod:`.metrics`.
"""

from .gate import Baseline, GateOutcome, run_gate
from .registry import SUITES, get_suite
from .runner import run_suite
from .suite import Suite, SuiteResult, shared_dir

__all__ = [
    "SUITES",
    "Baseline",
    "GateOutcome",
    "Suite",
    "SuiteResult",
    "get_suite",
    "run_gate",
    "run_suite",
    "shared_dir",
]
