"""Train the event-type model from the project's own sentences (``data/training/*.jsonl``).

    python -m eventlens.coding.train            # writes src/eventlens/data/models/event_model.json

Each training line is ``{"text", "trigger", "type", "mode", "source", "target"}``; ``type``
``NONE`` marks sentences with no political event (every candidate word in them is a
negative). Training uses scikit-learn (``pip install 'eventlens[train]'``); running the
shipped model needs only numpy. The temperature that calibrates confidence is fitted on a
held-out fifth of the data.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from .features import trigger_features
from .model import NONE, EventModel, LinearModel

REPORTING = {"say", "tell", "add", "report", "state", "note", "explain", "write", "quote", "accord"}
PACKAGE_MODEL = Path(__file__).resolve().parent.parent / "data" / "models" / "event_model.json"
MAIN_EVENT_MODEL = PACKAGE_MODEL.with_name("main_event.json")


SENTENCE_FOLDERS = ("data/training", "data/training/news")
"""Labelled sentences: templated ones (``data/training``) and news-style ones (``news/``)."""


def training_files() -> list[Path]:
    files: list[Path] = []
    for name in SENTENCE_FOLDERS:
        folder = resources.files("eventlens").joinpath(name)
        files += sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".jsonl"))
    return files


def load_examples(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def is_candidate(tok: Token) -> bool:
    """Words that can trigger an event: content verbs and nouns."""
    return tok.pos_ in {"VERB", "NOUN"} and tok.is_alpha and len(tok.text) > 2


def _trigger_token(doc: Any, text: str, trigger: str) -> Token | None:
    start = text.find(trigger)
    if start < 0:
        return None
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    if span is None:
        return None
    heads = [t for t in span if t.pos_ in {"VERB", "NOUN"}]
    return heads[0] if heads else span.root


def featurise(nlp: Any, examples: list[dict[str, Any]]) -> list[tuple[list[str], str, str]]:
    """(features, type label, mode label) rows: triggers, plus negatives from NONE sentences."""
    rows: list[tuple[list[str], str, str]] = []
    for ex, doc in zip(examples, nlp.pipe(ex["text"] for ex in examples), strict=True):
        if ex["type"] == NONE:
            rows += [(trigger_features(t), NONE, "") for t in doc if is_candidate(t)]
            continue
        tok = _trigger_token(doc, ex["text"], ex["trigger"])
        if tok is None:
            continue
        rows.append((trigger_features(tok), ex["type"], f"{ex['type']}/{ex.get('mode') or ''}"))
        rows += [(trigger_features(t), NONE, "") for t in doc if t.lemma_.lower() in REPORTING and t.i != tok.i]
    return rows


Features = list[str] | dict[str, float]


def _fit(rows: list[tuple[Features, str]], c: float, balanced: bool = False) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f if isinstance(f, dict) else dict.fromkeys(f, 1) for f, _ in rows])
    y = [label for _, label in rows]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    classes = [str(c) for c in clf.classes_]
    coef = clf.coef_ if len(classes) > 2 else [[-w for w in clf.coef_[0]], list(clf.coef_[0])]
    bias = list(clf.intercept_) if len(classes) > 2 else [-clf.intercept_[0], clf.intercept_[0]]
    weights: dict[str, dict[int, float]] = {}
    for j, name in enumerate(vec.feature_names_):
        col = {i: float(coef[i][j]) for i in range(len(classes)) if abs(coef[i][j]) >= 0.02}
        if col:
            weights[name] = col
    return LinearModel(classes, [float(b) for b in bias], weights)


def _fit_temperature(model: LinearModel, rows: list[tuple[Features, str]]) -> float:
    """The temperature minimising held-out negative log-likelihood (grid search)."""
    best, best_t = math.inf, 1.0
    for t in [0.25, 0.35, 0.5, 0.7, 0.85, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0]:
        model.temperature = t
        nll = -sum(math.log(max(model.predict(f).get(y, 1e-9), 1e-9)) for f, y in rows)
        if nll < best:
            best, best_t = nll, t
    return best_t


def train(nlp: Any, examples: list[dict[str, Any]], c: float = 2.0, seed: int = 13) -> tuple[EventModel, dict]:
    """Fit both heads; returns the model and held-out scores."""
    rows = featurise(nlp, examples)
    rng = random.Random(seed)
    rng.shuffle(rows)
    cut = len(rows) // 5
    held, fit = rows[:cut], rows[cut:]
    type_rows = [(f, t) for f, t, _ in fit]
    type_model = _fit(type_rows, c)
    held_type = [(f, t) for f, t, _ in held]
    type_model.temperature = _fit_temperature(type_model, held_type)
    accuracy = sum(max(type_model.predict(f).items(), key=lambda kv: kv[1])[0] == y for f, y in held_type)
    mode_rows = [(f, m) for f, _, m in fit if m]
    mode_model = _fit(mode_rows, c)
    held_mode = [(f, m) for f, _, m in held if m]
    mode_hits = sum(max(mode_model.predict(f).items(), key=lambda kv: kv[1])[0] == m for f, m in held_mode)
    report = {"rows": len(rows), "held_out_type_accuracy": round(accuracy / max(len(held_type), 1), 4),
              "held_out_mode_accuracy": round(mode_hits / max(len(held_mode), 1), 4),
              "temperature": type_model.temperature}  # fmt: skip
    # refit on everything for the shipped model, keeping the fitted temperature
    final_type = _fit([(f, t) for f, t, _ in rows], c)
    final_type.temperature = type_model.temperature
    final_mode = _fit([(f, m) for f, _, m in rows if m], c)
    meta = {"trained_on": [p.name for p in training_files()], "examples": len(examples), **report, "C": c}
    return EventModel(final_type, final_mode, meta), report


def story_features(stories: list[dict[str, Any]], settings: Any = None) -> list[dict[str, float]]:
    """Main-event features of each story (``title``, ``text``), run through the pipeline's stages
    up to the main-event classifier."""
    from ..model import Document
    from ..pipeline import default_stages
    from .main_event import MainEventClassifier, document_features

    stages = default_stages(settings)
    stages = stages[: [isinstance(s, MainEventClassifier) for s in stages].index(True)]
    feats = []
    for i, story in enumerate(stories):
        doc = Document(id=f"train-{i}", text=f"{story['title']}\n\n{story['text']}", title=story["title"])
        for stage in stages:
            stage(doc)
        feats.append(document_features(doc))
    return feats


def train_main_event(
    stories: list[dict[str, Any]], feats: list[dict[str, float]], c: float = 1.0, seed: int = 13
) -> tuple[EventModel, dict]:
    """Fit the document-level type and mode heads on labelled stories (classes balanced)."""
    rows = [(f, s["type"], f"{s['type']}/{s.get('mode') or ''}") for f, s in zip(feats, stories, strict=True)]
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    cut = len(rows) // 5
    held, fit = [rows[i] for i in order[:cut]], [rows[i] for i in order[cut:]]
    probe = _fit([(f, t) for f, t, _ in fit], c, balanced=True)
    held_type = [(f, t) for f, t, _ in held]
    temperature = _fit_temperature(probe, held_type)
    hits = sum(max(probe.predict(f).items(), key=lambda kv: kv[1])[0] == y for f, y in held_type)
    type_model = _fit([(f, t) for f, t, _ in rows], c, balanced=True)
    type_model.temperature = temperature
    mode_model = _fit([(f, m) for f, _, m in rows if not m.endswith("/")], c)
    report = {"stories": len(rows), "held_out_type_accuracy": round(hits / max(len(held_type), 1), 4),
              "temperature": temperature}  # fmt: skip
    meta = {"trained_on": "data/training/stories", **report, "C": c}
    return EventModel(type_model, mode_model, meta), report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=PACKAGE_MODEL)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the eventlens default)")
    parser.add_argument("-C", type=float, default=None, help="inverse regularisation strength")
    parser.add_argument("--main-event", action="store_true", help="train the document-level main-event model")
    args = parser.parse_args(argv)
    from ..config import Settings
    from ..nlp.parse import load_model

    if args.main_event:
        from .main_event import training_stories

        out = args.out if args.out != PACKAGE_MODEL else MAIN_EVENT_MODEL
        stories = training_stories()
        model, report = train_main_event(stories, story_features(stories, Settings()), c=args.C or 1.0)
        model.save(out)
        print(json.dumps({"out": str(out), **report}))
        return
    nlp = load_model(args.model or Settings().model)
    model, report = train(nlp, load_examples(training_files()), c=args.C or 2.0)
    model.save(args.out)
    print(json.dumps({"out": str(args.out), **report}))


if __name__ == "__main__":  # pragma: no cover
    main()
