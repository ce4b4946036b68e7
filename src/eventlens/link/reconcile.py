"""A happening's fields from its mentions: the most specific place and date, numbers as the
range across reports, factuality from the most direct report, who and whom from all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import FACTUALITY
from .profile import DATE_RANK, PRECISION_RANK

GRADES = "ABCDEF"
"""Admiralty source reliability, best first (F: cannot be judged)."""


def _most_common(values: Sequence[Any]) -> Any:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _actors(members: Sequence[dict[str, Any]], side: str) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for event in members:
        for actor in event.get(side) or []:
            key = actor.get("actor_id") or (actor.get("name") or actor.get("text") or "").lower()
            if key and key not in seen:
                seen[key] = actor
    return list(seen.values())


def _quantities(members: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    ranges: dict[tuple, dict[str, Any]] = {}
    for event in members:
        for q in event.get("quantities") or []:
            key = (q.get("role"), q.get("unit"), q.get("per"))
            low, high = q.get("low"), q.get("high")
            if key not in ranges:
                ranges[key] = {"role": key[0], "unit": key[1], "per": key[2], "low": low, "high": high,
                               "approximate": bool(q.get("approximate")), "text": q.get("text") or "", "reports": 1}
                continue
            seen = ranges[key]
            seen["low"] = low if seen["low"] is None else seen["low"] if low is None else min(seen["low"], low)
            seen["high"] = high if seen["high"] is None else seen["high"] if high is None else max(seen["high"], high)
            seen["approximate"] = seen["approximate"] or bool(q.get("approximate"))
            if q.get("text") and q["text"] not in seen["text"].split(" / "):
                seen["text"] = f"{seen['text']} / {q['text']}" if seen["text"] else q["text"]
            seen["reports"] += 1
    return list(ranges.values())


def reconcile(members: Sequence[dict[str, Any]], reliability: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """The happening of ``members`` (stored event dicts with ``document_id``, ``document_date``,
    ``document_source``, ``document_outlets`` and ``credibility``); ``reliability``: outlet -> grade."""
    weights: Counter[str] = Counter()
    for event in members:
        weights[(event.get("plover") or {}).get("type") or ""] += float(event.get("confidence") or 0.5)
    kind = weights.most_common(1)[0][0] or None
    typed = [e for e in members if ((e.get("plover") or {}).get("type") or None) == kind] or list(members)
    place = min((e["location"] for e in members if (e.get("location") or {}).get("name")),
                key=lambda loc: PRECISION_RANK.get(loc.get("precision") or "", 6), default=None)  # fmt: skip
    dates = [e["date"] for e in members if (e.get("date") or {}).get("start")]
    stated = [d for d in dates if not d.get("from_document_date")] or dates
    when = min(stated, key=lambda d: (DATE_RANK.get(d.get("precision") or "", 6), d.get("start") or ""), default=None)
    factuality = min((e.get("factuality") or "asserted" for e in members), key=FACTUALITY.index)
    outlets: list[str] = []
    for event in members:
        carried = [(o or {}).get("source") for o in event.get("document_outlets") or []]
        for name in [event.get("document_source"), *carried]:
            if name and name not in outlets:
                outlets.append(name)
    grades = [g for g in ((reliability or {}).get(name) for name in outlets) if g]
    credibilities = [e["credibility"] for e in members if e.get("credibility")]
    reported = sorted(e["document_date"] for e in members if e.get("document_date"))
    return {
        "plover_type": kind,
        "plover_mode": _most_common([(e.get("plover") or {}).get("mode") for e in typed]),
        "cameo": _most_common([e.get("cameo") for e in typed]),
        "acled_event_type": _most_common([(e.get("acled") or {}).get("event_type") for e in typed]),
        "acled_sub_event_type": _most_common([(e.get("acled") or {}).get("sub_event_type") for e in typed]),
        "source": _actors(typed, "source"),
        "target": _actors(typed, "target"),
        "location": place,
        "date": when,
        "quantities": _quantities(typed),
        "factuality": factuality,
        "confidence": max(float(e.get("confidence") or 0.0) for e in members),
        "timeframe": _most_common([e.get("timeframe") for e in typed]) or "recent",
        "n_mentions": len(members),
        "n_documents": len({e.get("document_id") for e in members}),
        "n_sources": len(outlets),
        "sources": outlets,
        "first_reported": reported[0] if reported else None,
        "last_reported": reported[-1] if reported else None,
        "reliability": min(grades, key=GRADES.index) if grades else None,
        "credibility": min(credibilities) if credibilities else None,
    }
