"""Conversions between the data model and table rows, kept apart from the queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..link.profile import mention_key
from ..model import Actor, Document, Event
from .schema import DocumentRow, EventRow

NAME_SEPARATOR = " | "
"""Between actors in ``source_names``/``target_names``."""


def actor_names(actors: list[Actor]) -> str:
    """Searchable names: each actor's text, resolved name and id, once each, in order."""
    parts: list[str] = []
    for actor in actors:
        for value in (actor.text, actor.name, actor.actor_id):
            if value and value not in parts:
                parts.append(value)
    return NAME_SEPARATOR.join(parts)


def names_of(actors: list[dict[str, Any]]) -> str:
    """:func:`actor_names` of stored actor dicts."""
    return actor_names([Actor(text=a.get("text") or "", name=a.get("name"), actor_id=a.get("actor_id"))
                        for a in actors])


def event_countries(event: Event) -> str:
    """Space-separated, sorted ISO3 codes of the event's actors and location."""
    codes = {actor.country for actor in (*event.source, *event.target) if actor.country}
    if event.location is not None and event.location.country:
        codes.add(event.location.country)
    return " ".join(sorted(code.upper() for code in codes))


def event_row(event: Event, document_id: str, ordinal: int) -> EventRow:
    """An unsaved row for ``event``; JSON columns hold the ``Event.to_dict()`` parts."""
    data = event.to_dict()
    plover = data["plover"] or {}
    acled = data["acled"] or {}
    date = data["date"] or {}
    return EventRow(
        document_id=document_id,
        ordinal=ordinal,
        plover_type=plover.get("type"),
        plover_mode=plover.get("mode"),
        plover_context=plover.get("context"),
        cameo=data["cameo"],
        acled_event_type=acled.get("event_type"),
        acled_sub_event_type=acled.get("sub_event_type"),
        source=data["source"],
        target=data["target"],
        source_names=actor_names(event.source),
        target_names=actor_names(event.target),
        countries=event_countries(event),
        location=data["location"],
        location_country=event.location.country if event.location else None,
        date_start=date.get("start"),
        date_end=date.get("end"),
        date_precision=date.get("precision"),
        date=data["date"],
        quantities=data["quantities"],
        factuality=data["factuality"],
        factuality_cues=data.get("factuality_cues") or [],
        confidence=data["confidence"],
        attribution=data["attribution"],
        timeframe=data.get("timeframe"),
        evidence=data["evidence"],
        trigger=event.evidence.trigger.text if event.evidence else None,
        mention_key=mention_key(data, document_id),
    )


def fill_document_row(row: DocumentRow, doc: Document, pipeline_version: str) -> DocumentRow:
    """Copy ``doc``'s metadata and text onto ``row`` (new or existing)."""
    row.id = doc.id
    row.content_hash = doc.content_hash
    row.title = doc.title
    row.date = doc.date
    row.date_source = doc.date_source
    row.url = doc.url
    row.source = doc.source
    row.author = doc.author
    row.origin = doc.origin
    row.text = doc.text
    row.pipeline_version = pipeline_version
    row.errors = list(doc.errors)
    row.processed_at = datetime.now(UTC)
    return row


def event_dict(row: EventRow, document_title: str | None, document_date: str | None, *, source: str | None = None,
               url: str | None = None, outlets: list[dict] | None = None) -> dict[str, Any]:
    """``Event.to_dict()`` shape plus ``id``, ``document_id``, ``document_title``, ``document_date``
    (and, from :meth:`Store.events`, ``document_source``, ``document_url``, ``document_outlets``)."""
    return {
        "id": row.id,
        "document_id": row.document_id,
        "document_title": document_title,
        "document_date": document_date,
        "document_source": source,
        "document_url": url,
        "document_outlets": list(outlets or []),
        "plover": {"type": row.plover_type, "mode": row.plover_mode, "context": row.plover_context},
        "cameo": row.cameo,
        "acled": {"event_type": row.acled_event_type, "sub_event_type": row.acled_sub_event_type},
        "evidence": row.evidence,
        "source": row.source or [],
        "target": row.target or [],
        "location": row.location,
        "date": row.date,
        "quantities": row.quantities or [],
        "factuality": row.factuality,
        "factuality_cues": row.factuality_cues or [],
        "confidence": row.confidence,
        "attribution": row.attribution,
        "timeframe": row.timeframe or "recent",
        "mention_key": row.mention_key,
        "happening_id": row.happening_id,
        "credibility": row.credibility,
    }


def document_dict(row: DocumentRow, events: list[dict[str, Any]], *, text: bool = True) -> dict[str, Any]:
    """``Document.to_dict()`` shape plus storage fields (hash, origin, version, time)."""
    data: dict[str, Any] = {
        "id": row.id,
        "title": row.title,
        "date": row.date,
        "date_source": row.date_source,
        "url": row.url,
        "source": row.source,
        "author": row.author,
        "events": events,
        "errors": list(row.errors or []),
        "outlets": list(row.outlets or []),
        "origin": row.origin,
        "content_hash": row.content_hash,
        "pipeline_version": row.pipeline_version,
        "processed_at": row.processed_at.isoformat() if row.processed_at else None,
    }
    if text:
        data["text"] = row.text
    return data


def happening_dict(row: Any) -> dict[str, Any]:
    """A deduplicated event: the ``Event.to_dict()`` shape (reconciled) plus ``id`` and its
    counts: ``mentions``, ``documents``, ``sources`` (outlet names), first and last reported."""
    return {
        "id": row.id,
        "plover": {"type": row.plover_type, "mode": row.plover_mode, "context": []},
        "cameo": row.cameo,
        "acled": {"event_type": row.acled_event_type, "sub_event_type": row.acled_sub_event_type},
        "source": row.source or [],
        "target": row.target or [],
        "location": row.location,
        "date": row.date,
        "quantities": row.quantities or [],
        "factuality": row.factuality,
        "confidence": row.confidence,
        "timeframe": row.timeframe or "recent",
        "n_mentions": row.n_mentions,
        "n_documents": row.n_documents,
        "n_sources": row.n_sources,
        "sources": list(row.sources or []),
        "first_reported": row.first_reported,
        "last_reported": row.last_reported,
        "reliability": row.reliability,
        "credibility": row.credibility,
    }


def decision_dict(row: Any) -> dict[str, Any]:
    return {"id": row.id, "op": row.op, "keys": list(row.keys or []), "other_keys": list(row.other_keys or []),
            "value": row.value, "fields": row.fields, "reason": row.reason,
            "at": row.created_at.isoformat() if row.created_at else None}


def actor_key(actor: Actor) -> str | None:
    """The ``actors`` row an actor is stored under: its knowledge-base id, else its name."""
    if actor.actor_id:
        return actor.actor_id
    name = (actor.name or actor.text or "").strip().lower()
    return f"name:{name}" if name else None


def place_key(place: Any) -> str | None:
    """The ``places`` row a place is stored under: its GeoNames id, else name|country|admin1|precision."""
    if place.geonames_id:
        return f"gn:{place.geonames_id}"
    if not (place.name or place.text):
        return None
    return "|".join(str(v or "") for v in (place.name or place.text, place.country, place.admin1, place.precision))


def document_parts(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for ``sentences``, ``mentions``, ``actors`` and ``places`` from a processed document
    (its mentions and its events' actors and places)."""
    actors: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}

    def keep_actor(actor: Actor | None) -> str | None:
        key = actor_key(actor) if actor is not None else None
        if key and key not in actors:
            actors[key] = {"key": key, "actor_id": actor.actor_id, "name": actor.name or actor.text,
                           "country": actor.country, "sector": actor.sector, "cameo_code": actor.cameo_code}
        return key

    def keep_place(place: Any) -> str | None:
        key = place_key(place) if place is not None else None
        if key and key not in places:
            places[key] = {"key": key, "name": place.name or place.text, "country": place.country,
                           "admin1": place.admin1, "lat": place.lat, "lon": place.lon, "precision": place.precision,
                           "geonames_id": place.geonames_id}  # fmt: skip
        return key

    mentions = [{"document_id": doc.id, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text,
                 "label": m.label, "actor_key": keep_actor(m.actor), "place_key": keep_place(m.place)}
                for m in doc.mentions]  # fmt: skip
    for event in doc.events:
        for actor in (*event.source, *event.target):
            keep_actor(actor)
        keep_place(event.location)
    sentences = [{"document_id": doc.id, "idx": s.index, "start": s.start, "end": s.end} for s in doc.sentences]
    return {"sentences": sentences, "mentions": mentions, "actors": list(actors.values()),
            "places": list(places.values())}
