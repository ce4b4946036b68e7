"""Dates: time expressions anchored on the document date, and the one governing each event."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventlens.model import DATE_PRECISIONS, Document, Event, Evidence, Span
from eventlens.resolve.dates import DateResolver, parse_time_expression

ANCHOR = date(2021, 8, 18)  # a Wednesday
DOC_DATE = ANCHOR.isoformat()


def _event(doc: Document, trigger: str, nth: int = 0) -> Event:
    match = list(re.finditer(rf"\b{re.escape(trigger)}\b", doc.text))[nth]
    sent = doc.sentence_of(match.start())
    assert sent is not None
    event = Event(
        plover={"type": "COERCE", "mode": "arrest", "context": []},
        cameo="173",
        acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"},
        evidence=Evidence(sent.text, sent.start, sent.end, Span(trigger, match.start(), match.end())),
        sentence_index=sent.index,
    )
    doc.events.append(event)
    return event


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("In June", "2021-06-01", "2021-06-30", "month"),
        ("September", "2020-09-01", "2020-09-30", "month"),  # later than August: last year
        ("in early July", "2021-07-01", "2021-07-10", "part_of_month"),
        ("mid-March", "2021-03-11", "2021-03-20", "part_of_month"),
        ("late February", "2021-02-21", "2021-02-28", "part_of_month"),
        ("late May 2019", "2019-05-21", "2019-05-31", "part_of_month"),
        ("the end of April", "2021-04-21", "2021-04-30", "part_of_month"),
        ("March 3, 2021", "2021-03-03", "2021-03-03", "day"),
        ("3 March", "2021-03-03", "2021-03-03", "day"),
        ("2021-03-03", "2021-03-03", "2021-03-03", "day"),
        ("Sept. 12", "2020-09-12", "2020-09-12", "day"),
        ("on Tuesday", "2021-08-17", "2021-08-17", "day"),
        ("Wednesday", "2021-08-18", "2021-08-18", "day"),
        ("last Wednesday", "2021-08-11", "2021-08-11", "day"),
        ("Sunday night", "2021-08-15", "2021-08-15", "day"),
        ("yesterday", "2021-08-17", "2021-08-17", "day"),
        ("today", "2021-08-18", "2021-08-18", "day"),
        ("last night", "2021-08-17", "2021-08-17", "day"),
        ("overnight", "2021-08-17", "2021-08-18", "range"),
        ("last week", "2021-08-09", "2021-08-15", "range"),
        ("last month", "2021-07-01", "2021-07-31", "month"),
        ("this month", "2021-08-01", "2021-08-18", "month"),
        ("earlier this month", "2021-08-01", "2021-08-18", "month"),
        ("three days ago", "2021-08-15", "2021-08-15", "day"),
        ("two weeks ago", "2021-08-02", "2021-08-08", "range"),
        ("six months ago", "2021-02-01", "2021-02-28", "month"),
        ("last summer", "2020-06-01", "2020-08-31", "season"),
        ("winter", "2020-12-01", "2021-02-28", "season"),
        ("the spring of 2019", "2019-03-01", "2019-05-31", "season"),
        ("in 2013", "2013-01-01", "2013-12-31", "year"),
        ("last year", "2020-01-01", "2020-12-31", "year"),
        ("this year", "2021-01-01", "2021-08-18", "year"),
        ("since 2013", "2013-01-01", "2021-08-18", "open"),
        ("since last Friday", "2021-08-13", "2021-08-18", "open"),
        ("the 1990s", "1990-01-01", "1999-12-31", "range"),
        ("early 2020", "2020-01-01", "2020-04-30", "range"),
        ("between March and May 2020", "2020-03-01", "2020-05-31", "range"),
        ("the past two weeks", "2021-08-04", "2021-08-18", "range"),
        ("the weekend", "2021-08-14", "2021-08-15", "range"),
    ],
)
def test_dates_parse_time_expression(text, start, end, precision):
    span = parse_time_expression(text, ANCHOR)
    assert span is not None
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == text
    assert span.precision in DATE_PRECISIONS


@pytest.mark.parametrize("text", ["four years", "25-year-old", "daily", "the day", "weekly"])
def test_dates_durations_and_ages_are_not_dates(text):
    assert parse_time_expression(text, ANCHOR) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("March 3, 2021", "2021-03-03"), ("in 2013", "2013-01-01"), ("yesterday", None), ("June", None)],
)
def test_dates_without_anchor_only_absolute(text, expected):
    span = parse_time_expression(text, None)
    assert (span.start if span else None) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "doc_date", "start", "end", "precision", "expr"),
    [
        ("Sindh police detained some 250 militiamen in a sweeping operation in early July.",
         "detained", DOC_DATE, "2021-07-01", "2021-07-10", "part_of_month", "early July"),
        ("In June, counter-terrorism officers in Balochistan broke up a cell of six men accused of "
         "plotting bombings.", "broke", DOC_DATE, "2021-06-01", "2021-06-30", "month", "June"),
        ("Police in Lahore arrested four suspects on Tuesday.",
         "arrested", DOC_DATE, "2021-08-17", "2021-08-17", "day", "Tuesday"),
        ("Gunmen stormed a police post near Peshawar overnight, killing two constables.",
         "stormed", DOC_DATE, "2021-08-17", "2021-08-18", "range", "overnight"),
        ("The brigade has fought alongside Syrian government forces since 2014.",
         "fought", DOC_DATE, "2014-01-01", "2021-08-18", "open", "since 2014"),
        ("Police detained two men on Monday over a bombing in March.",
         "detained", DOC_DATE, "2021-08-16", "2021-08-16", "day", "Monday"),
        ("Police detained two men on Monday over a bombing in March.",
         "bombing", DOC_DATE, "2021-03-01", "2021-03-31", "month", "March"),
        ("Kidnappers seized 20 schoolchildren in Katsina last summer.",
         "seized", DOC_DATE, "2020-06-01", "2020-08-31", "season", "last summer"),
        ("He was jailed for five years on Thursday.",
         "jailed", DOC_DATE, "2021-08-12", "2021-08-12", "day", "Thursday"),
        ("Three days ago, militants torched a school in Borno.",
         "torched", DOC_DATE, "2021-08-15", "2021-08-15", "day", "Three days ago"),
        ("Troops withdrew from the town in November.",
         "withdrew", "2021-02-10", "2020-11-01", "2020-11-30", "month", "November"),
        ("The army launched its first offensive against the group in 2013.",
         "launched", DOC_DATE, "2013-01-01", "2013-12-31", "year", "2013"),
        ("Rebels shelled the airport in Goma last week, the UN said.",
         "shelled", DOC_DATE, "2021-08-09", "2021-08-15", "range", "last week"),
    ],
)
def test_dates_resolver_picks_governing_expression(parse, text, trigger, doc_date, start, end, precision, expr):
    doc = parse(text, doc_date)
    event = _event(doc, trigger)
    DateResolver()(doc)
    assert event.date is not None
    assert (event.date.start, event.date.end, event.date.precision) == (start, end, precision)
    assert event.date.text == expr
    assert not event.date.from_document_date


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Rebels overran an army base in Ituri province.", "overran"),
        ("A 30-year-old man was detained after the blast in Jalalabad.", "detained"),
    ],
)
def test_dates_resolver_falls_back_to_document_date(parse, text, trigger):
    doc = parse(text, DOC_DATE)
    event = _event(doc, trigger)
    DateResolver()(doc)
    assert event.date is not None
    assert (event.date.start, event.date.end, event.date.precision) == (DOC_DATE, DOC_DATE, "day")
    assert event.date.from_document_date and event.date.text is None


def test_dates_resolver_without_document_date_leaves_none(parse):
    doc = parse("Rebels overran an army base in Ituri province.", None)
    event = _event(doc, "overran")
    DateResolver()(doc)
    assert event.date is None


def test_dates_resolver_declares_stage_contract(settings):
    stage = DateResolver(settings)
    assert stage.name == "resolve.dates"
    assert stage.requires == ("doc.events", "doc.nlp") and stage.assigns == ("event.date",)
