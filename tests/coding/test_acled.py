"""ACLED sub-event types that depend on who the target turned out to be."""

from __future__ import annotations

from eventlens.coding.acled import refine_acled
from eventlens.model import Actor, Event, Evidence, Span


def _assault(mode: str, target_sector: str, sub: str = "Armed clash") -> Event:
    return Event(
        plover={"type": "ASSAULT", "mode": mode, "context": []}, cameo="190",
        acled={"event_type": "Battles", "sub_event_type": sub},
        evidence=Evidence("s", 0, 1, Span("x", 0, 1)),
        source=[Actor("gunmen", sector="militia")], target=[Actor("villagers", sector=target_sector)],
    )  # fmt: skip


def test_acled_violence_on_civilians_is_an_attack():
    event = _assault("firearms", "civilian")
    refine_acled(event)
    assert event.acled == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_acled_abduction_of_civilians():
    event = _assault("abduct", "civilian")
    refine_acled(event)
    assert event.acled["sub_event_type"] == "Abduction/forced disappearance"


def test_acled_violence_between_armed_actors_is_a_battle():
    event = _assault("firearms", "military", sub="Attack")
    event.acled = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    refine_acled(event)
    assert event.acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_acled_remote_violence_keeps_its_weapon_type():
    event = _assault("aerial", "civilian")
    event.acled = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    refine_acled(event)
    assert event.acled["sub_event_type"] == "Air/drone strike"
