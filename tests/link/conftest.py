"""The store fixtures (an SQLite file; a PostgreSQL schema with ``EVENTLENS_TEST_PG``)."""

from ..store.conftest import store_url  # noqa: F401
