"""SQLAlchemy 2.0 ORM tables: ``documents``, ``events``, ``document_bands`` and ``store_facts``.

Dates are ISO strings (``yyyy-mm-dd``), which sort and compare correctly as text on every
backend; short codes get generous lengths so PostgreSQL and SQLite accept the same data.
Nested parts of an event (actors, place, date, quantities, evidence) are JSON so the stored
event round-trips to ``Event.to_dict()``; the flat columns beside them (``plover_type``,
``date_start``, ``countries`` ...) exist for filtering. Constraint names follow a naming
convention so later Alembic migrations can refer to them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
"""JSON everywhere; JSONB on PostgreSQL. Python ``None`` is stored as SQL NULL."""

IdType = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit ids; SQLite needs INTEGER for its autoincrementing row id."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRow(Base):
    """One processed document; ``id`` is the pipeline's document id."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(32))
    date_source: Mapped[str | None] = mapped_column(String(32))
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(64))
    stage_versions: Mapped[dict[str, str] | None] = mapped_column(JSONType)  # stage name -> its version
    sketch: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash of the text (near duplicates)
    errors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    outlets: Mapped[list[dict] | None] = mapped_column(JSONType)  # other places that carried the same text
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", order_by="EventRow.ordinal", passive_deletes=True
    )


class StoreFactRow(Base):
    """A number about the whole store that queries rely on: ``max_span_days``, the longest
    date range of any event (so a "since" filter can start its index scan that much earlier)."""

    __tablename__ = "store_facts"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float] = mapped_column(Float)


class DocumentBandRow(Base):
    """One locality-sensitive-hashing band of a document's MinHash: documents sharing a band
    are candidate near duplicates (their sketches are then compared)."""

    __tablename__ = "document_bands"
    __table_args__ = (Index("ix_document_bands_band_value", "band", "value"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    band: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(BigInteger)


class EventRow(Base):
    """One event mention, ``ordinal``-th in its document."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("document_id", "ordinal"),
        Index("ix_events_plover_type", "plover_type"),
        Index("ix_events_date_start", "date_start"),
        Index("ix_events_date_order", "date_start", "document_id", "ordinal"),  # the event list's order
        Index("ix_events_location_country", "location_country"),
        Index("ix_events_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)

    plover_type: Mapped[str | None] = mapped_column(String(64))
    plover_mode: Mapped[str | None] = mapped_column(String(64))
    plover_context: Mapped[list[Any] | None] = mapped_column(JSONType)
    cameo: Mapped[str | None] = mapped_column(String(16))
    acled_event_type: Mapped[str | None] = mapped_column(String(128))
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(128))

    source: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    target: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    source_names: Mapped[str] = mapped_column(Text, default="")
    target_names: Mapped[str] = mapped_column(Text, default="")
    countries: Mapped[str] = mapped_column(Text, default="")

    location: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    location_country: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[str | None] = mapped_column(String(32))
    date_end: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str | None] = mapped_column(String(32))
    date: Mapped[dict[str, Any] | None] = mapped_column(JSONType)

    quantities: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    factuality: Mapped[str] = mapped_column(String(32))
    factuality_cues: Mapped[list[str] | None] = mapped_column(JSONType)
    confidence: Mapped[float] = mapped_column(Float)
    attribution: Mapped[str | None] = mapped_column(Text)
    timeframe: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSONType)
    trigger: Mapped[str | None] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
