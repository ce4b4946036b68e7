"""The pipeline: stage-order check, per-document failures, input order, ranking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventlens.config import Settings
from eventlens.errors import PipelineConfigError
from eventlens.model import Document
from eventlens.pipeline import Pipeline, default_stages


class Boom:
    name, requires, assigns = "test.boom", ("doc.events",), ("doc.events",)

    def __call__(self, doc):
        if "explode" in doc.text:
            raise RuntimeError("the stage broke on this text")
        return doc


class NeedsGhost:
    name, requires, assigns = "test.ghost", ("doc.ghost",), ()

    def __call__(self, doc):
        return doc


@pytest.fixture(scope="module")
def stages():
    return default_stages(Settings())


def test_pipeline_rejects_a_stage_that_reads_what_nothing_writes(stages):
    with pytest.raises(PipelineConfigError, match=r"E004.*test.ghost.*doc.ghost"):
        Pipeline([NeedsGhost(), *stages])


def test_pipeline_one_failing_document_does_not_stop_the_batch(stages):
    at = [s.name for s in stages].index("coding.detect") + 1
    pipeline = Pipeline([*stages[:at], Boom(), *stages[at:]], Settings(batch_size=8))
    docs = [
        Document(id="a", text="Police arrested six smugglers in Tijuana on Monday.", date="2024-05-07"),
        Document(id="b", text="Rebels explode a bridge.", origin="batch.jsonl:2"),
        Document(id="c", text="Troops killed four militants near Kidal on Sunday.", date="2024-05-07"),
    ]
    out = list(pipeline.pipe(docs))
    assert [d.id for d in out] == ["a", "b", "c"]
    assert out[0].events and out[2].events
    assert out[1].events == []
    [message] = out[1].errors
    assert "E003" in message and "test.boom" in message and "batch.jsonl:2" in message
    assert all(d.nlp is None for d in out)  # parses are freed after the batch


def test_pipeline_events_are_ranked_by_confidence(stages):
    doc = Pipeline(stages)(Document(
        id="r",
        text="The army arrested 30 suspects in Maiduguri. Officials said talks could follow. "
             "Gunmen attacked a convoy near Gwoza, killing three soldiers.",
        date="2024-02-01",
    ))  # fmt: skip
    confidences = [e.confidence for e in doc.events]
    assert len(confidences) >= 2 and confidences == sorted(confidences, reverse=True)
    assert all(0 < c <= 1 for c in confidences)


def test_two_worker_processes_give_the_same_events_in_the_same_order():
    from pathlib import Path

    from eventlens.api import extract_many

    examples = Path(__file__).resolve().parent.parent / "examples"

    def events(workers):
        return [(d.id, [(e.evidence.trigger.text, e.plover["type"], e.factuality) for e in d.events])
                for d in extract_many([examples], workers=workers)]  # fmt: skip

    one = events(1)
    assert sum(len(evs) for _, evs in one) > 5
    assert events(2) == one


def test_a_dask_local_cluster_gives_the_same_events_as_one_process():
    from pathlib import Path

    distributed = pytest.importorskip("distributed", reason="Dask distributed is the 'dask' extra")
    from eventlens.api import extract_many

    examples = Path(__file__).resolve().parent.parent / "examples"

    def events(**how):
        return [(d.id, [(e.evidence.trigger.text, e.plover["type"], e.factuality) for e in d.events])
                for d in extract_many([examples], **how)]  # fmt: skip

    one = events()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        assert events(dask=client) == one


@pytest.mark.skipif(not os.environ.get("EVENTLENS_TEST_PG"), reason="EVENTLENS_TEST_PG not set")
def test_dask_workers_write_to_postgresql_themselves(tmp_path, monkeypatch):
    """A cluster run into PostgreSQL: the workers save the documents; the store then holds
    the same events as a single-process run into SQLite."""
    import uuid

    from sqlalchemy import create_engine, text

    from eventlens.api import ingest
    from eventlens.store import Store
    from eventlens.store.store import resolve_url

    distributed = pytest.importorskip("distributed", reason="Dask distributed is the 'dask' extra")
    examples = Path(__file__).resolve().parent.parent / "examples"
    env = os.environ["EVENTLENS_TEST_PG"]
    base = resolve_url(env if env.startswith("postgres") else "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"eventlens_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    pg = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    lite = f"sqlite:///{tmp_path / 'one.db'}"

    def stored(url):
        with Store(url) as store:
            return sorted((e["document_id"], e["evidence"]["trigger"]["start"], e["plover"]["type"])
                          for e in store.events())

    try:
        one = ingest([examples], Settings(db=lite))
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        with cluster, distributed.Client(cluster) as client:
            def not_here(*args, **kwargs):
                raise AssertionError("the client saved a document; the workers should")

            monkeypatch.setattr(Store, "save", not_here)  # in this process only, not in the workers
            spread = ingest([examples], Settings(db=pg), dask=client)
            monkeypatch.undo()
        assert (spread.added, spread.events) == (one.added, one.events) and one.events > 5
        assert stored(pg) == stored(lite)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
