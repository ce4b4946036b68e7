"""The filters and page order shared by the event list (``events``) and the event-mention list.

Both tables have the same filter columns; each has a trigram full-text index of its actor
names on SQLite (``event_actor_search``, ``happening_actor_search``) and an index on
(``date_start``, ...) that a page is read off instead of sorting every match.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import Session

from ..model import HAPPENED

_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def date_bound(value: str | date, *, end: bool) -> str:
    """``2021``/``2021-07``/``2021-07-05`` or a date -> the first (or last) ISO day it covers."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    text_value = str(value).strip()
    if not _PARTIAL_DATE.fullmatch(text_value):
        raise ValueError(f"{value!r} is not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd)")
    if len(text_value) == 4:
        text_value += "-12-31" if end else "-01-01"
    elif len(text_value) == 7:
        year, month = int(text_value[:4]), int(text_value[5:])
        if not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not an ISO date: month {month}")
        text_value += f"-{calendar.monthrange(year, month)[1]:02d}" if end else "-01"
    date.fromisoformat(text_value)  # raises ValueError on 2021-02-30 and the like
    return text_value


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _printable(value: str | None) -> str | None:
    """Control characters dropped: no name holds them, and NUL ends a string in SQLite's FTS."""
    return _CONTROL.sub("", value) if value else value


def filtered(stmt: Select, t: Any, *, type: str | None = None, actor: str | None = None, country: str | None = None,
             since: str | date | None = None, until: str | date | None = None, include_unhappened: bool = True,
             actor_search: str | None = None, rare: Callable[[str, str], bool] | None = None) -> Select:
    """``stmt`` narrowed to the rows of table ``t`` matching the filters (see ``Store.events``);
    ``actor_search``: the name of ``t``'s trigram index of actor names, if it has one;
    ``rare(index, phrase)``: whether the phrase is in few enough rows to look up there."""
    type, actor, country = (_printable(v) for v in (type, actor, country))
    if type:
        wanted = type.strip().lower()
        stmt = stmt.where(or_(func.lower(t.plover_type) == wanted, func.lower(t.acled_sub_event_type) == wanted,
                              func.lower(t.acled_event_type) == wanted,
                              t.cameo.startswith(type.strip(), autoescape=True)))  # fmt: skip
    if actor:
        needle = actor.strip().lower()
        substring = or_(func.lower(t.source_names).contains(needle, autoescape=True),
                        func.lower(t.target_names).contains(needle, autoescape=True))  # fmt: skip
        phrase = '"' + needle.replace('"', '""') + '"'
        if len(needle) >= 3 and actor_search and (rare is None or rare(actor_search, phrase)):
            # trigrams find the few candidates; a name in many rows is found faster by reading the
            # date-ordered index until the page is full
            found = select(literal_column("rowid")).select_from(text(actor_search)).where(
                text(f"{actor_search} MATCH :actor_phrase").bindparams(actor_phrase=phrase))  # fmt: skip
            stmt = stmt.where(t.id.in_(found), substring)
        else:
            stmt = stmt.where(substring)
    if country:
        code = f" {country.strip().upper()} "
        stmt = stmt.where((literal(" ") + t.countries + literal(" ")).contains(code))
    if since is not None:
        stmt = stmt.where(func.coalesce(t.date_end, t.date_start) >= date_bound(since, end=False))
    if until is not None:
        stmt = stmt.where(func.coalesce(t.date_start, t.date_end) <= date_bound(until, end=True))
    if not include_unhappened:
        stmt = stmt.where(t.factuality.in_(HAPPENED))
    return stmt


def page(session: Session, stmt: Select, t: Any, order: Sequence[Any], *, limit: int | None,
         since: str | date | None, until: str | date | None, earliest: Callable[[str], str]) -> list[Any]:
    """The filtered rows, dated ones first in the order of the (``date_start``, ``order``...)
    index, so a page is read off the index instead of sorting every match; then the undated.
    ``earliest(since)``: the first start date an event overlapping ``since`` can have."""
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    dated = stmt.where(t.date_start.is_not(None))
    if until is not None:  # the same bound, in a form the index can use
        dated = dated.where(t.date_start <= date_bound(until, end=True))
    if since is not None:  # an event reaching into the range starts at most the longest span before it
        dated = dated.where(t.date_start >= earliest(date_bound(since, end=False)))
    dated = dated.order_by(t.date_start, *order)
    undated = stmt.where(t.date_start.is_(None)).order_by(*order)
    rows = list(session.execute(dated if limit is None else dated.limit(limit)).all())
    if limit is None or len(rows) < limit:
        rest = undated if limit is None else undated.limit(limit - len(rows))
        rows += session.execute(rest).all()
    return rows


RARE = 1000
"""An actor phrase in fewer rows than this is looked up in the trigram index."""


def rare_in(session_factory: Callable[[], Any]) -> Callable[[str, str], bool]:
    """``rare(index, phrase)`` for :func:`filtered`: counts the phrase's rows up to :data:`RARE`."""
    def rare(index: str, phrase: str) -> bool:
        capped = text(f"SELECT count(*) FROM (SELECT rowid FROM {index} WHERE {index} MATCH :p LIMIT {RARE})")
        with session_factory() as session:
            return int(session.execute(capped, {"p": phrase}).scalar_one()) < RARE

    return rare
