"""Happenings in the store: linking a saved document's mentions, reconciling, analysts' merges
and splits (kept as decisions on the mentions' stable keys, so a re-run honours them).

These functions run inside the caller's write transaction (:meth:`Store.save` and the
merge/split methods), so a document, its mentions and their happenings change together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from ..link import best_match, compare, group_document, profile_of, reconcile
from ..link.group import THRESHOLD
from .records import event_dict, names_of
from .schema import DocumentRow, EventDecisionRow, EventLinkRow, EventRow, HappeningRow, SourceRow

WINDOW = timedelta(days=8)  # candidates: happenings dated within this of the mentions
MAX_CANDIDATES = 300
LINK_LOCK = 7368201946  # PostgreSQL advisory lock: one linker at a time


@dataclass
class Decisions:
    """Analysts' decisions as pairs of mention keys, later decisions overriding earlier ones."""

    together: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    apart: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    credibility: dict[str, int] = field(default_factory=dict)
    corrections: list[tuple[set[str], dict[str, Any]]] = field(default_factory=list)  # oldest first

    def _pair(self, table: dict[str, set[str]], other: dict[str, set[str]], a: str, b: str) -> None:
        if a != b:
            table[a].add(b)
            table[b].add(a)
            other[a].discard(b)
            other[b].discard(a)

    def add(self, row: EventDecisionRow) -> None:
        keys, others = list(row.keys or []), list(row.other_keys or [])
        if row.op == "credibility":
            for key in keys:
                self.credibility[key] = int(row.value or 0) or None
            return
        if row.op == "correct":  # correcting an event also says its mentions are one event
            self.corrections.append((set(keys), dict(row.fields or {})))
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                self._pair(self.together, self.apart, a, b)
        if row.op == "split":
            for a in keys:
                for b in others:
                    self._pair(self.apart, self.together, a, b)

    def is_together(self, key: str, keys: Collection[str]) -> bool:
        return bool(self.together.get(key, set()) & set(keys))

    def is_apart(self, key: str, keys: Collection[str]) -> bool:
        return bool(self.apart.get(key, set()) & set(keys))


def load_decisions(session: Session) -> Decisions:
    decisions = Decisions()
    for row in session.scalars(select(EventDecisionRow).order_by(EventDecisionRow.id)):
        decisions.add(row)
    return decisions


def member_dicts(session: Session, happening_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The mentions of each happening, as stored event dicts with their document's facts."""
    ids = list(set(happening_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for chunk in range(0, len(ids), 500):
        stmt = (select(EventRow, DocumentRow.title, DocumentRow.date, DocumentRow.source, DocumentRow.url,
                       DocumentRow.outlets).join(DocumentRow, EventRow.document_id == DocumentRow.id)
                .where(EventRow.happening_id.in_(ids[chunk:chunk + 500]))
                .order_by(EventRow.document_id, EventRow.ordinal))  # fmt: skip
        for row, title, doc_date, source, url, outlets in session.execute(stmt):
            out[row.happening_id].append(event_dict(row, title, doc_date, source=source, url=url, outlets=outlets))
    return out


def refresh(session: Session, happening_ids: Iterable[int]) -> None:
    """Reconcile each happening from its mentions; one left with none is deleted."""
    ids = {i for i in happening_ids if i is not None}
    if not ids:
        return
    grades = dict(session.execute(select(SourceRow.name, SourceRow.reliability)).all())
    corrections = load_decisions(session).corrections
    members = member_dicts(session, ids)
    now = datetime.now(UTC)
    for happening_id, events in members.items():
        row = session.get(HappeningRow, happening_id)
        if row is None:
            continue
        if not events:
            session.delete(row)
            continue
        fields = reconcile(events, grades)
        keys = {e.get("mention_key") for e in events}
        for corrected_keys, corrected in corrections:  # an analyst's corrections win, the latest last
            if corrected_keys & keys:
                fields.update(corrected)
        when = fields["date"] or {}
        place = fields["location"] or {}
        for name, value in fields.items():
            if name not in ("date", "location"):
                setattr(row, name, value)
        row.date, row.location = fields["date"], fields["location"]
        row.date_start, row.date_end, row.date_precision = when.get("start"), when.get("end"), when.get("precision")
        row.location_country = place.get("country")
        row.source_names, row.target_names = names_of(fields["source"]), names_of(fields["target"])
        row.countries = " ".join(sorted({a["country"] for a in fields["source"] + fields["target"] if a.get("country")}
                                        | ({place["country"]} if place.get("country") else set())))  # fmt: skip
        row.updated_at = now
    session.flush()


def _candidates(session: Session, profile: Any) -> list[int]:
    span = profile.stated[:2] if profile.stated else profile.reported
    if span is None:
        return []
    lo, hi = (span[0] - WINDOW).isoformat(), (span[1] + WINDOW).isoformat()
    kinds = [HappeningRow.plover_type.in_(sorted(profile.types))] if profile.types else []
    if profile.acled_types:
        kinds.append(HappeningRow.acled_event_type.in_(sorted(profile.acled_types)))
    if not kinds:
        return []
    stmt = select(HappeningRow.id).where(or_(*kinds), HappeningRow.date_start <= hi, HappeningRow.date_end >= lo)
    if profile.countries:
        stmt = stmt.where(or_(HappeningRow.location_country.in_(sorted(profile.countries)),
                              HappeningRow.location_country.is_(None)))  # fmt: skip
    return list(session.scalars(stmt.order_by(HappeningRow.id.desc()).limit(MAX_CANDIDATES)))


def _happenings_of(session: Session, keys: Collection[str]) -> set[int]:
    if not keys:
        return set()
    stmt = select(EventRow.happening_id).where(EventRow.mention_key.in_(sorted(keys)),
                                               EventRow.happening_id.is_not(None))  # fmt: skip
    return set(session.scalars(stmt))


def link_document(session: Session, doc: DocumentRow, rows: list[EventRow],
                  previous: dict[str, int] | None = None) -> set[int]:
    """Give each of a just-saved document's mentions (``rows``) its happening; returns the
    happenings touched (the caller refreshes them). ``previous``: mention key -> the happening
    it was in before the document was re-processed."""
    if session.bind is not None and session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SELECT pg_advisory_xact_lock({LINK_LOCK})"))
    decisions = load_decisions(session)
    by_key: dict[str, EventRow] = {}
    events = []
    for row in rows:
        row.credibility = decisions.credibility.get(row.mention_key or "")
        by_key[row.mention_key or ""] = row
        event = event_dict(row, doc.title, doc.date, source=doc.source, url=doc.url, outlets=doc.outlets)
        events.append(event)
    touched: set[int] = set()
    now = datetime.now(UTC)
    for group in group_document(events, together=decisions.is_together, apart=decisions.is_apart):
        profile = profile_of(group)
        keys = set(profile.keys)
        wanted = set().union(*(decisions.together.get(k, set()) for k in keys)) - keys
        unwanted = set().union(*(decisions.apart.get(k, set()) for k in keys)) - keys
        joined_by, split_from = _happenings_of(session, wanted), _happenings_of(session, unwanted)
        ids = sorted(set(_candidates(session, profile)) | joined_by)
        members = member_dicts(session, ids)
        candidates = [(i, profile_of(m)) for i, m in members.items() if m]
        found = best_match(profile, candidates, joined_by=joined_by, split_from=split_from)
        if found is None:
            happening_id = _reusable(session, keys, previous or {})
            if happening_id is None:
                happening = HappeningRow(source=[], target=[], quantities=[], factuality="asserted", confidence=0.0,
                                         sources=[], updated_at=now)  # fmt: skip
                session.add(happening)
                session.flush()
                happening_id = happening.id
            first, reason, score, by = None, "new event", None, "linker"
        else:
            happening_id, match = found
            first = members[happening_id][0].get("mention_key")
            reason, score = match.reason, match.score
            by = "analyst" if happening_id in joined_by else "linker"
        for n, event in enumerate(group):
            key = event["mention_key"]
            by_key[key].happening_id = happening_id
            if found is None and n > 0:
                first, reason, score = group[0]["mention_key"], "same report, nothing contradicts", None
            session.add(EventLinkRow(happening_id=happening_id, mention_key=key, joined=first, score=score,
                                     reason=reason, decided_by=by, created_at=now))  # fmt: skip
        touched.add(happening_id)
        if found is not None and happening_id not in joined_by:
            joined = members[happening_id] + group
            others = [(i, p) for i, p in candidates if i != happening_id]
            touched |= _bridge(session, happening_id, joined, others, decisions, now)
    session.flush()
    return touched


def _bridge(session: Session, into: int, members: list[dict[str, Any]], candidates: list[tuple[int, Any]],
            decisions: Decisions, now: datetime) -> set[int]:
    """A new report can show that two stored events are one: the event it joined (``into``,
    now ``members``) takes in each other candidate that matches it outright (the full
    threshold, never an analyst's split). Returns the events emptied."""
    profile = profile_of(members)
    emptied: set[int] = set()
    for other_id, other in candidates:
        if any(decisions.is_apart(key, other.keys) for key in profile.keys):
            continue
        match = compare(profile, other)
        if match.veto is not None or match.score < THRESHOLD:
            continue
        session.execute(update(EventRow).where(EventRow.happening_id == other_id).values(happening_id=into))
        session.execute(update(EventLinkRow).where(EventLinkRow.happening_id == other_id).values(happening_id=into))
        session.add(EventLinkRow(happening_id=into, mention_key=other.keys[0], joined=profile.keys[0],
                                 score=match.score, reason=f"event {other_id} joined: {match.reason}",
                                 decided_by="linker", created_at=now))  # fmt: skip
        emptied.add(other_id)
    return emptied


def unlink_document(session: Session, doc_id: str) -> dict[str, int]:
    """Before a document's mentions are replaced: drop their links; returns the happening each
    mention key was in (so a re-processed report keeps its event's id)."""
    old = session.execute(select(EventRow.happening_id, EventRow.mention_key)
                          .where(EventRow.document_id == doc_id)).all()  # fmt: skip
    keys = [key for _, key in old if key]
    for chunk in range(0, len(keys), 500):
        session.execute(delete(EventLinkRow).where(EventLinkRow.mention_key.in_(keys[chunk:chunk + 500])))
    return {key: h for h, key in old if key and h is not None}


def _reusable(session: Session, keys: Collection[str], previous: dict[str, int]) -> int | None:
    """The event these mentions were in before, if it is left with no mentions: re-processing
    a report keeps its event's id (links in the desk and in analysts' notes keep working)."""
    for happening_id, _ in Counter(previous[k] for k in keys if k in previous).most_common():
        left = session.scalar(select(func.count()).select_from(EventRow).where(EventRow.happening_id == happening_id))
        if not left and session.get(HappeningRow, happening_id) is not None:
            return happening_id
    return None

