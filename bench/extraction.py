"""Article-body extraction on the ScrapingHub article extraction benchmark.

    python bench/extraction.py [--data ../shared/data/extract/scrapinghub-aeb] [--worst 5]

Scores the body text eventlens ingests from each page (``eventlens.ingest.document_from_html``:
trafilatura in precision mode, then the text clean-up) against the benchmark's
``ground-truth.json``, with the benchmark's own measure: token 4-gram shingles per page
(tokens are ``\\w+`` runs), true/false positives and negatives normalised per page, precision
and recall averaged over pages, F1 their harmonic mean. As the baseline, the same run scores
trafilatura with its default settings on the same pages, and prints eventlens' F1 as a ratio
to it (trafilatura's published F1 on this benchmark: 0.958).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "extract" / "scrapinghub-aeb"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over the two texts' shingles, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in pages if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in pages if c[0] + c[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def eventlens_body(html: str, url: str | None) -> str:
    from eventlens.errors import InputError
    from eventlens.ingest.html import document_from_html

    try:
        return document_from_html(html, doc_id="page", url=url).text
    except InputError:
        return ""


def trafilatura_default(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def run(data: Path, extract: Callable[[str, str | None], str]) -> tuple[dict[str, float], list, float]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages, per_page = [], []
    began = time.perf_counter()
    for key, item in truth.items():
        with gzip.open(data / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as fh:
            html = fh.read()
        counts = page_counts(item.get("articleBody", ""), extract(html, item.get("url")))
        pages.append(counts)
        per_page.append((key, item.get("url"), counts))
    return score(pages), per_page, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--worst", type=int, default=5, help="list the N pages eventlens scores worst on")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data} (it is only on the project's machines)", file=sys.stderr)
        return 2
    ours, per_page, ours_s = run(args.data, eventlens_body)
    base, _, base_s = run(args.data, trafilatura_default)
    print(f"pages: {len(per_page)}")
    for name, m, secs in (("eventlens", ours, ours_s), ("trafilatura (defaults)", base, base_s)):
        print(f"{name:<24} precision {m['precision']:.3f}  recall {m['recall']:.3f}  F1 {m['f1']:.3f}"
              f"  ({secs:.1f} s)")  # fmt: skip
    print(f"F1 ratio eventlens / trafilatura defaults: {ours['f1'] / base['f1']:.3f}")
    worst = sorted(per_page, key=lambda p: p[2][0])[: args.worst]
    for key, url, (tp, fp, fn) in worst:
        print(f"  worst: tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}  {url or key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
