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
