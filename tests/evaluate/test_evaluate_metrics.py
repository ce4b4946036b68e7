"""metrics on small hand-made cases, checked by hand."""

from __future__ import annotations

import pytest

from eventlens.evaluate import metrics


def test_metrics_per_class_precision_recall_f1():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "C", "NONE"]
    scores = {s.label: s for s in metrics.per_class(gold, pred)}
    assert list(scores) == ["A", "B", "C"]  # gold classes only; NONE is not a class
    assert scores["A"].precision == 1.0 and scores["A"].recall == pytest.approx(2 / 3)
    assert scores["A"].f1 == pytest.approx(0.8)
    assert scores["B"].precision == pytest.approx(0.5) and scores["B"].recall == pytest.approx(0.5)
    assert scores["C"].precision == 0.0 and scores["C"].recall == 0.0 and scores["C"].f1 == 0.0
    assert (scores["A"].support, scores["A"].predicted) == (3, 2)
    assert (scores["C"].support, scores["C"].predicted) == (1, 1)


def test_metrics_macro_weighted_accuracy():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "C", "NONE"]
    rep = metrics.report(gold, pred)
    assert rep.macro_f1 == pytest.approx((0.8 + 0.5 + 0.0) / 3)
    assert rep.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 0.0) / 6)
    assert rep.accuracy == pytest.approx(3 / 6)
    assert rep.to_dict()["classes"]["A"]["f1"] == 0.8


def test_metrics_perfect_and_empty():
    rep = metrics.report(["X", "Y"], ["X", "Y"])
    assert rep.macro_f1 == rep.weighted_f1 == rep.accuracy == 1.0
    empty = metrics.report([], [])
    assert empty.macro_f1 == empty.weighted_f1 == empty.accuracy == 0.0


def test_metrics_explicit_labels_include_unseen_class():
    scores = metrics.per_class(["A"], ["A"], labels=["A", "Z"])
    assert [s.label for s in scores] == ["A", "Z"]
    assert scores[1].support == 0 and scores[1].f1 == 0.0


def test_metrics_confusion_and_top_confusions():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["B", "B", "A", "A", "A", "A"]
    assert metrics.confusion(gold, pred)[("A", "B")] == 2
    assert metrics.top_confusions(gold, pred, 2) == [("A", "B", 2), ("B", "A", 2)]
    assert ("A", "A", 1) not in metrics.top_confusions(gold, pred)


def test_metrics_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        metrics.accuracy(["A", "B"], ["A"])
