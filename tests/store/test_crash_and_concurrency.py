"""Ingest survives being killed, and several ingests at once lose no write."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventlens.store import Store

from ..conftest import EXAMPLES

TEXTS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})


def _ingest_cmd(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-c", "from eventlens.cli import app; app()", "ingest", str(folder), "--db", url]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


def _contents(url: str) -> dict[str, list[tuple]]:
    with Store(url) as store:
        return {doc_id: sorted((e["evidence"]["trigger"]["start"], e["plover"]["type"]) for e in events)
                for doc_id, events in _by_document(store).items()}  # fmt: skip


def _by_document(store: Store) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    from eventlens.store.schema import DocumentRow

    with store._read_session() as session:
        for (doc_id,) in session.query(DocumentRow.id):
            out[doc_id] = []
    for event in store.events():
        out[event["document_id"]].append(event)
    return out


def _stories(folder: Path, n: int = 40) -> None:
    """``n`` distinct stories made of the bundled examples' sentences (6 each, windows 5 apart)."""
    import json
    import re

    text = " ".join(p.read_text(encoding="utf-8") for p in TEXTS if p.suffix == ".txt")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s.split()) > 5]
    with (folder / "stories.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            start = (5 * i) % max(1, len(sentences) - 6)
            fh.write(json.dumps({"id": f"s{i}", "text": " ".join(sentences[start:start + 6])}) + "\n")


def _stored_count(url: str) -> int:
    if not Path(url.removeprefix("sqlite:///")).exists():
        return 0
    with Store(url) as store:
        return store.count_documents()


def _documents_now(db: Path) -> int:
    """How many documents an ingest has committed so far (0 before it made the tables)."""
    import sqlite3

    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=30)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # the tables are not made yet
        return 0
    finally:
        con.close()


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _stories(folder)
    config = tmp_path / "eventlens.toml"
    config.write_text("batch_size = 2\n")  # documents are written two at a time: many points to die at
    env = {**_env(), "EVENTLENS_CONFIG": str(config)}
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    subprocess.run(_ingest_cmd(folder, reference), check=True, capture_output=True, env=env)
    expected = _contents(reference)
    assert len(expected) >= 30 and sum(map(len, expected.values())) > 50

    db = tmp_path / "killed.db"
    url = f"sqlite:///{db}"
    rng = random.Random(7)
    killed = mid_way = 0
    for attempt in range(20):
        before = _documents_now(db)
        proc = subprocess.Popen(_ingest_cmd(folder, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)  # fmt: skip
        if len(expected) - before < 2:  # one document to go: let it finish (then start again)
            proc.wait()
        elif attempt % 5 == 4:  # now and then, while it is still starting
            time.sleep(rng.uniform(0.2, 3.0))
        else:  # otherwise the moment a randomly chosen number of documents is committed: mid-write
            target = before + rng.randint(1, len(expected) - before - 1)
            while proc.poll() is None and _documents_now(db) < target:
                time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
            proc.wait()
            mid_way += before < _documents_now(db) < len(expected)  # killed while writing
        proc.wait()
        if db.exists():
            partial = _contents(url)  # whatever is stored is whole: a document with all its events
            assert all(partial[d] == expected[d] for d in partial), "a half-written document"
            if len(partial) == len(expected):  # all there, nothing doubled: start again, to die mid-way more
                assert partial == expected
                for path in db.parent.glob(db.name + "*"):
                    path.unlink()
    assert killed >= 14 and mid_way >= 8, (killed, mid_way)
    done = subprocess.run(_ingest_cmd(folder, url), capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert _contents(url) == expected


def test_four_processes_ingesting_at_once_lose_no_write(store_url, tmp_path):
    folders = []
    for i in range(4):
        folder = tmp_path / f"part{i}"
        folder.mkdir()
        for path in TEXTS[i::4]:
            shutil.copy(path, folder / path.name)
        folders.append(folder)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    subprocess.run(_ingest_cmd(tmp_path, reference), check=True, capture_output=True, env=_env())
    expected = {Path(k).name: v for k, v in _contents(reference).items()}
    procs = [subprocess.Popen(_ingest_cmd(f, store_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env()) for f in folders]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [o[1][-500:] for o in outputs]
    assert _contents(store_url) == expected
