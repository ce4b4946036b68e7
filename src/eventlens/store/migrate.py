"""Bring a database's schema up to date with the Alembic migrations in :mod:`.migrations`.

Every :class:`~eventlens.store.Store` runs :func:`upgrade` when it opens a database: a new
database gets every table; one made by an older eventlens gets what was added since (the
revision it is at is in its ``alembic_version`` table). Opening an up-to-date database costs
one query; migrations run under a lock so processes opening a database at once take turns.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine


@cache
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "eventlens.store:migrations")
    return config


@cache
def head() -> str:
    """The newest revision."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(con: Connection) -> str | None:
    """The revision the database is at (None: made before migrations, or empty)."""
    return MigrationContext.configure(con).get_current_revision()


def upgrade(engine: Engine, locked: Callable[[], AbstractContextManager[Connection]]) -> bool:
    """Migrate to the newest revision; ``locked()`` gives a connection in a transaction that
    holds the schema lock. Returns True when anything ran."""
    with engine.connect() as con:
        if current(con) == head():
            return False
    from alembic import command

    with locked() as con:
        if current(con) == head():  # another process did it while we waited
            return False
        config = _config()
        config.attributes["connection"] = con
        command.upgrade(config, "head")
    return True


def revision_of(engine: Engine) -> Any:
    with engine.connect() as con:
        return current(con)
