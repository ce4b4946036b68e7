"""The schema as it stood before migrations: documents, events, document_bands, store_facts.

A database made by an eventlens of that time has some or all of it; what it lacks (columns
and indexes added along the way, the SQLite actor-name index) is added, nothing else changes.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
ACTOR_SEARCH = "event_actor_search"


def _tables() -> dict[str, list]:
    return {
        "documents": [
            sa.Column("id", sa.String(), primary_key=True),
            sa.Column("content_hash", sa.String(64), nullable=False),
            sa.Column("title", sa.Text()), sa.Column("date", sa.String(32)), sa.Column("date_source", sa.String(32)),
            sa.Column("url", sa.Text()), sa.Column("source", sa.Text()), sa.Column("author", sa.Text()),
            sa.Column("origin", sa.Text()), sa.Column("text", sa.Text(), nullable=False),
            sa.Column("pipeline_version", sa.String(64), nullable=False),
            sa.Column("stage_versions", JSON), sa.Column("sketch", sa.LargeBinary()),
            sa.Column("errors", JSON, nullable=False), sa.Column("outlets", JSON),
            sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        ],
        "store_facts": [
            sa.Column("name", sa.String(64), primary_key=True), sa.Column("value", sa.Float(), nullable=False),
        ],
        "document_bands": [
            sa.Column("id", ID, primary_key=True, autoincrement=True),
            sa.Column("document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
            sa.Column("band", sa.Integer(), nullable=False), sa.Column("value", sa.BigInteger(), nullable=False),
        ],
        "events": [
            sa.Column("id", ID, primary_key=True, autoincrement=True),
            sa.Column("document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
            sa.Column("ordinal", sa.Integer(), nullable=False),
            sa.Column("plover_type", sa.String(64)), sa.Column("plover_mode", sa.String(64)),
            sa.Column("plover_context", JSON), sa.Column("cameo", sa.String(16)),
            sa.Column("acled_event_type", sa.String(128)), sa.Column("acled_sub_event_type", sa.String(128)),
            sa.Column("source", JSON, nullable=False), sa.Column("target", JSON, nullable=False),
            sa.Column("source_names", sa.Text(), nullable=False), sa.Column("target_names", sa.Text(), nullable=False),
            sa.Column("countries", sa.Text(), nullable=False), sa.Column("location", JSON),
            sa.Column("location_country", sa.String(16)), sa.Column("date_start", sa.String(32)),
            sa.Column("date_end", sa.String(32)), sa.Column("date_precision", sa.String(32)), sa.Column("date", JSON),
            sa.Column("quantities", JSON, nullable=False), sa.Column("factuality", sa.String(32), nullable=False),
            sa.Column("factuality_cues", JSON), sa.Column("confidence", sa.Float(), nullable=False),
            sa.Column("attribution", sa.Text()), sa.Column("timeframe", sa.String(16)),
            sa.Column("evidence", JSON, nullable=False), sa.Column("trigger", sa.Text()),
            sa.UniqueConstraint("document_id", "ordinal", name="uq_events_document_id_ordinal"),
        ],
    }  # fmt: skip


INDEXES = {
    "ix_documents_content_hash": ("documents", ["content_hash"]),
    "ix_document_bands_band_value": ("document_bands", ["band", "value"]),
    "ix_document_bands_document_id": ("document_bands", ["document_id"]),
    "ix_events_date_order": ("events", ["date_start", "document_id", "ordinal"]),
    "ix_events_date_start": ("events", ["date_start"]),
    "ix_events_document_id": ("events", ["document_id"]),
    "ix_events_location_country": ("events", ["location_country"]),
    "ix_events_plover_type": ("events", ["plover_type"]),
}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    for name, columns in _tables().items():
        if name not in existing:
            op.create_table(name, *columns)
            continue
        have = {c["name"] for c in inspector.get_columns(name)}
        for column in columns:  # columns added to old databases over time
            if isinstance(column, sa.Column) and column.name not in have:
                op.add_column(name, sa.Column(column.name, column.type, nullable=True))
    inspector = sa.inspect(op.get_bind())
    for index, (table, columns) in INDEXES.items():
        if index not in {i["name"] for i in inspector.get_indexes(table)}:
            op.create_index(index, table, columns)
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT 1 FROM store_facts WHERE name = 'max_span_days'")).first():
        longest = 0.0
        for start, end in bind.execute(sa.text("SELECT date_start, date_end FROM events "
                                               "WHERE date_start IS NOT NULL AND date_end IS NOT NULL")):
            longest = max(longest, _span_days(start, end))
        bind.execute(sa.text("INSERT INTO store_facts (name, value) VALUES ('max_span_days', :v)"), {"v": longest})
    if bind.dialect.name == "sqlite":
        _actor_search(bind)


def _span_days(start: str, end: str) -> float:
    from datetime import date

    try:
        return float((date.fromisoformat(end) - date.fromisoformat(start)).days)
    except ValueError:
        return 1e9


def _actor_search(bind: sa.Connection) -> None:
    """SQLite: a trigram full-text index of the events' actor names, kept in step by triggers."""
    if bind.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE name = '{ACTOR_SEARCH}'").first():
        return
    try:
        bind.exec_driver_sql("SAVEPOINT fts_probe")
        bind.exec_driver_sql(f"CREATE VIRTUAL TABLE {ACTOR_SEARCH} USING fts5(source_names, target_names, "
                             "content='events', content_rowid='id', tokenize='trigram')")
        bind.exec_driver_sql("RELEASE fts_probe")
    except sa.exc.OperationalError:
        bind.exec_driver_sql("ROLLBACK TO fts_probe")
        return  # an SQLite without FTS5's trigram tokenizer (before 3.34): substring scans
    new = "new.id, new.source_names, new.target_names"
    old = "'delete', old.id, old.source_names, old.target_names"
    cols = f"{ACTOR_SEARCH}(rowid, source_names, target_names)"
    delete_cols = f"{ACTOR_SEARCH}({ACTOR_SEARCH}, rowid, source_names, target_names)"
    bind.exec_driver_sql(f"CREATE TRIGGER {ACTOR_SEARCH}_ai AFTER INSERT ON events BEGIN "
                         f"INSERT INTO {cols} VALUES ({new}); END")
    bind.exec_driver_sql(f"CREATE TRIGGER {ACTOR_SEARCH}_ad AFTER DELETE ON events BEGIN "
                         f"INSERT INTO {delete_cols} VALUES ({old}); END")
    bind.exec_driver_sql(f"CREATE TRIGGER {ACTOR_SEARCH}_au AFTER UPDATE OF source_names, target_names ON events "
                         f"BEGIN INSERT INTO {delete_cols} VALUES ({old}); INSERT INTO {cols} VALUES ({new}); END")
    bind.exec_driver_sql(f"INSERT INTO {ACTOR_SEARCH}({ACTOR_SEARCH}) VALUES ('rebuild')")


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone; delete the database instead")
