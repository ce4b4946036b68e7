"""The FastAPI app: read routes for everyone, write routes behind the token, the desk's files."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import EventlensError, StoreError
from ..store import Store
from .read import router as read_router
from .security import security_headers, tiles_origin
from .write import jobs_router, write_router

STATIC = files("eventlens.serve") / "static"


def create_app(db: str, token: str | None = None, tiles: str | None = None,
               tiles_attribution: str | None = None) -> FastAPI:
    """The desk over the store at ``db``; ``token`` enables the write routes; ``tiles``, a tile
    server's URL template (``https://.../{z}/{x}/{y}.png``), puts its map under the events
    instead of the bundled country shapes."""
    origin = tiles_origin(tiles) if tiles else None
    store = Store(db)
    # no /docs or /redoc: their pages load scripts from a CDN, which the desk never does; the
    # OpenAPI document is at /openapi.json
    app = FastAPI(title="eventlens desk", version=__version__, docs_url=None, redoc_url=None,
                  description="Deduplicated, sourced event data: events, their reports and evidence, actors, "
                              "places, documents, search, statistics and exports. Reads are open; writes need "
                              "`Authorization: Bearer <EVENTLENS_TOKEN>`.")  # fmt: skip
    app.state.store = store
    app.middleware("http")(security_headers(origin))

    @app.get("/api/config", tags=["stats"], summary="What the desk is set up with: a tile server, writes")
    def config() -> dict[str, Any]:
        return {"tiles": tiles, "tiles_attribution": tiles_attribution, "writable": bool(token)}

    @app.exception_handler(EventlensError)
    def _eventlens_error(_request: Any, exc: EventlensError) -> JSONResponse:
        status = 503 if isinstance(exc, StoreError) and "cannot" in str(exc) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(ValueError)
    def _value_error(_request: Any, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.include_router(read_router)
    app.include_router(write_router(token))
    app.include_router(jobs_router())
    if (STATIC / "index.html").is_file():
        app.mount("/assets", StaticFiles(directory=str(STATIC / "assets")), name="assets")

        @app.get("/", include_in_schema=False)
        def desk() -> Response:
            return FileResponse(str(STATIC / "index.html"))

    return app
