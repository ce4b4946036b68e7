"""``eventlens eval``: suite commands (JSON output) and the gate, on fixture files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.evaluate import SUITES

runner = CliRunner()


def _text(result) -> str:
    """The output with Rich's line wrapping undone."""
    return " ".join(result.output.split())


def test_eval_cli_has_a_command_per_suite_and_the_gate():
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for name in [*SUITES, "gate"]:
        assert name in result.output


def test_eval_cli_plover_json_parses(plover_file, plover_rows):
    result = runner.invoke(app, ["eval", "plover", str(plover_file), "--json", "--errors", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["suite"] == "plover" and data["items"] == len(plover_rows)
    assert {"macro_f1", "penta_accuracy", "coverage"} <= set(data["metrics"])
    assert len(data["errors"]) <= 2 and all({"gold", "predicted", "found"} <= set(e) for e in data["errors"])


def test_eval_cli_stories_json_with_limit(stories_file):
    result = runner.invoke(app, ["eval", "stories", str(stories_file), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == 2 and data["options"] == {"limit": 2}
    assert {"macro_f1", "mode_accuracy", "coverage"} <= set(data["metrics"])


def test_eval_cli_tables_and_errors(stories_file):
    result = runner.invoke(app, ["eval", "stories", str(stories_file), "--errors", "3", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "macro_f1" in result.stdout and "per class" in result.stdout and "Quiet Week" in _text(result)


def test_eval_cli_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["eval", "plover", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "none.jsonlnotfound" in "".join(result.output.split()), "wrapped anywhere"


def _baseline(path: Path, floors: dict[str, float]) -> Path:
    path.write_text(json.dumps({"margin": 0.01, "suites": {"plover": {"options": {}, "floors": floors}}}))
    return path


def test_eval_cli_gate_fails_then_update_raises(fake_shared, tmp_path):
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.99, "coverage": 0.01})
    failed = runner.invoke(app, ["eval", "gate", "--baseline", str(path)])
    assert failed.exit_code == 1
    assert "below floor: plover.macro_f1" in _text(failed)
    assert "plover.coverage" not in _text(failed).split("below floor", 1)[1]

    refused = runner.invoke(app, ["eval", "gate", "--baseline", str(path), "--update"])
    assert refused.exit_code == 1 and "not lowered plover.macro_f1" in _text(refused)
    assert json.loads(path.read_text())["suites"]["plover"]["floors"]["macro_f1"] == 0.99

    lowered = runner.invoke(app, ["eval", "gate", "--baseline", str(path), "--allow-lower", "fixture test"])
    assert lowered.exit_code == 0, lowered.output
    floors = json.loads(path.read_text())["suites"]["plover"]["floors"]
    assert floors["macro_f1"] < 0.99 and floors["coverage"] > 0.01


def test_eval_cli_gate_skips_without_shared_data(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTLENS_SHARED", str(tmp_path / "absent"))
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.99})
    result = runner.invoke(app, ["eval", "gate", "--baseline", str(path)])
    assert result.exit_code == 0, result.output
    assert "skipped plover" in _text(result)


def test_eval_cli_gate_needs_a_baseline_and_a_reason(tmp_path):
    assert runner.invoke(app, ["eval", "gate", "--baseline", str(tmp_path / "x.json")]).exit_code == 2
    path = _baseline(tmp_path / "b.json", {"macro_f1": 0.5})
    result = runner.invoke(app, ["eval", "gate", "--baseline", str(path), "--allow-lower", " "])
    assert result.exit_code == 2 and "needs a reason" in _text(result)
