"""Final stage: confidence from how completely an event was resolved; events ordered by it."""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Event


def score(event: Event) -> float:
    """The coder's prior, raised for resolved actors and a place, lowered for none."""
    value = event.confidence
    known = [a for a in event.source + event.target if a.actor_id]
    value += 0.05 * min(len(known), 2)
    if not event.source and not event.target:
        value -= 0.2
    if event.location is not None and event.location.country:
        value += 0.02
    return round(max(0.05, min(value, 0.99)), 3)


class EventRanker:
    """Sets each event's final confidence and orders events highest first (stable)."""

    name = "resolve.rank"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events",)
    assigns = ("event.confidence",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            event.confidence = score(event)
        doc.events.sort(key=lambda e: -e.confidence)
        return doc
