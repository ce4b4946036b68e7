"""The ``geo`` suite: toponym resolution on news articles with every place name's span and its
true coordinates (files shaped like ``data/geo/{LGL,TR-News,GeoVirus}.jsonl``).

Each article runs through the pipeline. Given the gold spans, the toponyms become the
document's place mentions (replacing the pipeline's mentions they overlap) and are resolved
together the way the pipeline resolves place mentions, each with the story as its context
(:func:`eventlens.resolve.places.resolve_spans`). The error is the great-circle distance to
the true point; the metrics are the share within 161 km (100 miles, the field's usual
threshold), mean and median error in km over the toponyms, ``found``: how many gold spans
the pipeline itself found as place mentions (end-to-end recall), and ``coverage``: how many
toponyms got a place at all. A toponym the gazetteer cannot resolve counts as wrong, at
20,039 km (half the earth's circumference) in the mean and median.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import InputError
from ..model import Document, Place
from ..resolve.gazetteer import distance_km
from .suite import SuiteResult

MISS_KM = 20_039.0
"""The error of a toponym that was not resolved at all: as far away as it gets."""


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GeoArticle:
    doc_id: str
    title: str
    text: str
    toponyms: tuple[Toponym, ...]


def read_geo(path: Path) -> list[GeoArticle]:
    """Articles of a geoparsing ``.jsonl`` file; :class:`InputError` names a bad line."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                tops = tuple(
                    _aligned(row["text"], int(t["start"]), int(t["end"]), t.get("phrase"), float(t["lat"]),
                             float(t["lon"]))
                    for t in row["toponyms"] if t.get("lat") is not None and t.get("lon") is not None
                )  # fmt: skip
                items.append(GeoArticle(str(row.get("doc_id", number)), row.get("title") or "", row["text"], tops))
            except (ValueError, TypeError, KeyError) as exc:
                raise InputError(f"{path} line {number}: {exc}") from exc
    return items


def _aligned(text: str, start: int, end: int, phrase: str | None, lat: float, lon: float) -> Toponym:
    """A toponym whose span is moved onto its phrase when the file's offsets are a few characters off
    (some TR-News spans are shifted by one)."""
    if phrase and text[start:end] != phrase:
        window = text.find(phrase, max(0, start - 10), end + 10)
        if window >= 0:
            start, end = window, window + len(phrase)
    return Toponym(start, end, phrase or text[start:end], lat, lon)


def resolve_toponyms(doc: Document, spans: list[tuple[int, int, str]]) -> list[Place | None]:
    """The place of each ``(start, end, phrase)`` span of ``doc`` (a pipeline-processed document)."""
    from ..resolve.places import resolve_spans

    return resolve_spans(doc, [(s, e) for s, e, _ in spans])


class GeoSuite:
    name: ClassVar[str] = "geo"
    description: ClassVar[str] = "Toponym resolution given gold spans: share within 161 km, mean/median km."
    default_file: ClassVar[str] = "data/geo/LGL.jsonl"
    gate_metrics: ClassVar[tuple[str, ...]] = ("within_161km",)

    def read(self, path: Path) -> list[GeoArticle]:
        return read_geo(path)

    def document(self, item: GeoArticle, index: int) -> Document:
        return Document(id=f"geo-{item.doc_id}", text=item.text)

    def score(self, items: list[GeoArticle], docs: list[Document], errors: int = 0) -> SuiteResult:
        errs: list[float] = []
        found = unresolved = 0
        wrong: list[dict[str, Any]] = []
        for item, doc in zip(items, docs, strict=True):
            spans = [(t.start, t.end, t.phrase) for t in item.toponyms]
            places = resolve_toponyms(doc, spans)
            mentioned = [(m.start, m.end) for m in doc.mentions if m.place is not None]
            for top, place in zip(item.toponyms, places, strict=True):
                found += any(s < top.end and top.start < e for s, e in mentioned)
                if place is None or place.lat is None or place.lon is None:
                    unresolved += 1
                    km = MISS_KM
                else:
                    km = distance_km(top.lat, top.lon, place.lat, place.lon)
                errs.append(km)
                if km > 161 and len(wrong) < errors:
                    wrong.append({"doc": item.doc_id, "phrase": top.phrase, "gold": [top.lat, top.lon],
                                  "predicted": None if place is None else [place.name, place.country, place.lat,
                                                                           place.lon, place.precision],
                                  "km": round(km)})  # fmt: skip
        n = len(errs)
        metrics = {
            "within_161km": sum(e <= 161 for e in errs) / n if n else 0.0,
            "mean_km": statistics.fmean(errs) if n else 0.0,
            "median_km": statistics.median(errs) if n else 0.0,
            "n": n,
            "found": found / n if n else 0.0,
            "coverage": (n - unresolved) / n if n else 0.0,
        }
        return SuiteResult(
            suite=self.name, path="", items=len(items),
            metrics={k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()},
            errors=wrong,
            notes=[f"{unresolved}/{n} toponyms not resolved (counted at {MISS_KM:,.0f} km)",
                   "found: share of gold spans the pipeline itself found as place mentions"],
        )  # fmt: skip
