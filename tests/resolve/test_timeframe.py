"""event.timeframe: news of the day, still going on, background, or not yet happened."""

from __future__ import annotations

import pytest

from eventlens import extract


@pytest.mark.parametrize(
    ("text", "trigger", "timeframe"),
    [
        ("Gunmen attacked a police post in Quetta on Tuesday.", "attacked", "recent"),
        ("In 2009, militants bombed a hotel in Peshawar.", "bombed", "historical"),
        ("Rebels have been shelling the outskirts of Goma since January.", "shelling", "ongoing"),
        ("Troops are fighting Islamist insurgents across the north.", "fighting", "ongoing"),
        ("The army will withdraw its troops from the border next month.", "withdraw", "future"),
        ("The rebels could attack the airport before the rains.", "attack", "future"),
        ("Militants may have kidnapped the engineers last week.", "kidnapped", "recent"),
    ],
)
def test_timeframe(text, trigger, timeframe):
    doc = extract(text, date="2024-03-14")
    [event] = [e for e in doc.events if e.evidence.trigger.text == trigger]
    assert event.timeframe == timeframe, (event.factuality, event.date)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [("Defence ministers meet in Brussels on 15 February to discuss the eastern flank.", "discuss"),
     ("Colombian troops are to be deployed along the border next month.", "deployed"),
     ("Talks between the government and the rebels are due to begin in Caracas in March.", "Talks")],
)
def test_timeframe_not_yet_happened_is_planned(text, trigger):
    doc = extract(text, date="2024-02-10")
    [event] = [e for e in doc.events if e.evidence.trigger.text == trigger]
    assert (event.factuality, event.timeframe) == ("planned", "future")
    assert event.date.start >= "2024-02-10"  # a month without a year lies ahead for a plan
