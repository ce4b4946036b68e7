"""ACLED's and UCDP's precision codes and casualty counts, derived from eventlens fields."""

from __future__ import annotations

import pytest

from eventlens.export.codes import (
    acled_fatalities,
    acled_geo_precision,
    acled_time_precision,
    ucdp_date_prec,
    ucdp_deaths,
    ucdp_where_prec,
)
from eventlens.model import Place, Quantity, TimeSpan


@pytest.mark.parametrize(
    ("span", "acled", "ucdp"),
    [
        (TimeSpan("2024-03-12", "2024-03-12", "day"), 1, 1),
        (TimeSpan("2024-03-13", "2024-03-14", "range"), 2, 2),
        (TimeSpan("2024-03-04", "2024-03-10", "range"), 2, 3),  # "last week"
        (TimeSpan("2021-07-01", "2021-07-10", "part_of_month"), 2, 4),  # "early July"
        (TimeSpan("2021-06-01", "2021-06-30", "month"), 3, 4),
        (TimeSpan("2019-01-01", "2019-12-31", "year"), 3, 5),
        (TimeSpan("2013-01-01", "2024-03-14", "open"), 3, 5),  # "since 2013"
        (TimeSpan(None, "2023-06-30", "open"), 3, 5),  # "until June"
        (TimeSpan("2024-03-14", "2024-03-14", "day", from_document_date=True), 2, 3),
    ],
)
def test_codes_date_precision(span, acled, ucdp):
    assert (acled_time_precision(span), ucdp_date_prec(span)) == (acled, ucdp)


@pytest.mark.parametrize(
    ("precision", "country", "acled", "ucdp"),
    [("town", "MLI", 1, 1), ("near_town", "MLI", 2, 2), ("district", "MLI", 2, 3), ("province", "MLI", 3, 4),
     ("country", "MLI", 3, 6), ("region", "SDN", 3, 5), ("region", None, 3, 7)],
)
def test_codes_place_precision(precision, country, acled, ucdp):
    place = Place("x", country=country, precision=precision)
    assert (acled_geo_precision(place), ucdp_where_prec(place)) == (acled, ucdp)


def _killed(low, high, approximate=False, text=""):
    return Quantity("killed", low, high, approximate, "people", text)


def test_codes_fatalities_are_conservative_and_ucdp_keeps_the_range():
    reports = [_killed(12, 12), _killed(15, 20, text="15 to 20"), Quantity("injured", 30, 30, False, "people")]
    assert acled_fatalities(reports) == 12
    assert ucdp_deaths(reports) == (12, 12, 20)
    assert acled_fatalities([_killed(24, 99, True, "dozens")]) == 12  # ACLED's low reading of "dozens"
    assert ucdp_deaths([_killed(12, None, text="at least 12")]) == (12, 12, 12)
    assert acled_fatalities([_killed(None, 20, text="up to 20")]) == 0
    assert acled_fatalities([Quantity("arrested", 300, 300, True, "people")]) == 0
    assert ucdp_deaths([]) is None
