"""The CLI end to end on the bundled examples, with the real spaCy model."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from eventlens.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("eventlens")
    return subprocess.run(
        [str(exe), *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def test_cli_extract_examples_one_record_per_document_in_order():
    result = _run("extract", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    records = _lines(result.stdout)
    files = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".html", ".jsonl"})
    jsonl_rows = sum(1 for p in files if p.suffix == ".jsonl" for line in p.open() if line.strip())
    assert len(records) == len([p for p in files if p.suffix != ".jsonl"]) + jsonl_rows
    assert all(set(r) >= {"id", "title", "date", "events", "errors", "text"} for r in records)
    assert all(r["errors"] == [] for r in records)
    assert sum(len(r["events"]) for r in records) >= 15
    for record in records:
        confidences = [e["confidence"] for e in record["events"]]
        assert confidences == sorted(confidences, reverse=True)
        for event in record["events"]:
            trig = event["evidence"]["trigger"]
            assert record["text"][trig["start"] : trig["end"]] == trig["text"]
    assert "done:" in result.stderr and "0 with errors" in result.stderr


def test_cli_extract_scraped_post_strips_chrome_and_dates_events():
    result = runner.invoke(app, ["extract", "--quiet", str(EXAMPLES / "blog_post_scraped.txt")])
    assert result.exit_code == 0, result.output
    [record] = _lines(result.stdout)
    assert record["date"] and record["title"]
    assert "top of page" not in record["text"] and "bottom of page" not in record["text"]
    assert record["events"], "a scraped post with several events gave none"
    assert all(e["date"] for e in record["events"])


def test_cli_extract_json_format_and_output_file(tmp_path):
    out = tmp_path / "events.json"
    result = runner.invoke(
        app, ["extract", "--quiet", "--format", "json", "--output", str(out), str(EXAMPLES / "wire_story.txt")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert isinstance(data, list) and len(data) == 1 and data[0]["events"]


def test_cli_extract_reads_stdin():
    text = "Police in Lagos arrested 14 suspected kidnappers on Monday, officials said."
    result = runner.invoke(app, ["extract", "--quiet", "-"], input=text)
    assert result.exit_code == 0, result.output
    [record] = _lines(result.stdout)
    assert record["events"][0]["plover"]["type"] == "COERCE"


def test_cli_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    (tmp_path / "c_latin1.txt").write_bytes(
        "Soldiers detained the mayor of Bogot\xe1 in a pre-dawn raid, the army said.".encode("cp1252")
    )
    (tmp_path / "d_huge.txt").write_text("The convoy moved slowly along the coast road. " * 450_000)
    (tmp_path / "e_good.txt").write_text("Rebels attacked an army post near Kidal on Tuesday, killing five soldiers.")
    result = _run("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in _lines(result.stdout)}
    assert list(records) == ["a_empty", "b_binary", "c_latin1", "d_huge", "e_good"]
    for bad in ("a_empty", "b_binary", "d_huge"):
        assert records[bad]["errors"], bad
        assert bad in records[bad]["errors"][0] and "E001" in records[bad]["errors"][0]
    assert records["c_latin1"]["errors"] == [] and "Bogotá" in records["c_latin1"]["text"]
    assert records["e_good"]["events"]
    assert "3 with errors" in result.stderr


def test_cli_ingest_is_idempotent_and_events_filters(tmp_path):
    db = tmp_path / "el.db"
    first = _run("ingest", str(EXAMPLES), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "added" in first.stderr
    again = _run("ingest", str(EXAMPLES), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "added" not in again.stderr and "unchanged" in again.stderr

    table = _run("events", "--db", str(db))
    assert table.returncode == 0 and "events in" in table.stdout
    rows = _lines(_run("events", "--db", str(db), "--format", "jsonl").stdout)
    assert len(rows) >= 15
    coerce = _lines(_run("events", "--db", str(db), "--format", "jsonl", "--type", "COERCE").stdout)
    assert coerce and all(r["plover"]["type"] == "COERCE" for r in coerce)
    assert len(coerce) < len(rows)
    with_csv = _run("events", "--db", str(db), "--format", "csv", "--type", "COERCE")
    parsed = list(csv.DictReader(io.StringIO(with_csv.stdout)))
    assert len(parsed) == len(coerce) and parsed[0]["plover_type"] == "COERCE"


def test_cli_quiet_prints_nothing_on_stderr(tmp_path):
    result = _run("extract", "--quiet", str(EXAMPLES / "wire_story.txt"))
    assert result.returncode == 0
    assert result.stderr.strip() == ""


def test_cli_unknown_model_is_a_clear_error():
    result = runner.invoke(app, ["extract", "--quiet", "--model", "no_such_pipeline", "-"], input="Text.")
    assert result.exit_code == 2
    assert "E002" in result.output and "no_such_pipeline" in result.output


def test_cli_events_bad_date_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "x.db"), "--since", "2024-13"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output and "Traceback" not in result.output


def test_cli_events_leave_out_plans_and_denials_unless_all(tmp_path):
    db = str(tmp_path / "h.db")
    text = "Police arrested nine protesters in Dakar on Monday. The army denied that it shot anyone."
    assert runner.invoke(app, ["ingest", "--quiet", "--db", db, "-"], input=text).exit_code == 0
    every = _lines(runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--all"]).stdout)
    happened = _lines(runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout)  # the default
    assert {e["factuality"] for e in every} >= {"asserted", "negated"}
    assert {e["factuality"] for e in happened} == {"asserted"}
