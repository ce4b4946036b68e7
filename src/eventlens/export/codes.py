"""ACLED's and UCDP GED's precision codes and casualty counts, derived from an event's fields.

eventlens keeps what the text says (a date range with its precision, a place with its
precision, numbers as ranges); the two datasets' codes are functions of those, so every
export derives them the same way. The mappings are documented in
``docs/dates-numbers-factuality.md`` and ``docs/places.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import Place, Quantity, TimeSpan

ACLED_GEO_PRECISION = {"town": 1, "near_town": 2, "district": 2, "province": 3, "country": 3, "region": 3}
UCDP_WHERE_PREC = {"town": 1, "near_town": 2, "district": 3, "province": 4, "country": 6}

# ACLED's coding of vague fatality counts: the lowest number the word can mean
_ACLED_VAGUE = {"a couple": 2, "couple": 2, "a few": 3, "few": 3, "a handful": 3, "handful": 3, "several": 3,
                "a dozen": 12, "dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}


def span_days(span: TimeSpan | None) -> int | None:
    """How many days a closed span covers (inclusive); None when a side is open or missing."""
    if span is None or not span.start or not span.end:
        return None
    return (date.fromisoformat(span.end) - date.fromisoformat(span.start)).days + 1


def _graded(span: TimeSpan | None, fallback: int, unbounded: int, grades: tuple[tuple[float, int], ...]) -> int | None:
    """The code of the first grade whose day limit the span fits in."""
    if span is None:
        return None
    if span.from_document_date:
        return fallback
    days = span_days(span)
    if days is None:
        return unbounded
    return next(code for limit, code in grades if days <= limit)


def acled_time_precision(span: TimeSpan | None) -> int | None:
    """ACLED ``time_precision``: 1 the day is known, 2 a span of up to a week or part of a month
    (ACLED then codes its middle day), 3 a month or longer. The document-date fallback is 2:
    the event was reported that day and happened on or shortly before it."""
    return _graded(span, 2, 3, ((1, 1), (11, 2), (float("inf"), 3)))


def ucdp_date_prec(span: TimeSpan | None) -> int | None:
    """UCDP GED ``date_prec``: 1 exact day, 2 a span of 2-6 days, 3 a week, 4 up to a month
    (8-31 days), 5 longer than a month. The document-date fallback is 3 (the report's week)."""
    return _graded(span, 3, 5, ((1, 1), (6, 2), (7, 3), (31, 4), (float("inf"), 5)))


def acled_geo_precision(place: Place | None) -> int | None:
    """ACLED ``geo_precision``: 1 the named town, 2 near a town or a district, 3 a larger area."""
    return ACLED_GEO_PRECISION.get(place.precision) if place is not None and place.precision else None


def ucdp_where_prec(place: Place | None) -> int | None:
    """UCDP GED ``where_prec``: 1 the place, 2 within ~25 km of it, 3 a district, 4 a province,
    5 a part of a country that is no administrative unit (a region inside one country),
    6 only the country, 7 beyond any one country (a sea, a region across borders)."""
    if place is None or not place.precision:
        return None
    if place.precision == "region":
        return 5 if place.country else 7
    return UCDP_WHERE_PREC.get(place.precision)


def _killed(quantities: Iterable[Quantity]) -> list[Quantity]:
    return [q for q in quantities if q.role == "killed" and (q.low is not None or q.high is not None)]


def acled_fatalities(quantities: Iterable[Quantity]) -> int:
    """ACLED ``fatalities``: the most conservative count the reports support - the lowest
    number killed; a vague word gets ACLED's low reading ("dozens" 12, "hundreds" 100,
    "several" 3); an upper bound alone ("up to 20") supports no number (0). No report of
    deaths is 0."""
    counts = []
    for q in _killed(quantities):
        word = (q.text or "").lower().strip()
        vague = next((n for w, n in _ACLED_VAGUE.items() if word.endswith(w) or word.startswith(w)), None)
        if q.approximate and vague is not None and q.low is not None and q.low != q.high:
            counts.append(vague)
        elif q.low is not None:
            counts.append(int(q.low))
        else:
            counts.append(0)
    return min(counts) if counts else 0


def ucdp_deaths(quantities: Iterable[Quantity]) -> tuple[int, int, int] | None:
    """UCDP GED ``(deaths_low, best, deaths_high)`` over the reported numbers killed: low the
    lowest, high the highest bound given, best the lowest exact figure when one is reported,
    else the low (UCDP's best estimate is conservative). An open upper side ("at least 12")
    makes high equal its low; None when no number killed is reported."""
    killed = _killed(quantities)
    if not killed:
        return None
    lows = [int(q.low if q.low is not None else 0) for q in killed]
    highs = [int(q.high if q.high is not None else (q.low or 0)) for q in killed]
    exact = [int(q.low) for q in killed if q.low is not None and q.low == q.high and not q.approximate]
    low, high = min(lows), max(highs)
    best = min(exact) if exact else low
    return low, max(low, min(best, high)), high
