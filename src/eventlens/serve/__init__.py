"""The analyst's desk: an HTTP API (FastAPI, OpenAPI at ``/docs``) and a web desk over the store.

``create_app(db, token)`` builds the app; ``eventlens serve`` runs it with uvicorn on
127.0.0.1 unless told otherwise. Reads need nothing; writes (corrections, merges, grades,
ingest) need the token given by ``EVENTLENS_TOKEN``.
"""

from .app import create_app

__all__ = ["create_app"]
