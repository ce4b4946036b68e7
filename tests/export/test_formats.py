"""Exports in the field's formats: columns in order, valid documents, and what they hold."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventlens.api import ingest
from eventlens.config import Settings
from eventlens.export.formats import (
    ACLED_COLUMNS,
    PHOENIX_COLUMNS,
    UCDP_COLUMNS,
    acled_row,
    plover_schema,
    priogrid_gid,
    quad_class,
    ucdp_row,
    write_acled,
    write_geojson,
    write_phoenix,
    write_plover,
    write_ucdp,
)
from eventlens.model import FACTUALITY, PLACE_PRECISIONS
from eventlens.store import Store

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('export') / 'events.db'}"
    ingest([EXAMPLES], Settings(db=db))
    return db


@pytest.fixture(scope="module", params=["events", "mentions"])
def stored(request, examples_db):
    """The bundled examples' rows as exported: one per deduplicated event, or one per mention."""
    with Store(examples_db) as store:
        rows = store.happening_rows() if request.param == "events" else store.events()
        assert len(rows) > 30 and (request.param == "mentions" or len(rows) < store.count_events())
    return rows


def _written(writer, rows) -> str:
    out = io.StringIO()
    writer(rows, out)
    return out.getvalue()


def test_acled_csv_has_its_31_columns_in_order_and_round_trips(stored):
    text = _written(write_acled, stored)
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    back = list(reader)
    by_id = {str(r["id"]): r for r in stored}
    with_type = [r for r in stored if (r["acled"] or {}).get("event_type")]
    assert len(back) == len(with_type) > 20
    for line in back:
        event = by_id[line["event_id_cnty"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
        assert line["event_type"] == event["acled"]["event_type"]
        assert line["notes"] == event["evidence"]["sentence"]
        assert line["time_precision"] in {"1", "2", "3", ""} and line["geo_precision"] in {"1", "2", "3", ""}
        assert line["fatalities"].isdigit()


def test_ucdp_csv_has_its_columns_in_order_and_consistent_counts(stored):
    reader = csv.DictReader(io.StringIO(_written(write_ucdp, stored)))
    assert reader.fieldnames == UCDP_COLUMNS
    back = list(reader)
    assert len(back) == sum((r["plover"] or {}).get("type") == "ASSAULT" for r in stored) > 10
    counted = [b for b in back if b["best"]]
    assert counted, "some violent event of the examples reports deaths"
    for line in counted:
        assert int(line["low"]) <= int(line["best"]) <= int(line["high"])
    for line in back:
        assert line["where_prec"] in {"1", "2", "3", "4", "5", "6", "7", ""}
        assert line["date_prec"] in {"1", "2", "3", "4", "5", ""}


def test_geojson_is_a_feature_collection_of_real_places_only(stored):
    data = json.loads(_written(write_geojson, stored))
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["precision"] in {"town", "near_town", "district", "province"}
    country_level = [r for r in stored if r["location"] and r["location"].get("precision") == "country"]
    assert country_level, "the examples have country-level events, which must not become pins"
    pinned = {f["id"] for f in data["features"]}
    assert not pinned & {r["id"] for r in country_level}


def test_plover_json_validates_against_the_published_schema(stored):
    import jsonschema

    records = json.loads(_written(write_plover, stored))
    assert len(records) == len(stored)
    schema = plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(records[0], schema)
    validator = jsonschema.Draft202012Validator(schema)
    errors = [e.message for r in records for e in validator.iter_errors(r)]
    assert errors == []
    assert [r["id"] for r in records] == [str(r["id"]) for r in stored]
    broken = dict(records[0], factuality="probably")
    assert list(validator.iter_errors(broken)), "the schema rejects what eventlens never writes"


def test_plover_schema_lists_what_the_model_can_hold():
    from eventlens.coding.ontology import load_ontology

    props = plover_schema()["properties"]
    assert props["factuality"]["enum"] == list(FACTUALITY)
    assert [p for p in props["location"]["properties"]["precision"]["enum"] if p] == list(PLACE_PRECISIONS)
    assert set(props["event_type"]["enum"]) == set(load_ontology().plover)


def test_cameo_tsv_has_the_phoenix_columns_and_quad_classes(stored):
    reader = csv.DictReader(io.StringIO(_written(write_phoenix, stored)), delimiter="\t")
    assert reader.fieldnames == PHOENIX_COLUMNS
    back = list(reader)
    assert back and all(b["EventRootCode"] == b["EventCode"][:2] for b in back)
    assert all(b["GoldsteinScore"] == "" for b in back)  # never invented
    assert (quad_class("043"), quad_class("0871"), quad_class("112"), quad_class("190")) == (1, 2, 3, 4)


def _event(**over):
    row = {
        "id": 7, "document_id": "d", "document_title": "T", "document_date": "2024-03-02",
        "document_source": "Dawn", "document_url": "https://dawn.example/a", "document_outlets": [{"source": "AP"}],
        "plover": {"type": "ASSAULT", "mode": "firearms", "context": []}, "cameo": "190",
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        "source": [{"text": "soldiers", "name": "Pakistani military", "sector": "military", "cameo_code": "PAKMIL"}],
        "target": [{"text": "villagers", "name": "civilians", "sector": "civilian"}],
        "location": {"text": "Peshawar", "name": "Peshawar", "country": "PAK", "lat": 34.01, "lon": 71.58,
                     "precision": "town"},
        "date": {"start": "2024-03-01", "end": "2024-03-03", "precision": "range"},
        "quantities": [{"role": "killed", "low": 3, "high": 5, "approximate": False, "text": "three to five"}],
        "factuality": "asserted", "confidence": 0.8, "attribution": "police",
        "evidence": {"sentence": "Soldiers killed three to five villagers.", "start": 0, "end": 40,
                     "trigger": {"text": "killed", "start": 9, "end": 15}},
    }  # fmt: skip
    row.update(over)
    return row


def test_acled_and_ucdp_codes_of_one_event():
    acled = acled_row(_event())
    assert (acled["inter1"], acled["inter2"], acled["interaction"]) == (1, 7, 17)
    assert acled["civilian_targeting"] == "Civilian targeting" and acled["disorder_type"] == "Political violence"
    assert (acled["event_date"], acled["time_precision"], acled["geo_precision"]) == ("2024-03-02", 2, 1)
    assert (acled["iso"], acled["country"], acled["fatalities"]) == (586, "Pakistan", 3)
    assert acled["source"] == "Dawn; AP" and acled["region"] == "" and acled["tags"] == ""
    ucdp = ucdp_row(_event())
    assert (ucdp["type_of_violence"], ucdp["low"], ucdp["best"], ucdp["high"]) == (3, 3, 3, 5)
    assert (ucdp["where_prec"], ucdp["date_prec"], ucdp["number_of_sources"]) == (1, 2, 2)
    assert ucdp["geom_wkt"] == "POINT (71.58 34.01)" and ucdp["priogrid_gid"] == priogrid_gid(34.01, 71.58)
    assert priogrid_gid(-89.9, -179.9) == 1 and priogrid_gid(0.25, 0.25) == 180 * 720 + 360 + 1
    assert ucdp_row(_event(plover={"type": "CONSULT"})) is None
    assert acled_row(_event(acled={"event_type": None, "sub_event_type": None})) is None


def test_cli_export_writes_a_file_and_explains_a_bad_path(stored, tmp_path):
    from typer.testing import CliRunner

    from eventlens.cli import app

    db = tmp_path / "one.db"
    ingest([EXAMPLES / "wire_story.txt"], Settings(db=f"sqlite:///{db}"))
    out = tmp_path / "events.geojson"
    result = CliRunner().invoke(app, ["export", "--format", "geojson", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    bad = CliRunner().invoke(app, ["export", "-f", "acled", "--db", str(db), "-o", str(tmp_path / "no" / "x.csv")])
    assert bad.exit_code != 0 and "cannot write" in bad.output


def test_stix_bundle_parses_with_stix2_and_every_reference_resolves(stored):
    import stix2

    from eventlens.export.formats import write_stix

    text = _written(write_stix, stored)
    bundle = stix2.parse(text, allow_custom=False)
    objects = {o.id: o for o in bundle.objects}
    kinds = {o.type for o in bundle.objects}
    assert {"identity", "location", "relationship", "report"} <= kinds
    relations = [o for o in bundle.objects if o.type == "relationship"]
    assert len(relations) > 30
    for rel in relations:
        assert rel.source_ref in objects and rel.target_ref in objects
        assert objects[rel.source_ref].type == "identity"
        assert "\u201c" in rel.description and rel.external_references[0].description.startswith("evidence")
    for report in (o for o in bundle.objects if o.type == "report"):
        assert all(ref in objects for ref in report.object_refs)
    again = stix2.parse(_written(write_stix, stored), allow_custom=False)
    assert {o.id for o in again.objects} == set(objects), "ids are stable from one export to the next"
    by_id = {str(r["id"]): r for r in stored}
    sentences = {r["evidence"]["sentence"] for r in by_id.values()}
    assert all(rel.description.split("\u201c", 1)[1].rstrip("\u201d") in sentences for rel in relations)


def test_parquet_round_trips(stored, tmp_path):
    import pyarrow.parquet as pq

    from eventlens.export.formats import PARQUET_COLUMNS, write_parquet

    path = tmp_path / "events.parquet"
    with path.open("wb") as fh:
        assert write_parquet(stored, fh) == len(stored)
    table = pq.read_table(path)
    assert table.column_names == PARQUET_COLUMNS
    back = table.to_pylist()
    assert [r["id"] for r in back] == [r["id"] for r in stored]
    assert [r["sentence"] for r in back] == [r["evidence"]["sentence"] for r in stored]
    first = next(r for r in stored if r["source"])
    assert back[stored.index(first)]["source"] == [a.get("name") or a["text"] for a in first["source"]]


def test_an_empty_selection_exports_an_empty_but_valid_file_in_every_format():
    from eventlens.export.formats import BINARY_WRITERS, WRITERS

    for name, writer in WRITERS.items():
        assert writer([], io.StringIO()) == 0, name
    for name, writer in BINARY_WRITERS.items():
        assert writer([], io.BytesIO()) == 0, name
