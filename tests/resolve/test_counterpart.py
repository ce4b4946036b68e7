"""A statement made at a meeting is addressed to the other side of the meeting."""

from __future__ import annotations

from eventlens import extract

MEETING = (
    "A delegation of Kenya's foreign ministry met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Monday. "
    "The talks lasted three hours.\n"
    "Abiy Ahmed promised that a solution would be found."
)


def _promise(doc):
    [event] = [e for e in doc.events if e.evidence.trigger.text == "promised"]
    return event


def test_counterpart_statement_after_meeting_is_addressed_to_the_visitors():
    event = _promise(extract(MEETING))
    assert event.plover["type"] == "AGREE"
    assert [a.text for a in event.source] == ["Abiy Ahmed"]
    assert event.target and "Kenya" in event.target[0].text
    assert event.target[0].inferred and "meeting" in event.target[0].inferred
    assert event.location is not None and event.location.name == "Addis Ababa"


def test_counterpart_needs_the_speaker_at_the_meeting():
    text = MEETING.replace("Abiy Ahmed promised", "Somalia's president promised")
    event = _promise(extract(text))
    assert event.target == []
