"""What an analyst may set on an event by hand, checked before it is stored."""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from ..model import FACTUALITY, PLACE_PRECISIONS

CORRECTABLE = ("plover_type", "plover_mode", "cameo", "acled_event_type", "acled_sub_event_type", "source",
               "target", "location", "date", "factuality")  # fmt: skip


def _actors(value: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(a, dict) and (a.get("name") or a.get("text")) for a in value):
        raise StoreError(f"{name} is a list of actors, each {{'name': ..., 'actor_id'?, 'country'?}}")
    return [{"text": str(a.get("text") or a.get("name")), "name": str(a.get("name") or a.get("text")),
             "actor_id": a.get("actor_id") or None, "country": a.get("country") or None} for a in value]


def check_correction(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` cleaned, or a :class:`StoreError` saying what is wrong."""
    from ..coding.ontology import load_ontology

    unknown = set(fields) - set(CORRECTABLE)
    if unknown or not fields:
        raise StoreError(f"an event's correctable fields are {', '.join(CORRECTABLE)}; "
                         f"not {', '.join(sorted(unknown)) or 'none'}")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "plover_type":
            types = set(load_ontology().plover)
            if value not in types:
                raise StoreError(f"{value!r} is not a PLOVER type ({', '.join(sorted(types))})")
        elif name == "factuality" and value not in FACTUALITY:
            raise StoreError(f"factuality is one of {', '.join(FACTUALITY)}")
        elif name in ("source", "target"):
            value = _actors(value, name)
        elif name == "location":
            if not isinstance(value, dict) or not value.get("name") or value.get("precision") not in PLACE_PRECISIONS:
                raise StoreError(f"location needs a name and a precision ({', '.join(PLACE_PRECISIONS)})")
            lat, lon = value.get("lat"), value.get("lon")
            if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
                raise StoreError("location needs both lat and lon (degrees), or neither")
            value = {k: value.get(k) for k in ("text", "name", "country", "admin1", "lat", "lon", "precision",
                                               "geonames_id")} | {"text": value.get("text") or value["name"]}
        elif name == "date":
            if not isinstance(value, dict) or not value.get("start"):
                raise StoreError("date needs a start (yyyy-mm-dd), and may have an end and a precision")
            value = {"start": value["start"], "end": value.get("end") or value["start"],
                     "precision": value.get("precision") or "day", "text": value.get("text")}
        elif not (value is None or isinstance(value, str)):
            raise StoreError(f"{name} is a string")
        out[name] = value
    return out
