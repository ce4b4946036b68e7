"""Resolve stage: when an event stands to its report (``event.timeframe``).

GDELT's old failure is coding background as news: "In 2009 the group bombed a hotel" in a
2024 story is not a 2024 bombing. Each event gets one of :data:`eventlens.model.TIMEFRAMES`:

* ``future`` - not happened yet: planned, or a modal of the future ("could attack", not
  "could have attacked"), or dated after the document date (an asserted event dated after
  its report becomes ``planned``: "ministers meet in Brussels on 15 February");
* ``ongoing`` - still going on: a progressive ("are fighting", "have been shelling"), a
  "continue to" / "keep" governing it, or an open span reaching the document date ("since
  2013");
* ``historical`` - background: its date ends more than a year before the document date, or
  a past perfect dated before the report year ("had attacked ... in 2019");
* ``recent`` - everything else: the news the report is about.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..config import Settings
from ..model import FACTUALITY, Document, Event

CONTINUE = {"continue", "keep", "remain", "persist"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo", "could", "might", "may", "would", "should", "'d", "going", "gon"}
HISTORY_DAYS = 365


def timeframe(event: Event, trigger: Any, doc_date: str | None) -> str:
    """The timeframe of ``event`` whose trigger token is ``trigger`` (a spaCy token or None)."""
    span = event.date
    report = date.fromisoformat(doc_date) if doc_date else None
    if event.factuality == "planned" and span is not None and report is not None:
        _look_ahead(span, report)
    if event.factuality == "planned" or (trigger is not None and _future_modal(trigger)):
        return "future"
    if event.factuality == "hypothetical" and trigger is not None and not _past(trigger):
        return "future"  # "one option is to send", "threatened to blockade", "the proposed ceasefire"
    dated = span is not None and not span.from_document_date and report is not None
    if dated and span.start and date.fromisoformat(span.start) > report:
        if event.factuality == "asserted":  # "ministers meet in Brussels on 15 February": not yet
            event.factuality = "planned"
            rank = {value: i for i, value in enumerate(FACTUALITY)}  # ("intent", "refusal" sort last)
            event.factuality_cues = sorted({*event.factuality_cues, "planned"}, key=lambda c: rank.get(c, 99))
        return "future"
    if trigger is not None and _progressive(trigger):
        return "ongoing"
    if span is not None and not span.from_document_date and report is not None:
        if span.precision == "open" and span.start and span.end == report.isoformat():
            return "ongoing"  # "since 2013"
        if span.end and date.fromisoformat(span.end) < report - timedelta(days=HISTORY_DAYS):
            return "historical"
    return "recent"


def _look_ahead(span: Any, report: date) -> None:
    """A planned event's month or day written without a year lies ahead, not behind: "talks are
    due to begin in March" in a February story are next month's, not last March's."""
    if span.from_document_date or not span.start or not span.end or re.search(r"\b(1[89]|20)\d\d\b", span.text or ""):
        return
    start, end = date.fromisoformat(span.start), date.fromisoformat(span.end)
    if end < report and (report - end).days < 366 and span.precision in ("day", "month", "part_of_month", "season"):
        try:
            span.start, span.end = start.replace(year=start.year + 1).isoformat(), _next_year(end).isoformat()
        except ValueError:  # 29 February
            return


def _next_year(day: date) -> date:
    """The same day a year later (28 February for a 29th; the month's end stays its end)."""
    if day.month == 2 and day.day >= 28:
        return date(day.year + 1, 3, 1) - timedelta(days=1)
    return day.replace(year=day.year + 1)


def _past(tok: Any) -> bool:
    """A past form: "attacked", "had attacked", "may have kidnapped"."""
    return tok.tag_ in ("VBD",) or any(a.lower_ in ("have", "has", "had") for a in _auxes(tok)) or (
        tok.tag_ == "VBN" and tok.dep_ not in ("xcomp", "amod")
    )


def _auxes(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _future_modal(tok: Any) -> bool:
    """ "will attack", "could attack", "is going to attack" - but not "could have attacked"."""
    for node in (tok, *(_chain(tok))):
        auxes = _auxes(node)
        if any(a.lower_ in FUTURE_MODALS for a in auxes) and not any(a.lower_ == "have" for a in auxes):
            return True
    return False


def _chain(tok: Any) -> list[Any]:
    """The verbs an infinitive trigger hangs on ("plans to attack" -> plans)."""
    out = []
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp",) or node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _progressive(tok: Any) -> bool:
    """ "are fighting", "have been shelling", "continue to shell", "kept attacking"."""
    if tok.tag_ == "VBG" and any(a.lemma_ == "be" for a in _auxes(tok)):
        return True
    head = tok.head
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in CONTINUE and head.i != tok.i


class TimeframeTagger:
    """Sets ``event.timeframe`` from the event's date, tense and factuality."""

    name = "resolve.timeframe"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "event.date", "event.factuality")
    assigns = ("event.timeframe", "event.factuality", "event.date")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            trig = event.evidence.trigger
            span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand") if doc.nlp is not None else None
            event.timeframe = timeframe(event, span.root if span is not None and len(span) else None, doc.date)
        return doc
