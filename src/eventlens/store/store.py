"""The event store: the one write path for processed documents, and the event queries.

``Store(url)`` opens SQLite (a file, WAL journal, foreign keys on) or PostgreSQL and
creates missing tables. ``save`` writes a document and its events in one transaction,
replacing what was stored for that document id before; reads return plain dicts in the
shape of ``Event.to_dict()`` / ``Document.to_dict()``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from importlib.util import find_spec
from typing import Any

from sqlalchemy import (
    Engine,
    case,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..link.reconcile import GRADES
from ..model import HAPPENED, Document
from .corrections import check_correction
from .happenings import link_document, member_dicts, refresh, unlink_document
from .migrate import upgrade
from .queries import filtered, page, rare_in
from .records import (
    decision_dict,
    document_dict,
    document_parts,
    event_dict,
    event_row,
    fill_document_row,
    happening_dict,
)
from .schema import (
    ActorRow,
    AlertRow,
    DocumentBandRow,
    DocumentRow,
    EventDecisionRow,
    EventLinkRow,
    EventRow,
    HappeningRow,
    MentionRow,
    PlaceRow,
    SentenceRow,
    SourceRow,
    StoreFactRow,
    WatchlistRow,
)

MAX_SPAN = "max_span_days"
ACTOR_SEARCH = "event_actor_search"
HAPPENING_SEARCH = "happening_actor_search"
DOCUMENT_SEARCH = "document_search"
SUPPORTED = ("sqlite", "postgresql")
EXAMPLE_URLS = "sqlite:///eventlens.db or postgresql://user@host:5432/dbname"


def resolve_url(url: str) -> URL:
    """Parse ``url``; plain ``postgresql://`` gets the installed driver (psycopg 3 first)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url!r} is not a database URL ({exc}); use e.g. {EXAMPLE_URLS}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        if find_spec("psycopg") is not None:
            parsed = parsed.set(drivername="postgresql+psycopg")
        elif find_spec("psycopg2") is not None:
            parsed = parsed.set(drivername="postgresql+psycopg2")
        else:
            raise StoreError("PostgreSQL needs a driver: run `pip install 'psycopg[binary]'`")
    if parsed.get_backend_name() not in SUPPORTED:
        raise StoreError(
            f"database {parsed.get_backend_name()!r} is not supported (only {', '.join(SUPPORTED)}); "
            f"use e.g. {EXAMPLE_URLS}"
        )
    return parsed


class Store:
    """Processed documents and their events in SQLite or PostgreSQL.

    >>> store = Store("sqlite:///eventlens.db")
    >>> store.save(doc, pipeline_version="1")   # "added" | "updated" | "unchanged"
    >>> store.events(type="arrest", country="PAK", since="2021-06")
    """

    def __init__(self, url: str = "sqlite:///eventlens.db"):
        self._url = resolve_url(url)
        self.url = self._url.render_as_string(hide_password=True)
        self.backend = self._url.get_backend_name()  # "sqlite" or "postgresql"
        self._searches: dict[str, bool] = {}
        self._engine = self._create_engine(self._url)
        # Writes go through this view of the engine: on SQLite they BEGIN IMMEDIATE, taking the
        # write lock up front so concurrent writers wait (busy timeout) instead of failing.
        self._writer = self._engine.execution_options(eventlens_write=True)
        self._read_session = sessionmaker(self._engine, expire_on_commit=False)
        self._write_session = sessionmaker(self._writer, expire_on_commit=False)
        try:
            upgrade(self._engine, self._schema_transaction)
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise StoreError(self._explain(exc)) from exc

    @contextmanager
    def _schema_transaction(self) -> Iterator[Any]:
        """A transaction for schema changes that concurrent openers take one at a time: the
        SQLite write lock, or a PostgreSQL advisory lock (two processes creating the same
        table at once would otherwise fail on PostgreSQL's catalog)."""
        with self._writer.begin() as con:
            if self.backend == "postgresql":
                con.execute(text("SELECT pg_advisory_xact_lock(7368201945)"))
            yield con

    def _has_search(self, name: str) -> bool:
        """Whether the SQLite full-text index ``name`` exists (looked up once)."""
        if name not in self._searches:
            from sqlalchemy import inspect

            self._searches[name] = self.backend == "sqlite" and name in inspect(self._engine).get_table_names()
        return self._searches[name]

    def _create_engine(self, url: URL) -> Engine:
        kwargs: dict[str, Any] = {}
        if url.get_backend_name() == "sqlite":
            database = url.database or ""
            if database in ("", ":memory:"):
                kwargs["poolclass"] = StaticPool  # one shared in-memory database
                kwargs["connect_args"] = {"check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
            if "connect_timeout" not in url.query:
                kwargs["connect_args"] = {"connect_timeout": 10}
        try:
            engine = create_engine(url, **kwargs)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"cannot open {self.url}: {exc}; use e.g. {EXAMPLE_URLS}") from None
        if url.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        return engine

    def _explain(self, exc: SQLAlchemyError) -> str:
        """A message saying what failed and what to do."""
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if self._url.get_backend_name() == "sqlite":
            return (
                f"cannot open SQLite database {self.url}: {detail}. Check that the folder exists "
                "and is writable, and that the file is an SQLite database."
            )
        return (
            f"cannot use PostgreSQL database {self.url}: {detail}. Check that the server is running "
            "and reachable, that the database exists and that the user may create tables."
        )

    # -- writing ---------------------------------------------------------------------------

    def has_unchanged(self, doc: Document, pipeline_version: str) -> bool:
        """True when ``doc`` is stored with the same content hash and pipeline version."""
        stmt = select(DocumentRow.content_hash, DocumentRow.pipeline_version).where(DocumentRow.id == doc.id)
        try:
            with self._read_session() as session:
                found = session.execute(stmt).first()
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return found is not None and tuple(found) == (doc.content_hash, pipeline_version)

    def unchanged(self, docs: Sequence[Document], pipeline_version: str,
                  stage_versions: dict[str, str] | None = None, refiners: Collection[str] = ()) -> set[str]:
        """The ids of ``docs`` that need no processing: stored with the same content hash and
        pipeline version, and every stage at its stored version, or the stages whose version
        changed are all ``refiners`` (stages that only refine events already found) and the
        stored document has no events. Those get the new stage versions recorded. One query
        per call."""
        wanted = {doc.id: doc.content_hash for doc in docs if doc.ok}
        if not wanted:
            return set()
        versions = stage_versions or {}
        stmt = select(DocumentRow.id, DocumentRow.content_hash, DocumentRow.pipeline_version,
                      DocumentRow.stage_versions).where(DocumentRow.id.in_(list(wanted)))
        try:
            with self._read_session() as session:
                rows = session.execute(stmt).all()
                same, unaffected = set(), set()
                for doc_id, content_hash, version, stored in rows:
                    if content_hash != wanted[doc_id] or version != pipeline_version:
                        continue
                    changed = {name for name in set(versions) | set(stored or {})
                               if versions.get(name, "1") != (stored or {}).get(name, "1")}
                    if not changed:
                        same.add(doc_id)
                    elif changed <= set(refiners):
                        unaffected.add(doc_id)
                if unaffected:
                    with_events = select(EventRow.document_id).where(EventRow.document_id.in_(unaffected)).distinct()
                    unaffected -= set(session.scalars(with_events))
            if unaffected:
                with self._write_session() as session, session.begin():
                    session.execute(update(DocumentRow).where(DocumentRow.id.in_(unaffected))
                                    .values(stage_versions=versions))
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return same | unaffected

    def copy_of(self, doc: Document) -> str | None:
        """The id of a stored document (another id) with exactly ``doc``'s content, if any."""
        stmt = (select(DocumentRow.id).where(DocumentRow.content_hash == doc.content_hash, DocumentRow.id != doc.id)
                .order_by(DocumentRow.processed_at).limit(1))
        try:
            with self._read_session() as session:
                return session.scalars(stmt).first()
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc

    def near_copies(self, sketch: Any) -> list[tuple[str, bytes]]:
        """(id, stored sketch) of the stored documents sharing an LSH band with ``sketch``
        (:mod:`eventlens.ingest.dedup`); the caller compares the sketches."""
        from ..ingest.dedup import bands_of

        bands = bands_of(sketch)
        match = or_(*[(DocumentBandRow.band == band) & (DocumentBandRow.value == value) for band, value in bands])
        ids = select(DocumentBandRow.document_id).where(match).distinct()
        stmt = select(DocumentRow.id, DocumentRow.sketch).where(DocumentRow.id.in_(ids),
                                                                DocumentRow.sketch.is_not(None))
        try:
            with self._read_session() as session:
                return [(doc_id, data) for doc_id, data in session.execute(stmt).all()]
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc

    def add_outlet(self, doc_id: str, outlet: dict[str, str | None]) -> None:
        """Record that another outlet carried document ``doc_id``'s text (a duplicate not stored)."""
        with self._write_session() as session, session.begin():
            row = session.get(DocumentRow, doc_id)
            if row is not None and outlet not in (row.outlets or []):
                row.outlets = [*(row.outlets or []), outlet]
                session.flush()
                happenings = select(EventRow.happening_id).where(EventRow.document_id == doc_id).distinct()
                refresh(session, set(session.scalars(happenings)))  # one more source for its events

    def save(self, doc: Document, pipeline_version: str, stage_versions: dict[str, str] | None = None) -> str:
        """Store ``doc`` and its events; returns ``"added"``, ``"updated"`` or ``"unchanged"``.

        One transaction: the document row and all its events replace the stored ones, or
        nothing changes. Same id, content hash and pipeline version: nothing is written.
        """
        for attempt in range(2):
            try:
                return self._save_once(doc, pipeline_version, stage_versions)
            except IntegrityError as exc:
                if attempt == 0:
                    continue  # another writer inserted the same id first: look again
                raise StoreError(f"cannot save document {doc.id!r}: {self._explain(exc)}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot save document {doc.id!r}: {self._explain(exc)}") from exc
            except (TypeError, ValueError) as exc:  # a driver serialising a JSON column
                raise StoreError(
                    f"cannot save document {doc.id!r}: {exc}; event fields must be JSON-serialisable "
                    "(str, int, float, bool, None, lists and dicts of them)"
                ) from exc
        raise AssertionError("unreachable")

    def _save_once(self, doc: Document, pipeline_version: str, stage_versions: dict[str, str] | None) -> str:
        from ..ingest.dedup import bands_of, sketch_bytes, sketch_of

        events = [event_row(ev, doc.id, ordinal) for ordinal, ev in enumerate(doc.events)]
        seen: dict[str, int] = {}
        for row in events:  # two events of one trigger: the second key gets "#2"
            seen[row.mention_key] = n = seen.get(row.mention_key, 0) + 1
            if n > 1:
                row.mention_key = f"{row.mention_key}#{n}"
        old_happenings: set[int] = set()
        previous: dict[str, int] = {}
        with self._write_session() as session, session.begin():
            row = session.get(DocumentRow, doc.id, with_for_update=True)
            if row is None:
                status = "added"
                row = DocumentRow()
                session.add(row)
            elif (row.content_hash == doc.content_hash and row.pipeline_version == pipeline_version
                  and (row.stage_versions or {}) == (stage_versions or {})):
                return "unchanged"
            else:
                status = "updated"
                previous = unlink_document(session, doc.id)
                old_happenings = set(previous.values())
                session.execute(delete(EventRow).where(EventRow.document_id == doc.id))
                session.execute(delete(MentionRow).where(MentionRow.document_id == doc.id))
                session.execute(delete(SentenceRow).where(SentenceRow.document_id == doc.id))
                session.execute(delete(DocumentBandRow).where(DocumentBandRow.document_id == doc.id))
            fill_document_row(row, doc, pipeline_version)
            row.stage_versions = dict(stage_versions or {})
            sketch = sketch_of(doc.text) if not doc.errors else None
            row.sketch = sketch_bytes(sketch) if sketch is not None else None
            session.flush()
            self._save_parts(session, doc)
            session.add_all(events)
            session.flush()
            refresh(session, old_happenings | link_document(session, row, events, previous))
            longest = max((_span_days(e.date_start, e.date_end) for e in events if e.date_start and e.date_end),
                          default=0.0)  # fmt: skip
            if longest > 0:  # one row update, atomic on both backends
                value = StoreFactRow.value
                session.execute(update(StoreFactRow).where(StoreFactRow.name == MAX_SPAN)
                                .values(value=case((value < longest, longest), else_=value)))
            if sketch is not None:
                session.add_all([DocumentBandRow(document_id=doc.id, band=band, value=value)
                                 for band, value in bands_of(sketch)])
        return status

    def _save_parts(self, session: Any, doc: Document) -> None:
        """The document's sentences and mentions, and the actors and places they resolved to
        (added once: an actor or place already stored is left as it is)."""
        parts = document_parts(doc)
        if self.backend == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        for table, key in ((ActorRow, "actors"), (PlaceRow, "places")):
            if parts[key]:
                session.execute(insert(table).on_conflict_do_nothing(index_elements=["key"]), parts[key])
        if parts["sentences"]:
            session.execute(SentenceRow.__table__.insert(), parts["sentences"])
        if parts["mentions"]:
            session.execute(MentionRow.__table__.insert(), parts["mentions"])

    # -- reading ---------------------------------------------------------------------------

    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = None,
        include_unhappened: bool = True,
    ) -> list[dict[str, Any]]:
        """Stored events, oldest first (undated last), as ``Event.to_dict()`` plus ids.

        ``type``: PLOVER type, ACLED (sub-)event type or CAMEO code prefix, any case.
        ``actor``: substring of a source/target text, name or actor id, any case.
        ``country``: ISO3 of an actor or the location. ``since``/``until``: ISO dates
        (``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd``); an event matches when its date range
        overlaps, and undated events are left out. ``include_unhappened=False`` keeps only
        asserted and reported events.
        """
        stmt = select(EventRow, DocumentRow.title, DocumentRow.date, DocumentRow.source, DocumentRow.url,
                      DocumentRow.outlets).join(DocumentRow, EventRow.document_id == DocumentRow.id)
        stmt = filtered(stmt, EventRow, type=type, actor=actor, country=country, since=since, until=until,
                        include_unhappened=include_unhappened,
                        actor_search=ACTOR_SEARCH if self._has_search(ACTOR_SEARCH) else None,
                        rare=rare_in(self._read_session))  # fmt: skip
        try:
            with self._read_session() as session:
                rows = page(session, stmt, EventRow, (EventRow.document_id, EventRow.ordinal), limit=limit,
                            since=since, until=until, earliest=self._earliest_start)  # fmt: skip
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return [event_dict(row, title, doc_date, source=source, url=url, outlets=outlets)
                for row, title, doc_date, source, url, outlets in rows]

    # -- happenings (deduplicated events) -------------------------------------------------

    def happenings(self, type: str | None = None, actor: str | None = None, country: str | None = None,
                   since: str | date | None = None, until: str | date | None = None, limit: int | None = None,
                   include_unhappened: bool = True) -> list[dict[str, Any]]:
        """Deduplicated events, oldest first (undated last), filtered as :meth:`events`; each
        with its counts of mentions, documents and sources, first and last reported."""
        stmt = filtered(select(HappeningRow), HappeningRow, type=type, actor=actor, country=country, since=since,
                        until=until, include_unhappened=include_unhappened,
                        actor_search=HAPPENING_SEARCH if self._has_search(HAPPENING_SEARCH) else None,
                        rare=rare_in(self._read_session))  # fmt: skip
        try:
            with self._read_session() as session:
                rows = [r for (r,) in page(session, stmt, HappeningRow, (HappeningRow.id,), limit=limit, since=since,
                                           until=until, earliest=self._earliest_start)]  # fmt: skip
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return [happening_dict(row) for row in rows]

    def happening_rows(self, **filters: Any) -> list[dict[str, Any]]:
        """:meth:`happenings` in the shape of :meth:`events` rows, for exports: each event's
        fields are its reconciled ones; its document, evidence and attribution are those of its
        first report (the earliest document, first mention); ``document_source`` and
        ``document_outlets`` list every outlet that reported it."""
        rows = self.happenings(**filters)
        ids = [row["id"] for row in rows]
        leads: dict[int, dict[str, Any]] = {}
        try:
            with self._read_session() as session:
                for chunk in range(0, len(ids), 500):
                    members = member_dicts(session, ids[chunk:chunk + 500])
                    for happening_id, events in members.items():
                        if events:
                            leads[happening_id] = min(events, key=lambda e: (e.get("document_date") or "9999",
                                                                             e["document_id"], e["id"]))
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        out = []
        for row in rows:
            lead = leads.get(row["id"], {})
            sources = row["sources"]
            out.append({**row, "document_id": lead.get("document_id"), "document_title": lead.get("document_title"),
                        "document_date": lead.get("document_date"), "document_url": lead.get("document_url"),
                        "document_source": sources[0] if sources else None,
                        "document_outlets": [{"source": name} for name in sources[1:]],
                        "evidence": lead.get("evidence"), "attribution": lead.get("attribution"),
                        "factuality_cues": lead.get("factuality_cues") or []})  # fmt: skip
        return out

    def happening(self, id: int) -> dict[str, Any] | None:
        """One deduplicated event with its ``mentions`` (event dicts with evidence and source),
        ``links`` (why each mention joined) and the analysts' ``decisions`` about them."""
        try:
            with self._read_session() as session:
                row = session.get(HappeningRow, id)
                if row is None:
                    return None
                data = happening_dict(row)
                data["mentions"] = member_dicts(session, [id])[id]
                keys = [m["mention_key"] for m in data["mentions"]]
                links = session.scalars(select(EventLinkRow).where(EventLinkRow.happening_id == id)
                                        .order_by(EventLinkRow.id)).all()  # fmt: skip
                data["links"] = [{"mention_key": k.mention_key, "joined": k.joined, "score": k.score,
                                  "reason": k.reason, "decided_by": k.decided_by,
                                  "at": k.created_at.isoformat() if k.created_at else None} for k in links]
                grades = dict(session.execute(select(SourceRow.name, SourceRow.reliability)).all())
                decisions = session.scalars(select(EventDecisionRow).order_by(EventDecisionRow.id)).all()
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        for mention in data["mentions"]:
            mention["source_reliability"] = grades.get(mention.get("document_source"))
        data["decisions"] = [decision_dict(d) for d in decisions if set(d.keys or []) & set(keys)
                             or set(d.other_keys or []) & set(keys)]  # fmt: skip
        return data

    def count_happenings(self) -> int:
        """How many deduplicated events are stored."""
        return self._count(select(func.count()).select_from(HappeningRow))

    def merge_happenings(self, ids: Sequence[int], reason: str = "") -> int:
        """Merge the happenings ``ids`` into the first: an analyst's decision, recorded on the
        mentions' keys and honoured by every later run. Returns the merged happening's id."""
        if len(set(ids)) < 2:
            raise StoreError("give two or more event ids to merge")
        with self._write_session() as session, session.begin():
            rows = session.scalars(select(EventRow).where(EventRow.happening_id.in_(ids))).all()
            found = {r.happening_id for r in rows}
            if missing := [i for i in ids if i not in found]:
                raise StoreError(f"no event with id {', '.join(map(str, missing))}; list them with `eventlens events`")
            into = ids[0]
            keys = [r.mention_key for r in rows if r.mention_key]
            session.add(EventDecisionRow(op="merge", keys=keys, reason=reason, created_at=datetime.now(UTC)))
            now = datetime.now(UTC)
            for r in rows:
                if r.happening_id != into:
                    r.happening_id = into
                    session.add(EventLinkRow(happening_id=into, mention_key=r.mention_key, joined=None, score=None,
                                             reason=f"merged by hand: {reason}".rstrip(": "), decided_by="analyst",
                                             created_at=now))  # fmt: skip
            session.execute(update(EventLinkRow).where(EventLinkRow.happening_id.in_(set(ids) - {into}))
                            .values(happening_id=into))  # fmt: skip
            session.flush()
            refresh(session, ids)
        return into

    def split_happening(self, id: int, mention_ids: Sequence[int], reason: str = "") -> int:
        """Move the mentions ``mention_ids`` (event mention ids) out of happening ``id`` into a
        new one, recorded so later runs keep them apart. Returns the new happening's id."""
        with self._write_session() as session, session.begin():
            rows = session.scalars(select(EventRow).where(EventRow.happening_id == id)).all()
            moved = [r for r in rows if r.id in set(mention_ids)]
            if not rows:
                raise StoreError(f"no event with id {id}; list them with `eventlens events`")
            if not moved or len(moved) == len(rows):
                raise StoreError(f"give some but not all of event {id}'s mentions "
                                 f"({', '.join(str(r.id) for r in rows)}); see `eventlens events show {id}`")
            now = datetime.now(UTC)
            session.add(EventDecisionRow(op="split", keys=[r.mention_key for r in moved], created_at=now,
                                         other_keys=[r.mention_key for r in rows if r not in moved], reason=reason))
            new = HappeningRow(source=[], target=[], quantities=[], factuality="asserted", confidence=0.0, sources=[],
                               updated_at=now)  # fmt: skip
            session.add(new)
            session.flush()
            keys = [r.mention_key for r in moved]
            session.execute(delete(EventLinkRow).where(EventLinkRow.mention_key.in_(keys)))
            for r in moved:
                r.happening_id = new.id
                session.add(EventLinkRow(happening_id=new.id, mention_key=r.mention_key, joined=None, score=None,
                                         reason=f"split by hand: {reason}".rstrip(": "), decided_by="analyst",
                                         created_at=now))  # fmt: skip
            session.flush()
            refresh(session, [id, new.id])
        return new.id

    def correct_happening(self, id: int, fields: dict[str, Any], reason: str = "") -> dict[str, Any]:
        """Set an event's fields by hand (:data:`CORRECTABLE`): recorded on its mentions' keys, so
        every later run keeps the correction. Returns the corrected event."""
        fields = check_correction(fields)
        with self._write_session() as session, session.begin():
            keys = [k for k in session.scalars(select(EventRow.mention_key).where(EventRow.happening_id == id)) if k]
            if not keys:
                raise StoreError(f"no event with id {id}; list them with `eventlens events`")
            session.add(EventDecisionRow(op="correct", keys=keys, fields=fields, reason=reason,
                                         created_at=datetime.now(UTC)))  # fmt: skip
            session.flush()
            refresh(session, [id])
        found = self.happening(id)
        assert found is not None
        return found

    def set_credibility(self, mention_id: int, value: int | None, reason: str = "") -> None:
        """Grade one claim (an event mention) 1 (confirmed) to 6 (cannot be judged); None clears it.
        Kept across re-runs."""
        if value is not None and not 1 <= value <= 6:
            raise StoreError(f"credibility is 1 (confirmed) to 6 (truth cannot be judged), not {value}")
        with self._write_session() as session, session.begin():
            row = session.get(EventRow, mention_id)
            if row is None:
                raise StoreError(f"no event mention with id {mention_id}; see `eventlens events show ID`")
            row.credibility = value
            session.add(EventDecisionRow(op="credibility", keys=[row.mention_key], value=value, reason=reason,
                                         created_at=datetime.now(UTC)))  # fmt: skip
            session.flush()
            refresh(session, [row.happening_id])

    def grade_source(self, name: str, reliability: str | None, note: str = "") -> None:
        """Give outlet ``name`` an Admiralty reliability grade (A reliable ... F cannot be judged)."""
        grade = reliability.strip().upper() if reliability else None
        if grade is not None and (len(grade) != 1 or grade not in GRADES):
            raise StoreError(f"reliability is one letter A (completely reliable) to F (cannot be judged), not "
                             f"{reliability!r}")
        with self._write_session() as session, session.begin():
            row = session.get(SourceRow, name) or SourceRow(name=name, note="")
            row.reliability, row.note, row.updated_at = grade, note or row.note or "", datetime.now(UTC)
            session.add(row)
            session.flush()
            refresh(session, self._happenings_reported_by(session, name))

    @staticmethod
    def _happenings_reported_by(session: Any, name: str) -> set[int]:
        stmt = (select(EventRow.happening_id).join(DocumentRow, EventRow.document_id == DocumentRow.id)
                .where(DocumentRow.source == name, EventRow.happening_id.is_not(None)).distinct())  # fmt: skip
        return set(session.scalars(stmt))

    def sources(self) -> list[dict[str, Any]]:
        """Every outlet in the store with its reliability grade and how many documents it gave."""
        try:
            with self._read_session() as session:
                by_source = select(DocumentRow.source, func.count()).group_by(DocumentRow.source)
                counts = dict(session.execute(by_source).all())
                grades = {r.name: r for r in session.scalars(select(SourceRow))}
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        names = sorted({n for n in counts if n} | set(grades))
        return [{"name": n, "documents": counts.get(n, 0),
                 "reliability": grades[n].reliability if n in grades else None,
                 "note": grades[n].note if n in grades else ""} for n in names]  # fmt: skip

    # -- search, actors ------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents whose title or text hold every word of ``query`` (English stemming: "attacks"
        finds "attacked"), best first, each with a ``snippet`` (matches in ``[...]``)."""
        words = [w for w in re.findall(r"\w+", query or "") if w]
        if not words:
            return []
        if self.backend == "sqlite":
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            stmt = text(f"SELECT s.document_id, d.title, d.date, d.source, snippet({DOCUMENT_SEARCH}, 2, '[', ']', "
                        f"'…', 16) FROM {DOCUMENT_SEARCH} s JOIN documents d ON d.id = s.document_id "
                        f"WHERE {DOCUMENT_SEARCH} MATCH :q ORDER BY rank LIMIT :n")  # fmt: skip
            params: dict[str, Any] = {"q": match, "n": limit}
        else:
            vector = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
            stmt = text(f"SELECT id, title, date, source, ts_headline('english', text, q, 'StartSel=[, StopSel=], "
                        f"MaxWords=24, MinWords=8') FROM documents, plainto_tsquery('english', :q) q "
                        f"WHERE {vector} @@ q ORDER BY ts_rank({vector}, q) DESC LIMIT :n")  # fmt: skip
            params = {"q": " ".join(words), "n": limit}
        try:
            with self._read_session() as session:
                rows = session.execute(stmt, params).all()
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return [{"id": i, "title": t, "date": d, "source": src, "snippet": snip} for i, t, d, src, snip in rows]

    def actors(self, name: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Actors the stored mentions resolved to (``name``: a substring of name or id), most
        mentioned first, each with its ``mentions`` count and ``aliases`` (the words used for it)."""
        count = func.count(MentionRow.id).label("n")
        stmt = (select(ActorRow, count).outerjoin(MentionRow, MentionRow.actor_key == ActorRow.key)
                .group_by(ActorRow.key))  # fmt: skip
        if name:
            needle = name.strip().lower()
            stmt = stmt.where(or_(func.lower(ActorRow.name).contains(needle, autoescape=True),
                                  func.lower(ActorRow.key).contains(needle, autoescape=True)))  # fmt: skip
        try:
            with self._read_session() as session:
                rows = session.execute(stmt.order_by(count.desc(), ActorRow.key).limit(limit)).all()
                keys = [row.key for row, _ in rows]
                aliases: dict[str, list[str]] = {k: [] for k in keys}
                if keys:
                    pairs = (select(MentionRow.actor_key, MentionRow.text)
                             .where(MentionRow.actor_key.in_(keys)).distinct())  # fmt: skip
                    for key, words in session.execute(pairs):
                        aliases[key].append(words)
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return [{"key": row.key, "actor_id": row.actor_id, "name": row.name, "country": row.country,
                 "sector": row.sector, "cameo_code": row.cameo_code, "mentions": n,
                 "aliases": sorted(set(aliases[row.key]))} for row, n in rows]  # fmt: skip

    def actor(self, key: str) -> dict[str, Any] | None:
        """One actor by key (its id, or ``name:`` and its name), with its aliases and mention count."""
        found = [a for a in self.actors(key.removeprefix("name:"), limit=500) if a["key"] == key]
        return found[0] if found else None

    # -- watchlists ------------------------------------------------------------------------

    def add_watchlist(self, name: str, query: dict[str, Any], webhook: str | None = None,
                      include_existing: bool = False) -> dict[str, Any]:
        """Save a query; events stored from now on that match it become alerts (with
        ``include_existing``, the events already stored too)."""
        from .watchlists import check_query, newest_event_id, watchlist_dict

        if not name.strip():
            raise StoreError("give the watchlist a name")
        if webhook and not webhook.startswith(("http://", "https://")):
            raise StoreError(f"the webhook must be an http(s) URL, not {webhook!r}")
        with self._write_session() as session, session.begin():
            row = WatchlistRow(name=name.strip(), query=check_query(query), webhook=webhook or None,
                               last_event_id=0 if include_existing else newest_event_id(session),
                               created_at=datetime.now(UTC))  # fmt: skip
            session.add(row)
            session.flush()
            return watchlist_dict(row)

    def watchlists(self) -> list[dict[str, Any]]:
        """Every watchlist, with its count of unseen alerts."""
        from .watchlists import watchlist_dict

        with self._read_session() as session:
            unseen = dict(session.execute(select(AlertRow.watchlist_id, func.count()).where(AlertRow.seen.is_(False))
                                          .group_by(AlertRow.watchlist_id)).all())  # fmt: skip
            return [watchlist_dict(row, unseen.get(row.id, 0))
                    for row in session.scalars(select(WatchlistRow).order_by(WatchlistRow.id))]  # fmt: skip

    def delete_watchlist(self, id: int) -> None:
        with self._write_session() as session, session.begin():
            row = session.get(WatchlistRow, id)
            if row is None:
                raise StoreError(f"no watchlist with id {id}")
            session.delete(row)

    def check_watchlists(self) -> list[dict[str, Any]]:
        """Turn each watchlist's new matching events into alerts; returns the new alerts as
        ``{"id", "watchlist", "event"}``."""
        from .watchlists import matching, record_alerts, watchlist_dict

        out: list[dict[str, Any]] = []
        with self._write_session() as session, session.begin():
            for row in session.scalars(select(WatchlistRow).order_by(WatchlistRow.id)).all():
                events = {e["id"]: e for e in matching(self, row.query, after=row.last_event_id or 0)}
                for alert in record_alerts(session, row, list(events.values())):
                    out.append({"id": alert.id, "watchlist": watchlist_dict(row), "event": events[alert.happening_id]})
        return out

    def alerts(self, watchlist_id: int | None = None, unseen: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Alerts, newest first, each with its event."""
        stmt = select(AlertRow).order_by(AlertRow.id.desc()).limit(limit)
        if watchlist_id is not None:
            stmt = stmt.where(AlertRow.watchlist_id == watchlist_id)
        if unseen:
            stmt = stmt.where(AlertRow.seen.is_(False))
        with self._read_session() as session:
            rows = session.scalars(stmt).all()
            events = {r.id: session.get(HappeningRow, r.happening_id) for r in rows}
            return [{"id": r.id, "watchlist_id": r.watchlist_id, "seen": r.seen, "sent": r.sent,
                     "at": r.created_at.isoformat() if r.created_at else None,
                     "event": happening_dict(events[r.id]) if events[r.id] is not None else None}
                    for r in rows]  # fmt: skip

    def mark_alerts(self, ids: Sequence[int], *, seen: bool | None = None, sent: bool | None = None) -> None:
        values = {k: v for k, v in (("seen", seen), ("sent", sent)) if v is not None}
        if ids and values:
            with self._write_session() as session, session.begin():
                session.execute(update(AlertRow).where(AlertRow.id.in_(list(ids))).values(**values))

    def timeline(self, by: str = "week", **filters: Any) -> list[dict[str, Any]]:
        """Events per day, week or month and type (:func:`.views.timeline`), with the event filters."""
        from .views import timeline

        try:
            with self._read_session() as session:
                return timeline(session, by, **filters)
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc

    def network(self, actor_key: str) -> dict[str, Any]:
        """The ego network of an actor: who it acts on and who acts on it (:func:`.views.network`)."""
        from .views import network

        try:
            with self._read_session() as session:
                return network(session, actor_key)
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc

    def _earliest_start(self, since: str) -> str:
        with self._read_session() as session:
            longest = session.scalar(select(StoreFactRow.value).where(StoreFactRow.name == MAX_SPAN))
        if longest is None or longest > 100_000:
            return "0000-01-01"
        return (date.fromisoformat(since) - timedelta(days=math.ceil(longest))).isoformat()

    def document(self, id: str, *, text: bool = True) -> dict[str, Any] | None:
        """The stored document as ``Document.to_dict()`` (events with ids), or None."""
        try:
            with self._read_session() as session:
                row = session.get(DocumentRow, id)
                if row is None:
                    return None
                events = session.scalars(
                    select(EventRow).where(EventRow.document_id == id).order_by(EventRow.ordinal)
                ).all()
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc
        return document_dict(row, [event_dict(ev, row.title, row.date) for ev in events], text=text)

    def count_documents(self) -> int:
        """How many documents are stored."""
        return self._count(select(func.count()).select_from(DocumentRow))

    def count_events(self, include_unhappened: bool = True) -> int:
        """How many events are stored (only asserted/reported ones with ``include_unhappened=False``)."""
        stmt = select(func.count()).select_from(EventRow)
        if not include_unhappened:
            stmt = stmt.where(EventRow.factuality.in_(HAPPENED))
        return self._count(stmt)

    def _count(self, stmt: Any) -> int:
        try:
            with self._read_session() as session:
                return int(session.execute(stmt).scalar_one())
        except SQLAlchemyError as exc:
            raise StoreError(self._explain(exc)) from exc

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Release all connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"


def _span_days(start: str | None, end: str | None) -> float:
    """Days from ``start`` to ``end`` (ISO dates); a date that does not parse counts as endless."""
    try:
        return float((date.fromisoformat(str(end)) - date.fromisoformat(str(start))).days)
    except ValueError:
        return 1e9


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL journal, foreign keys, a busy timeout; transactions begun by ``_sqlite_begin``."""
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL takes a lock too
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # reads through the OS page cache (memory-mapped), so every pooled connection of a server is
    # warm at once, plus a 32 MB page cache of its own
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    writing = connection.get_execution_options().get("eventlens_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
