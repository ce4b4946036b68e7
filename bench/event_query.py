"""The event list query with filters over a million generated events, on SQLite.

    python bench/event_query.py [--events 1000000] [--queries 200] [--db PATH] [--mentions]

Generates ``--events`` deduplicated events (table ``happenings``) and as many event mentions
(table ``events``; PLOVER/ACLED types, actors, countries, dates over ten years, in 20,000
documents) straight into a new SQLite store (or reuses ``--db`` if it already holds them),
then runs ``--queries`` random filtered event-list queries through ``Store.happenings`` (the
event list; ``--mentions``: ``Store.events``, the mention list) — type, country, actor, date
range, factuality; 50 a page — and prints the median and 95th-percentile time of each kind
and of all. The baseline in the same run is the unfiltered first page.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventlens.store import Store

TYPES = [("ASSAULT", "Battles", "Armed clash", "190"), ("ASSAULT", "Violence against civilians", "Attack", "180"),
         ("PROTEST", "Protests", "Peaceful protest", "141"), ("COERCE", "Strategic developments", "Arrests", "173"),
         ("CONSULT", None, None, "040"), ("ACCUSE", None, None, "112"), ("THREATEN", None, None, "130"),
         ("AID", None, None, "070"), ("SANCTION", None, None, "163"), ("MOBILIZE", None, None, "150")]  # fmt: skip
COUNTRIES = ["PAK", "AFG", "IRN", "IRQ", "SYR", "YEM", "NGA", "MLI", "SDN", "SOM", "COL", "MEX", "UKR", "MMR", "ETH",
             "COD", "BFA", "NER", "LBY", "LBN"]  # fmt: skip
ACTORS = [f"Group {i}" for i in range(400)] + ["Liwa Zainebiyoun", "Pakistani police", "Taliban", "al-Shabaab"]


def generate(path: Path, n_events: int, seed: int = 1) -> None:
    """Fill a new SQLite store at ``path`` with ``n_events`` events (raw inserts: fast)."""
    import sqlite3

    Store(f"sqlite:///{path}").close()  # creates the tables
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    n_docs = max(1, n_events // 50)
    con.executemany(
        "INSERT INTO documents (id, content_hash, title, date, text, pipeline_version, errors, processed_at) "
        "VALUES (?, ?, ?, ?, ?, '2', '[]', '2026-01-01 00:00:00')",
        ((f"d{i}", f"{i:064x}", f"Story {i}", None, "generated") for i in range(n_docs)),
    )
    start = date(2015, 1, 1)
    trigger = {"text": "x", "start": 0, "end": 1}
    evidence = json.dumps({"sentence": "Generated.", "start": 0, "end": 10, "trigger": trigger})

    def rows():
        for i in range(n_events):
            kind, acled_type, acled_sub, cameo = rng.choice(TYPES)
            country = rng.choice(COUNTRIES)
            src, tgt = rng.choice(ACTORS), rng.choice(ACTORS)
            day = start + timedelta(days=rng.randrange(3650))
            fact = rng.choices(["asserted", "reported", "alleged", "planned"], [60, 25, 10, 5])[0]
            actor = json.dumps([{"text": src, "name": src, "country": country}])
            target = json.dumps([{"text": tgt, "name": tgt}])
            yield (f"d{i // 50}", i % 50, kind, cameo, acled_type, acled_sub, actor, target, src, tgt, country,
                   json.dumps({"name": "Somewhere", "country": country}), country, day.isoformat(), day.isoformat(),
                   "day", json.dumps({"start": day.isoformat(), "end": day.isoformat(), "precision": "day"}), "[]",
                   fact, round(rng.random(), 2), evidence)  # fmt: skip

    rows = list(rows())
    con.executemany(
        "INSERT INTO happenings (plover_type, cameo, acled_event_type, acled_sub_event_type, source, target, "
        "source_names, target_names, countries, location, location_country, date_start, date_end, date_precision, "
        "date, quantities, factuality, confidence, n_mentions, n_documents, n_sources, sources, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, '[]', '2026-01-01 00:00:00')",
        (row[2:20] for row in rows),
    )
    con.executemany(
        "INSERT INTO events (document_id, ordinal, plover_type, cameo, acled_event_type, acled_sub_event_type, "
        "source, target, source_names, target_names, countries, location, location_country, date_start, date_end, "
        "date_precision, date, quantities, factuality, confidence, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None, help="reuse (or create) this SQLite file")
    parser.add_argument("--mentions", action="store_true", help="query the event-mention list instead")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "events.db"
    if not path.exists():
        began = time.perf_counter()
        generate(path, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - began:.0f} s")
    store = Store(f"sqlite:///{path}")
    listing = store.events if args.mentions else store.happenings
    print(f"{store.count_happenings():,} events, {store.count_events():,} event mentions in {path}; "
          f"querying the {'mention' if args.mentions else 'event'} list")
    rng = random.Random(2)

    def one() -> dict:
        kind = rng.choice(["type", "country", "actor", "dates", "type+country+dates", "happened", "no match"])
        year = rng.randrange(2015, 2025)
        q: dict = {"limit": 50}
        if "type" in kind:
            q["type"] = rng.choice(["ASSAULT", "Protests", "Arrests", "19", "CONSULT"])
        if "country" in kind:
            q["country"] = rng.choice(COUNTRIES)
        if kind == "actor":
            q["actor"] = rng.choice(ACTORS)
        if "dates" in kind:
            q["since"], q["until"] = f"{year}-03", f"{year}-05"
        if kind == "happened":
            q["include_unhappened"] = False
        if kind == "no match":  # the worst case: every row is read to find none
            q["actor"] = "Nobody Anyone Knows"
        return {"kind": kind, **q}

    timings: dict[str, list[float]] = {}
    listing(limit=50)  # warm the cache
    for _ in range(args.queries):
        query = one()
        kind = query.pop("kind")
        began = time.perf_counter()
        listing(**query)
        timings.setdefault(kind, []).append(1000 * (time.perf_counter() - began))
    began = time.perf_counter()
    listing(limit=50)
    baseline = 1000 * (time.perf_counter() - began)
    store.close()
    every = [t for ts in timings.values() for t in ts]
    p95 = statistics.quantiles(every, n=20)[-1]
    print(f"baseline (first page, no filter): {baseline:.1f} ms")
    for kind, ts in sorted(timings.items()):
        q = statistics.quantiles(ts, n=20)[-1] if len(ts) > 1 else ts[0]
        print(f"{kind:22} n={len(ts):4}  median {statistics.median(ts):7.1f} ms  p95 {q:7.1f} ms")
    print(f"all filtered queries: median {statistics.median(every):.1f} ms, p95 {p95:.1f} ms "
          f"({p95 / baseline:.1f}x the unfiltered page)")


if __name__ == "__main__":
    main()
