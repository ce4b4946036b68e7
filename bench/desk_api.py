"""The desk's event list API over a million generated events: p95 over HTTP on loopback.

    python bench/desk_api.py [--db PATH] [--events 1000000] [--requests 200]

Uses (or makes, with bench/event_query.py's generator) an SQLite store of ``--events`` events,
serves it with ``eventlens.serve`` under uvicorn on 127.0.0.1, and sends ``--requests`` random
filtered ``GET /api/events`` requests (type, country, actor, dates, factuality; 50 a page).
Prints the median and 95th percentile per kind and overall; the baseline in the same run is
the unfiltered first page.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
from event_query import ACTORS, COUNTRIES, generate
from eventlens.serve import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "events.db"
    if not path.exists():
        generate(path, args.events)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(f"sqlite:///{path}"), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(3)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    stats = client.get("/api/stats").json()
    print(f"{stats['events']:,} events in {path}")

    def one() -> tuple[str, dict]:
        kind = rng.choice(["type", "country", "actor", "dates", "type+country+dates", "all factualities",
                           "no match"])  # fmt: skip
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
        if kind == "all factualities":
            q["happened"] = "false"
        if kind == "no match":
            q["actor"] = "Nobody Anyone Knows"
        return kind, q

    client.get("/api/events", params={"limit": 50})  # warm up
    timings: dict[str, list[float]] = {}
    for _ in range(args.requests):
        kind, q = one()
        began = time.perf_counter()
        answer = client.get("/api/events", params=q)
        answer.raise_for_status()
        timings.setdefault(kind, []).append(1000 * (time.perf_counter() - began))
    began = time.perf_counter()
    client.get("/api/events", params={"limit": 50})
    baseline = 1000 * (time.perf_counter() - began)
    server.should_exit = True
    every = [t for ts in timings.values() for t in ts]
    print(f"baseline (first page, no filter): {baseline:.1f} ms")
    for kind, ts in sorted(timings.items()):
        q95 = statistics.quantiles(ts, n=20)[-1] if len(ts) > 1 else ts[0]
        print(f"{kind:22} n={len(ts):4}  median {statistics.median(ts):7.1f} ms  p95 {q95:7.1f} ms")
    p95 = statistics.quantiles(every, n=20)[-1]
    print(f"all filtered requests: median {statistics.median(every):.1f} ms, p95 {p95:.1f} ms "
          f"({p95 / baseline:.1f}x the unfiltered page)")


if __name__ == "__main__":
    main()
