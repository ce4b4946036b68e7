"""Quantities: number phrases, and which numbers describe which event."""

from __future__ import annotations

import re

import pytest

from eventlens.model import Document, Event, Evidence, Span
from eventlens.resolve.quantities import QuantityResolver, parse_number, parse_quantity

ARREST = ("COERCE", "arrest", "173")
ATTACK = ("ASSAULT", "firearms", "190")
ABDUCT = ("ASSAULT", "abduct", "181")
PROTEST = ("PROTEST", "demo", "141")


def _event(doc: Document, trigger: str, codes: tuple[str, str, str] = ARREST) -> Event:
    match = re.search(rf"\b{re.escape(trigger)}\b", doc.text)
    assert match is not None
    sent = doc.sentence_of(match.start())
    assert sent is not None
    event = Event(
        plover={"type": codes[0], "mode": codes[1], "context": []},
        cameo=codes[2],
        acled={"event_type": None, "sub_event_type": None},
        evidence=Evidence(sent.text, sent.start, sent.end, Span(trigger, match.start(), match.end())),
        sentence_index=sent.index,
    )
    doc.events.append(event)
    return event


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("300", (300, 300, False)),
        ("5,000 to 7,000", (5000, 7000, False)),
        ("between 5,000 and 7,000", (5000, 7000, False)),
        ("5-7", (5, 7, False)),
        ("some 300", (300, 300, True)),
        ("about 2,000", (2000, 2000, True)),
        ("around a thousand", (1000, 1000, True)),
        ("nearly 300", (300, 300, True)),
        ("an estimated 10,000", (10000, 10000, True)),
        ("at least 12", (12, None, False)),
        ("more than 20", (20, None, False)),
        ("up to 20", (None, 20, False)),
        ("dozens", (24, 99, True)),
        ("hundreds", (200, 999, True)),
        ("thousands", (2000, 9999, True)),
        ("tens of thousands", (20000, 99999, True)),
        ("a handful", (3, 5, True)),
        ("several", (3, 7, True)),
        ("two or three", (2, 3, True)),
        ("seven", (7, 7, False)),
        ("twenty-one", (21, 21, False)),
        ("three hundred and fifty", (350, 350, False)),
        ("1.5 million", (1_500_000, 1_500_000, False)),
        ("5 to 7 million", (5_000_000, 7_000_000, False)),
        ("a thousand", (1000, 1000, False)),
    ],
)
def test_quantities_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["the", "fighters", "some", ""])
def test_quantities_parse_number_rejects_words(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "per"),
    [
        ("$300 to $500 per month", 300, 500, "USD", "month"),
        ("$1.5 million", 1_500_000, 1_500_000, "USD", None),
        ("5,000 dollars a week", 5000, 5000, "USD", "week"),
        ("€20 million", 20_000_000, 20_000_000, "EUR", None),
    ],
)
def test_quantities_parse_money(text, low, high, unit, per):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.unit, quantity.per) == (low, high, unit, per)


@pytest.mark.parametrize(
    ("text", "trigger", "codes", "expected"),
    [
        ("Punjab police dismantled a cell of five militants in Multan.",
         "dismantled", ARREST, [("arrested", 5, 5, False)]),
        ("The crackdown ended with the arrest of some 250 returning fighters.",
         "arrest", ARREST, [("arrested", 250, 250, True)]),
        ("Gunmen attacked a bus in Plateau State, killing 12 passengers and wounding five others.",
         "attacked", ATTACK, [("killed", 12, 12, False), ("injured", 5, 5, False)]),
        ("A roadside bomb killed nine soldiers in Helmand.",
         "bomb", ATTACK, [("killed", 9, 9, False)]),
        ("Riot police arrested dozens of protesters in Minsk.",
         "arrested", ARREST, [("arrested", 24, 99, True)]),
        ("About 2,000 demonstrators rallied outside parliament in Caracas.",
         "rallied", PROTEST, [("participants", 2000, 2000, True)]),
        ("Bandits abducted more than 20 students from a boarding school in Zamfara.",
         "abducted", ABDUCT, [("abducted", 20, None, False)]),
        ("Renewed fighting displaced an estimated 15,000 people in North Kivu.",
         "displaced", ("ASSAULT", "", "190"), [("displaced", 15000, 15000, True)]),
        ("Up to 30 villagers were kidnapped overnight in Sokoto.",
         "kidnapped", ABDUCT, [("abducted", None, 30, False)]),
        ("Police detained a handful of activists outside the election commission.",
         "detained", ARREST, [("arrested", 3, 5, True)]),
        ("The ambush left 14 dead and 30 wounded.",
         "ambush", ATTACK, [("killed", 14, 14, False), ("injured", 30, 30, False)]),
        ("Officials discussed the demobilization of the 4,000 to 6,000 fighters.",
         "demobilization", ("RETREAT", "disarm", "087"), [("group strength", 4000, 6000, False)]),
        ("A 300-strong militia stormed the town.",
         "stormed", ATTACK, [("group strength", 300, 300, False)]),
        ("Twenty-one miners were taken hostage by armed men in Zamfara.",
         "taken", ABDUCT, [("abducted", 21, 21, False)]),
        ("The clashes left 1.5 million people displaced.",
         "clashes", ATTACK, [("displaced", 1_500_000, 1_500_000, False)]),
        ("Twelve people were killed when gunmen attacked a bus.",
         "attacked", ATTACK, [("killed", 12, 12, False)]),
        ("Soldiers seized 300 rifles and arrested 12 smugglers.",
         "arrested", ARREST, [("arrested", 12, 12, False)]),
        ("Turnout fell by 40 percent after troops detained 60 opposition supporters.",
         "detained", ARREST, [("arrested", 60, 60, False)]),
        ("The unrest prompted a sweeping police raid in Quetta in early May and the arrest of some 250 "
         "militiamen.", "raid", ARREST, [("arrested", 250, 250, True)]),
        # never to a neighbour: numbers of another clause stay out
        ("Police raided a house in Lahore, days after the arrest of 12 men in Karachi.", "raided", ARREST, []),
        ("Troops arrested seven men who had killed three guards.",
         "arrested", ARREST, [("arrested", 7, 7, False)]),
        ("Police arrested five men after gunmen killed three guards.",
         "arrested", ARREST, [("arrested", 5, 5, False)]),
        ("Security forces rounded up nearly 300 suspects after the blast, which killed four people.",
         "blast", ATTACK, [("killed", 4, 4, False)]),
        ("Security forces rounded up nearly 300 suspects after the blast, which killed four people.",
         "rounded", ARREST, [("arrested", 300, 300, True)]),
        ("Police arrested the leader of a 400-strong militia in Quetta.", "arrested", ARREST, []),
        ("Police in Dhaka arrested a 25-year-old man at 3 pm on Tuesday, the second arrest in 2021.",
         "arrested", ARREST, []),
        ("Police seized 300 pounds of explosives in a raid in Kandahar.",
         "seized", ("COERCE", "seize", "171"), []),
    ],
)
def test_quantities_resolver_attaches_numbers_that_describe_event(parse, text, trigger, codes, expected):
    doc = parse(text, "2021-08-18")
    event = _event(doc, trigger, codes)
    QuantityResolver()(doc)
    got = [(q.role, q.low, q.high, q.approximate) for q in event.quantities]
    assert got == expected
    for quantity in event.quantities:
        assert doc.text[quantity.start : quantity.end] == quantity.text
        assert quantity.unit == "people"


def test_quantities_resolver_payment_with_rate(parse):
    doc = parse("Only a few recruits have accepted the posting, for which they receive $200 to $400 per month.")
    event = _event(doc, "posting", ("MOBILIZE", "militia", "154"))
    QuantityResolver()(doc)
    [payment] = event.quantities
    assert (payment.role, payment.low, payment.high) == ("payment", 200, 400)
    assert (payment.unit, payment.per, payment.text) == ("USD", "month", "$200 to $400 per month")


def test_quantities_resolver_declares_stage_contract(settings):
    stage = QuantityResolver(settings)
    assert stage.name == "resolve.quantities"
    assert stage.requires == ("doc.events", "doc.nlp") and stage.assigns == ("event.quantities", "doc.actor_facts")
