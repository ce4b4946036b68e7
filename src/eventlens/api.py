"""The library API: ``extract`` one text or page, ``extract_many`` over files and records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import NotEnglish
from .model import Document
from .pipeline import Pipeline, build_pipeline

_PIPELINES: dict[tuple, Pipeline] = {}


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """A pipeline for ``settings``, built once per process and reused."""
    settings = settings or Settings.from_env()
    key = (settings.model, tuple(str(p) for p in settings.actors_files), settings.max_chars, settings.full_parse)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(settings)
    return _PIPELINES[key]


def extract(
    text_or_html: str,
    date: str | None = None,
    url: str | None = None,
    *,
    doc_id: str = "doc",
    settings: Settings | None = None,
) -> Document:
    """Extract coded, sourced events from one article (plain text, scraped text or HTML).

    ``date`` is the publication date (ISO); without it the page's own date line or
    metadata is used. Returns the processed :class:`Document`; problems are listed in
    ``Document.errors`` rather than raised.
    """
    from .errors import InputError
    from .ingest import document_from_input
    from .ingest.language import skip_non_english
    from .ingest.problems import enforce_max_chars, error_document

    settings = settings or Settings.from_env()
    try:
        doc = document_from_input(text_or_html, doc_id=doc_id, date=date, url=url)
    except InputError as exc:
        return error_document(doc_id, None, exc)
    doc = skip_non_english(enforce_max_chars(doc, settings))
    if doc.errors:
        return doc
    return get_pipeline(settings)(doc)


def process(
    docs: Iterable[Document], settings: Settings | None = None, workers: int = 1, dask: Any = None
) -> Iterator[Document]:
    """Run the pipeline over already-ingested documents, lazily and in order.

    ``workers`` > 1 runs it in that many processes (each loads the model once); documents
    go to them in chunks, at most two chunks a worker in flight, so memory stays bounded
    however long the input is. ``dask`` (a scheduler address such as ``tcp://host:8786``,
    or a ``distributed.Client``) runs the same chunks on a Dask cluster instead; each Dask
    worker builds the pipeline once and keeps it.
    """
    settings = settings or Settings.from_env()
    if dask is not None:
        yield from _process_dask(docs, settings, dask)
    elif workers <= 1:
        yield from get_pipeline(settings).pipe(docs)
    else:
        yield from _process_parallel(docs, settings, workers)


CHUNK = 16
"""Documents a worker processes at a time."""


def _process_chunk(chunk: list[Document], settings: Settings) -> list[Document]:
    return list(get_pipeline(settings).pipe(chunk))


@lru_cache(maxsize=2)
def _worker_store(url: str) -> Any:
    from .store import Store

    return Store(url)  # one per worker process, kept open


def _process_and_store(chunk: list[Document], settings: Settings, version: str,
                       stage_versions: dict[str, str]) -> list[tuple[Document, str]]:
    """On a Dask worker: process ``chunk`` and save each document to ``settings.db`` here;
    the client gets the outcomes and the events back, not the texts again."""
    store = _worker_store(settings.db)
    out = []
    for doc in get_pipeline(settings).pipe(chunk):
        outcome = "failed" if doc.errors else store.save(doc, version, stage_versions)
        doc.text = ""
        out.append((doc, outcome))
    return out


def _process_dask(docs: Iterable[Document], settings: Settings, dask: Any,
                  task: Callable[..., list] = _process_chunk, *args: Any) -> Iterator[Any]:
    from collections import deque
    from itertools import islice

    try:
        from distributed import Client
    except ImportError as exc:
        from .errors import SettingsError

        raise SettingsError("--dask needs Dask distributed: pip install 'eventlens[dask]'") from exc
    client = dask if isinstance(dask, Client) else Client(dask)
    try:
        width = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        source = iter(docs)
        pending: deque = deque()
        while True:
            while len(pending) < width and (chunk := list(islice(source, CHUNK))):
                pending.append(client.submit(task, chunk, settings, *args, pure=False))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        if client is not dask:
            client.close()


def _process_parallel(docs: Iterable[Document], settings: Settings, workers: int) -> Iterator[Document]:
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice
    from multiprocessing import get_all_start_methods, get_context

    # with fork, workers inherit the loaded model instead of each loading it again
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    if method == "fork":
        get_pipeline(settings)
    source = iter(docs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context(method)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * workers and (chunk := list(islice(source, CHUNK))):
                pending.append(pool.submit(_process_chunk, chunk, settings))
            if not pending:
                return
            yield from pending.popleft().result()


def extract_many(
    inputs: Sequence[str | Path], settings: Settings | None = None, workers: int = 1, dask: Any = None
) -> Iterator[Document]:
    """Read files, directories, JSONL, feeds, archives, URLs or ``-`` (stdin) and yield
    processed documents in input order (``workers`` processes).

    A broken input yields a document whose ``errors`` name the file and the reason; the
    rest of the batch is still processed.
    """
    from .ingest import read_inputs
    from .ingest.dedup import Deduplicator

    settings = settings or Settings.from_env()
    dedup = Deduplicator()
    duplicates: dict[int, Document] = {}  # position in the input -> a duplicate, not processed
    position = 0

    def originals() -> Iterator[Document]:
        nonlocal position
        for doc in read_inputs(inputs, settings):
            if (first := dedup.original_of(doc)) is not None:
                doc.duplicate_of = first
                duplicates[position] = doc
            else:
                yield doc
            position += 1

    done = 0
    for doc in process(originals(), settings, workers, dask):
        while done in duplicates:  # keep input order: duplicates between processed documents
            yield duplicates.pop(done)
            done += 1
        yield doc
        done += 1
    yield from (duplicates[k] for k in sorted(duplicates))


@dataclass
class RunSummary:
    """What a run did: counts by outcome, and the per-document errors."""

    documents: int = 0
    events: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # not English
    duplicates: int = 0  # the same text as an earlier document of the run
    stored_events: int | None = None  # deduplicated events in the store after the run (ingest)
    errors: list[str] = field(default_factory=list)

    def count(self, doc: Document) -> None:
        self.documents += 1
        self.events += len(doc.events)
        self.duplicates += doc.duplicate_of is not None
        if doc.errors and all(e.startswith(f"[{NotEnglish.code}]") for e in doc.errors):
            self.skipped += 1
            self.errors.extend(doc.errors)
        elif doc.errors:
            self.failed += 1
            self.errors.extend(doc.errors)


UNCHANGED_BATCH = 256
"""Documents looked up in the store at once to find the unchanged ones."""


def ingest(
    inputs: Sequence[str | Path],
    settings: Settings | None = None,
    on_document: Callable[[Document, str], None] | None = None,
    workers: int = 1,
    dask: Any = None,
) -> RunSummary:
    """Read, process and store documents in ``settings.db``; unchanged documents are skipped.

    With ``dask`` and a PostgreSQL store, the Dask workers write the documents they process
    (an SQLite file is written by this process, the one writer it allows).

    ``on_document(doc, outcome)`` is called for each document with outcome
    ``added``/``updated``/``unchanged``/``failed``.
    """
    from itertools import islice

    from . import PIPELINE_VERSION
    from .ingest import read_inputs
    from .ingest.dedup import Deduplicator
    from .ingest.language import skip_non_english
    from .store import Store

    settings = settings or Settings.from_env()
    version = PIPELINE_VERSION + ("+full" if settings.full_parse else "")
    pipeline = get_pipeline(settings)
    stage_versions, refiners = pipeline.versions, pipeline.refiners
    summary = RunSummary()
    store = Store(settings.db)
    try:
        dedup = Deduplicator(store=store)
        outlets: dict[str, list[dict]] = {}  # original id -> the other outlets, recorded once it is stored

        def fresh() -> Iterator[Document]:
            # unchanged documents first, a batch at a time (one query), before any other work
            source = read_inputs(inputs, settings, check_language=False)
            while batch := list(islice(source, UNCHANGED_BATCH)):
                known = store.unchanged(batch, version, stage_versions, refiners)
                for doc in batch:
                    if doc.ok and doc.id in known:
                        summary.documents += 1
                        summary.unchanged += 1
                        if on_document:
                            on_document(doc, "unchanged")
                        continue
                    doc = skip_non_english(doc)
                    if (first := dedup.original_of(doc)) is not None:  # the same text again: one more outlet
                        doc.duplicate_of = first
                        summary.documents += 1
                        summary.duplicates += 1
                        outlets.setdefault(first, []).append(
                            {"id": doc.id, "url": doc.url, "source": doc.source, "origin": doc.origin})
                        if on_document:
                            on_document(doc, "duplicate")
                        continue
                    yield doc

        if dask is not None and store.backend != "sqlite":  # a cluster: each worker writes its documents
            results = _process_dask(fresh(), settings, dask, _process_and_store, version, stage_versions)
        else:
            results = ((doc, None) for doc in process(fresh(), settings, workers, dask))
        for doc, saved in results:
            summary.count(doc)
            if doc.errors:
                outcome = "failed"
            else:
                outcome = saved or store.save(doc, version, stage_versions)
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            if on_document:
                on_document(doc, outcome)
        for first, others in outlets.items():
            for outlet in others:
                store.add_outlet(first, outlet)
        summary.stored_events = store.count_happenings()
    finally:
        store.close()
    return summary
