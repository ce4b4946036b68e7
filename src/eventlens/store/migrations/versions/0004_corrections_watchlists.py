"""Analysts' corrections of an event's fields (kept on its mentions' keys, so re-runs keep
them), and watchlists: saved event queries whose new matches are alerts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("event_decisions") as batch:
        batch.add_column(sa.Column("fields", JSON, nullable=True))
    op.create_table(
        "watchlists",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("query", JSON, nullable=False),
        sa.Column("webhook", sa.Text()),
        sa.Column("last_event_id", ID, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("watchlist_id", ID, sa.ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
        sa.Column("happening_id", ID, nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("sent", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("watchlist_id", "happening_id", name="uq_alerts_watchlist_id_happening_id"),
    )
    op.create_index("ix_alerts_watchlist_id", "alerts", ["watchlist_id"])


def downgrade() -> None:
    raise NotImplementedError("not undone")
