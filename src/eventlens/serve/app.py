"""The FastAPI app: read routes for everyone, write routes behind the token, the desk's files."""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import EventlensError, StoreError
from ..store import Store
from .security import security_headers, token_check

STATIC = files("eventlens.serve") / "static"
MAX_PAGE = 500
MAX_OFFSET = 10_000

Type = Annotated[str | None, Query(description="PLOVER type, ACLED (sub-)event type or CAMEO code prefix.")]
Actor = Annotated[str | None, Query(description="A substring of an actor's words, name or id.", max_length=200)]
Country = Annotated[str | None, Query(description="ISO3 code of an actor or the place.", max_length=3)]
Since = Annotated[str | None, Query(description="On or after (yyyy, yyyy-mm or yyyy-mm-dd).", max_length=10)]
Until = Annotated[str | None, Query(description="On or before (yyyy, yyyy-mm or yyyy-mm-dd).", max_length=10)]
Happened = Annotated[bool, Query(description="Only asserted and reported events.")]
Limit = Annotated[int, Query(ge=0, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]


def create_app(db: str, token: str | None = None) -> FastAPI:
    """The desk over the store at ``db``; ``token`` enables the write routes."""
    store = Store(db)
    app = FastAPI(title="eventlens desk", version=__version__,
                  description="Deduplicated, sourced event data: events, their reports and evidence, actors, "
                              "places, documents, search, statistics and exports. Reads are open; writes need "
                              "`Authorization: Bearer <EVENTLENS_TOKEN>`.")  # fmt: skip
    app.state.store = store
    app.middleware("http")(security_headers)
    writer = Depends(token_check(token))

    @app.exception_handler(EventlensError)
    def _eventlens_error(_request: Any, exc: EventlensError) -> JSONResponse:
        status = 503 if isinstance(exc, StoreError) and "cannot" in str(exc) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(ValueError)
    def _value_error(_request: Any, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    def filters(type: Type = None, actor: Actor = None, country: Country = None, since: Since = None,
                until: Until = None, happened: Happened = True) -> dict[str, Any]:
        return {"type": type, "actor": actor, "country": country.upper() if country else None, "since": since,
                "until": until, "include_unhappened": not happened}

    Filters = Annotated[dict[str, Any], Depends(filters)]

    @app.get("/api/events", tags=["events"], summary="Deduplicated events, oldest first, filtered and paged")
    def events(f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        rows = store.happenings(**f, limit=limit + offset)[offset:]
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its mentions, links, decisions")
    def event(event_id: int) -> dict[str, Any]:
        found = store.happening(event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id}")
        return found

    @app.get("/api/mentions", tags=["events"], summary="Event mentions (one per report sentence), filtered")
    def mentions(f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        rows = store.events(**f, limit=limit + offset)[offset:]
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/documents/{document_id}", tags=["documents"], summary="A document, its text and its events")
    def document(document_id: str) -> dict[str, Any]:
        found = store.document(document_id)
        if found is None:
            raise HTTPException(404, f"no document with id {document_id!r}")
        return found

    @app.get("/api/search", tags=["search"], summary="Full-text search of documents, and the events they report")
    def search(q: Annotated[str, Query(min_length=1, max_length=500)],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        return {"documents": store.search(q, limit=limit)}

    @app.get("/api/actors", tags=["actors"], summary="Actors the reports resolved to, most mentioned first")
    def actors(name: Actor = None, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
        return {"items": store.actors(name, limit=limit)}

    @app.get("/api/actors/{key}", tags=["actors"], summary="An actor: aliases, events as source and target, "
             "and its ego network (who acts on whom)")
    def actor(key: str, limit: Limit = 50) -> dict[str, Any]:
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

    @app.get("/api/timeline", tags=["stats"], summary="Event counts per day, week or month, by type")
    def timeline(f: Filters, by: Annotated[str, Query(pattern="^(day|week|month)$")] = "week") -> dict[str, Any]:
        return {"by": by, "counts": store.timeline(by, **f)}

    @app.get("/api/sources", tags=["sources"], summary="Outlets with their documents and reliability grades")
    def sources() -> dict[str, Any]:
        return {"items": store.sources()}

    @app.get("/api/stats", tags=["stats"], summary="Counts in the store")
    def stats() -> dict[str, Any]:
        return {"documents": store.count_documents(), "events": store.count_happenings(),
                "mentions": store.count_events()}

    @app.get("/api/health", tags=["stats"], include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    app.state.writer = writer
    if (STATIC / "index.html").is_file():
        app.mount("/assets", StaticFiles(directory=str(STATIC / "assets")), name="assets")

        @app.get("/", include_in_schema=False)
        def desk() -> Response:
            return FileResponse(str(STATIC / "index.html"))

    return app
