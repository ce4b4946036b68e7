"""Dedup precision and recall on generated reports (eventlens.evaluate.dedup), through the store."""

from __future__ import annotations

from eventlens.evaluate.dedup import link_scores, synthetic_reports
from eventlens.store import Store
from eventlens.store.schema import EventRow


def _linked(n: int, seed: int) -> dict[str, float]:
    made = synthetic_reports(n, seed=seed)
    with Store("sqlite://") as store:
        for doc in made.documents:
            store.save(doc, "1")
        with store._read_session() as session:
            predicted = {(d, o): h for d, o, h in session.query(EventRow.document_id, EventRow.ordinal,
                                                                  EventRow.happening_id)}  # fmt: skip
    return link_scores(predicted, made.truth)


def test_generated_reports_are_linked_precisely_and_counted_near_the_truth():
    scores = _linked(80, seed=11)
    assert scores["pair_precision"] >= 0.9, scores
    assert scores["pair_recall"] >= 0.5, scores
    assert scores["bcubed_f1"] >= 0.75, scores
    assert scores["events_ratio"] < 2.0, "a report-per-event count would be about 3x the truth"


def test_link_scores_count_pairs_and_clusters():
    truth = {("a", 0): 1, ("b", 0): 1, ("c", 0): 2}
    assert link_scores({("a", 0): 7, ("b", 0): 7, ("c", 0): 8}, truth)["pair_f1"] == 1.0
    lumped = link_scores({("a", 0): 7, ("b", 0): 7, ("c", 0): 7}, truth)
    assert lumped["pair_precision"] == round(1 / 3, 4) and lumped["pair_recall"] == 1.0
    assert lumped["events_ratio"] == 0.5
