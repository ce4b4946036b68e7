"""Resolve stage: the date of each event, as a :class:`~eventlens.model.TimeSpan`.

The time expression governing an event is picked from the spaCy DATE/TIME entities
(plus a few words the model misses, such as "overnight") in the event's sentence:
one attached to the trigger first, then one in the trigger's clause, then the
nearest. It is anchored on the document date; without one, the event gets the
document date itself (``from_document_date=True``).

dateparser parses absolute strings ("3 March 2021", "2021-03-03"); relative and vague
expressions are anchored here because dateparser resolves them to a single instant
("last week" -> now minus 7 days, "four years" -> four years ago, no "early July" or
seasons) and picks the year of a bare month by its own rule, not the newsroom one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from ..config import Settings
from ..model import Document, Event, TimeSpan

MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
} | {"sept": 9}
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month (north)
SMALL_NUMBERS = {
    w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                "nine", "ten", "eleven", "twelve"))
} | {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_WORDS = {
    "early": "early", "the beginning of": "early", "the start of": "early", "beginning of": "early",
    "start of": "early", "mid": "mid", "the middle of": "mid", "middle of": "mid", "late": "late",
    "the end of": "late", "end of": "late",
}
DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
LONE_TIME_WORDS = {"overnight", "yesterday", "today", "tonight"} | set(WEEKDAYS)
"""Single words taken as time expressions even when the NER model did not tag them."""
OPEN_PREPS = ("since", "until", "till", "before", "after")
_YEAR = r"(1[89]\d\d|20\d\d)"
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PART = "(" + "|".join(sorted(PART_WORDS, key=len, reverse=True)) + ")"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _span(start: date | None, end: date | None, precision: str, text: str) -> TimeSpan:
    return TimeSpan(start=_iso(start), end=_iso(end), precision=precision, text=text)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _year_for(month: int, anchor: date) -> int:
    """A month later in the year than the document's month is last year's."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": datetime(2000, 1, 1)},
    )


def parse_time_expression(text: str, anchor: date | None) -> TimeSpan | None:
    """Turn a time expression into a span anchored on ``anchor`` (the document date).

    Returns None for durations ("four years"), ages and anything not understood, and for
    relative expressions when there is no anchor.
    """
    raw = " ".join(text.split()).strip(" ,.;:")
    norm = raw.lower().replace("–", "-").replace("—", "-")
    span = _parse(norm, anchor)
    if span is not None:
        span.text = raw
    return span


def _parse(t: str, anchor: date | None) -> TimeSpan | None:
    match = re.match(r"(since|until|till|before|after)\s+(.+)$", t)
    if match:
        return _open(match.group(1), _parse(match.group(2), anchor), anchor, t)
    match = re.match(r"by\s+(?:the\s+)?(?:end\s+of\s+)?(.+)$", t)
    if match:
        return _deadline(match.group(1), anchor, t)
    t = re.sub(r"^(?:(?:on|in|at|during|over|throughout|within|the|of)\s+)+", "", t)
    match = re.match(r"(?:between|from)\s+(.+?)\s+(?:and|to|until|through)\s+(.+)$", t)
    if match:
        return _between(match.group(1), match.group(2), anchor, t)
    for parser in (_relative, _weekday, _season, _part_of, _decade, _year_or_month):
        span = parser(t, anchor)
        if span is not None:
            return span
    return _absolute(t, anchor)


def _open(prep: str, inner: TimeSpan | None, anchor: date | None, t: str) -> TimeSpan | None:
    if inner is None or inner.start is None or inner.end is None:
        return None
    start, end = date.fromisoformat(inner.start), date.fromisoformat(inner.end)
    if prep == "since":
        return _span(start, anchor, "open", t)
    if prep == "after":
        return _span(end + timedelta(days=1), anchor, "open", t)
    if prep == "before":
        return _span(None, start - timedelta(days=1), "open", t)
    return _span(None, end, "open", t)  # until / till


def _deadline(rest: str, anchor: date | None, t: str) -> TimeSpan | None:
    """ "by the end of the year", "by the end of June": from the document date to that end.
    A month without a year is the next such month (a deadline lies ahead)."""
    if anchor is None:
        return None
    rest = re.sub(r"^the\s+", "", rest.strip())
    if rest in ("year", "this year"):
        end = date(anchor.year, 12, 31)
    elif rest == "next year":
        end = date(anchor.year + 1, 12, 31)
    elif rest in ("month", "this month"):
        end = _month_bounds(anchor.year, anchor.month)[1]
    elif (month := MONTHS.get(rest.rstrip("."))) is not None:
        end = _month_bounds(anchor.year if month >= anchor.month else anchor.year + 1, month)[1]
    else:
        inner = _parse(rest, anchor)
        if inner is None or inner.end is None:
            return None
        end = date.fromisoformat(inner.end)
    return _span(anchor, end, "range", t) if end >= anchor else None


def _between(left: str, right: str, anchor: date | None, t: str) -> TimeSpan | None:
    second = _parse(right, anchor)
    year = re.search(_YEAR + r"$", right)
    if year and not re.search(_YEAR, left):
        left = f"{left} {year.group(1)}"  # "between March and May 2020"
    first = _parse(left, anchor)
    if first is None or second is None:
        return None
    return TimeSpan(first.start, second.end, "range", t)


def _relative(t: str, anchor: date | None) -> TimeSpan | None:
    if anchor is None:
        return None
    a = anchor
    if re.fullmatch(r"(?:earlier |later )?(?:today|tonight|this (?:morning|afternoon|evening))", t):
        return _span(a, a, "day", t)
    if re.fullmatch(r"(?:yesterday" + DAY_PARTS + r"|last night)", t):
        return _span(a - timedelta(days=1), a - timedelta(days=1), "day", t)
    if t == "the day before yesterday" or t == "day before yesterday":
        return _span(a - timedelta(days=2), a - timedelta(days=2), "day", t)
    if t == "overnight":  # the night before publication, running into the publication day
        return _span(a - timedelta(days=1), a, "range", t)
    match = re.fullmatch(r"((?:a )?\w+(?: of)?) (day|week|month|year)s? ago", t)
    if match:
        n = _count(match.group(1))
        return None if n is None else _ago(n, match.group(2), a, t)
    match = re.fullmatch(r"(?:(?:in )?the )?(?:past|last|previous|recent)\s*(\w*)\s*(day|week|month|year)s", t)
    if match or t in ("recent days", "recent weeks", "recent months"):
        n = _count(match.group(1)) if match and match.group(1) else None
        unit = match.group(2) if match else t.split()[1][:-1]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * (n or (7 if unit == "day" else 3))
        return _span(a - timedelta(days=days), a, "range", t)
    match = re.fullmatch(r"(earlier |later |so far |)(this|last|past|previous|next) (week|month|year)", t)
    if match:
        return _calendar_unit(match.group(1).strip(), match.group(2), match.group(3), a, t)
    match = re.fullmatch(r"(this |last |past |)weekend", t)
    if match:
        saturday = a - timedelta(days=(a.weekday() - 5) % 7)
        if match.group(1) in ("last ", "past ") and a.weekday() >= 5:
            saturday -= timedelta(days=7)
        return _span(saturday, min(saturday + timedelta(days=1), a), "range", t)
    return None


def _ago(n: int, unit: str, a: date, t: str) -> TimeSpan:
    if unit == "day":
        day = a - timedelta(days=n)
        return _span(day, day, "day", t)
    if unit == "week":  # the calendar week (Mon-Sun) n weeks back
        monday = a - timedelta(days=7 * n + a.weekday())
        return _span(monday, monday + timedelta(days=6), "range", t)
    if unit == "month":
        return _span(*_month_bounds(*_ym(_add_months(a, -n))), "month", t)
    return _span(date(a.year - n, 1, 1), date(a.year - n, 12, 31), "year", t)


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def _calendar_unit(qualifier: str, which: str, unit: str, a: date, t: str) -> TimeSpan:
    offset = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[which]
    if which == "past" and unit != "year":  # "the past week": a rolling window
        return _span(a - timedelta(days=7 if unit == "week" else 30), a, "range", t)
    if unit == "week":
        start = a - timedelta(days=a.weekday()) + timedelta(days=7 * offset)
        end = start + timedelta(days=6)
        precision = "range"
    elif unit == "month":
        start, end = _month_bounds(*_ym(_add_months(a, offset)))
        precision = "month"
    else:
        start, end = date(a.year + offset, 1, 1), date(a.year + offset, 12, 31)
        precision = "year"
    if offset == 0:  # "earlier this month" ends today, "later this month" starts today
        start, end = (a, end) if qualifier == "later" else (start, a)
    return _span(start, end, precision, t)


def _weekday(t: str, anchor: date | None) -> TimeSpan | None:
    match = re.fullmatch(r"(last |this |past |next |)(" + "|".join(WEEKDAYS) + ")" + DAY_PARTS, t)
    if match is None or anchor is None:
        return None
    back = (anchor.weekday() - WEEKDAYS[match.group(2)]) % 7
    if match.group(1) == "next ":
        day = anchor + timedelta(days=(7 - back) or 7)
    else:
        if match.group(1) in ("last ", "past ") and back == 0:
            back = 7
        day = anchor - timedelta(days=back)  # the most recent such day, on or before the anchor
    return _span(day, day, "day", t)


def _season(t: str, anchor: date | None) -> TimeSpan | None:
    names = "|".join(SEASONS)
    match = re.fullmatch(rf"(last |this |next |)({names})(?: of)?(?: {_YEAR})?", t)
    if match is None:
        return None
    first = SEASONS[match.group(2)]
    if match.group(3):
        year = int(match.group(3))
    elif anchor is None:
        return None
    else:
        # the season instance that started most recently on or before the anchor
        year = anchor.year if anchor.month >= first else anchor.year - 1
        if match.group(1) == "last ":
            end_month = _add_months(date(year, first, 1), 2)
            if _month_bounds(*_ym(end_month))[1] >= anchor:  # not over yet: the one before
                year -= 1
        elif match.group(1) == "next ":
            year += 1
    start = date(year, first, 1)
    return _span(start, _month_bounds(*_ym(_add_months(start, 2)))[1], "season", t)


def _part_of(t: str, anchor: date | None) -> TimeSpan | None:
    match = re.fullmatch(_PART + r"[\s-]*(.+)", t)
    if match is None:
        return None
    part = PART_WORDS[match.group(1)]
    whole = _parse(match.group(2), anchor)
    if whole is None or whole.start is None or whole.end is None:
        return None
    start = date.fromisoformat(whole.start)
    if whole.precision == "month":
        low, high = PARTS[part]
        end_day = min(high, calendar.monthrange(start.year, start.month)[1])
        return _span(start.replace(day=low), start.replace(day=end_day), "part_of_month", t)
    if whole.precision == "year":  # early = Jan-Apr, mid = May-Aug, late = Sep-Dec
        first = {"early": 1, "mid": 5, "late": 9}[part]
        last = _month_bounds(start.year, first + 3)[1]
        return _span(date(start.year, first, 1), last, "range", t)
    return None


def _decade(t: str, anchor: date | None) -> TimeSpan | None:
    match = re.fullmatch(r"(early |mid-?|late |)(1[89]\d0|20\d0)'?s", t)
    if match is None:
        return None
    decade = int(match.group(2))
    low, high = {"early ": (0, 3), "mid": (4, 6), "mid-": (4, 6), "late ": (7, 9)}.get(match.group(1), (0, 9))
    return _span(date(decade + low, 1, 1), date(decade + high, 12, 31), "range", t)


def _year_or_month(t: str, anchor: date | None) -> TimeSpan | None:
    match = re.fullmatch(r"(?:the year )?" + _YEAR, t)
    if match:
        year = int(match.group(1))
        return _span(date(year, 1, 1), date(year, 12, 31), "year", t)
    match = re.fullmatch(r"(last |this |)" + _MONTH + r"(?:,? (?:of )?" + _YEAR + ")?", t)
    if match is None:
        return None
    month = MONTHS[match.group(2)]
    if match.group(3):
        year = int(match.group(3))
    elif anchor is None:
        return None
    else:
        year = _year_for(month, anchor)
        if match.group(1) == "last " and month == anchor.month:
            year -= 1
    return _span(*_month_bounds(year, month), "month", t)


def _absolute(t: str, anchor: date | None) -> TimeSpan | None:
    """Day-precision dates, parsed by dateparser; a missing year comes from the anchor."""
    has_month = re.search(r"\b" + _MONTH + r"(?:\W|$)", t)
    if not has_month and not re.search(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", t):
        return None
    data = _dateparser().get_date_data(t)
    if data.date_obj is None or data.period != "day":
        return None
    day = data.date_obj.date()
    if not re.search(r"\b" + _YEAR + r"\b", t):
        if anchor is None:
            return None
        try:
            day = day.replace(year=_year_for(day.month, anchor))
        except ValueError:  # 29 February in a common year
            return None
    return _span(day, day, "day", t)


class DateResolver:
    """Sets ``event.date`` from the time expression governing each event's trigger."""

    name = "resolve.dates"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "doc.nlp")
    assigns = ("event.date",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        anchor = _anchor(doc.date)
        for event in doc.events:
            event.date = self.resolve(doc, event, anchor)
        return doc

    def resolve(self, doc: Document, event: Event, anchor: date | None) -> TimeSpan | None:
        """The event's time span, or the document date when nothing governs it."""
        trigger = _trigger_token(doc, event)
        best: tuple[tuple[int, int], TimeSpan] | None = None
        for start, end, root in _time_expressions(doc, event):
            span = parse_time_expression(doc.text[start:end], anchor)
            if span is None:
                continue
            rank = (_attachment(root, trigger), abs(start - event.evidence.trigger.start))
            if best is None or rank < best[0]:
                best = (rank, span)
        if best is not None:
            return best[1]
        if anchor is None:
            return None
        iso = anchor.isoformat()
        return TimeSpan(iso, iso, "day", None, from_document_date=True)


def _anchor(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _trigger_token(doc: Document, event: Event) -> Any:
    trig = event.evidence.trigger
    span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _time_expressions(doc: Document, event: Event) -> list[tuple[int, int, Any]]:
    """(start, end, root token) of candidate time expressions in the event's sentence."""
    lo, hi = event.evidence.start, event.evidence.end
    found: list[tuple[int, int, Any]] = []
    taken: set[int] = set()
    for ent in doc.nlp.ents:
        if ent.label_ in ("DATE", "TIME") and lo <= ent.start_char and ent.end_char <= hi:
            start = ent.start_char
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.lower_ in (*OPEN_PREPS, "early", "mid", "late"):
                start = before.idx  # "since 2013", "late July" when the entity left them out
            found.append((start, ent.end_char, ent.root))
            taken.update(range(ent.start, ent.end))
    span = doc.nlp.char_span(lo, hi, alignment_mode="expand")
    for tok in span if span is not None else []:
        if tok.i not in taken and tok.lower_ in LONE_TIME_WORDS:
            found.append((tok.idx, tok.idx + len(tok), tok))
    # ranges and deadlines the NER splits or misses: "from January to March", "by the end of June"
    for pattern in (_RANGE, _DEADLINE):
        for match in pattern.finditer(doc.text, lo, hi):
            root = doc.nlp.char_span(match.start(), match.end(), alignment_mode="expand")
            if root is not None and len(root):
                found = [f for f in found if not (match.start() <= f[0] and f[1] <= match.end())]
                found.append((match.start(), match.end(), root.root))
    return found


_DATEISH = rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?(?:,?\s+{_YEAR})?|{_YEAR})"
_RANGE = re.compile(rf"\b(?:between|from)\s+{_DATEISH}\s+(?:and|to|until|through)\s+{_DATEISH}\b", re.I)
_DEADLINE = re.compile(rf"\bby\s+the\s+end\s+of\s+(?:the\s+(?:year|month)|this\s+(?:year|month)|next\s+year|"
                       rf"{_MONTH}(?:\s+{_YEAR})?)", re.I)


def _governor(root: Any) -> Any:
    """The content word a time expression modifies, skipping prepositions."""
    head = root.head
    while head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head


def _clause(tok: Any) -> Any:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _attachment(root: Any, trigger: Any) -> int:
    """0: modifies the trigger; 1: same clause as the trigger; 2: elsewhere in the sentence."""
    if trigger is None:
        return 2
    governor = _governor(root)
    if governor == trigger:
        return 0
    return 1 if _clause(governor) == _clause(trigger) else 2
