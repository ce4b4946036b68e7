"""What the linker compares: a :class:`Profile` of one or more event mentions (stored dicts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

PRECISION_RANK = {"town": 0, "near_town": 1, "district": 2, "province": 3, "country": 4, "region": 5}
DATE_RANK = {"day": 0, "part_of_month": 1, "month": 2, "season": 3, "range": 3, "year": 4, "open": 5}
GENERIC_ACTORS = ("UNIDENTIFIED-ARMED-GROUP",)
GENERIC_SUFFIXES = ("-CVL",)  # civilians of a country: victims, not who did it
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}(?:-[A-Z]?[a-z]+)?\b")
_COMMON = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "state",
    "government", "police", "army", "local", "residents", "security", "president", "minister", "governor",
    "spokesman", "spokesperson", "people", "this", "that", "there", "their", "they", "these", "those", "when",
    "while", "after", "before", "according", "earlier", "later",
})


def mention_key(event: dict[str, Any], document_id: str | None = None) -> str:
    """A mention's key that survives re-runs: document, sentence start and trigger start."""
    evidence = event.get("evidence") or {}
    trigger = evidence.get("trigger") or {}
    return f"{document_id or event.get('document_id')}@{evidence.get('start')}:{trigger.get('start')}"


@dataclass
class Profile:
    """The comparable facts of a group of mentions (one mention, a document's group, a happening)."""

    keys: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    acled_types: set[str] = field(default_factory=set)
    place: dict[str, Any] | None = None  # the most specific place
    admin1s: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # of the places
    stated: tuple[date, date, str] | None = None  # the most specific date the text gives (start, end, precision)
    reported: tuple[date, date] | None = None  # the span of report dates standing in for a date
    named: set[str] = field(default_factory=set)  # named actors on the source side (ids or names)
    targets: set[str] = field(default_factory=set)
    killed: tuple[float, float] | None = None
    names: set[str] = field(default_factory=set)  # rare proper names of the sentences
    timeframes: set[str] = field(default_factory=set)  # "recent"/"ongoing" vs "historical"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _actor_key(actor: dict[str, Any]) -> str | None:
    actor_id = actor.get("actor_id")
    if actor_id:
        if actor_id in GENERIC_ACTORS or actor_id.endswith(GENERIC_SUFFIXES):
            return None
        return actor_id
    return None  # a name outside the knowledge base says too little about who it is


@cache
def _country_words() -> frozenset[str]:
    import pycountry

    words: set[str] = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", "")):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", name or ""))
    return frozenset(words)


def sentence_names(sentence: str) -> set[str]:
    """Capitalised words inside a sentence that are neither common words nor country names."""
    found = {m.group(0).lower() for m in _CAPITALISED.finditer(sentence or "")}
    return {w for w in found if w not in _COMMON and w not in _country_words()}


def profile_of(events: list[dict[str, Any]]) -> Profile:
    """The profile of ``events`` (stored event dicts, each with ``document_id``)."""
    p = Profile()
    best_place: tuple[int, dict] | None = None
    best_date: tuple[int, date, date, str] | None = None
    actor_words: set[str] = set()  # names of known actors count as actors, not as shared names
    for ev in events:
        p.keys.append(ev.get("mention_key") or mention_key(ev))
        p.documents.add(ev.get("document_id") or "")
        plover = ev.get("plover") or {}
        if plover.get("type"):
            p.types.add(plover["type"])
        if (ev.get("acled") or {}).get("event_type"):
            p.acled_types.add(ev["acled"]["event_type"])
        loc = ev.get("location") or {}
        if loc.get("country"):
            p.countries.add(loc["country"])
        if loc.get("admin1"):
            p.admin1s.add(loc["admin1"].lower())
        if loc.get("name"):
            rank = PRECISION_RANK.get(loc.get("precision") or "", 6)
            if best_place is None or rank < best_place[0]:
                best_place = (rank, loc)
        when = ev.get("date") or {}
        start, end = _day(when.get("start")), _day(when.get("end"))
        if start and end:
            if when.get("from_document_date"):
                lo, hi = p.reported or (start, end)
                p.reported = (min(lo, start), max(hi, end))
            else:
                rank = DATE_RANK.get(when.get("precision") or "", 6)
                if best_date is None or rank < best_date[0] or (rank == best_date[0] and start < best_date[1]):
                    best_date = (rank, start, end, when.get("precision") or "")
        for actor in ev.get("source") or []:
            if key := _actor_key(actor):
                p.named.add(key)
                actor_words.update((actor.get("text") or "").lower().split())
        for actor in ev.get("target") or []:
            if key := _actor_key(actor):
                p.targets.add(key)
                actor_words.update((actor.get("text") or "").lower().split())
        for q in ev.get("quantities") or []:
            if q.get("role") == "killed" and (q.get("low") is not None or q.get("high") is not None):
                low = q.get("low") if q.get("low") is not None else q.get("high")
                high = q.get("high") if q.get("high") is not None else q.get("low")
                lo, hi = p.killed or (low, high)
                p.killed = (min(lo, low), max(hi, high))
        p.timeframes.add("historical" if ev.get("timeframe") == "historical" else "current")
        p.names |= sentence_names((ev.get("evidence") or {}).get("sentence") or "")
    p.place = best_place[1] if best_place else None
    p.stated = (best_date[1], best_date[2], best_date[3]) if best_date else None
    p.names -= {word for admin1 in p.admin1s for word in admin1.split()} | actor_words  # provinces: too common
    return p
