"""Run a suite: read and sample the labelled file, run the pipeline in batches, score, time.

Documents go through the standard pipeline (:func:`eventlens.pipeline.default_stages`) in
spaCy batches; large runs are split over worker processes. Each stage call on one document
has a time limit, so one pathological document becomes that document's recorded error
(``SuiteResult.failed``) instead of stalling the run.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from ..config import Settings
from ..model import Document
from ..pipeline import Pipeline, Stage, default_stages
from .registry import get_suite
from .suite import Suite, SuiteResult, select, shared_dir

STAGE_SECONDS = 5.0
"""Time limit of one stage on one document (a normal call takes well under a second)."""

PARALLEL_FROM = 400
"""Runs with at least this many documents use worker processes (one per core, at most 4)."""

CHUNK = 64
"""Documents per task sent to a worker process."""


class StageTimeout(Exception):
    """A stage took longer than its time limit on one document."""


@contextmanager
def _time_limit(seconds: float, message: str) -> Iterator[None]:
    """Raise :class:`StageTimeout` after ``seconds`` (main thread on POSIX only; elsewhere no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise StageTimeout(message)

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class TimeLimited:
    """A stage with a time limit on each one-document call; batch calls (``pipe``) are passed through."""

    def __init__(self, stage: Stage, seconds: float = STAGE_SECONDS):
        self.stage = stage
        self.name = stage.name
        self.requires = stage.requires
        self.assigns = stage.assigns
        self.seconds = seconds
        if hasattr(stage, "pipe"):
            self.pipe = stage.pipe

    def __call__(self, doc: Document) -> Document:
        with _time_limit(self.seconds, f"took longer than {self.seconds:g} s"):
            return self.stage(doc)


_PIPELINES: dict[tuple, Pipeline] = {}


def eval_pipeline(settings: Settings | None = None, stage_seconds: float = STAGE_SECONDS) -> Pipeline:
    """The standard stages, each time-limited; built once per process and settings."""
    settings = settings or Settings.from_env()
    key = (settings.model, tuple(map(str, settings.actors_files)), settings.batch_size, stage_seconds)
    if key not in _PIPELINES:
        stages = [TimeLimited(stage, stage_seconds) for stage in default_stages(settings)]
        _PIPELINES[key] = Pipeline(stages, settings)
    return _PIPELINES[key]


def _process_chunk(docs: list[Document], settings: Settings, stage_seconds: float) -> list[Document]:
    return list(eval_pipeline(settings, stage_seconds).pipe(docs))


def default_workers(documents: int) -> int:
    return 1 if documents < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 4))


def process_documents(
    docs: Sequence[Document],
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    stage_seconds: float = STAGE_SECONDS,
    on_progress: Callable[[int], None] | None = None,
) -> list[Document]:
    """Run the pipeline over ``docs``; results in input order. ``on_progress(n)`` after each n documents."""
    settings = settings or Settings.from_env()
    workers = workers or default_workers(len(docs))
    tick = on_progress or (lambda n: None)
    if workers <= 1:
        out = []
        for doc in eval_pipeline(settings, stage_seconds).pipe(docs):
            out.append(doc)
            tick(1)
        return out
    chunks = [list(docs[i : i + CHUNK]) for i in range(0, len(docs), CHUNK)]
    out = []
    if "fork" in get_all_start_methods():  # workers inherit the loaded pipeline (and any main module)
        eval_pipeline(settings, stage_seconds)
        context = get_context("fork")
    else:
        context = get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for done in pool.map(_process_chunk, chunks, [settings] * len(chunks), [stage_seconds] * len(chunks)):
            out.extend(done)
            tick(len(done))
    return out


def data_path(suite: Suite, path: Path | None = None) -> Path:
    """The file a suite reads: ``path`` if given, else its default file under the shared folder."""
    if path is not None:
        return path
    default = Path(suite.default_file)  # a suite whose data ships with eventlens names it whole
    return default if default.is_absolute() else shared_dir() / default


def run_suite(
    suite: str | Suite,
    path: Path | None = None,
    *,
    sample: int | None = None,
    limit: int | None = None,
    errors: int = 0,
    settings: Settings | None = None,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> SuiteResult:
    """Score eventlens on one suite. ``on_start(total)`` is called once the items are known.

    Raises ``FileNotFoundError`` when the data file is missing.
    """
    suite = get_suite(suite) if isinstance(suite, str) else suite
    path = data_path(suite, path)
    if not path.exists():
        raise FileNotFoundError(f"{suite.name}: data file {path} not found; give FILE or set EVENTLENS_SHARED")
    started = time.perf_counter()
    chosen = select(list(enumerate(suite.read(path))), sample, limit)  # keep each item's row number
    items = [item for _, item in chosen]
    if on_start:
        on_start(len(items))
    docs = process_documents(
        [suite.document(item, row) for row, item in chosen], settings, workers=workers, on_progress=on_progress
    )
    result = suite.score(items, docs, errors)
    options = {"sample": sample, "limit": limit}
    return replace(
        result,
        path=str(path),
        failed=[*result.failed, *(msg for doc in docs for msg in doc.errors)],  # the suite's own reruns too
        options={k: v for k, v in options.items() if v is not None},
        seconds=round(time.perf_counter() - started, 2),
    )
