"""The addressee of a statement made at a meeting: "A Pakistani delegation met Shamkhani in
Tehran. [...] Shamkhani assured that a solution will be found" - the assurance is addressed
to the delegation, though the sentence does not name it, and it was made where they met.

A verbal event (a promise, approval, concession, request or refusal) with a source and no
target takes as its target the other side of a meeting reported in the sentences shortly
before (in its own sentence the parse says who is who) in which its
source took part, and the meeting's place when it is a more precise place in the same
country than the statement's own. The borrowed actor keeps the offsets of the sentence that names it, and
``Actor.inferred`` says where it came from.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Settings
from ..model import Actor, Document, Event

STATEMENT_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "REJECT"}
"""Verbal events whose addressee is usually the counterpart of the talks they were made at."""
WINDOW = 6
"""How many sentences after the meeting a statement may come."""


def _same(a: Actor, b: Actor) -> bool:
    """The same actor: the same KB id, else one name inside the other ("Abiy Ahmed" in
    "Ethiopian Prime Minister Abiy Ahmed")."""
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    x, y = f" {a.text.lower().strip()} ", f" {b.text.lower().strip()} "
    return len(x.strip()) > 3 and len(y.strip()) > 3 and (x in y or y in x)


def _counterpart(meeting: Event, speaker: list[Actor]) -> list[Actor] | None:
    """The meeting's other side if ``speaker`` is on one side of it."""
    if any(_same(s, a) for s in speaker for a in meeting.target):
        return meeting.source
    if any(_same(s, a) for s in speaker for a in meeting.source):
        return meeting.target
    return None


PRECISE = {"town", "near_town", "district", "province"}


def _take_place(event: Event, meeting: Event) -> None:
    place, there = event.location, meeting.location
    if there is None or there.precision not in PRECISE:
        return
    if place is None or (place.precision == "country" and place.country == there.country):
        event.location = there


class CounterpartResolver:
    """Fills the missing target of a statement from the meeting it was made at."""

    name = "resolve.counterpart"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "event.source", "event.location")
    assigns = ("event.target", "event.location")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        meetings = [e for e in doc.events if e.plover.get("type") == "CONSULT" and e.source and e.target]
        for event in doc.events:
            if event.plover.get("type") not in STATEMENT_TYPES or not event.source or event.target:
                continue
            earlier = [m for m in meetings if 0 < event.sentence_index - m.sentence_index <= WINDOW]
            for meeting in sorted(earlier, key=lambda m: -m.sentence_index):
                other = _counterpart(meeting, event.source)
                if other:
                    note = f"the other side of the meeting in sentence {meeting.sentence_index + 1}"
                    event.target = [replace(a, inferred=note) for a in other]
                    _take_place(event, meeting)
                    break
        return doc
