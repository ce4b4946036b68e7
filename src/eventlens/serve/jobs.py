"""Ingest jobs started from the desk: run in a background thread, progress kept in memory."""

from __future__ import annotations

import json
import re
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_JOBS = 200


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued, running, done, failed
    documents: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    summary: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "documents": self.documents, "outcomes": self.outcomes,
                "errors": self.errors[:100], "summary": self.summary}


JOBS: dict[str, Job] = {}
_LOCK = threading.Lock()  # one ingest at a time: the pipeline and the SQLite writer are shared


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "upload"
    return stem[:120]


def start_ingest(db: str, *, texts: list[dict[str, Any]] = (), urls: list[str] = (),
                 files: list[tuple[str, bytes]] = ()) -> dict[str, Any]:
    """Start a job ingesting pasted ``texts`` (records as JSONL takes them), ``urls`` or uploaded
    ``files`` into ``db``; returns the job (poll ``/api/jobs/{id}``)."""
    job = Job(id=uuid.uuid4().hex[:12])
    with _LOCK:
        if len(JOBS) >= MAX_JOBS:
            for old in [j for j in JOBS.values() if j.status in ("done", "failed")][: len(JOBS) - MAX_JOBS + 1]:
                JOBS.pop(old.id, None)
        JOBS[job.id] = job
    folder = Path(tempfile.mkdtemp(prefix="eventlens-ingest-"))
    inputs: list[str] = list(urls)
    if texts:
        path = folder / "pasted.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n, record in enumerate(texts):
                record = {k: v for k, v in record.items() if v}
                record.setdefault("id", f"pasted-{job.id}-{n}")
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        inputs.append(str(path))
    for n, (name, data) in enumerate(files):
        path = folder / f"{n:03d}-{_safe_name(name)}"
        path.write_bytes(data)
        inputs.append(str(path))
    threading.Thread(target=_run, args=(job, db, inputs), daemon=True).start()
    return job.as_dict()


def _run(job: Job, db: str, inputs: list[str]) -> None:
    from ..api import ingest
    from ..config import Settings

    def counted(doc: Any, outcome: str) -> None:
        job.documents += 1
        job.outcomes[outcome] = job.outcomes.get(outcome, 0) + 1

    with _LOCK:
        job.status = "running"
        try:
            settings = Settings.from_env()
            settings.db = db
            summary = ingest(inputs, settings, on_document=counted)
            job.errors = list(summary.errors)
            job.summary = {"documents": summary.documents, "event_mentions": summary.events,
                           "added": summary.added, "updated": summary.updated, "unchanged": summary.unchanged,
                           "failed": summary.failed, "duplicates": summary.duplicates,
                           "events_in_store": summary.stored_events}  # fmt: skip
            job.status = "done"
        except Exception as exc:  # a job reports what stopped it rather than dying silently
            job.errors.append(f"{type(exc).__name__}: {exc}")
            job.status = "failed"
