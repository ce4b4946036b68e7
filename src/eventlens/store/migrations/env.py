"""Alembic environment: runs migrations on the connection :func:`eventlens.store.migrate.upgrade` gives it.

``alembic`` on the command line is not needed; to write a new revision, see docs/store.md.
"""

from alembic import context

from eventlens.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
