"""`eventlens events` lists deduplicated events; `events show|merge|split|credibility` and
`eventlens sources grade` work on them by hand."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventlens.cli import app

from .test_corpus import CORPUS

runner = CliRunner()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_events_cli_lists_once_per_happening_and_edits_by_hand(tmp_path):
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["ingest", "--quiet", "--db", db, str(CORPUS)]).exit_code == 0
    events = _jsonl(runner.invoke(app, ["events", "--db", db, "--type", "ASSAULT", "-f", "jsonl"]).stdout)
    mentions = _jsonl(runner.invoke(app, ["events", "--db", db, "--type", "ASSAULT", "-f", "jsonl",
                                          "--mentions"]).stdout)  # fmt: skip
    assert len(mentions) > 3 * len(events) and len(events) >= 6
    attack = max(events, key=lambda e: e["n_documents"])
    assert attack["n_sources"] == 5 and attack["document_source"] in attack["sources"]

    shown = runner.invoke(app, ["events", "show", str(attack["id"]), "--db", db], terminal_width=200)
    assert shown.exit_code == 0 and "from 5 sources" in shown.stdout and "same type ASSAULT" in shown.stdout
    mention = next(m for m in mentions if m["happening_id"] == attack["id"] and m["document_id"] == "ol5-09")

    graded = runner.invoke(app, ["sources", "grade", "WBS News", "B", "--db", db])
    assert graded.exit_code == 0, graded.output
    assert "WBS News" in runner.invoke(app, ["sources", "--db", db], terminal_width=200).stdout
    bad = runner.invoke(app, ["sources", "grade", "WBS News", "G", "--db", db])
    assert bad.exit_code != 0 and "A (completely reliable)" in bad.output
    assert runner.invoke(app, ["events", "credibility", str(mention["id"]), "2", "--db", db]).exit_code == 0

    split = runner.invoke(app, ["events", "split", str(attack["id"]), "-m", str(mention["id"]), "--db", db])
    assert split.exit_code == 0, split.output
    new_id = int(split.stdout.split()[-1])
    after = {e["id"]: e for e in _jsonl(runner.invoke(app, ["events", "--db", db, "-f", "jsonl"]).stdout)}
    assert after[new_id]["reliability"] == "B" and after[new_id]["credibility"] == 2
    merged = runner.invoke(app, ["events", "merge", str(attack["id"]), str(new_id), "--reason", "same", "--db", db])
    assert merged.exit_code == 0 and f"event {attack['id']}" in merged.stdout
    missing = runner.invoke(app, ["events", "merge", "99999", str(attack["id"]), "--db", db])
    assert missing.exit_code != 0 and "no event with id 99999" in missing.output
