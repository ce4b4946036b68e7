"""Event detection and roles on sentences we wrote, with the real spaCy model."""

from __future__ import annotations

import pytest

from eventlens.coding.detect import EventCoder


@pytest.fixture(scope="module")
def code(parse, settings):
    coder = EventCoder(settings)

    def _code(text: str):
        return coder(parse(text)).events

    return _code


def _one(events, plover_type):
    found = [e for e in events if e.plover["type"] == plover_type]
    assert found, f"no {plover_type} event in {[e.plover for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "plover", "cameo", "source", "target"),
    [
        ("Kenyan police arrested twelve suspects in Mombasa on Friday.", ("COERCE", "arrest"), "173",
         "Kenyan police", "twelve suspects"),
        ("The army detained a local commander of the militia near Goma.", ("COERCE", "arrest"), "173",
         "The army", "a local commander of the militia"),
        ("Three journalists were detained by security forces in Harare.", ("COERCE", "arrest"), "173",
         "security forces", "Three journalists"),
        ("Gunmen abducted 40 schoolchildren from a village in Zamfara state.", ("ASSAULT", "abduct"), "181",
         "Gunmen", "40 schoolchildren"),
        ("The foreign minister of Qatar met with Hamas leaders in Doha.", ("CONSULT", ""), "040",
         "The foreign minister of Qatar", "Hamas leaders"),
        ("Turkey has pulled its soldiers out of the border town.", ("RETREAT", "withdraw"), "0874",
         "Turkey", None),
        ("Thousands of teachers protested in Nairobi against unpaid salaries.", ("PROTEST", "demo"), "141",
         "Thousands of teachers", None),
    ],
)  # fmt: skip
def test_detect_codes_type_and_roles(code, sentence, plover, cameo, source, target):
    event = _one(code(sentence), plover[0])
    assert (event.plover["type"], event.plover["mode"]) == plover
    assert event.cameo == cameo
    assert source in [a.text for a in event.source]
    if target:
        assert target in [a.text for a in event.target]


def test_detect_nominal_trigger_takes_compound_as_source(code):
    event = _one(code("A night-time army raid in the district led to the arrest of 25 men."), "COERCE")
    texts = [a.text for a in event.source + event.target]
    assert "army" in texts
    assert "25 men" in texts


def test_detect_coordinated_subjects_are_kept_as_a_list(code):
    event = _one(code("Ethiopia and Eritrea signed a peace agreement in Riyadh."), "SUPPORT")
    assert [a.text for a in event.source] == ["Ethiopia", "Eritrea"]


def test_detect_conjoined_verbs_share_subject_and_object(code):
    events = code("The Revolutionary Guards recruited, trained and armed the Afghan volunteers.")
    coop = [e for e in events if e.plover["type"] == "COOPERATE"]
    assert coop
    assert all("The Revolutionary Guards" in [a.text for a in e.source] for e in coop)
    assert any("the Afghan volunteers" in [a.text for a in e.target] for e in coop)


def test_detect_offsets_point_into_the_text(code, parse):
    text = "Nigerian troops killed 12 militants in Borno on Sunday."
    event = code(text)[0]
    trigger = event.evidence.trigger
    assert text[trigger.start : trigger.end] == trigger.text == "killed"
    assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence
    for actor in event.source + event.target:
        assert text[actor.start : actor.end] == actor.text


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather in the capital was mild for the season.",
        "Analysts say the economy will grow slowly next year.",
        "The armed men wore black uniforms.",
        "The group, which has fought in Syria since 2014, has about 3,000 members.",
        "Officials in Kabul would prefer that the fighters never return.",
        "Residents are keen to see the checkpoint removed.",
    ],
)
def test_detect_background_and_wishes_make_no_event(code, sentence):
    assert code(sentence) == []


def test_detect_hyphenated_group_name_stays_one_actor(code):
    event = _one(code("Separately, al-Shabaab reportedly executed two men in the town of Jilib."), "ASSAULT")
    assert [a.text for a in event.source] == ["al-Shabaab"]


def test_detect_a_car_bomb_has_no_car_actor(code):
    events = code("A car bomb exploded at a checkpoint outside the city on Sunday.")
    assert all("car" not in [a.text.lower() for a in e.source] for e in events)


@pytest.mark.parametrize(
    ("sentence", "main", "embedded"),
    [
        ("Japan refused to meet the delegation in Tokyo.", "REJECT", "CONSULT"),
        ("A UN expert called for sanctions against the junta.", "REQUEST", "SANCTION"),
        ("Australia is willing to withdraw its troops from Iraq.", "AGREE", "CONCEDE"),  # a promise
    ],
)
def test_detect_governing_predicate_outranks_its_content(sentence, main, embedded, settings):
    from eventlens import extract

    events = extract(sentence, settings=settings).events
    types = [e.plover["type"] for e in events]
    assert main in types and embedded in types
    assert types.index(main) < types.index(embedded)
    assert next(e for e in events if e.plover["type"] == embedded).factuality != "asserted"


def test_detect_giving_takes_the_object_modifier_and_the_dative(code):
    event = _one(code("The U.S. military gave medical equipment to Nicaragua."), "AID")
    assert [a.text for a in event.target] == ["Nicaragua"]


@pytest.mark.parametrize(
    ("sentence", "plover_type", "target"),
    [
        ("The foreign minister paid a visit to Tehran on Monday.", "CONSULT", "Tehran"),
        ("Washington announced new military aid to Ukraine.", "AID", "Ukraine"),
    ],
)
def test_detect_nominal_trigger_targets_after_to_and_for(code, sentence, plover_type, target):
    event = _one(code(sentence), plover_type)
    assert target in [a.text for a in event.target]


def test_detect_the_subject_of_a_that_clause_is_the_target(code):
    event = _one(code("Opposition lawmakers demanded that the interior minister resign."), "REQUEST")
    assert "the interior minister" in [a.text for a in event.target]


def test_detect_between_names_both_sides_and_the_event_noun_is_no_actor(code):
    event = _one(code("Clashes between the army and RSF fighters killed 12 people in El Fasher."), "ASSAULT")
    assert [a.text for a in event.source] == ["the army", "RSF fighters"]
    assert [a.text for a in event.target] == ["12 people"]


def test_detect_constraint_sees_the_noun_a_quantity_counts(code):
    event = _one(code("Italy returned dozens of looted artifacts to the government of Libya."), "RETREAT")
    assert event.plover["mode"] == "return"
