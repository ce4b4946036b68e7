"""`eventlens gazetteer import`: a user's GeoNames dump adds places and GeoNames' own points."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.errors import InputError
from eventlens.resolve.gazetteer import Gazetteer, load_gazetteer
from eventlens.resolve.gazetteer_db import GazetteerDB, import_geonames


def _row(gid, name, alt, lat, lon, fclass, fcode, cc, admin1="", pop=0):
    return "\t".join([str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
                      str(pop), "", "", "Asia/Kabul", "2024-01-01"])  # fmt: skip


DUMP = "\n".join([
    _row(990000001, "Qalat-e Nowruzi", "Qalat Nowruzi,Kalat Nauruzi", 32.11, 65.32, "P", "PPL", "AF", "23", 310),
    _row(990000002, "Canada", "", 61.0, -110.0, "A", "PCLI", "CA"),
    _row(990000003, "Some Hill", "", 33.0, 66.0, "T", "HLL", "AF"),
]) + "\n"  # fmt: skip


@pytest.fixture()
def gazetteer_copy(tmp_path):
    path = tmp_path / "gaz.sqlite"
    shutil.copy(load_gazetteer().db.path, path)
    return path


def test_gazetteer_import_adds_a_village_and_geonames_country_point(tmp_path, gazetteer_copy):
    dump = tmp_path / "AF.txt"
    dump.write_text(DUMP, encoding="utf-8")
    counts = import_geonames(dump, gazetteer_copy)
    assert counts == {"town": 1, "country": 1}  # the hill is neither
    gaz = Gazetteer(db=GazetteerDB(gazetteer_copy))
    village = gaz.best("Kalat Nauruzi", ["AFG"])
    assert village is not None and village.feature == "town" and village.code == "AF-KAN"
    assert (gaz.countries["CAN"].lat, gaz.countries["CAN"].lon) == (61.0, -110.0)
    assert gaz.best("Canada").lat == 61.0


def test_gazetteer_import_bad_line_names_it(tmp_path, gazetteer_copy):
    dump = tmp_path / "bad.txt"
    dump.write_text(DUMP + "123\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 4"):
        import_geonames(dump, gazetteer_copy)


def test_gazetteer_import_cli_missing_file_says_where_to_get_one(tmp_path):
    result = CliRunner().invoke(app, ["gazetteer", "import", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "download.geonames.org" in result.output
