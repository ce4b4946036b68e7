"""The SQLite gazetteer of towns and districts, and place readings in a story's context."""

from __future__ import annotations

import time

import pytest

from eventlens import extract
from eventlens.resolve.gazetteer import load_gazetteer
from eventlens.resolve.gazetteer_db import GazetteerDB, build
from eventlens.resolve.places import place_in_context


def test_gazetteer_db_build_is_quick_and_small(tmp_path):
    began = time.perf_counter()
    path = build(tmp_path / "gaz.sqlite")
    assert time.perf_counter() - began < 120  # issue #4: under 2 minutes
    assert path.stat().st_size < 300_000_000
    meta = GazetteerDB(path).meta()
    assert int(meta["places"]) > 200_000 and "GeoNames" in meta["attribution"]


def test_gazetteer_db_lookup_under_a_millisecond():
    db = load_gazetteer().db
    keys = ["alexandria", "rapides parish", "springfield", "kandahar", "no such place"] * 100
    began = time.perf_counter()
    for key in keys:
        db.lookup(key)
    assert (time.perf_counter() - began) / len(keys) < 0.001


def _places(text):
    doc = extract(text)
    return doc, {m.text: m.place for m in doc.mentions if m.place is not None}


def test_gazetteer_district_and_its_town_in_a_local_story():
    doc, places = _places("Deputies in Rapides Parish arrested two men on Friday. The fire in Alexandria "
                          "destroyed a warehouse, the sheriff's office said.")  # fmt: skip
    parish = places["Rapides Parish"]
    assert parish.precision == "district" and parish.admin1 == "Louisiana"
    town = place_in_context(doc, "Alexandria")
    assert town.country == "USA" and town.admin1 == "Louisiana" and town.precision == "town"


def test_gazetteer_alexandria_alone_is_egypts():
    doc = extract("Protesters gathered in Alexandria and Cairo on Friday.")
    assert place_in_context(doc, "Alexandria").country == "EGY"


def test_gazetteer_state_names_in_an_american_story():
    doc = extract("Police in Athens, Ga., detained a suspect. Georgia officials said the Savannah "
                  "office would take the case.")  # fmt: skip
    georgia = place_in_context(doc, "Georgia")
    assert georgia.country == "USA" and georgia.precision == "province"
    assert place_in_context(doc, "Athens").country == "USA"


@pytest.mark.parametrize(
    ("name", "country", "precision"),
    [("West Bank", "PSE", "region"), ("Darfur", "SDN", "region"), ("Palestinians", "PSE", "country"),
     ("Sudanese", "SDN", "country")],
)
def test_gazetteer_regions_and_demonyms(name, country, precision):
    entry = load_gazetteer().best(name)
    assert entry is not None and entry.country == country and entry.lat is not None
    assert {"region": "region", "country": "country"}[entry.feature] == precision
