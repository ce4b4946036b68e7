"""The cheap first pass: only sentences that can hold an event are parsed, and nothing is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventlens.api import get_pipeline
from eventlens.config import Settings
from eventlens.model import Document
from eventlens.nlp.cascade import TriggerFilter, rough_sentences
from eventlens.nlp.parse import load_model

STORY = (
    "Militants attack police post in Peshawar\n\n"
    "PESHAWAR, Pakistan - Gunmen attacked a police post in Peshawar on Monday, killing three officers.\n"
    "The city has grown quickly since the 1980s. Shares in local firms rose 2% in Karachi.\n"
    "Its markets stay busy at night. The weather in Lahore was mild.\n"
    "Police arrested 12 suspects in Nowshera on Tuesday, officials said.\n"
    "Later, they released four of them without charge."
)


@pytest.fixture(scope="module")
def nlp():
    return load_model(Settings().model)


def _events(doc: Document) -> list[tuple]:
    return [(e.evidence.trigger.text, e.plover["type"], tuple(a.name or a.text for a in e.source),
             tuple(a.name or a.text for a in e.target), e.location.name if e.location else None,
             e.date.start if e.date else None, e.factuality) for e in doc.events]  # fmt: skip


def test_first_pass_gives_the_events_of_the_full_parse():
    cascade = get_pipeline(Settings())(Document(id="s", text=STORY, date="2024-03-06"))
    full = get_pipeline(replace(Settings(), full_parse=True))(Document(id="s", text=STORY, date="2024-03-06"))
    assert _events(cascade) == _events(full)
    assert {e[1] for e in _events(cascade)} >= {"ASSAULT", "COERCE"}


def test_sentences_without_a_trigger_are_not_parsed(parser, nlp):
    from eventlens.nlp.cascade import cascade_pipe

    parsed = next(cascade_pipe(nlp, [STORY], TriggerFilter(nlp)))
    assert parsed.text == STORY  # offsets are the text's
    unparsed = [s.text.strip() for s in parsed.sents if not s[0].pos_]
    assert "The weather in Lahore was mild." in unparsed
    assert "Shares in local firms rose 2% in Karachi." in unparsed
    assert not any("arrested" in s or "attacked" in s for s in unparsed)


def test_unparsed_sentences_still_count_their_places_for_the_story():
    doc = get_pipeline(Settings())(Document(id="s", text=STORY, date="2024-03-06"))
    looked_up = {m.text: m.label for m in doc.mentions}
    assert looked_up.get("Lahore") == "GPE"  # from a sentence the entity recogniser did not read
    assert looked_up.get("Karachi") == "GPE"


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("Troops pounded rebel positions overnight.", True),
        ("The pound fell against the dollar.", False),
        ("The two sides held talks in Doha.", True),
        ("The company held its annual meeting.", True),
        ("The museum holds paintings from the 1800s.", False),
        ("The rally is planned for March.", True),
        ("Rebels agreed to a cease-fire.", True),
        ("The weather was mild and sunny.", False),
    ],
)
def test_trigger_filter_reads_words_and_their_required_objects(nlp, sentence, holds):
    doc = nlp.make_doc(sentence)
    assert TriggerFilter(nlp).can_hold_event(doc[:]) is holds


def test_rough_sentences_do_not_split_abbreviations(nlp):
    doc = nlp.make_doc("Mr. Khan met U.S. officials. They talked.\nNext line")
    texts = [doc[a:b].text.strip() for a, b in rough_sentences(doc)]
    assert texts == ["Mr. Khan met U.S. officials.", "They talked.", "Next line"]
