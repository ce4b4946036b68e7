"""Promises of retreat are concessions: PLOVER codes "agreed to withdraw", "pledged to release"
as CONCEDE, not RETREAT ("promises of future retreats do not apply" to RETREAT, in the PLOVER
codebook's words). A plan is not a promise: "Iran plans to demobilize the brigade" stays a
planned RETREAT. This stage runs after factuality, which says what is only planned.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Event
from ..nlp.parse import trigger_token

PROMISE_CAMEO = {
    "withdraw": "0356", "disarm": "0356", "ceasefire": "0356", "release": "0353", "return": "0353",
    "access": "0355", "resign": "035", "": "035",
}  # fmt: skip
"""CAMEO 035x, "express intent to yield", by the RETREAT mode that was promised."""


PROMISE_WORDS = {"agree", "pledge", "promise", "vow", "offer", "undertake", "commit", "willing", "ready",
                 "prepared", "consent", "accept"}  # fmt: skip
"""Predicates that make the retreat under them a promise (not a plan: "plan", "intend", "aim")."""


def promised(doc: Document, event: Event) -> bool:
    """Whether a promise word governs the event's trigger ("agreed to withdraw")."""
    node = trigger_token(doc, event)
    if node is None:
        return False
    for _ in range(3):
        if node.head.i == node.i or node.dep_ not in {"xcomp", "ccomp", "conj", "acomp"}:
            return False
        node = node.head
        if node.lemma_.lower() in PROMISE_WORDS:
            return True
    return False


def recode_promise(event: Event) -> None:
    """Code a promised RETREAT as CONCEDE (CAMEO 035x; ACLED has no category)."""
    if event.plover.get("type") != "RETREAT":
        return
    mode = event.plover.get("mode") or ""
    event.plover = {"type": "CONCEDE", "mode": "", "context": list(event.plover.get("context") or [])}
    event.cameo = PROMISE_CAMEO.get(mode, "035")
    event.acled = {"event_type": None, "sub_event_type": None}


class PromiseRecoder:
    """Pipeline stage applying :func:`recode_promise` to every event."""

    name = "coding.concede"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "event.factuality")
    assigns = ("event.plover",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            if event.factuality == "planned" and promised(doc, event):
                recode_promise(event)
        return doc
