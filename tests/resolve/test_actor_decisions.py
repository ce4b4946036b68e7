"""Merges and splits are explicit, recorded and reversible, and change how mentions link."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.resolve.actor_kb import load_kb

runner = CliRunner()


@pytest.fixture()
def decisions(tmp_path, monkeypatch):
    path = tmp_path / "decisions.jsonl"
    monkeypatch.setenv("EVENTLENS_ACTOR_DECISIONS", str(path))
    return path


def _run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_actor_decisions_shared_alias_alone_never_merges(decisions):
    kb = load_kb()
    assert kb.exact("Fatimid Brigade") == ["LIWA-FATEMIYOUN"]
    assert kb.exact("Zainebiyoun") == ["LIWA-ZAINEBIYOUN"]
    assert kb.redirects == {}


def test_actor_decisions_merge_then_split_restores(decisions):
    _run("actors", "merge", "LIWA-FATEMIYOUN", "LIWA-ZAINEBIYOUN", "--reason", "same unit in this corpus")
    assert load_kb().exact("Fatimid Brigade") == ["LIWA-ZAINEBIYOUN"]
    assert "merged into it: LIWA-FATEMIYOUN" in _run("actors", "show", "Zainebiyoun")
    _run("actors", "split", "LIWA-FATEMIYOUN", "--reason", "they are two brigades")
    assert load_kb().exact("Fatimid Brigade") == ["LIWA-FATEMIYOUN"]
    rows = [json.loads(line) for line in decisions.read_text().splitlines()]
    assert [r["op"] for r in rows] == ["merge", "split"]  # the history is kept, not rewritten
    assert rows[0]["reason"] == "same unit in this corpus" and rows[0]["at"]


def test_actor_decisions_split_an_alias_into_a_new_actor(decisions):
    _run("actors", "split", "IRN-IRGC", "--alias", "Sepah", "--as", "IRN-SEPAH")
    kb = load_kb()
    assert kb.exact("Sepah") == ["IRN-SEPAH"] and kb.entries["IRN-SEPAH"].country == "IRN"
    assert kb.exact("Pasdaran") == ["IRN-IRGC"]
    assert "Sepah" not in kb.entries["IRN-IRGC"].aliases


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "NO-SUCH-ID", "IRN-IRGC"], "unknown actor id"),
        (["merge", "IRN-IRGC", "IRN-IRGC"], "into itself"),
        (["split", "IRN-IRGC"], "nothing to split"),
        (["split", "IRN-IRGC", "--alias", "Hamas", "--as", "IRN-X"], "not an alias"),
    ],
)
def test_actor_decisions_bad_decision_is_refused_and_not_recorded(decisions, args, message):
    result = runner.invoke(app, ["actors", *args])
    assert result.exit_code == 2 and message in result.output
    assert not decisions.exists()


def test_actor_decisions_merged_actor_links_mentions(decisions, parse):
    from eventlens.resolve.actors import ActorLinker

    _run("actors", "merge", "LIWA-FATEMIYOUN", "LIWA-ZAINEBIYOUN")
    doc = parse("Fighters of the Fatimid Brigade returned to Afghanistan.")
    doc = ActorLinker()(doc)
    ids = {m.actor.actor_id for m in doc.mentions if m.actor}
    assert "LIWA-ZAINEBIYOUN" in ids and "LIWA-FATEMIYOUN" not in ids
