"""ACLED sub-event types that depend on who the actors turned out to be.

The lexicon gives a default ACLED coding per trigger; once actors are resolved, violence
against an armed opponent is a battle and violence against civilians is an attack on
civilians (ACLED's own distinction).
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Event

ARMED_SECTORS = {"military", "police", "rebel", "militia", "insurgent", "armed_group", "intelligence"}
CIVILIAN_SECTORS = {"civilian", "media", "ngo", "religious", "education", "health"}


def refine_acled(event: Event) -> None:
    """Adjust ``event.acled`` for ASSAULT events from the target's sector."""
    if event.plover.get("type") != "ASSAULT" or event.acled.get("event_type") == "Explosions/Remote violence":
        return
    sectors = {a.sector for a in event.target if a.sector}
    if sectors & CIVILIAN_SECTORS and not sectors & ARMED_SECTORS:
        if event.plover.get("mode") == "abduct":
            sub = "Abduction/forced disappearance"
            event.acled = {"event_type": "Violence against civilians", "sub_event_type": sub}
        else:
            event.acled = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    elif sectors & ARMED_SECTORS:
        event.acled = {"event_type": "Battles", "sub_event_type": "Armed clash"}


class AcledRefiner:
    """Pipeline stage applying :func:`refine_acled` to every event."""

    name = "coding.acled"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "event.source", "event.target")
    assigns = ("event.acled",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            refine_acled(event)
        return doc
