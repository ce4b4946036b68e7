"""The details suite: dates, numbers and factuality on the sentences that ship with eventlens."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.errors import InputError
from eventlens.evaluate import run_suite
from eventlens.evaluate.details import bundled_dir, read_details

runner = CliRunner()


def test_details_bundled_sentences_cover_each_kind_and_at_least_300():
    items = read_details(bundled_dir())
    kinds = {item.id.split("-")[0] for item in items}
    assert len(items) >= 300 and kinds == {"date", "num", "fact"}
    assert len({item.id for item in items}) == len(items)
    assert [item.id.split("-")[0] for item in items[:3]] == ["date", "fact", "num"]  # files taken in turn


def test_details_scores_given_the_trigger_when_the_coder_misses_it(tmp_path):
    # "fled" is no trigger of the coder's: the suite still scores the count of the displaced
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({
        "id": "num-1", "phenomenon": "role_displaced", "trigger": "fled",
        "text": "Nearly 600 people fled across the border into Chad on Sunday.", "doc_date": "2024-03-14",
        "expect": {"quantities": [{"role": "displaced", "low": 600, "high": 600, "approximate": True,
                                   "unit": "people", "per": None}],
                   "date": {"start": "2024-03-10", "end": "2024-03-10", "precision": "day"}},
    }) + "\n")  # fmt: skip
    result = run_suite("details", path)
    assert result.metrics["found"] == 0.0
    assert result.metrics["numbers_exact"] == 1.0 and result.metrics["date_exact"] == 1.0
    assert result.metrics["numbers_exact_end_to_end"] == 0.0


def test_details_bad_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "Police arrested him.", "trigger": "detained", "expect": {}}\n')
    with pytest.raises(InputError, match=r"bad\.jsonl line 1"):
        read_details(path)


def test_details_cli_prints_per_phenomenon_table():
    result = runner.invoke(app, ["eval", "details", "--limit", "9"])
    assert result.exit_code == 0, result.output
    assert "per phenomenon" in result.output and "date:" in result.output
