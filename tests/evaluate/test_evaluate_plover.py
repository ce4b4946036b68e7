"""The plover suite: reading, matching the marked actors, scoring (with the real pipeline)."""

from __future__ import annotations

import json

import pytest

from eventlens.errors import InputError
from eventlens.evaluate import run_suite
from eventlens.evaluate.labels import NONE
from eventlens.evaluate.plover import PloverItem, PloverSuite, match_event, read_plover
from eventlens.model import Actor, Document, Event, Evidence, Span


def _event(kind: str, source: list[tuple[int, int]], target: list[tuple[int, int]], text: str, conf: float) -> Event:
    def actors(spans):
        return [Actor(text=text[s:e], start=s, end=e) for s, e in spans]

    return Event(
        plover={"type": kind, "mode": "", "context": []}, cameo=None, acled={},
        evidence=Evidence(text, 0, len(text), Span("x", 0, 1)),
        source=actors(source), target=actors(target), confidence=conf,
    )  # fmt: skip


SENTENCE = "The army shelled rebel positions while aid groups helped villagers."
ITEM = PloverItem(SENTENCE, "The army", "rebel positions", "ASSAULT", 4, "1")


def test_plover_read_fixture(plover_file, plover_rows):
    items = read_plover(plover_file)
    assert len(items) == len(plover_rows)
    assert items[0] == PloverItem(*plover_rows[0], uid="0")


def test_plover_read_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"sentence": "x", "source": "a"}) + "\n")
    with pytest.raises(InputError, match="line 1: missing target, gold_root, gold_penta"):
        read_plover(path)


def test_plover_match_prefers_both_actors_then_confidence():
    army, rebels, aid = (0, 8), (17, 32), (39, 49)
    one_side = _event("COERCE", [army], [], SENTENCE, 0.9)
    both = _event("ASSAULT", [army], [rebels], SENTENCE, 0.5)
    other = _event("AID", [aid], [], SENTENCE, 0.99)
    doc = Document(id="d", text=SENTENCE, events=[other, one_side, both])
    assert match_event(doc, ITEM) == (both, 2)
    doc.events = [other, one_side]
    assert match_event(doc, ITEM) == (one_side, 1)


def test_plover_match_none_when_no_marked_actor_is_found():
    doc = Document(id="d", text=SENTENCE, events=[_event("AID", [(39, 49)], [], SENTENCE, 0.99)])
    assert match_event(doc, ITEM) == (None, 0)


def test_plover_score_maps_concede_to_yield_and_counts_none():
    items = [PloverItem(SENTENCE, "The army", "rebel positions", "YIELD", 2, "1"), ITEM]
    docs = [
        Document(id="a", text=SENTENCE, events=[_event("CONCEDE", [(0, 8)], [], SENTENCE, 0.5)]),
        Document(id="b", text=SENTENCE, events=[]),
    ]
    result = PloverSuite().score(items, docs, errors=5)
    assert result.metrics["accuracy"] == 0.5 and result.metrics["coverage"] == 0.5
    assert result.metrics["penta_accuracy"] == 0.5
    assert result.confusions == [("ASSAULT", NONE, 1)]
    assert [e["predicted"] for e in result.errors] == [NONE]


def test_plover_suite_end_to_end_on_fixture(plover_file, plover_rows):
    result = run_suite("plover", plover_file, errors=10, workers=1)
    assert result.items == len(plover_rows) and not result.failed
    assert set(result.metrics) >= set(PloverSuite.gate_metrics)
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["coverage"] < 1.0  # the weather sentence has no event
    assert result.classes["COERCE"]["recall"] == 1.0  # "Police arrested twelve protesters"
    assert result.metrics["accuracy"] >= 0.4
    assert any(e["predicted"] == NONE and e["gold"] == "AGREE" for e in result.errors)


def test_plover_sample_and_limit(plover_file):
    result = run_suite("plover", plover_file, sample=2, limit=2, workers=1)
    assert result.items == 2 and result.options == {"sample": 2, "limit": 2}
