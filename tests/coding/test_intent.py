"""Statements of intent become AGREE, refusals REJECT; plans stay planned."""

from __future__ import annotations

import pytest

from eventlens import extract


def _by_trigger(text, trigger):
    return [e for e in extract(text).events if e.evidence.trigger.text == trigger]


def test_intent_announced_meeting_is_an_agreement_to_meet():
    [event] = _by_trigger("Turkish President Recep Tayyip Erdogan will meet Russian President Vladimir Putin "
                          "in Sochi next week.", "meet")  # fmt: skip
    assert (event.plover["type"], event.cameo) == ("AGREE", "036")
    assert event.factuality == "asserted" and "intent" in event.factuality_cues
    assert event.target and "Putin" in event.target[0].text


def test_intent_a_plan_is_not_a_commitment():
    [event] = _by_trigger("The government plans to hold talks with the rebels in Geneva.", "talks")
    assert event.plover["type"] == "CONSULT" and event.factuality == "planned"


@pytest.mark.parametrize(
    ("text", "trigger", "mode", "cameo"),
    [
        ("The dockworkers' union said it will not end the strike until wages rise.", "end", "yield", "124"),
        ("The junta will not release the detained journalists, a spokesman said.", "release", "yield", "1243"),
        ("The opposition did not attend the talks in Nairobi on Monday.", "attend", "meet", "125"),
    ],
)
def test_intent_refusal_of_a_concession_or_meeting_is_reject(text, trigger, mode, cameo):
    [event] = _by_trigger(text, trigger)
    assert (event.plover["type"], event.plover["mode"], event.cameo[: len(cameo)]) == ("REJECT", mode, cameo)
    assert event.factuality == "asserted" and "refusal" in event.factuality_cues


def test_intent_refusal_verb_keeps_the_refused_act_as_its_content():
    events = extract("Hungary's prime minister refused to meet the EU delegation.").events
    [refusal] = [e for e in events if e.plover["type"] == "REJECT"]
    assert refusal.evidence.trigger.text == "refused"
    assert [a.text for a in refusal.target] == ["the EU delegation"]
    [meeting] = [e for e in events if e.evidence.trigger.text == "meet"]
    assert meeting.factuality == "negated" and meeting.confidence < refusal.confidence


def test_intent_negated_violence_is_not_a_refusal():
    [event] = _by_trigger("Police did not arrest anyone at the rally.", "arrest")
    assert event.plover["type"] == "COERCE" and event.factuality == "negated"
