"""Factuality and attribution: did it happen, and who says so."""

from __future__ import annotations

import re

import pytest

from eventlens.model import FACTUALITY, Document, Event, Evidence, Span
from eventlens.resolve.factuality import FactualityTagger, factuality_cues, is_wish_or_worry


def _event(doc: Document, trigger: str) -> Event:
    match = re.search(rf"\b{re.escape(trigger)}\b", doc.text)
    assert match is not None
    sent = doc.sentence_of(match.start())
    assert sent is not None
    event = Event(
        plover={"type": "ASSAULT", "mode": "", "context": []},
        cameo="190",
        acled={"event_type": None, "sub_event_type": None},
        evidence=Evidence(sent.text, sent.start, sent.end, Span(trigger, match.start(), match.end())),
        sentence_index=sent.index,
    )
    doc.events.append(event)
    return event


def _token(doc: Document, trigger: str):
    match = re.search(rf"\b{re.escape(trigger)}\b", doc.text)
    assert match is not None
    return doc.nlp.char_span(match.start(), match.end(), alignment_mode="expand").root


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Police arrested five men in Mombasa on Tuesday.", "arrested", "asserted"),
        ("Insurgents overran a military outpost near Palma.", "overran", "asserted"),
        ("Troops did not fire on the crowd in Khartoum.", "fire", "negated"),
        ("Police never charged the officers involved in the shooting.", "charged", "negated"),
        ("Police in Harare said no one was arrested.", "arrested", "negated"),
        ("No arrests were made after the clashes in Beirut.", "arrests", "negated"),
        ("The army denied that it had shelled the village.", "shelled", "negated"),
        ("Government forces failed to retake the town from the rebels.", "retake", "negated"),
        ("Security forces foiled a plot to bomb the embassy in Nairobi.", "bomb", "negated"),
        ("One option is to have the fighters redeployed to Libya.", "redeployed", "hypothetical"),
        ("The fighters could also join a paramilitary force in Iraq.", "join", "hypothetical"),
        ("If talks collapse, the army might resume its offensive in Idlib.", "offensive", "hypothetical"),
        ("Tehran has proposed sending the volunteers to Yemen.", "sending", "hypothetical"),
        ("Opposition leaders called for protests across Bamako on Friday.", "protests", "hypothetical"),
        ("Authorities fear that militants will attack polling stations.", "attack", "hypothetical"),
        ("The rebels plan to withdraw from Kidal next month.", "withdraw", "planned"),
        ("The group intends to stage a march in Kampala.", "march", "planned"),
        ("The army is set to withdraw from the border region.", "withdraw", "planned"),
        ("The government is expected to lift the curfew in Addis Ababa.", "lift", "planned"),
        ("A general strike is scheduled for Monday in Lagos.", "strike", "planned"),
        ("The army will hold a parade in Naypyidaw on Sunday.", "parade", "planned"),
        ("Troops were deployed to retake the airport in Mekelle.", "retake", "planned"),
        ("Police dismantled a cell of six men suspected of planning bombings in Karachi.", "bombings", "planned"),
        ("Police dismantled a cell of six men suspected of planning bombings in Karachi.", "dismantled",
         "asserted"),
        ("The rebels allegedly executed three aid workers near Goma.", "executed", "alleged"),
        ("The commander was accused of ordering the massacre of 40 villagers.", "massacre", "alleged"),
        ("Two officers are suspected of torturing detainees in Kandahar.", "torturing", "alleged"),
        ("The militia is said to have recruited hundreds of teenagers.", "recruited", "reported"),
        ("Rebels are believed to have executed the prisoners.", "executed", "reported"),
        ("Only a few fighters have reportedly accepted the new posting.", "accepted", "reported"),
        ("Rebels shot down a helicopter, according to unconfirmed reports.", "shot", "reported"),
        ("Police could not confirm that the gunmen had killed the hostages.", "killed", "reported"),
        ('The minister promised that "the fighters will be resettled within a year".', "resettled", "planned"),
        ('The minister promised that "the fighters will be resettled within a year".', "promised", "asserted"),
        ("Officials said they would investigate the arrest of five journalists.", "arrest", "asserted"),
        ("Many of the recruits hope to rejoin their families in Herat.", "rejoin", "hypothetical"),
        ("Baghdad would prefer that the militiamen not return to Iraq.", "return", "hypothetical"),
    ],
)
def test_factuality_tagger_values(parse, text, trigger, expected):
    doc = parse(text, "2021-08-18")
    event = _event(doc, trigger)
    FactualityTagger()(doc)
    assert event.factuality == expected
    assert event.factuality in FACTUALITY


def test_factuality_plot_keeps_both_cues_and_picks_planned(parse):
    doc = parse("Police dismantled a cell of six men suspected of planning bombings in Karachi.")
    assert factuality_cues(_token(doc, "bombings")) == {"alleged", "planned"}


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        ("Gunmen abducted 14 pupils in Kaduna, according to a police spokesman.", "abducted",
         "a police spokesman"),
        ("A spokesman for the regional government told reporters that troops had retaken the town.",
         "retaken", "A spokesman for the regional government"),
        ("Militants ambushed a patrol near Tillaberi, killing seven soldiers, the army said.", "ambushed",
         "the army"),
        ("Militants ambushed a patrol near Tillaberi, killing seven soldiers, the army said.", "killing",
         "the army"),
        ("Rebels shot down a helicopter, according to unconfirmed reports.", "shot", "unconfirmed reports"),
        ("Police in Harare said no one was arrested.", "arrested", "Police in Harare"),
        ('The minister promised that "the fighters will be resettled within a year".', "resettled",
         "The minister"),
        ("Police arrested five men in Mombasa on Tuesday.", "arrested", None),
    ],
)
def test_factuality_attribution(parse, text, trigger, source):
    doc = parse(text)
    event = _event(doc, trigger)
    FactualityTagger()(doc)
    assert event.attribution == source


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Baghdad would prefer that the militiamen remain in Syria.", "remain", True),
        ("Many of the recruits hope to rejoin their families in Herat.", "rejoin", True),
        ("Kenyan intelligence is keen to disrupt the group's financing networks.", "disrupt", True),
        ("Tunisian officials are worried about returning jihadists who fought in Libya.", "returning", True),
        ("Tunisian officials are worried about returning jihadists who fought in Libya.", "fought", False),
        ("Authorities fear that militants will attack polling stations.", "attack", True),
        ("Residents want the army to leave the district.", "leave", True),
        ("Police arrested five men in Mombasa on Tuesday.", "arrested", False),
        ("The army shelled rebel positions near Idlib.", "shelled", False),
        ("Officials said the militants wanted revenge and attacked a checkpoint.", "attacked", False),
    ],
)
def test_factuality_is_wish_or_worry(parse, text, trigger, expected):
    doc = parse(text)
    assert is_wish_or_worry(_token(doc, trigger)) is expected


def test_factuality_tagger_declares_stage_contract(settings):
    stage = FactualityTagger(settings)
    assert stage.name == "resolve.factuality"
    assert stage.requires == ("doc.events", "doc.nlp")
    assert stage.assigns == ("event.factuality", "event.attribution")
