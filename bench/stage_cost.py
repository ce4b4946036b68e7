"""Per-stage cost of the pipeline, in ms per sentence, as a ratio to the spaCy parse.

    python bench/stage_cost.py [--limit 300]

Reads ``../shared/data/news/articles.jsonl`` when present (else the bundled examples),
runs every stage over the same documents in this process, and prints each stage's
milliseconds per sentence and its cost relative to the parser measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from eventlens.api import get_pipeline
from eventlens.config import Settings
from eventlens.ingest import document_from_text, read_inputs

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"


def load_documents(limit: int) -> list:
    if NEWS.exists():
        docs = []
        with NEWS.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                docs.append(document_from_text(row["text"], doc_id=str(row["id"]), date=None))
                if len(docs) >= limit:
                    break
        return docs
    return [d for d in read_inputs([ROOT / "examples"], Settings()) if d.ok]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    pipeline = get_pipeline(Settings())
    docs = load_documents(args.limit)
    seconds: dict[str, float] = defaultdict(float)
    sentences = 0
    for doc in docs:
        for stage in pipeline.stages:
            start = time.perf_counter()
            stage(doc)
            seconds[stage.name] += time.perf_counter() - start
        sentences += len(doc.sentences)
        doc.nlp = None
    parse = seconds["nlp.parse"]
    print(f"{len(docs)} documents, {sentences} sentences")
    print(f"{'stage':22} {'ms/sentence':>12} {'x parse':>8}")
    for name, secs in seconds.items():
        print(f"{name:22} {1000 * secs / max(sentences, 1):12.3f} {secs / parse:8.3f}")
    rest = sum(v for k, v in seconds.items() if k != "nlp.parse")
    print(f"{'all but the parse':22} {1000 * rest / max(sentences, 1):12.3f} {rest / parse:8.3f}")


if __name__ == "__main__":
    main()
