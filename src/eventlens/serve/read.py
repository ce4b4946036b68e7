"""The read routes: open to anyone who can reach the desk."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from ..store import Store

MAX_PAGE = 500
MAX_OFFSET = 10_000

Type = Annotated[str | None, Query(description="PLOVER type, ACLED (sub-)event type or CAMEO code prefix.",
                                   max_length=100)]
Actor = Annotated[str | None, Query(description="A substring of an actor's words, name or id.", max_length=200)]
Country = Annotated[str | None, Query(description="ISO3 code of an actor or the place.", max_length=3)]
Since = Annotated[str | None, Query(description="On or after (yyyy, yyyy-mm or yyyy-mm-dd).", max_length=10)]
Until = Annotated[str | None, Query(description="On or before (yyyy, yyyy-mm or yyyy-mm-dd).", max_length=10)]
Happened = Annotated[bool, Query(description="Only asserted and reported events.")]
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
MAX_ID = 2**53  # ids beyond any store (and beyond what a database integer holds) are refused up front
EventId = Annotated[int, Path(ge=0, le=MAX_ID, description="An event id.")]

router = APIRouter()


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def filters(type: Type = None, actor: Actor = None, country: Country = None, since: Since = None,
            until: Until = None, happened: Happened = True) -> dict[str, Any]:
    return {"type": type, "actor": actor, "country": country.upper() if country else None, "since": since,
            "until": until, "include_unhappened": not happened}

Filters = Annotated[dict[str, Any], Depends(filters)]

@router.get("/api/events", tags=["events"], summary="Deduplicated events, oldest first, filtered and paged")
def events(store: StoreDep, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = store.happenings(**f, limit=limit + offset)[offset:]
    return {"items": rows, "limit": limit, "offset": offset}

@router.get("/api/events/{event_id}", tags=["events"], summary="One event with its mentions, links, decisions")
def event(store: StoreDep, event_id: EventId) -> dict[str, Any]:
    found = store.happening(event_id)
    if found is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return found

@router.get("/api/mentions", tags=["events"], summary="Event mentions (one per report sentence), filtered")
def mentions(store: StoreDep, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = store.events(**f, limit=limit + offset)[offset:]
    return {"items": rows, "limit": limit, "offset": offset}

@router.get("/api/documents/{document_id}", tags=["documents"], summary="A document, its text and its events")
def document(store: StoreDep, document_id: str) -> dict[str, Any]:
    found = store.document(document_id)
    if found is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    return found

@router.get("/api/search", tags=["search"], summary="Full-text search of documents, and the events they report")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    return {"documents": store.search(q, limit=limit)}

@router.get("/api/actors", tags=["actors"], summary="Actors the reports resolved to, most mentioned first")
def actors(store: StoreDep, name: Actor = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    return {"items": store.actors(name, limit=limit)}

@router.get("/api/actors/{key}", tags=["actors"], summary="An actor: aliases, events as source and target, "
         "and its ego network (who acts on whom)")
def actor(store: StoreDep, key: str, limit: Limit = 50) -> dict[str, Any]:
    found = store.actor(key)
    if found is None:
        raise HTTPException(404, f"no actor {key!r}")
    needle = key.removeprefix("name:")
    events = [e for e in store.happenings(actor=needle, limit=MAX_PAGE, include_unhappened=True)]
    def role(event: dict, side: str) -> bool:
        return any((a.get("actor_id") or f"name:{(a.get('name') or a.get('text') or '').lower()}") == key
                   for a in event[side])
    return {**found, "as_source": [e for e in events if role(e, "source")][:limit],
            "as_target": [e for e in events if role(e, "target")][:limit], "network": store.network(key)}

@router.get("/api/timeline", tags=["stats"], summary="Event counts per day, week or month, by type")
def timeline(store: StoreDep, f: Filters,
             by: Annotated[str, Query(pattern="^(day|week|month)$")] = "week") -> dict[str, Any]:
    return {"by": by, "counts": store.timeline(by, **f)}

@router.get("/api/sources", tags=["sources"], summary="Outlets with their documents and reliability grades")
def sources(store: StoreDep) -> dict[str, Any]:
    return {"items": store.sources()}

@router.get("/api/stats", tags=["stats"], summary="Counts in the store")
def stats(store: StoreDep) -> dict[str, Any]:
    return {"documents": store.count_documents(), "events": store.count_happenings(),
            "mentions": store.count_events()}

@router.get("/api/health", tags=["stats"], include_in_schema=False)
def health() -> dict[str, str]:
    return {"status": "ok"}



@router.get("/api/watchlists", tags=["alerts"], summary="Saved queries with their unseen alerts")
def watchlists(store: StoreDep) -> dict[str, Any]:
    return {"items": store.watchlists()}


@router.get("/api/alerts", tags=["alerts"], summary="Alerts (new events matching a watchlist), newest first")
def alerts(store: StoreDep, watchlist: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None, unseen: bool = False,
           limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    return {"items": store.alerts(watchlist, unseen=unseen, limit=limit)}


EXPORTS = {"acled": ("text/csv", "csv"), "ucdp": ("text/csv", "csv"), "cameo": ("text/tab-separated-values", "tsv"),
           "plover": ("application/json", "json"), "geojson": ("application/geo+json", "geojson"),
           "stix": ("application/json", "json"), "parquet": ("application/vnd.apache.parquet", "parquet")}


@router.get("/api/export", tags=["exports"], summary="The events in a format the field uses (docs/exports.md)")
def export(store: StoreDep, f: Filters, format: Annotated[str, Query(pattern="^(" + "|".join(EXPORTS) + ")$")],
           mentions: bool = False) -> Response:
    import io

    from ..export.formats import BINARY_WRITERS, WRITERS

    rows = (store.events if mentions else store.happening_rows)(**f)
    media, suffix = EXPORTS[format]
    if format in BINARY_WRITERS:
        out: io.IOBase = io.BytesIO()
        BINARY_WRITERS[format](rows, out)
        body: bytes | str = out.getvalue()
    else:
        text = io.StringIO()
        WRITERS[format](rows, text)
        body = text.getvalue()
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="events-{format}.{suffix}"'})
