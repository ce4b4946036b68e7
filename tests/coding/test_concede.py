"""A promised retreat is a concession (PLOVER CONCEDE), a retreat that happened stays RETREAT."""

from __future__ import annotations

import pytest

from eventlens import extract


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army agreed to withdraw its troops from the border town next week.", "CONCEDE"),
        ("The junta pledged to release the detained journalists.", "CONCEDE"),
        ("The junta plans to release the detained journalists.", "RETREAT"),  # a plan, not a promise
        ("Rebels released 12 hostages in Gao on Sunday.", "RETREAT"),
        ("Turkish troops withdrew from the village on Monday.", "RETREAT"),
    ],
)
def test_concede_promise_versus_retreat(sentence, expected, settings):
    types = [e.plover["type"] for e in extract(sentence, date="2024-05-06", settings=settings).events]
    assert expected in types
    assert ("RETREAT" in types) == (expected == "RETREAT")
