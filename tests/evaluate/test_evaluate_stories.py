"""The stories suite: reading, the document-level prediction, scoring (with the real pipeline)."""

from __future__ import annotations

import pytest

from eventlens.errors import InputError
from eventlens.evaluate import run_suite
from eventlens.evaluate.labels import NONE
from eventlens.evaluate.stories import StoriesSuite, Story, predict, read_stories
from eventlens.model import Document, Event, Evidence, Span


def _event(kind: str, mode: str, conf: float) -> Event:
    return Event(plover={"type": kind, "mode": mode, "context": []}, cameo=None, acled={},
                 evidence=Evidence("s", 0, 1, Span("s", 0, 1)), confidence=conf)  # fmt: skip


def test_stories_read_fixture_keeps_placeholders_and_normalises_mode(stories_file, story_rows):
    stories = read_stories(stories_file)
    assert len(stories) == len(story_rows)
    assert stories[1].title == "Militants Storm Village in {country_1}"
    assert (stories[0].label, stories[0].mode, stories[3].mode) == ("COERCE", "ARREST", "")


def test_stories_read_missing_column_is_an_error(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("text,title\nA,B\n")
    with pytest.raises(InputError, match="label, mode"):
        read_stories(path)


def test_stories_predict_sums_confidence_per_type():
    events = [_event("ASSAULT", "firearms", 0.9), _event("COERCE", "arrest", 0.6), _event("COERCE", "", 0.5)]
    assert predict(events) == ("COERCE", "ARREST")  # 1.1 beats a single 0.9
    assert predict([_event("ASSAULT", "", 0.9)]) == ("ASSAULT", "")
    assert predict([]) == (NONE, "")


def test_stories_score_mode_accuracy_over_gold_modes_only():
    items = [Story("t", "x", "COERCE", "ARREST"), Story("t", "x", "ASSAULT", ""), Story("t", "x", "PROTEST", "DEMO")]
    docs = [
        Document(id="a", text="x", events=[_event("COERCE", "arrest", 0.7)]),
        Document(id="b", text="x", events=[_event("ASSAULT", "beat", 0.7)]),
        Document(id="c", text="x", events=[]),
    ]
    result = StoriesSuite().score(items, docs, errors=5)
    assert result.metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert result.metrics["mode_accuracy"] == 0.5 and result.metrics["mode_accuracy_type_right"] == 1.0
    assert result.metrics["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert [e["gold"] for e in result.errors] == ["PROTEST"]


def test_stories_suite_end_to_end_on_fixture(stories_file, story_rows):
    result = run_suite("stories", stories_file, errors=10, workers=1)
    assert result.items == len(story_rows) and not result.failed
    assert set(result.metrics) >= set(StoriesSuite.gate_metrics)
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.metrics["accuracy"] >= 0.5
    assert result.classes["ASSAULT"]["recall"] == 1.0
