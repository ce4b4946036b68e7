"""Ordered pipeline stages with a requires/assigns check and per-document error handling.

A stage is any object with ``name``, ``requires``, ``assigns`` and
``__call__(doc) -> Document``; it may add ``pipe(docs) -> list[Document]`` to work in
batches (the spaCy stage does), a ``version`` (default "1"; bump it when the stage's output
changes) and ``refines_events = True`` when it only changes events already found. One
failing document never stops a batch: the failure is recorded in ``Document.errors`` with
the stage's name and the document's origin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from .config import Settings
from .errors import PipelineConfigError, StageError
from .model import Document

INPUT_FIELDS = ("doc.text", "doc.date", "doc.title")
"""What ingest guarantees before the first stage runs."""


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Runs stages in data-flow order over documents, one batch at a time."""

    def __init__(self, stages: Sequence[Stage], settings: Settings | None = None):
        self.stages = list(stages)
        self.settings = settings or Settings()
        self.validate()

    def validate(self) -> None:
        """Raise :class:`PipelineConfigError` if a stage reads what nothing before it writes."""
        available = set(INPUT_FIELDS)
        for stage in self.stages:
            missing = [req for req in stage.requires if req not in available]
            if missing:
                raise PipelineConfigError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier "
                    "stage assigns; put the stage that assigns it first"
                )
            available.update(stage.assigns)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    @property
    def versions(self) -> dict[str, str]:
        """The stages whose ``version`` is not "1", by name: stored with each document, so a
        stage's version bump re-processes what it can change (:meth:`Store.unchanged`)."""
        return {stage.name: str(getattr(stage, "version", "1")) for stage in self.stages
                if str(getattr(stage, "version", "1")) != "1"}

    @property
    def refiners(self) -> set[str]:
        """The stages that only refine the events found (``refines_events``): their version
        bumps leave documents without events alone."""
        return {stage.name for stage in self.stages if getattr(stage, "refines_events", False)}

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Process ``docs`` lazily, in input order; memory is bounded by one batch."""
        size = batch_size or self.settings.batch_size
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for stage in self.stages:
            live = [doc for doc in batch if doc.ok]
            if not live:
                break
            batch_pipe = getattr(stage, "pipe", None)
            if batch_pipe is not None and len(live) > 1:
                try:
                    batch_pipe(live)
                    continue
                except Exception:  # retry one by one to find the bad document
                    pass
            for doc in live:
                self._run_one(stage, doc)
        for doc in batch:
            doc.nlp = None  # the parse is not needed past the pipeline; free it
        return batch

    @staticmethod
    def _run_one(stage: Stage, doc: Document) -> None:
        try:
            result = stage(doc)
        except Exception as exc:  # any failure is one document's error
            where = f" ({doc.origin})" if doc.origin else ""
            doc.errors.append(str(StageError(f"stage {stage.name!r} failed on {doc.id}{where}: {exc}")))
            doc.events = []
            return
        if result is not doc and not isinstance(result, Document):
            raise PipelineConfigError(f"stage {stage.name!r} returned {type(result).__name__}, not a Document")


def default_stages(settings: Settings) -> list[Stage]:
    """The standard eventlens stages, in data-flow order."""
    from .coding.acled import AcledRefiner
    from .coding.concede import PromiseRecoder
    from .coding.detect import EventCoder
    from .coding.intent import IntentRecoder
    from .coding.main_event import MainEventClassifier
    from .nlp.entities import EntityRecognizer
    from .nlp.parse import SpacyParser
    from .resolve.actors import ActorLinker
    from .resolve.counterpart import CounterpartResolver
    from .resolve.dates import DateResolver
    from .resolve.factuality import FactualityTagger
    from .resolve.mentions import NameLookup
    from .resolve.places import PlaceResolver
    from .resolve.quantities import QuantityResolver
    from .resolve.rank import EventRanker
    from .resolve.timeframe import TimeframeTagger

    coder = EventCoder(settings)
    return [
        SpacyParser(settings),
        EntityRecognizer(settings, coder),
        coder,
        NameLookup(settings),
        ActorLinker(settings),
        AcledRefiner(settings),
        PlaceResolver(settings),
        CounterpartResolver(settings),
        DateResolver(settings),
        QuantityResolver(settings),
        FactualityTagger(settings),
        PromiseRecoder(settings),
        IntentRecoder(settings),
        TimeframeTagger(settings),
        MainEventClassifier(settings),
        EventRanker(settings),
    ]


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings.from_env()
    return Pipeline(default_stages(settings), settings)
