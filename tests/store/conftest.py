"""Fixtures of the store tests: an empty database on SQLite and, with ``EVENTLENS_TEST_PG``
set, on PostgreSQL (a fresh schema per test, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from eventlens.store import resolve_url

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
PG_ENV = os.environ.get("EVENTLENS_TEST_PG", "")


def _pg_base_url() -> str:
    return PG_ENV if PG_ENV.startswith("postgres") else PG_DEFAULT


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.skipif(not PG_ENV, reason="EVENTLENS_TEST_PG not set")),
    ]
)
def store_url(request, tmp_path) -> Iterator[str]:
    """A URL to an empty database: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    base = resolve_url(_pg_base_url())
    schema = f"eventlens_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = base.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


