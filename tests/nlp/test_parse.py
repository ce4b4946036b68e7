"""The spaCy stage: sentences that respect line breaks, mentions with offsets, any pipeline."""

from __future__ import annotations

import pytest

from eventlens.config import Settings
from eventlens.errors import ModelNotFound
from eventlens.nlp.parse import SpacyParser, load_model


def test_parse_headline_does_not_run_into_the_body(parse):
    doc = parse("Rebels seize border town after clashes leave 15 dead\n\nSoldiers arrested 68 people in a raid.")
    assert [s.text for s in doc.sentences] == [
        "Rebels seize border town after clashes leave 15 dead",
        "Soldiers arrested 68 people in a raid.",
    ]


def test_parse_mentions_point_into_the_text(parse):
    text = "The Taliban met Pakistani officials in Doha on Tuesday."
    doc = parse(text)
    labels = {m.text: m.label for m in doc.mentions}
    assert labels.get("Doha") == "GPE"
    for mention in doc.mentions:
        assert text[mention.start : mention.end] == mention.text
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text


def test_parse_accepts_a_pipeline_path():
    nlp = load_model(Settings().model)
    parser = SpacyParser(Settings(model=str(nlp.path)))
    assert parser.nlp.meta["name"] == nlp.meta["name"]


def test_parse_unknown_pipeline_says_how_to_install_one():
    with pytest.raises(ModelNotFound, match=r"E002.*no_such_model.*pip install"):
        SpacyParser(Settings(model="no_such_model"))
