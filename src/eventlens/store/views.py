"""Summaries the desk draws: event counts over time by type, and an actor's ego network."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .queries import filtered
from .schema import HappeningRow

BUCKETS = ("day", "week", "month")


def _bucket(day: str, by: str) -> str:
    if by == "month":
        return day[:7]
    if by == "week":  # the ISO week's Monday
        d = date.fromisoformat(day[:10])
        return date.fromordinal(d.toordinal() - d.weekday()).isoformat()
    return day[:10]


def timeline(session: Session, by: str = "week", **filters: Any) -> list[dict[str, Any]]:
    """Events per ``by`` (day, week: its Monday, month) and PLOVER type, oldest first."""
    if by not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {by!r}")
    h = HappeningRow
    stmt = filtered(select(h.date_start, h.plover_type, func.count()), h, **filters)
    stmt = stmt.where(h.date_start.is_not(None)).group_by(h.date_start, h.plover_type)
    counts: Counter[tuple[str, str]] = Counter()
    for day, kind, n in session.execute(stmt):
        try:
            counts[(_bucket(day, by), kind or "")] += n
        except ValueError:
            continue  # a date that does not parse is left off the timeline
    return [{"period": period, "type": kind or None, "count": n} for (period, kind), n in sorted(counts.items())]


def _actor_key(actor: dict[str, Any]) -> str | None:
    if actor.get("actor_id"):
        return actor["actor_id"]
    name = (actor.get("name") or actor.get("text") or "").strip().lower()
    return f"name:{name}" if name else None


def network(session: Session, key: str, limit: int = 2000) -> dict[str, Any]:
    """Who acts on whom around actor ``key`` (its id, or ``name:`` and its name): nodes and
    source->target edges with event counts and PLOVER types, over the events it is part of."""
    needle = key.removeprefix("name:")
    h = HappeningRow
    stmt = filtered(select(h.id, h.plover_type, h.source, h.target), h, actor=needle).limit(limit)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for event_id, kind, sources, targets in session.execute(stmt):
        keyed = [(a, _actor_key(a)) for a in (sources or []) + (targets or [])]
        if key not in {k for _, k in keyed}:
            continue  # the substring matched another actor's name
        for actor, k in keyed:
            if k and k not in nodes:
                nodes[k] = {"key": k, "name": actor.get("name") or actor.get("text"), "country": actor.get("country"),
                            "events": 0}  # fmt: skip
        for k in {k for _, k in keyed if k}:
            nodes[k]["events"] += 1
        for s in sources or []:
            for t in targets or []:
                a, b = _actor_key(s), _actor_key(t)
                if not a or not b or a == b or key not in (a, b):
                    continue
                edge = edges.setdefault((a, b), {"source": a, "target": b, "events": 0, "types": defaultdict(int),
                                                 "event_ids": []})  # fmt: skip
                edge["events"] += 1
                edge["types"][kind or "?"] += 1
                if len(edge["event_ids"]) < 20:
                    edge["event_ids"].append(event_id)
    used = {key} | {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    return {"actor": key, "nodes": [n for k, n in nodes.items() if k in used],
            "edges": [{**e, "types": dict(e["types"])} for e in edges.values()]}
