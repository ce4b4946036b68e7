"""Entities where events can be: the entity recogniser runs on the sentences with a trigger.

The entity recogniser is the costliest part of a spaCy pipeline (its own tok2vec and a
transition model: about half of ``en_core_web_sm``'s time). Unless ``Settings.full_parse``
is set, the parser runs without it (:mod:`.cascade`) and this stage runs it on the parsed
sentences where the coder, reading the parse without entities, codes a word as a trigger:
the coder then reads the entity types of its sentence's words ("Thursday" is a DATE, no
actor). Elsewhere, ``resolve.mentions`` looks up
the place and country names a story's focus needs.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from ..config import Settings
from ..model import Document
from .parse import load_model, mentions_of, separable_ner

NER_BATCH = 256
"""Sentences the entity recogniser reads at a time."""


class EntityRecognizer:
    """Runs the pipeline's entity recogniser on the sentences that can hold an event."""

    name = "nlp.entities"
    requires = ("doc.nlp", "doc.sentences")
    assigns = ("doc.mentions",)

    def __init__(self, settings: Settings | None = None, coder: Any = None):
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.model)
        self.ner = [] if self.settings.full_parse else separable_ner(self.nlp)
        self._coder = coder

    @property
    def coder(self) -> Any:
        """The event coder, asked which words it would code (built on first use)."""
        if self._coder is None:
            from ..coding.detect import EventCoder

            self._coder = EventCoder(self.settings)
        return self._coder

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        spans = [(doc, span) for doc in docs if doc.nlp is not None for span in self._wanted(doc)]
        if spans:
            subdocs = [span.as_doc() for _, span in spans]
            size = max(self.settings.batch_size, NER_BATCH)
            for name in self.ner:
                subdocs = list(self.nlp.get_pipe(name).pipe(subdocs, batch_size=size))
            for (doc, span), sub in zip(spans, subdocs, strict=True):
                ents = [Span(doc.nlp, span.start + e.start, span.start + e.end, label=e.label_) for e in sub.ents]
                doc.nlp.set_ents([], outside=[span], default="unmodified")
                doc.nlp.set_ents(ents, default="unmodified")
        for doc in docs:
            if doc.nlp is not None:
                doc.mentions = mentions_of(doc.nlp)
        return docs

    def _wanted(self, doc: Document) -> list[Span]:
        """The sentences the entity recogniser should read and has not."""
        if not self.ner:
            return []
        return [s for s in doc.nlp.sents if not has_entities(s) and self._has_trigger(s)]

    def _has_trigger(self, sent: Span) -> bool:
        """Whether the coder, reading the parse without entities, codes a word of ``sent``."""
        return sent[0].pos != 0 and any(self.coder.classify(t) is not None for t in sent)


def has_entities(sent: Any) -> bool:
    """Whether the entity recogniser has read ``sent`` (it marks every token it reads)."""
    return sent[0].ent_iob != 0
