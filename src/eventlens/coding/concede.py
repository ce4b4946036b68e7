"""Promises of retreat are concessions: PLOVER codes "will withdraw", "agreed to release" as
CONCEDE, not RETREAT ("promises of future retreats do not apply" to RETREAT, in the PLOVER
codebook's words). This stage runs after factuality, which says what is only planned.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Event

PROMISE_CAMEO = {
    "withdraw": "0356", "disarm": "0356", "ceasefire": "0356", "release": "0353", "return": "0353",
    "access": "0355", "resign": "035", "": "035",
}  # fmt: skip
"""CAMEO 035x, "express intent to yield", by the RETREAT mode that was promised."""


def recode_promise(event: Event) -> None:
    """A RETREAT that is only planned becomes CONCEDE (CAMEO 035x; ACLED has no category)."""
    if event.plover.get("type") != "RETREAT" or event.factuality != "planned":
        return
    mode = event.plover.get("mode") or ""
    event.plover = {"type": "CONCEDE", "mode": "", "context": list(event.plover.get("context") or [])}
    event.cameo = PROMISE_CAMEO.get(mode, "035")
    event.acled = {"event_type": None, "sub_event_type": None}


class PromiseRecoder:
    """Pipeline stage applying :func:`recode_promise` to every event."""

    name = "coding.concede"
    requires = ("doc.events", "event.factuality")
    assigns = ("event.plover",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            recode_promise(event)
        return doc
