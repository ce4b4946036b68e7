"""The event store: SQLAlchemy tables and the one write path (:class:`Store`)."""

from .store import Store, resolve_url

__all__ = ["Store", "resolve_url"]
