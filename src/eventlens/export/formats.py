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


# -- STIX 2.1 --------------------------------------------------------------------------------------

STIX_NAMESPACE = "6f1f3a4e-6e0b-5d2c-9a57-3e2f1c0d7b11"
"""UUID namespace of eventlens's STIX ids: the same actor, place or event keeps its id."""
ORGANISATION_SECTORS = {"government", "military", "police", "intelligence", "rebel", "militia", "party", "igo",
                        "ngo", "criminal"}  # fmt: skip
STIX_PRECISION_M = {"town": 5_000, "near_town": 25_000, "district": 50_000, "province": 200_000}
"""Metres a place's point may be off by, by eventlens precision (STIX ``location.precision``)."""


def _stix_id(kind: str, key: str) -> str:
    import uuid

    return f"{kind}--{uuid.uuid5(uuid.UUID(STIX_NAMESPACE), key)}"


def _stix_identity(actor: Mapping[str, Any]) -> Any:
    import stix2

    name = actor.get("name") or actor.get("text")
    sector = actor.get("sector")
    kind = "organization" if sector in ORGANISATION_SECTORS else "class" if sector == "civilian" else "unknown"
    facts = [f"{label}: {actor.get(key)}" for label, key in
             (("sector", "sector"), ("country", "country"), ("CAMEO", "cameo_code"), ("eventlens id", "actor_id"))
             if actor.get(key)]  # fmt: skip
    return stix2.Identity(id=_stix_id("identity", actor.get("actor_id") or f"name:{name}"), name=name,
                          identity_class=kind, description="; ".join(facts) or None)  # fmt: skip


def _stix_location(place: Mapping[str, Any] | None) -> Any:
    import stix2

    if not place:
        return None
    country = _country(place.get("country"))
    point = place.get("precision") in STIX_PRECISION_M and place.get("lat") is not None and place.get("lon") is not None
    if country is None and not point:
        return None
    name = place.get("name") or place.get("text")
    kwargs: dict[str, Any] = {"name": name, "description": f"precision: {place.get('precision')}"}
    if country is not None:
        kwargs["country"] = country.alpha_2
    if point:
        kwargs.update(latitude=float(place["lat"]), longitude=float(place["lon"]),
                      precision=float(STIX_PRECISION_M[place["precision"]]))  # fmt: skip
    if place.get("precision") == "province":
        kwargs["administrative_area"] = name
    key = f"{name}|{place.get('country')}|{place.get('precision')}"
    return stix2.Location(id=_stix_id("location", key), **kwargs)


def _stix_time(value: str | None, end: bool = False) -> str | None:
    return f"{value}T{'23:59:59' if end else '00:00:00'}Z" if value else None


def stix_bundle(rows: Iterable[Mapping[str, Any]]) -> Any:
    """A STIX 2.1 bundle: an identity per actor, a location per place, a relationship per
    event (source to target, or source ``located-at`` the place when no target is named)
    carrying the PLOVER type, dates, confidence and the sentence as evidence, and a report
    per document referring to its objects."""
    import stix2

    objects: dict[str, Any] = {}
    per_document: dict[str, list[str]] = {}
    documents: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        sources = [_stix_identity(a) for a in row.get("source") or [] if a.get("name") or a.get("text")]
        targets = [_stix_identity(a) for a in row.get("target") or [] if a.get("name") or a.get("text")]
        place = _stix_location(row.get("location"))
        if not sources or not (targets or place):
            continue
        plover = row.get("plover") or {}
        evidence = row.get("evidence") or {}
        span = row.get("date") or {}
        kind = (plover.get("type") or "event").lower() if targets else "located-at"
        outlets = _outlets(row) or [row.get("document_id") or "eventlens"]
        where = f" at {place.name}" if place is not None else ""
        description = (f"{plover.get('type')}{' (' + plover['mode'] + ')' if plover.get('mode') else ''}{where}, "
                       f"{row.get('factuality')}: \u201c{evidence.get('sentence', '')}\u201d")  # fmt: skip
        refs = [{"source_name": outlets[0], "url": row.get("document_url"),
                 "description": f"evidence, characters {evidence.get('start')}-{evidence.get('end')} of document "
                                f"{row.get('document_id')}: {evidence.get('sentence', '')}"}]  # fmt: skip
        relation = stix2.Relationship(
            id=_stix_id("relationship", f"event:{row.get('id')}"), relationship_type=kind,
            source_ref=sources[0].id, target_ref=(targets[0] if targets else place).id,
            description=description, confidence=round(100 * float(row.get("confidence") or 0)),
            start_time=_stix_time(span.get("start")), stop_time=_stix_time(span.get("end"), end=True)
            if span.get("end") and span.get("end") != span.get("start") else None,
            external_references=[{k: v for k, v in r.items() if v} for r in refs],
        )  # fmt: skip
        for obj in (*sources, *targets, place, relation):
            if obj is not None:
                objects[obj.id] = obj
                per_document.setdefault(str(row.get("document_id")), []).append(obj.id)
        documents[str(row.get("document_id"))] = row
    for doc_id, ids in per_document.items():
        row = documents[doc_id]
        published = _stix_time(row.get("document_date")) or "1970-01-01T00:00:00Z"
        url = row.get("document_url")
        report = stix2.Report(
            id=_stix_id("report", f"document:{doc_id}"), name=row.get("document_title") or doc_id,
            published=published, report_types=["threat-report"], object_refs=list(dict.fromkeys(ids)),
            external_references=[{"source_name": (_outlets(row) or ["eventlens"])[0], "external_id": doc_id,
                                  **({"url": url} if url else {})}],
        )  # fmt: skip
        objects[report.id] = report
    return stix2.Bundle(objects=list(objects.values()))


def write_stix(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """STIX 2.1 JSON bundle (see :func:`stix_bundle`); returns the number of relationships."""
    bundle = stix_bundle(rows)
    out.write(bundle.serialize(pretty=True))
    out.write("\n")
    return sum(1 for obj in getattr(bundle, "objects", []) if obj.type == "relationship")  # an empty bundle has none


WRITERS["stix"] = write_stix


# -- Parquet ---------------------------------------------------------------------------------------

PARQUET_COLUMNS = [
    "id", "document_id", "date_start", "date_end", "date_precision", "plover_type", "plover_mode", "cameo",
    "acled_event_type", "acled_sub_event_type", "source", "target", "place", "country", "latitude", "longitude",
    "precision", "killed_low", "killed_high", "factuality", "confidence", "trigger", "sentence", "document_title",
    "document_date", "document_url",
]  # fmt: skip


def parquet_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One flat record (actors as lists of names) of a stored event."""
    span, place = row.get("date") or {}, row.get("location") or {}
    plover, acled, evidence = row.get("plover") or {}, row.get("acled") or {}, row.get("evidence") or {}
    deaths = ucdp_deaths(_quantities(row))
    return {
        "id": row.get("id"), "document_id": row.get("document_id"), "date_start": span.get("start"),
        "date_end": span.get("end"), "date_precision": span.get("precision"), "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode") or None, "cameo": row.get("cameo"),
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "source": _names(row.get("source") or []), "target": _names(row.get("target") or []),
        "place": place.get("name") or place.get("text"), "country": place.get("country"),
        "latitude": place.get("lat"), "longitude": place.get("lon"), "precision": place.get("precision"),
        "killed_low": deaths[0] if deaths else None, "killed_high": deaths[2] if deaths else None,
        "factuality": row.get("factuality"), "confidence": row.get("confidence"),
        "trigger": (evidence.get("trigger") or {}).get("text"), "sentence": evidence.get("sentence"),
        "document_title": row.get("document_title"), "document_date": row.get("document_date"),
        "document_url": row.get("document_url"),
    }  # fmt: skip


def write_parquet(rows: Iterable[Mapping[str, Any]], out: IO[bytes]) -> int:
    """Parquet (one row per event, :data:`PARQUET_COLUMNS`); needs pyarrow
    (``pip install 'eventlens[parquet]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        from ..errors import SettingsError

        raise SettingsError("Parquet export needs pyarrow: pip install 'eventlens[parquet]'") from exc
    schema = pa.schema([
        ("id", pa.int64()), ("document_id", pa.string()), ("date_start", pa.string()), ("date_end", pa.string()),
        ("date_precision", pa.string()), ("plover_type", pa.string()), ("plover_mode", pa.string()),
        ("cameo", pa.string()), ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()),
        ("source", pa.list_(pa.string())), ("target", pa.list_(pa.string())), ("place", pa.string()),
        ("country", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("precision", pa.string()), ("killed_low", pa.int64()), ("killed_high", pa.int64()),
        ("factuality", pa.string()), ("confidence", pa.float64()), ("trigger", pa.string()),
        ("sentence", pa.string()), ("document_title", pa.string()), ("document_date", pa.string()),
        ("document_url", pa.string()),
    ])  # fmt: skip
    records = [parquet_record(r) for r in rows]
    pq.write_table(pa.Table.from_pylist(records, schema=schema), out)
    return len(records)


BINARY_WRITERS = {"parquet": write_parquet}
"""Writers of binary files (need ``--output``)."""
