"""Deduplicated events (happenings) with their links and analysts' decisions; sources with
reliability grades; sentences, mentions, actors and places; full-text search of documents.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)
DOCUMENT_SEARCH = "document_search"
ACTOR_SEARCH = "event_actor_search"


def upgrade() -> None:
    op.create_table(
        "happenings",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("plover_type", sa.String(64)), sa.Column("plover_mode", sa.String(64)),
        sa.Column("cameo", sa.String(16)), sa.Column("acled_event_type", sa.String(128)),
        sa.Column("acled_sub_event_type", sa.String(128)),
        sa.Column("source", JSON, nullable=False), sa.Column("target", JSON, nullable=False),
        sa.Column("source_names", sa.Text(), nullable=False), sa.Column("target_names", sa.Text(), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False), sa.Column("location", JSON),
        sa.Column("location_country", sa.String(16)), sa.Column("date_start", sa.String(32)),
        sa.Column("date_end", sa.String(32)), sa.Column("date_precision", sa.String(32)), sa.Column("date", JSON),
        sa.Column("quantities", JSON, nullable=False), sa.Column("factuality", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False), sa.Column("timeframe", sa.String(16)),
        sa.Column("n_mentions", sa.Integer(), nullable=False), sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False), sa.Column("sources", JSON, nullable=False),
        sa.Column("first_reported", sa.String(32)), sa.Column("last_reported", sa.String(32)),
        sa.Column("reliability", sa.String(1)), sa.Column("credibility", sa.Integer()),
        sa.Column("updated_at", WHEN, nullable=False),
    )  # fmt: skip
    op.create_index("ix_happenings_date_order", "happenings", ["date_start", "id"])
    op.create_index("ix_happenings_plover_type", "happenings", ["plover_type"])
    op.create_index("ix_happenings_location_country", "happenings", ["location_country"])
    op.create_table(
        "event_links",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("happening_id", ID, sa.ForeignKey("happenings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("mention_key", sa.String(), nullable=False), sa.Column("joined", sa.String()),
        sa.Column("score", sa.Float()), sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(16), nullable=False), sa.Column("created_at", WHEN, nullable=False),
    )  # fmt: skip
    op.create_index("ix_event_links_happening_id", "event_links", ["happening_id"])
    op.create_index("ix_event_links_mention_key", "event_links", ["mention_key"])
    op.create_table(
        "event_decisions",
        sa.Column("id", ID, primary_key=True, autoincrement=True), sa.Column("op", sa.String(16), nullable=False),
        sa.Column("keys", JSON, nullable=False), sa.Column("other_keys", JSON), sa.Column("value", sa.Integer()),
        sa.Column("reason", sa.Text(), nullable=False), sa.Column("created_at", WHEN, nullable=False),
    )  # fmt: skip
    op.create_table(
        "sources",
        sa.Column("name", sa.String(), primary_key=True), sa.Column("reliability", sa.String(1)),
        sa.Column("note", sa.Text(), nullable=False), sa.Column("updated_at", WHEN, nullable=False),
    )  # fmt: skip
    op.create_table(
        "sentences",
        sa.Column("document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer(), primary_key=True),
        sa.Column("start", sa.Integer(), nullable=False), sa.Column("end", sa.Integer(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "actors",
        sa.Column("key", sa.String(), primary_key=True), sa.Column("actor_id", sa.String()),
        sa.Column("name", sa.Text()), sa.Column("country", sa.String(16)), sa.Column("sector", sa.String(64)),
        sa.Column("cameo_code", sa.String(32)),
    )  # fmt: skip
    op.create_table(
        "places",
        sa.Column("key", sa.String(), primary_key=True), sa.Column("name", sa.Text()),
        sa.Column("country", sa.String(16)), sa.Column("admin1", sa.Text()), sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()), sa.Column("precision", sa.String(16)), sa.Column("geonames_id", sa.BigInteger()),
    )  # fmt: skip
    op.create_table(
        "mentions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False), sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False), sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("actor_key", sa.String(), sa.ForeignKey("actors.key")),
        sa.Column("place_key", sa.String(), sa.ForeignKey("places.key")),
    )  # fmt: skip
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_actor_key", "mentions", ["actor_key"])
    op.create_index("ix_mentions_place_key", "mentions", ["place_key"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("happening_id", ID, nullable=True))
        batch.add_column(sa.Column("mention_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("credibility", sa.Integer(), nullable=True))
    op.create_index("ix_events_happening_id", "events", ["happening_id"])
    op.create_index("ix_events_mention_key", "events", ["mention_key"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_search(bind)
    else:
        bind.exec_driver_sql(
            "CREATE INDEX ix_documents_search ON documents USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        )


def _sqlite_search(bind: sa.Connection) -> None:
    """FTS5 over document titles and text (its own copy: the documents' ids are not integers),
    kept in step by triggers; the actor-name trigger now fires only when names change."""
    bind.exec_driver_sql(f"CREATE VIRTUAL TABLE {DOCUMENT_SEARCH} USING fts5(document_id UNINDEXED, title, text, "
                         "tokenize='porter unicode61')")
    insert = f"INSERT INTO {DOCUMENT_SEARCH}(document_id, title, text) VALUES (new.id, new.title, new.text);"
    remove = f"DELETE FROM {DOCUMENT_SEARCH} WHERE document_id = old.id;"
    bind.exec_driver_sql(f"CREATE TRIGGER {DOCUMENT_SEARCH}_ai AFTER INSERT ON documents BEGIN {insert} END")
    bind.exec_driver_sql(f"CREATE TRIGGER {DOCUMENT_SEARCH}_ad AFTER DELETE ON documents BEGIN {remove} END")
    bind.exec_driver_sql(f"CREATE TRIGGER {DOCUMENT_SEARCH}_au AFTER UPDATE OF title, text ON documents "
                         f"BEGIN {remove} {insert} END")
    bind.exec_driver_sql(f"INSERT INTO {DOCUMENT_SEARCH}(document_id, title, text) "
                         "SELECT id, title, text FROM documents")
    if bind.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE name = '{ACTOR_SEARCH}_au'").first():
        new = "new.id, new.source_names, new.target_names"
        old = "'delete', old.id, old.source_names, old.target_names"
        bind.exec_driver_sql(f"DROP TRIGGER {ACTOR_SEARCH}_au")
        bind.exec_driver_sql(
            f"CREATE TRIGGER {ACTOR_SEARCH}_au AFTER UPDATE OF source_names, target_names ON events BEGIN "
            f"INSERT INTO {ACTOR_SEARCH}({ACTOR_SEARCH}, rowid, source_names, target_names) VALUES ({old}); "
            f"INSERT INTO {ACTOR_SEARCH}(rowid, source_names, target_names) VALUES ({new}); END"
        )


def downgrade() -> None:
    raise NotImplementedError("not undone; export the events and start a new database instead")
