"""The document's main event: the shipped model reads what a story as a whole reports."""

from __future__ import annotations

import pytest

from eventlens import extract
from eventlens.coding.main_event import load_main_event_model, training_stories
from eventlens.coding.train import story_features, train_main_event

PROTEST_STORY = (
    "Teachers walk out across Malawi over unpaid salaries\n\n"
    "LILONGWE (Reuters) - Thousands of public school teachers in Malawi walked off the job on Monday and "
    "marched to the education ministry, demanding three months of salary arrears.\n"
    "Classes were suspended in most districts. \"We will not go back until we are paid,\" a union leader said.\n"
    "The government said it was reviewing the payroll after an audit last year."
)

ARREST_STORY = (
    "Police detain opposition leader ahead of Harare rally\n\n"
    "HARARE, Zimbabwe (AP) - Zimbabwean police arrested the leader of the main opposition party at his home "
    "on Saturday, hours before a rally he had called in the capital, his lawyer said.\n"
    "Officers also searched the party's offices and seized computers. The party condemned the arrest."
)


@pytest.mark.parametrize(("text", "kind"), [(PROTEST_STORY, "PROTEST"), (ARREST_STORY, "COERCE")])
def test_main_event_of_a_story(text, kind):
    assert load_main_event_model() is not None, "the package ships data/models/main_event.json"
    doc = extract(text)
    assert doc.main_event is not None and doc.main_event.type == kind
    assert 0 < doc.main_event.confidence <= 1
    assert doc.to_dict()["main_event"]["type"] == kind


def test_main_event_mode_comes_from_the_story():
    doc = extract(ARREST_STORY)
    assert doc.main_event.mode == "arrest"


def test_main_event_none_for_a_text_without_events():
    doc = extract("Weather\n\nSunny spells are expected across the north on Thursday, with light winds.")
    assert doc.main_event is None


def test_main_event_training_on_the_projects_stories_learns_them():
    stories = training_stories()
    assert len({s["type"] for s in stories}) == 16
    subset = [s for i, s in enumerate(stories) if i % 4 == 0]
    model, report = train_main_event(subset, story_features(subset))
    assert report["stories"] == len(subset) and report["held_out_type_accuracy"] > 0.5
    assert set(model.type_model.classes) == {s["type"] for s in subset}
