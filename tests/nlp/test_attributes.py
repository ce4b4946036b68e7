"""The indexed attribute ruler gives exactly what spaCy's attribute ruler gives."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from eventlens.config import Settings
from eventlens.nlp.attributes import IndexedAttributeRuler, fast_components, run_pipeline
from eventlens.nlp.parse import load_model

from ..conftest import EXAMPLES


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_annotations_as_spacy_on_the_bundled_examples():
    nlp = load_model(Settings().model)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("I gotta say y'all ain't seen nothin' yet: there's a deal, isn't there? Let's go, c'mon.")
    fast = fast_components(nlp)
    assert set(fast) == {"attribute_ruler"}
    expected = [_annotations(d) for d in nlp.pipe(texts, disable=["ner"])]
    got = [_annotations(d) for d in run_pipeline(nlp, texts, 16, ["ner"], fast)]
    assert sum(len(d) for d in got) > 2000
    assert got == expected


@pytest.fixture()
def blank():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "attack"}]], {"POS": "VERB", "LEMMA": "strike"})  # later: wins over the first
    ruler.add([[{"TAG": {"IN": ["VBD", "VBN"]}, "DEP": {"NOT_IN": ["amod", ""]}}]], {"MORPH": "Tense=Past"})
    ruler.add([[{"LOWER": {"REGEX": "^gun"}}]], {"LEMMA": "gun"})
    ruler.add([[{"LOWER": "car"}, {"LOWER": "bomb"}]], {"POS": "PROPN"}, index=-1)  # second token
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], {"POS": "ADJ"}, index=-1)  # Matcher
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE"})
    ruler.add([[{"TAG": "NN", "LOWER": "bomb"}]], {"LEMMA": "explosive"})
    if not Token.has_extension("flagged"):
        Token.set_extension("flagged", default=False)
    ruler.add([[{"LOWER": "raid"}]], {"_": {"flagged": True}})
    return nlp, ruler


def _doc(nlp, words, tags, deps):
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


def test_same_as_spacy_for_every_kind_of_pattern(blank):
    nlp, ruler = blank
    words = ["Gunmen", "attack", "a", "car", "bomb", "raid", "very", "very", "big", "\n", "attacked", "attacked"]
    tags = ["NNS", "NN", "DT", "NN", "NN", "NN", "RB", "RB", "JJ", "_SP", "VBD", "VBD"]
    deps = ["nsubj", "ROOT", "det", "compound", "dobj", "dobj", "advmod", "advmod", "amod", "dep", "conj", "amod"]
    expected, got = _doc(nlp, words, tags, deps), _doc(nlp, words, tags, deps)
    ruler(expected)
    IndexedAttributeRuler(ruler)(got)
    assert _annotations(got) == _annotations(expected)
    assert [t._.flagged for t in got] == [t._.flagged for t in expected]
    by_word = {t.text: t for t in got}
    assert (by_word["attack"].pos_, by_word["attack"].lemma_) == ("VERB", "strike")
    assert by_word["bomb"].pos_ == "PROPN" and by_word["bomb"].lemma_ == "explosive"
    assert by_word["big"].pos_ == "ADJ" and by_word["Gunmen"].lemma_ == "gun" and by_word["raid"]._.flagged
    assert [str(t.morph) for t in got[-2:]] == ["Tense=Past", ""]
