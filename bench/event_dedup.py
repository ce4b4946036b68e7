"""Event dedup on generated reports: precision, recall and the count of events, against the
count-every-report baseline, and the linking cost per document.

    python bench/event_dedup.py [--happenings 400] [--seeds 3] [--days 28]

Each seed generates ``--happenings`` happenings over four weeks in five countries, each told by
one to six outlets (eventlens.evaluate.dedup), saves the documents into an in-memory SQLite
store (linking happens in the save) and scores the happenings made. The baseline in the same
run: every report its own event (GDELT's count) and the store's save without linking time
measured by saving the same documents with linking switched off.
"""

from __future__ import annotations

import argparse
import statistics
import time
from unittest import mock

from eventlens.evaluate.dedup import link_scores, synthetic_reports
from eventlens.store import Store
from eventlens.store.schema import EventRow


def _run(docs, link: bool) -> tuple[float, dict]:
    store = Store("sqlite://")
    began = time.perf_counter()
    if link:
        for doc in docs:
            store.save(doc, "1")
    else:
        with mock.patch("eventlens.store.store.link_document", lambda session, row, events: set()):
            for doc in docs:
                store.save(doc, "1")
    took = time.perf_counter() - began
    with store._read_session() as session:
        predicted = {(d, o): h for d, o, h in session.query(EventRow.document_id, EventRow.ordinal,
                                                              EventRow.happening_id)}  # fmt: skip
    store.close()
    return took, predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--happenings", type=int, default=400)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--days", type=int, default=28, help="the happenings' span: fewer days, denser")
    args = parser.parse_args()
    rows = []
    for seed in range(args.seeds):
        made = synthetic_reports(args.happenings, seed=seed, days=args.days)
        plain, _ = _run(made.documents, link=False)
        linked, predicted = _run(made.documents, link=True)
        scores = link_scores(predicted, made.truth)
        per_report = link_scores({key: i for i, key in enumerate(made.truth)}, made.truth)
        rows.append((scores, per_report, plain, linked, len(made.documents)))
        print(f"seed {seed}: {len(made.documents)} documents, {scores['mentions']} mentions, {args.happenings} "
              f"happenings | pair P {scores['pair_precision']:.3f} R {scores['pair_recall']:.3f} F1 "
              f"{scores['pair_f1']:.3f}, B-cubed F1 {scores['bcubed_f1']:.3f}, events/true "
              f"{scores['events_ratio']:.2f} (every report its own event: {per_report['events_ratio']:.2f}, "
              f"B-cubed F1 {per_report['bcubed_f1']:.3f}) | save {1000 * plain / len(made.documents):.1f} ms/doc "
              f"without linking, {1000 * linked / len(made.documents):.1f} with ({linked / plain:.2f}x)")
    mean = {k: statistics.mean(r[0][k] for r in rows) for k in ("pair_precision", "pair_recall", "pair_f1",
                                                                   "bcubed_f1", "events_ratio")}  # fmt: skip
    print("mean: " + ", ".join(f"{k} {v:.3f}" for k, v in mean.items()))


if __name__ == "__main__":
    main()
