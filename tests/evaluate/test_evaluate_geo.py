"""The geo suite on a small file written for the project (the real sets run in the gate)."""

from __future__ import annotations

import json

import pytest

from eventlens.errors import InputError
from eventlens.evaluate.geo import distance_km, read_geo
from eventlens.evaluate.runner import run_suite

ARTICLES = [
    {"doc_id": "a", "title": "", "text": "Gunmen attacked a checkpoint near Kandahar on Sunday, Afghan officials said.",
     "toponyms": [{"start": 34, "end": 42, "phrase": "Kandahar", "lat": 31.61, "lon": 65.71}]},
    {"doc_id": "b", "title": "", "text": "Deputies in Rapides Parish said the fire in Alexandria spread overnight.",
     "toponyms": [{"start": 12, "end": 26, "phrase": "Rapides Parish", "lat": 31.17, "lon": -92.48},
                  {"start": 44, "end": 54, "phrase": "Alexandria", "lat": 31.31, "lon": -92.45}]},
]  # fmt: skip


@pytest.fixture()
def geo_file(tmp_path):
    path = tmp_path / "geo.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return path


def test_evaluate_geo_distance_km():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert distance_km(31.61, 65.71, 31.61, 65.71) == 0


def test_evaluate_geo_scores_resolved_toponyms(geo_file):
    result = run_suite("geo", geo_file)
    assert result.metrics["n"] == 3
    assert result.metrics["within_161km"] == 1.0
    assert result.metrics["median_km"] < 50 and set(result.metrics) >= {"mean_km", "found"}


def test_evaluate_geo_bad_line_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_geo(path)
