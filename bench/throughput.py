"""End-to-end throughput against plain spaCy ``nlp.pipe`` on the same articles, same run.

    python bench/throughput.py [--limit 500] [--every 8] [--offset 0] [--repeat 3] [--workers 2]

Reads ``../shared/data/news/articles.jsonl`` (4,127 real articles) when present, else the
bundled examples. In one process it times (1) plain ``nlp.pipe`` of the configured spaCy
model over the article texts, and (2) the whole eventlens pipeline (``Pipeline.pipe``: the
first pass, the parse where it matters and every later stage) over the same texts,
interleaved, fastest of ``--repeat``; prints documents/s, words/s, the ratio of eventlens to
plain spaCy, the same for ``--full-parse``, the first pass's recall of the full parse's events
and event sentences, and the peak memory of the process; then (3) the pipeline in
``--workers`` processes, as a ratio to one; then (4) an unchanged re-run.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from eventlens.api import get_pipeline, ingest, process
from eventlens.config import Settings
from eventlens.model import Document
from eventlens.nlp.parse import load_model

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"
WARM_UP = 200
"""Articles (after the timed ones) run first, so word caches are as warm as in a long run."""


def load_texts(limit: int, offset: int = 0, every: int = 1) -> list[str]:
    if NEWS.exists():
        texts = []
        with NEWS.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n < offset or (n - offset) % every:
                    continue
                texts.append(json.loads(line)["text"])
                if len(texts) >= limit:
                    break
        return texts
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))][:limit]


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM where Linux reports it)."""
    try:
        found = re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())
        if found:
            return int(found.group(1)) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the machine's other load only adds time)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - began)
    return best


def event_keys(pipeline, texts: list[str], batch_size: int) -> set[tuple]:
    docs = pipeline.pipe((Document(id=str(i), text=t) for i, t in enumerate(texts)), batch_size)
    return {(d.id, e.evidence.start, e.evidence.trigger.start, e.plover.get("type"))
            for d in docs for e in d.events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--offset", type=int, default=0, help="skip this many articles first (another sample)")
    parser.add_argument("--every", type=int, default=8,
                        help="take every N-th article: the file is sorted by outlet, so a stride "
                             "samples all of them (1: the first --limit articles)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="time each side this many times, keep the fastest")
    parser.add_argument("--workers", type=int, default=2, help="also time this many worker processes (1: skip)")
    args = parser.parse_args()
    settings = Settings.from_env(batch_size=args.batch_size)
    texts = load_texts(args.limit, args.offset, args.every)
    warm = load_texts(WARM_UP, args.offset + 1, args.every) if NEWS.exists() else texts  # other articles
    words = sum(len(t.split()) for t in texts)
    pipeline = get_pipeline(settings)  # loads the model and every stage's data before timing
    full = get_pipeline(replace(settings, full_parse=True))
    nlp = load_model(settings.model)
    list(nlp.pipe(warm[:8]))  # warm every side up (lazy data, word caches) on other articles
    for side in (pipeline, full):
        list(side.pipe(Document(id=f"w{i}", text=t) for i, t in enumerate(warm)))

    def ours() -> None:
        for _ in pipeline.pipe((Document(id=str(i), text=t) for i, t in enumerate(texts)), args.batch_size):
            pass

    spacy_s = ours_s = float("inf")
    for _ in range(args.repeat):  # interleaved, so a slow spell of the machine hits both
        spacy_s = min(spacy_s, timed(lambda: list(nlp.pipe(texts, batch_size=args.batch_size)), 1))
        ours_s = min(ours_s, timed(ours, 1))
    full_s = timed(lambda: list(full.pipe(Document(id=str(i), text=t) for i, t in enumerate(texts))), 1)

    cascade_events = event_keys(pipeline, texts, args.batch_size)
    full_events = event_keys(full, texts, args.batch_size)
    found = cascade_events & full_events
    sentences = {(k[0], k[1]) for k in full_events}
    kept = {(k[0], k[1]) for k in cascade_events}

    workers_s = None
    if args.workers > 1:
        began = time.perf_counter()
        for _ in process((Document(id=str(i), text=t) for i, t in enumerate(texts)), settings, args.workers):
            pass
        workers_s = time.perf_counter() - began

    print(f"{len(texts)} articles, {words:,} words, model {settings.model}, batch {args.batch_size}, "
          f"fastest of {args.repeat}")
    for name, secs in (("spaCy nlp.pipe", spacy_s), ("eventlens", ours_s), ("eventlens --full-parse", full_s)):
        print(f"{name:<24} {len(texts) / secs:8.1f} docs/s {words / secs:10,.0f} words/s  ({secs:.1f} s)")
    print(f"ratio eventlens / spaCy nlp.pipe: {spacy_s / ours_s:.2f}x  (full parse: {spacy_s / full_s:.2f}x)")
    print(f"first pass against the full parse: event sentences kept {len(sentences & kept) / len(sentences):.3f}, "
          f"events {len(found)} of {len(full_events)} (recall {len(found) / len(full_events):.3f}, "
          f"precision {len(found) / max(len(cascade_events), 1):.3f})")
    if workers_s is not None:
        worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"eventlens, {args.workers} workers: {len(texts) / workers_s:.1f} docs/s; "
              f"ratio to 1 worker: {ours_s / workers_s:.2f}x; peak memory of a worker: {worker_mb:.0f} MB")
    print(f"peak memory: {peak_rss_mb():.0f} MB")
    rerun(texts, settings)


def rerun(texts: list[str], settings: Settings) -> None:
    """(4) Ingest into a fresh SQLite store, then ingest the same input again: unchanged
    documents are recognised by id and content hash and skipped."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
        store = replace(settings, db=f"sqlite:///{Path(tmp) / 'events.db'}")
        began = time.perf_counter()
        first = ingest([path], store)
        first_s = time.perf_counter() - began
        began = time.perf_counter()
        second = ingest([path], store)
        second_s = time.perf_counter() - began
    print(f"ingest: first run {first_s:.1f} s ({first.added} added); unchanged re-run {second_s:.2f} s "
          f"({second.unchanged} unchanged) = 1/{first_s / second_s:.0f} of the first")


if __name__ == "__main__":
    main()
