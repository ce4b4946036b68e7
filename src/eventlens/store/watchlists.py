"""Watchlists: saved event queries ("ASSAULT or COERCE involving Liwa Zainebiyoun in Pakistan");
each new event that matches one becomes an alert, shown in the desk and sent to its webhook."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import StoreError
from .schema import AlertRow, HappeningRow, WatchlistRow

QUERY_KEYS = ("types", "actor", "country", "since", "until", "happened")


def check_query(query: dict[str, Any]) -> dict[str, Any]:
    """A watchlist query cleaned: ``types`` (any of), ``actor``, ``country``, ``since``, ``until``, ``happened``."""
    unknown = set(query) - set(QUERY_KEYS)
    if unknown:
        raise StoreError(f"a watchlist query has {', '.join(QUERY_KEYS)}; not {', '.join(sorted(unknown))}")
    types = query.get("types") or []
    if isinstance(types, str):
        types = [t.strip() for t in types.replace(" or ", ",").split(",") if t.strip()]
    out: dict[str, Any] = {"types": [str(t) for t in types]}
    for key in ("actor", "country", "since", "until"):
        if query.get(key):
            out[key] = str(query[key]).strip()
    out["happened"] = bool(query.get("happened", True))
    return out


def matching(store: Any, query: dict[str, Any], after: int = 0, limit: int = 1000) -> list[dict[str, Any]]:
    """Events matching ``query`` with an id above ``after``."""
    filters = {"actor": query.get("actor"), "country": query.get("country"), "since": query.get("since"),
               "until": query.get("until"), "include_unhappened": not query.get("happened", True)}
    found: dict[int, dict[str, Any]] = {}
    for kind in query.get("types") or [None]:
        for event in store.happenings(type=kind, **filters):
            if event["id"] > after:
                found[event["id"]] = event
    return [found[i] for i in sorted(found)][:limit]


def watchlist_dict(row: WatchlistRow, unseen: int = 0) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "query": row.query, "webhook": row.webhook,
            "last_event_id": row.last_event_id, "unseen": unseen,
            "created_at": row.created_at.isoformat() if row.created_at else None}


def record_alerts(session: Session, row: WatchlistRow, events: list[dict[str, Any]]) -> list[AlertRow]:
    """Alerts for ``events`` (new matches of ``row``), flushed so they have ids."""
    now = datetime.now(UTC)
    known = set(session.scalars(select(AlertRow.happening_id).where(AlertRow.watchlist_id == row.id)))
    new = [AlertRow(watchlist_id=row.id, happening_id=e["id"], seen=False, sent=False, created_at=now)
           for e in events if e["id"] not in known]  # fmt: skip
    session.add_all(new)
    if events:
        row.last_event_id = max(row.last_event_id or 0, max(e["id"] for e in events))
    session.flush()
    return new


def newest_event_id(session: Session) -> int:
    return int(session.scalar(select(HappeningRow.id).order_by(HappeningRow.id.desc()).limit(1)) or 0)
