"""SQLAlchemy 2.0 ORM tables.

``documents`` (with ``sentences`` and ``mentions``), ``events`` (one row per event mention:
one sentence-level extraction with its evidence), ``happenings`` (the deduplicated events
the mentions report, with ``event_links``: why each mention joined), ``event_decisions``
(analysts' merges, splits and credibility grades, kept across re-runs), ``sources``
(outlets and their reliability grade), ``actors`` and ``places`` (what mentions resolved
to), ``document_bands`` and ``store_facts``. The schema is made and changed by the Alembic
migrations in :mod:`eventlens.store.migrations`.

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
    Boolean,
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

    happening_id: Mapped[int | None] = mapped_column(IdType, index=True)  # the happening it reports
    mention_key: Mapped[str | None] = mapped_column(String, index=True)  # stable across re-runs: doc@sentence:trigger
    credibility: Mapped[int | None] = mapped_column(Integer)  # the claim's credibility, 1-6, set by an analyst

    document: Mapped[DocumentRow] = relationship(back_populates="events")


class HappeningRow(Base):
    """One deduplicated event: what its mentions (``events`` rows) report, reconciled."""

    __tablename__ = "happenings"
    __table_args__ = (
        Index("ix_happenings_date_order", "date_start", "id"),
        Index("ix_happenings_plover_type", "plover_type"),
        Index("ix_happenings_location_country", "location_country"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    plover_type: Mapped[str | None] = mapped_column(String(64))
    plover_mode: Mapped[str | None] = mapped_column(String(64))
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
    confidence: Mapped[float] = mapped_column(Float)
    timeframe: Mapped[str | None] = mapped_column(String(16))
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[list[str]] = mapped_column(JSONType, default=list)  # outlets that reported it
    first_reported: Mapped[str | None] = mapped_column(String(32))
    last_reported: Mapped[str | None] = mapped_column(String(32))
    reliability: Mapped[str | None] = mapped_column(String(1))  # best Admiralty grade of its sources
    credibility: Mapped[int | None] = mapped_column(Integer)  # best credibility of its claims
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventLinkRow(Base):
    """Why a mention belongs to its happening: the linker's reason and score, or an analyst's."""

    __tablename__ = "event_links"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    happening_id: Mapped[int] = mapped_column(ForeignKey("happenings.id", ondelete="CASCADE"), index=True)
    mention_key: Mapped[str] = mapped_column(String, index=True)
    joined: Mapped[str | None] = mapped_column(String)  # the mention key it was matched with (None: started it)
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(16))  # "linker" or "analyst"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventDecisionRow(Base):
    """An analyst's decision about mentions, by their stable keys: ``merge`` (these report one
    event), ``split`` (``keys`` report another event than ``other_keys``) or ``credibility``."""

    __tablename__ = "event_decisions"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    op: Mapped[str] = mapped_column(String(16))
    keys: Mapped[list[str]] = mapped_column(JSONType)
    other_keys: Mapped[list[str] | None] = mapped_column(JSONType)
    value: Mapped[int | None] = mapped_column(Integer)
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSONType)  # "correct": the fields an analyst set
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WatchlistRow(Base):
    """A saved event query; events matching it that are newer than ``last_event_id`` are alerts."""

    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    query: Mapped[dict[str, Any]] = mapped_column(JSONType)  # Store.happenings filters; "types": any of these
    webhook: Mapped[str | None] = mapped_column(Text)
    last_event_id: Mapped[int] = mapped_column(IdType, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AlertRow(Base):
    """A new event matching a watchlist: ``seen`` in the desk, ``sent`` to the webhook."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("watchlist_id", "happening_id"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id", ondelete="CASCADE"), index=True)
    happening_id: Mapped[int] = mapped_column(IdType)
    seen: Mapped[bool] = mapped_column(Boolean, default=False)
    sent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SourceRow(Base):
    """An outlet, with the reliability an analyst gave it (Admiralty scale A-F)."""

    __tablename__ = "sources"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    reliability: Mapped[str | None] = mapped_column(String(1))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SentenceRow(Base):
    """A sentence of a stored document (offsets into its text)."""

    __tablename__ = "sentences"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class MentionRow(Base):
    """A named or generic reference in a document, and the actor or place it resolved to."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))
    actor_key: Mapped[str | None] = mapped_column(ForeignKey("actors.key"), index=True)
    place_key: Mapped[str | None] = mapped_column(ForeignKey("places.key"), index=True)


class ActorRow(Base):
    """An actor mentions resolved to: a knowledge-base id, or a name kept as written."""

    __tablename__ = "actors"

    key: Mapped[str] = mapped_column(String, primary_key=True)  # the actor id, or "name:<lowercased name>"
    actor_id: Mapped[str | None] = mapped_column(String)
    name: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))
    sector: Mapped[str | None] = mapped_column(String(64))
    cameo_code: Mapped[str | None] = mapped_column(String(32))


class PlaceRow(Base):
    """A place mentions resolved to."""

    __tablename__ = "places"

    key: Mapped[str] = mapped_column(String, primary_key=True)  # "gn:<geonames id>" or name|country|admin1|precision
    name: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(16))
    admin1: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str | None] = mapped_column(String(16))
    geonames_id: Mapped[int | None] = mapped_column(BigInteger)
