"""The document's main event: which PLOVER type (and mode) a story as a whole reports.

Sentence-level events say what each sentence codes; an analyst triaging a feed also wants
to know what the article is *about* ("a protest story", "an arrest story"), and a
document-level view is more robust than any one sentence: the headline and lede carry the
main event, the rest supports it. The classifier is a linear model (the same JSON format
as the event-type model, :mod:`eventlens.coding.model`) over two kinds of features:

- the events the coder found, weighted by their confidence and by whether they are in the
  headline or the lede, with their modes and factuality;
- the words of the headline and its word pairs ("gives_in", "backs_down"), names left out
  so it does not learn them.

The body's own words are left out on purpose: on the project's stories they add nothing
(cross-validated macro-F1 0.86 with or without them) and on other writers' stories they
hurt, because a bag of words learns the training stories' topics, not their events.

It is trained by ``python -m eventlens.coding.train --main-event`` on the stories in
``data/training/stories/`` (written for this project) and shipped as
``data/models/main_event.json``. Without the model file the stage sets nothing.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

from ..config import Settings
from ..model import Document, MainEvent
from .model import EventModel, _parse

LEDE_SENTENCES = 3
"""The headline and the first two sentences of the body (the headline is its own sentence)."""
LEDE_WEIGHT = 2.0
"""Events in the lede count this much more: news reports its main event first."""
MODEL_FILE = "data/models/main_event.json"


def document_features(doc: Document) -> dict[str, float]:
    """Feature values of ``doc`` (needs the parse in ``doc.nlp`` and the coded ``doc.events``)."""
    feats: dict[str, float] = {}
    if doc.nlp is not None:
        first = next(iter(doc.nlp.sents), None)
        if first is not None and _is_headline(doc, first):
            feats.update(_headline_features(first))
    events: dict[str, float] = defaultdict(float)
    for event in doc.events:
        kind = str(event.plover.get("type"))
        weight = event.confidence * (LEDE_WEIGHT if event.sentence_index < LEDE_SENTENCES else 1.0)
        events[f"ev:{kind}"] += weight
        if mode := event.plover.get("mode"):
            events[f"evm:{kind}/{mode}"] += weight
        if event.factuality != "asserted":
            events[f"evf:{kind}/{event.factuality}"] += weight
        if event.sentence_index < LEDE_SENTENCES:
            events[f"evl:{kind}"] += event.confidence
        if event.sentence_index == 0:
            events[f"evh:{kind}"] += event.confidence
    feats.update({k: math.log1p(v) for k, v in events.items()})
    return feats


def _is_headline(doc: Document, sent: Any) -> bool:
    """The first sentence is the headline when it is the document's title (or a short first line)."""
    text = sent.text.strip()
    if doc.title:
        return text == doc.title.strip() or doc.title.strip().startswith(text)
    return len(sent) <= 16 and sent.text.endswith("\n") and not text.endswith(".")


def _headline_features(sent: Any) -> dict[str, float]:
    """Every word of the headline and each pair of neighbouring words ("give_into"): headlines
    name the main event in few words, function words included ("backs down", "gives in")."""
    words = [t.lemma_.lower() for t in sent if t.is_alpha and t.pos_ not in {"DET", "PROPN"} and not t.ent_type_]
    feats = dict.fromkeys((f"h:{w}" for w in words), 1.0)
    feats.update(dict.fromkeys((f"hb:{a}_{b}" for a, b in itertools.pairwise(words)), 1.0))
    return feats


@lru_cache(maxsize=1)
def load_main_event_model() -> EventModel | None:
    """The shipped document-level model, or ``None`` if the package has none."""
    import json

    ref = resources.files("eventlens").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    return _parse(json.loads(ref.read_text("utf-8")))


def classify(model: EventModel, feats: dict[str, float]) -> MainEvent:
    """The main event the model reads from ``feats``."""
    probs = model.type_probs(feats)
    ranked = sorted(probs.items(), key=lambda kv: -kv[1])
    kind, confidence = ranked[0]
    modes = model.mode_probs(feats, kind)
    mode, mode_conf = max(modes.items(), key=lambda kv: kv[1]) if modes else ("", 0.0)
    return MainEvent(
        type=kind, mode=mode, confidence=round(confidence, 3), mode_confidence=round(mode_conf, 3),
        alternatives={k: round(p, 3) for k, p in ranked[1:4]},
    )  # fmt: skip


class MainEventClassifier:
    """Sets ``doc.main_event`` from the document's words and its coded events."""

    name = "coding.main_event"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.nlp", "doc.events")
    assigns = ("doc.main_event",)

    def __init__(self, settings: Settings | None = None, model: EventModel | None = None):
        self.settings = settings
        self.model = model if model is not None else load_main_event_model()

    def __call__(self, doc: Document) -> Document:
        if self.model is None or not doc.events:  # no coded event: the story reports none
            return doc
        doc.main_event = classify(self.model, document_features(doc))
        return doc


def training_stories() -> list[dict[str, Any]]:
    """The project's own labelled stories (``data/training/stories/*.jsonl``)."""
    import json

    folder = resources.files("eventlens").joinpath("data/training/stories")
    rows: list[dict[str, Any]] = []
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if ref.name.endswith(".jsonl"):
            rows += [json.loads(line) for line in ref.read_text("utf-8").splitlines() if line.strip()]
    return rows
