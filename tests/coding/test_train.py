"""Training the event-type model from the project's own sentences, and using it in the coder."""

from __future__ import annotations

import pytest

from eventlens.coding.detect import EventCoder
from eventlens.coding.model import EventModel, load_event_model
from eventlens.coding.train import load_examples, train, training_files


@pytest.fixture(scope="module")
def small_model(parser, tmp_path_factory) -> EventModel:
    examples = load_examples(training_files())
    by_type: dict[str, list] = {}
    for ex in examples:
        by_type.setdefault(ex["type"], []).append(ex)
    subset = [ex for rows in by_type.values() for ex in rows[:40]]
    model, report = train(parser.nlp, subset)
    assert report["held_out_type_accuracy"] > 0.8
    path = tmp_path_factory.mktemp("model") / "event_model.json"
    model.save(path)
    return load_event_model(path)


def test_train_covers_every_plover_type_and_none(small_model):
    classes = set(small_model.type_model.classes)
    assert "NONE" in classes and len(classes) == 17


def test_train_model_probabilities_are_normalised(small_model, parse):
    doc = parse("Security forces detained nine students in Harare on Monday.")
    from eventlens.coding.features import trigger_features

    trigger = next(t for t in doc.nlp if t.text == "detained")
    probs = small_model.type_probs(trigger_features(trigger))
    assert abs(sum(probs.values()) - 1) < 1e-6
    assert max(probs, key=probs.get) == "COERCE"


def test_train_coder_with_a_model_still_codes_and_drops(small_model, parse, settings):
    coder = EventCoder(settings, model=small_model)
    events = coder(parse("Police in Lima arrested 30 people after the march on Tuesday.")).events
    assert any(e.plover["type"] == "COERCE" for e in events)
    assert coder(parse("The weather in the capital was mild for the season.")).events == []
