"""Alembic migrations of the store's schema; :mod:`eventlens.store.migrate` runs them."""
