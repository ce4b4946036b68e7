"""Grouping: a document's mentions into its events, and an event into a stored happening."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from .compare import Match, compare
from .profile import DATE_RANK, PRECISION_RANK, Profile, profile_of

THRESHOLD = 0.55
"""Score at which mentions in different documents are taken for one happening."""
UNCONTESTED = 0.4
"""A lower score suffices when no other candidate comes near (none scores :data:`RIVAL` or more)."""
RIVAL = 0.3


def _informative(event: dict[str, Any]) -> tuple[int, int, int]:
    when, where = event.get("date") or {}, event.get("location") or {}
    stated = 0 if when.get("start") and not when.get("from_document_date") else 1
    return (stated + DATE_RANK.get(when.get("precision") or "", 6),
            PRECISION_RANK.get(where.get("precision") or "", 6), 0 if event.get("quantities") else 1)  # fmt: skip


Pairs = Callable[[str, Collection[str]], bool]


def group_document(events: Sequence[dict[str, Any]], *, together: Pairs | None = None,
                   apart: Pairs | None = None) -> list[list[dict[str, Any]]]:
    """One document's mentions grouped into the happenings it reports. A report tells its
    event over several sentences ("gunmen stormed ... killed 12 ... set houses on fire"), so
    within a document any mention joins a group that nothing in it contradicts; the most
    specific mentions (stated date, town, numbers) start the groups. ``together(key, keys)`` /
    ``apart(key, keys)``: an analyst merged / split the mention from those."""
    groups: list[list[dict[str, Any]]] = []
    profiles: list[Profile] = []
    for event in sorted(events, key=_informative):
        mine = profile_of([event])
        key = mine.keys[0]
        forced = [i for i, p in enumerate(profiles) if together and together(key, p.keys)]
        for i, profile in enumerate(profiles):
            if forced and i not in forced:
                continue
            if apart and apart(key, profile.keys):
                continue
            if forced or compare(mine, profile).veto is None:
                groups[i].append(event)
                profiles[i] = profile_of(groups[i])
                break
        else:
            groups.append([event])
            profiles.append(mine)
    order = {id(event): n for n, event in enumerate(events)}
    for group in groups:
        group.sort(key=lambda event: order[id(event)])
    return sorted(groups, key=lambda group: order[id(group[0])])


def best_match(profile: Profile, candidates: Sequence[tuple[int, Profile]], *, split_from: Collection[int] = (),
               joined_by: Collection[int] = (), threshold: float = THRESHOLD) -> tuple[int, Match] | None:
    """The candidate happening ``profile`` belongs to, or None. ``joined_by``: happenings an
    analyst merged these mentions into (taken first, whatever the score); ``split_from``:
    happenings an analyst split them from (never taken)."""
    scored: list[tuple[float, int, Match]] = []
    for happening_id, other in candidates:
        if happening_id in joined_by:
            return happening_id, Match(score=1.0, reasons=["an analyst merged them"])
        match = compare(profile, other, cannot=happening_id in split_from)
        if match.veto is None:
            scored.append((match.score, -happening_id, match))
    if not scored:
        return None
    scored.sort(reverse=True)
    score, happening_id, match = scored[0]
    rivals = [s for s, _, _ in scored[1:] if s >= RIVAL]
    if score >= threshold or (score >= UNCONTESTED and not rivals):
        if score < threshold:
            match.reasons.append("no other candidate comes near")
        return -happening_id, match
    return None
