"""docs/eval.md documents every suite, the gate and its options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventlens.evaluate import SUITES

EVAL_MD = Path(__file__).resolve().parents[2] / "docs" / "eval.md"


@pytest.mark.parametrize("command", [*sorted(SUITES), "gate"])
def test_docs_eval_every_eval_command_documented(command):
    assert f"## `eventlens eval {command}" in EVAL_MD.read_text()


@pytest.mark.parametrize(
    "option", ["--errors", "--json", "--limit", "--sample", "--workers", "--update", "--allow-lower", "--baseline"]
)
def test_docs_eval_every_option_documented(option):
    assert re.search(r"`[^`\n]*" + re.escape(option), EVAL_MD.read_text())


@pytest.mark.parametrize("metric", sorted({m for suite in SUITES.values() for m in suite.gate_metrics}))
def test_docs_eval_every_gate_metric_documented(metric):
    assert f"`{metric}`" in EVAL_MD.read_text()
