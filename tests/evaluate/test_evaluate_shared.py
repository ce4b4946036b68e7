"""The real data sets, on a few items; skipped where ../shared is absent (a user's clone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.evaluate import SUITES, Baseline

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
runner = CliRunner()


@pytest.mark.parametrize("name", sorted(SUITES))
def test_shared_suite_runs_on_a_few_items(name):
    path = SHARED / SUITES[name].default_file
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on the project's machines)")
    result = runner.invoke(app, ["eval", name, str(path), "--json", "--limit", "12", "--sample", "7"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == 12
    assert set(SUITES[name].gate_metrics) <= set(data["metrics"])
    assert data["metrics"].get("coverage", data["metrics"].get("found")) > 0.3


def test_shared_baseline_file_pins_known_suites_and_metrics():
    baseline = Baseline.load(ROOT / "eval_baseline.json")
    assert 0 < baseline.margin <= 0.05
    assert set(baseline.suites) <= set(SUITES)
    for name, spec in baseline.suites.items():
        assert set(spec["floors"]) <= set(SUITES[name].gate_metrics), name
        assert all(0.0 <= v <= 1.0 for v in spec["floors"].values())
