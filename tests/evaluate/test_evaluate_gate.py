"""The gate's logic on a temporary baseline file, with a stand-in for the suite runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlens.evaluate.gate import Baseline, floor2, run_gate


def _baseline(path: Path, floors: dict[str, float], margin: float = 0.01) -> Path:
    data = {"margin": margin, "suites": {"plover": {"options": {"sample": 3}, "floors": floors}}}
    path.write_text(json.dumps(data))
    return path


def _runner(scores: dict[str, float], seen: list | None = None):
    def run(name, options):
        if seen is not None:
            seen.append((name, options))
        return dict(scores)

    return run


def test_gate_floor2_rounds_down():
    assert floor2(0.3999) == 0.39 and floor2(0.4) == 0.4 and floor2(0.57) == 0.57


def test_gate_passes_within_the_margin_and_passes_options(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.60})
    seen: list = []
    outcome = run_gate(path, run=_runner({"macro_f1": 0.595}, seen))
    assert outcome.ok and not outcome.written
    assert seen == [("plover", {"sample": 3})]


def test_gate_floor_above_score_fails_naming_the_metric(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.60, "coverage": 0.5, "penta_accuracy": 0.3})
    outcome = run_gate(path, run=_runner({"macro_f1": 0.58, "coverage": 0.9}))
    assert not outcome.ok
    assert [(s.metric, s.score) for s in outcome.shortfalls] == [("macro_f1", 0.58), ("penta_accuracy", None)]
    assert "plover.macro_f1 = 0.5800, below its floor 0.60" in str(outcome.shortfalls[0])


def test_gate_update_raises_floors_and_writes(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.50, "coverage": 0.80})
    outcome = run_gate(path, update_floors=True, run=_runner({"macro_f1": 0.6789, "coverage": 0.80}))
    assert outcome.ok and outcome.written
    saved = Baseline.load(path)
    assert saved.suites["plover"]["floors"] == {"macro_f1": 0.67, "coverage": 0.80}
    assert saved.suites["plover"]["options"] == {"sample": 3}
    assert [(c.metric, c.kind) for c in outcome.changes] == [("macro_f1", "raised")]


def test_gate_update_never_lowers_without_a_reason(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.60})
    before = path.read_text()
    outcome = run_gate(path, update_floors=True, run=_runner({"macro_f1": 0.40}))
    assert not outcome.ok and not outcome.written
    assert [(c.metric, c.kind) for c in outcome.changes] == [("macro_f1", "refused")]
    assert path.read_text() == before


def test_gate_allow_lower_lowers_and_records_the_reason(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.60})
    outcome = run_gate(path, allow_lower="new ontology splits AID", run=_runner({"macro_f1": 0.4567}))
    assert outcome.ok and outcome.written
    saved = Baseline.load(path)
    assert saved.suites["plover"]["floors"]["macro_f1"] == 0.45
    [entry] = saved.lowered
    assert entry["reason"] == "new ontology splits AID" and (entry["from"], entry["to"]) == (0.60, 0.45)


def test_gate_allow_lower_needs_a_reason(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.60})
    with pytest.raises(ValueError, match="reason"):
        run_gate(path, allow_lower="  ", run=_runner({"macro_f1": 0.4}))


def test_gate_skips_a_suite_whose_data_is_absent(tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.99})

    def absent(name, options):
        raise FileNotFoundError("plover: data file /nowhere not found")

    outcome = run_gate(path, update_floors=True, run=absent)
    assert outcome.ok and outcome.skipped == {"plover": "plover: data file /nowhere not found"}
    assert not outcome.written


def test_gate_rejects_unknown_suites_and_options(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"suites": {"nosuch": {"floors": {}}}}))
    with pytest.raises(KeyError, match="unknown suite"):
        Baseline.load(path)
    path.write_text(json.dumps({"suites": {"plover": {"options": {"speed": 2}}}}))
    with pytest.raises(ValueError, match="unknown option"):
        Baseline.load(path)
