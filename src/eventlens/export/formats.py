"""The field's formats: ACLED-style and UCDP GED-style CSV, CAMEO/Phoenix-style TSV, PLOVER
JSON (schema in ``data/schema/plover-event.schema.json``) and GeoJSON.

Every writer takes stored event rows (:meth:`eventlens.store.Store.events`). A column the
data cannot fill stays empty; nothing is invented (no Goldstein score, no Gleditsch-Ward
number, no conflict id). The mappings are documented in ``docs/exports.md``.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from importlib import resources
from typing import IO, Any

from ..model import Place, Quantity, TimeSpan
from .codes import (
    acled_fatalities,
    acled_geo_precision,
    acled_time_precision,
    ucdp_date_prec,
    ucdp_deaths,
    ucdp_where_prec,
)

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
"""ACLED's export columns, in its order (31)."""

UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
]  # fmt: skip
"""UCDP GED's event columns, in its codebook's order."""

PHOENIX_COLUMNS = [
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
    "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
    "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources",
]  # fmt: skip
"""The Phoenix (CAMEO) event data columns, in order."""

DISORDER = {
    "Battles": "Political violence", "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence", "Protests": "Demonstrations", "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}  # fmt: skip
ACLED_INTER = {"military": 1, "police": 1, "intelligence": 1, "government": 1, "rebel": 2, "militia": 3,
               "civilian": 7, "igo": 8}  # fmt: skip
"""ACLED actor-type codes (inter1/inter2) of eventlens sectors; other sectors get none."""
STATE_SECTORS = {"military", "police", "intelligence", "government"}
ARMED_NON_STATE = {"rebel", "militia", "criminal"}
POINT_PRECISIONS = {"town", "near_town", "district", "province"}
"""Places shown as GeoJSON points: a country or a region is no point on a map."""


# -- shared pieces ---------------------------------------------------------------------------------


def _span(row: Mapping[str, Any]) -> TimeSpan | None:
    d = row.get("date") or None
    if not d:
        return None
    return TimeSpan(start=d.get("start"), end=d.get("end"), precision=d.get("precision"), text=d.get("text"),
                    from_document_date=bool(d.get("from_document_date")))  # fmt: skip


def _place(row: Mapping[str, Any]) -> Place | None:
    p = row.get("location") or None
    if not p:
        return None
    keys = ("text", "name", "country", "lat", "lon", "precision", "geonames_id")
    return Place(**{k: p.get(k) for k in keys})


def _quantities(row: Mapping[str, Any]) -> list[Quantity]:
    keys = ("role", "low", "high", "approximate", "unit", "text", "per")
    return [Quantity(**{k: q.get(k) for k in keys if k in q}) for q in row.get("quantities") or []]


def _names(actors: Iterable[Mapping[str, Any]]) -> list[str]:
    return [a.get("name") or a.get("text") or "" for a in actors if a.get("name") or a.get("text")]


def _middle_day(span: TimeSpan | None) -> str:
    """The day ACLED codes for a span: its middle (the start or end when only one is known)."""
    if span is None or not (span.start or span.end):
        return ""
    if span.start and span.end:
        first, last = date.fromisoformat(span.start), date.fromisoformat(span.end)
        return (first + timedelta(days=(last - first).days // 2)).isoformat()
    return span.start or span.end or ""


def _country(iso3: str | None) -> Any:
    if not iso3:
        return None
    import pycountry

    return pycountry.countries.get(alpha_3=iso3)


def _admin(place: Place | None, level: str) -> str:
    return (place.name or place.text or "") if place is not None and place.precision == level else ""


def _outlets(row: Mapping[str, Any]) -> list[str]:
    names = [row.get("document_source")] + [o.get("source") for o in row.get("document_outlets") or []]
    return list(dict.fromkeys(n for n in names if n))


def _num(value: Any) -> Any:
    return "" if value is None else value


def _write_rows(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str], delimiter: str = ",") -> int:
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _num(row.get(k)) for k in columns})
        count += 1
    return count


# -- ACLED -----------------------------------------------------------------------------------------


def _inter(actors: list[Mapping[str, Any]], event_type: str | None) -> int | None:
    if event_type == "Protests":
        return 6  # ACLED codes the demonstrators as protesters whoever they are
    if event_type == "Riots":
        return 5
    for actor in actors:
        code = ACLED_INTER.get(actor.get("sector") or "")
        if code is not None:
            return code
    return None


def acled_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ACLED-style record of a stored event (``None``: no ACLED event type)."""
    acled = row.get("acled") or {}
    event_type = acled.get("event_type")
    if not event_type:
        return None
    span, place = _span(row), _place(row)
    sources, targets = row.get("source") or [], row.get("target") or []
    inter1, inter2 = _inter(sources, event_type), _inter(targets, None) if targets else None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    country = _country(place.country if place else None)
    day = _middle_day(span)
    civilians = any(t.get("sector") == "civilian" for t in targets) and DISORDER.get(event_type) == "Political violence"
    source_names, target_names = _names(sources), _names(targets)
    return {
        "event_id_cnty": f"{place.country if place and place.country else ''}{row.get('id', '')}",
        "event_date": day,
        "year": day[:4] if day else "",
        "time_precision": acled_time_precision(span),
        "disorder_type": DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": source_names[0] if source_names else "",
        "assoc_actor_1": "; ".join(source_names[1:]),
        "inter1": inter1,
        "actor2": target_names[0] if target_names else "",
        "assoc_actor_2": "; ".join(target_names[1:]),
        "inter2": inter2,
        "interaction": (codes[0] * 10 + codes[1]) if len(codes) == 2 else (codes[0] * 10 if codes else None),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": int(country.numeric) if country is not None else None,
        "region": "",
        "country": country.name if country is not None else "",
        "admin1": _admin(place, "province"),
        "admin2": _admin(place, "district"),
        "admin3": "",
        "location": (place.name or place.text or "") if place is not None else "",
        "latitude": place.lat if place is not None else None,
        "longitude": place.lon if place is not None else None,
        "geo_precision": acled_geo_precision(place),
        "source": "; ".join(_outlets(row)),
        "source_scale": "",
        "notes": (row.get("evidence") or {}).get("sentence", ""),
        "fatalities": acled_fatalities(_quantities(row)),
        "tags": "",
        "timestamp": "",
    }


def write_acled(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """ACLED-style CSV: the 31 columns in ACLED's order, one row per event with an ACLED type."""
    return _write_rows((r for r in map(acled_row, rows) if r is not None), ACLED_COLUMNS, out)


# -- UCDP GED --------------------------------------------------------------------------------------


def _violence_type(sources: list[Mapping[str, Any]], targets: list[Mapping[str, Any]]) -> int | None:
    """UCDP's type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""
    a = {s.get("sector") for s in sources}
    b = {t.get("sector") for t in targets}
    if b and b <= {"civilian"} and a & (STATE_SECTORS | ARMED_NON_STATE):
        return 3
    if (a & STATE_SECTORS and b & ARMED_NON_STATE) or (b & STATE_SECTORS and a & ARMED_NON_STATE):
        return 1
    if a & ARMED_NON_STATE and b & ARMED_NON_STATE:
        return 2
    return None


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degrees) holding a point: rows from the south, 720 a row."""
    row = min(359, math.floor((lat + 90) / 0.5))
    col = min(719, math.floor((lon + 180) / 0.5))
    return row * 720 + col + 1


def ucdp_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The UCDP GED-style record of a stored event (``None``: not violence, or not happened)."""
    if (row.get("plover") or {}).get("type") != "ASSAULT":
        return None
    span, place = _span(row), _place(row)
    sources, targets = row.get("source") or [], row.get("target") or []
    deaths = ucdp_deaths(_quantities(row))
    located = place is not None and place.lat is not None and place.lon is not None
    country = _country(place.country if place else None)
    side_a, side_b = "; ".join(_names(sources)), "; ".join(_names(targets))
    outlets = _outlets(row)
    return {
        "id": row.get("id"), "relid": f"{row.get('document_id', '')}-{row.get('id', '')}",
        "year": (span.start or span.end or "")[:4] if span else "", "active_year": "", "code_status": "",
        "type_of_violence": _violence_type(sources, targets),
        "side_a": side_a, "side_b": side_b, "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "number_of_sources": max(1, len(outlets)),
        "source_article": row.get("document_url") or row.get("document_id") or "",
        "source_office": "; ".join(outlets), "source_date": row.get("document_date") or "",
        "source_headline": row.get("document_title") or "", "source_original": row.get("attribution") or "",
        "where_prec": ucdp_where_prec(place),
        "where_coordinates": (place.name or place.text or "") if place is not None else "",
        "where_description": place.text if place is not None else "",
        "adm_1": _admin(place, "province"), "adm_2": _admin(place, "district"),
        "latitude": place.lat if located else None, "longitude": place.lon if located else None,
        "geom_wkt": f"POINT ({place.lon} {place.lat})" if located else "",
        "priogrid_gid": priogrid_gid(place.lat, place.lon) if located else None,
        "country": country.name if country is not None else "", "country_id": "", "region": "",
        "event_clarity": 1 if row.get("factuality") == "asserted" else 2,
        "date_prec": ucdp_date_prec(span),
        "date_start": span.start if span else "", "date_end": span.end if span else "",
        "deaths_unknown": deaths[1] if deaths else None,  # reports rarely say whose dead they were
        "best": deaths[1] if deaths else None, "high": deaths[2] if deaths else None,
        "low": deaths[0] if deaths else None,
    }  # fmt: skip


def write_ucdp(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """UCDP GED-style CSV: its columns in its order, one row per violent (ASSAULT) event."""
    return _write_rows((r for r in map(ucdp_row, rows) if r is not None), UCDP_COLUMNS, out)


# -- CAMEO / Phoenix -------------------------------------------------------------------------------


def quad_class(cameo: str | None) -> int | None:
    """CAMEO quad class of a code: 1 verbal cooperation (01-05), 2 material cooperation
    (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 if root <= 20 else None


def _actor_code(actors: list[Mapping[str, Any]]) -> tuple[str, str, str, str]:
    """(full CAMEO actor code, entity = its country part, role, attribute) of the first actor."""
    code = next((a.get("cameo_code") for a in actors if a.get("cameo_code")), None) or ""
    return code, code[:3], code[3:6], code[6:9]


def phoenix_row(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The Phoenix-style record of a stored event (``None``: no CAMEO code)."""
    cameo = row.get("cameo")
    if not cameo:
        return None
    span, place = _span(row), _place(row)
    day = (span.start or span.end or "") if span else ""
    src, tgt = _actor_code(row.get("source") or []), _actor_code(row.get("target") or [])
    evidence = row.get("evidence") or {}
    return {
        "EventID": row.get("id"), "Date": day.replace("-", ""), "Year": day[:4], "Month": day[5:7], "Day": day[8:10],
        "SourceActorFull": src[0], "SourceActorEntity": src[1], "SourceActorRole": src[2],
        "SourceActorAttribute": src[3], "TargetActorFull": tgt[0], "TargetActorEntity": tgt[1],
        "TargetActorRole": tgt[2], "TargetActorAttribute": tgt[3],
        "EventCode": cameo, "EventRootCode": cameo[:2], "QuadClass": quad_class(cameo), "GoldsteinScore": "",
        "Issues": "",
        "Lat": place.lat if place is not None and place.precision in POINT_PRECISIONS else None,
        "Lon": place.lon if place is not None and place.precision in POINT_PRECISIONS else None,
        "LocationName": (place.name or place.text or "") if place is not None else "",
        "StateName": _admin(place, "province"), "CountryCode": place.country if place and place.country else "",
        "SentenceID": f"{row.get('document_id', '')}_{evidence.get('start', '')}",
        "URLs": row.get("document_url") or "", "NewsSources": "; ".join(_outlets(row)),
    }  # fmt: skip


def write_phoenix(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """CAMEO/Phoenix-style TSV: the Phoenix columns in order, one row per CAMEO-coded event."""
    return _write_rows((r for r in map(phoenix_row, rows) if r is not None), PHOENIX_COLUMNS, out, "\t")


# -- PLOVER JSON -----------------------------------------------------------------------------------


def plover_schema() -> dict[str, Any]:
    """The JSON Schema eventlens publishes for its PLOVER records."""
    path = resources.files("eventlens") / "data" / "schema" / "plover-event.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _plover_actor(actor: Mapping[str, Any]) -> dict[str, Any]:
    return {k: actor.get(k) for k in ("text", "name", "actor_id", "country", "sector", "cameo_code")}


def plover_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The PLOVER/POLECAT-style record of a stored event."""
    plover = row.get("plover") or {}
    evidence = row.get("evidence") or {}
    place = row.get("location") or None
    return {
        "id": str(row.get("id")),
        "event_type": plover.get("type"),
        "mode": plover.get("mode") or None,
        "context": list(plover.get("context") or []),
        "date": row.get("date") or None,
        "actor": [_plover_actor(a) for a in row.get("source") or []],
        "recipient": [_plover_actor(a) for a in row.get("target") or []],
        "location": {k: place.get(k) for k in ("name", "country", "lat", "lon", "precision", "geonames_id")}
        if place else None,
        "factuality": row.get("factuality"),
        "confidence": row.get("confidence"),
        "cameo": row.get("cameo"),
        "quantities": [{k: q.get(k) for k in ("role", "low", "high", "approximate", "unit", "text")}
                       for q in row.get("quantities") or []],
        "text": evidence.get("sentence", ""),
        "trigger": (evidence.get("trigger") or {}).get("text"),
        "document": {"id": row.get("document_id"), "title": row.get("document_title"),
                     "date": row.get("document_date"), "url": row.get("document_url"),
                     "sources": _outlets(row)},
    }  # fmt: skip


def write_plover(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """PLOVER JSON: a JSON array of records valid against :func:`plover_schema`."""
    records = [plover_record(r) for r in rows]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


# -- GeoJSON ---------------------------------------------------------------------------------------


def geojson_feature(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point feature for an event placed at a town, district or province
    (``None`` for a country-level or unplaced event: no pin where there is no place)."""
    place = _place(row)
    if place is None or place.lat is None or place.lon is None or place.precision not in POINT_PRECISIONS:
        return None
    plover, acled = row.get("plover") or {}, row.get("acled") or {}
    span = _span(row)
    return {
        "type": "Feature",
        "id": row.get("id"),
        "geometry": {"type": "Point", "coordinates": [round(float(place.lon), 6), round(float(place.lat), 6)]},
        "properties": {
            "event_type": plover.get("type"), "mode": plover.get("mode") or None, "cameo": row.get("cameo"),
            "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
            "date_start": span.start if span else None, "date_end": span.end if span else None,
            "source": _names(row.get("source") or []), "target": _names(row.get("target") or []),
            "place": place.name or place.text, "country": place.country, "precision": place.precision,
            "where_prec": ucdp_where_prec(place), "geo_precision": acled_geo_precision(place),
            "factuality": row.get("factuality"), "confidence": row.get("confidence"),
            "document_id": row.get("document_id"), "sentence": (row.get("evidence") or {}).get("sentence", ""),
        },
    }  # fmt: skip


def write_geojson(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """GeoJSON (RFC 7946) FeatureCollection of the events with a real place."""
    features = [f for f in map(geojson_feature, rows) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


WRITERS = {"acled": write_acled, "ucdp": write_ucdp, "cameo": write_phoenix, "plover": write_plover,
           "geojson": write_geojson}  # fmt: skip
"""``eventlens export --format`` name -> writer."""
