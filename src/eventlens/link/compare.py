"""Compare two profiles: a veto when they cannot be one happening, else a score and reasons.

The rules are an analyst's: two reports are one event when nothing they state conflicts
(type, country and province, town within a distance, stated dates) and enough agrees (the
place, the day, who did it, the toll, rare names such as the village both sentences name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ..resolve.gazetteer import distance_km
from .profile import Profile

WEIGHTS = {"place": 0.30, "date": 0.25, "actors": 0.15, "toll": 0.10, "names": 0.20}
NEAR_KM = {"town": 25.0, "near_town": 40.0, "district": 60.0}  # how far apart two reports of one place may be
REPORT_LAG = timedelta(days=7)  # a report's date stands for an event at most this long before it
SAME_DAY_SLACK = timedelta(days=1)  # "late on Tuesday" in one report is Wednesday in another
TOLL_SLACK = 0.2  # tolls within 20% of each other agree (they rise as bodies are found)


@dataclass
class Match:
    """How well two profiles agree: ``veto`` says why they cannot be one event."""

    score: float = 0.0
    veto: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return self.veto or "; ".join(self.reasons)


def _types(a: Profile, b: Profile) -> str | None:
    if a.types & b.types:
        return f"same type {'/'.join(sorted(a.types & b.types))}"
    if a.acled_types & b.acled_types:
        return f"same ACLED type {'/'.join(sorted(a.acled_types & b.acled_types))}"
    return None


def _place(a: Profile, b: Profile) -> tuple[float | None, str]:
    """(score, reason); score None is a veto."""
    pa, pb = a.place or {}, b.place or {}
    ca, cb = ({pa["country"]} if pa.get("country") else a.countries), ({pb["country"]} if pb.get("country")
                                                                       else b.countries)  # fmt: skip
    if ca and cb and not ca & cb:
        return None, f"different countries ({', '.join(sorted(ca))} / {', '.join(sorted(cb))})"
    if _fine(pa) and _fine(pb) and pa.get("admin1") and pb.get("admin1") and pa["admin1"] != pb["admin1"]:
        return None, f"different provinces ({pa.get('admin1')} / {pb.get('admin1')})"
    if pa.get("lat") is not None and pb.get("lat") is not None and _fine(pa, "district") and _fine(pb, "district"):
        km = distance_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])
        limit = max(NEAR_KM.get(pa.get("precision"), 25.0), NEAR_KM.get(pb.get("precision"), 25.0))
        if km > limit:
            return None, f"{pa.get('name')} and {pb.get('name')} are {km:.0f} km apart"
        return 1.0, f"{pa.get('name')}" + (f" / {pb.get('name')} ({km:.0f} km)" if pa.get("name") != pb.get("name")
                                           else "")  # fmt: skip
    if a.admin1s & b.admin1s:
        return 0.5, f"same province {sorted(a.admin1s & b.admin1s)[0].title()}"
    return 0.2, "place not stated by both"


def _fine(place: dict, coarsest: str = "province") -> bool:
    order = ("town", "near_town", "district", "province")
    return place.get("precision") in order[: order.index(coarsest) + 1]


def _date(a: Profile, b: Profile) -> tuple[float | None, str]:
    if a.stated and b.stated:
        (s1, e1, p1), (s2, e2, p2) = a.stated, b.stated
        slack = SAME_DAY_SLACK if p1 == p2 == "day" else timedelta(0)
        gap = max(s1, s2) - min(e1, e2)  # > 0: the ranges are that far apart
        if gap > slack:
            return None, f"stated dates {s1}..{e1} and {s2}..{e2} do not overlap"
        if p1 == p2 == "day":
            return (1.0, f"same day {s1}") if gap <= timedelta(0) else (0.6, f"a day apart ({s1}, {s2})")
        if max(e1 - s1, e2 - s2) <= timedelta(days=7):
            return 0.6, f"within the same week ({max(s1, s2)}..{min(e1, e2)})"
        return 0.4, "date ranges overlap"
    stated = a.stated or b.stated
    reported = (b if a.stated else a).reported
    if stated and reported:  # an undated report: the event is at most REPORT_LAG before it
        if reported[1] < stated[0] or reported[0] - REPORT_LAG > stated[1]:
            return None, f"reported {reported[0]}, event on {stated[0]}"
        return 0.4, "reported within days of the stated date"
    if a.reported and b.reported:
        if abs((a.reported[0] - b.reported[0]).days) > REPORT_LAG.days:
            return None, "reported more than a week apart, neither dated"
        return 0.3, "reported within a week, neither dated"
    return 0.2, "no date"


def _actors(a: Profile, b: Profile) -> tuple[float, str]:
    if a.named & b.named:
        return 1.0, f"same actor {sorted(a.named & b.named)[0]}"
    if a.named and b.named:
        return -1.0, f"different actors ({sorted(a.named)[0]} / {sorted(b.named)[0]})"
    if a.targets & b.targets:
        return 0.6, f"same target {sorted(a.targets & b.targets)[0]}"
    return 0.4, "actor named by one report at most"


def _toll(a: Profile, b: Profile) -> tuple[float, str]:
    if a.killed is None or b.killed is None:
        return 0.5, "toll given by one report at most"
    (l1, h1), (l2, h2) = a.killed, b.killed
    if l1 <= h2 * (1 + TOLL_SLACK) and l2 <= h1 * (1 + TOLL_SLACK):
        return 1.0, f"tolls agree ({_n(l1, h1)} / {_n(l2, h2)})"
    return 0.0, f"tolls differ ({_n(l1, h1)} / {_n(l2, h2)})"


def _n(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def _names(a: Profile, b: Profile) -> tuple[float, str]:
    shared = a.names & b.names
    if shared:
        return (1.0 if len(shared) > 1 else 0.6), "both name " + ", ".join(sorted(w.title() for w in shared)[:3])
    return 0.0, ""


def compare(a: Profile, b: Profile, *, cannot: bool = False) -> Match:
    """Score ``a`` against ``b`` (0-1, weights :data:`WEIGHTS`); ``cannot``: an analyst split them."""
    if cannot:
        return Match(veto="an analyst split them")
    if a.timeframes and b.timeframes and not a.timeframes & b.timeframes:
        return Match(veto=f"one is background ({'/'.join(sorted(a.timeframes ^ b.timeframes))})")
    kind = _types(a, b)
    if kind is None:
        return Match(veto=f"different types ({'/'.join(sorted(a.types))} / {'/'.join(sorted(b.types))})")
    match = Match(reasons=[kind])
    for name, part in (("place", _place), ("date", _date), ("actors", _actors), ("toll", _toll), ("names", _names)):
        value, why = part(a, b)
        if value is None:
            return Match(veto=why)
        match.score += WEIGHTS[name] * value
        if why:
            match.reasons.append(why)
    match.score = round(max(0.0, min(1.0, match.score)), 3)
    return match

