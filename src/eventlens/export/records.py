"""Serialisers for documents and event rows: JSON lines, JSON, CSV and a Rich table.

The field's formats (ACLED, UCDP, CAMEO TSV, PLOVER JSON, GeoJSON) are in :mod:`.formats`;
this module holds the plain ones the CLI prints.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from rich.table import Table

from ..model import Document

CSV_COLUMNS = [
    "id", "document_id", "date_start", "date_end", "date_precision", "plover_type", "plover_mode",
    "cameo", "acled_event_type", "acled_sub_event_type", "source", "target", "place", "country",
    "location_precision", "quantities", "factuality", "timeframe", "confidence", "trigger", "sentence",
]  # fmt: skip


def document_line(doc: Document) -> str:
    """One output line for ``eventlens extract``: the document record as compact JSON."""
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def write_documents(docs: Iterable[Document], out: IO[str], fmt: str = "jsonl") -> int:
    """Write processed documents as JSON lines or one JSON array; returns the count."""
    count = 0
    if fmt == "json":
        out.write("[\n")
    for doc in docs:
        if fmt == "json":
            out.write(("," if count else "") + json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        else:
            out.write(document_line(doc) + "\n")
        out.flush()
        count += 1
    if fmt == "json":
        out.write("\n]\n")
    return count


def _names(actors: Iterable[Mapping[str, Any]] | None) -> str:
    return "; ".join(a.get("name") or a.get("text") or "" for a in actors or [])


def flat_event(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event dict (``Event.to_dict`` shape plus ids) flattened to CSV columns."""
    date = row.get("date") or {}
    loc = row.get("location") or {}
    evidence = row.get("evidence") or {}
    quantities = "; ".join(
        f"{q.get('role') or '?'}={_range(q)}" for q in row.get("quantities") or []
    )
    return {
        "id": row.get("id"),
        "document_id": row.get("document_id"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "plover_type": (row.get("plover") or {}).get("type"),
        "plover_mode": (row.get("plover") or {}).get("mode"),
        "cameo": row.get("cameo"),
        "acled_event_type": (row.get("acled") or {}).get("event_type"),
        "acled_sub_event_type": (row.get("acled") or {}).get("sub_event_type"),
        "source": _names(row.get("source")),
        "target": _names(row.get("target")),
        "place": loc.get("name") or loc.get("text"),
        "country": loc.get("country"),
        "location_precision": loc.get("precision"),
        "quantities": quantities,
        "factuality": row.get("factuality"),
        "timeframe": row.get("timeframe"),
        "confidence": row.get("confidence"),
        "trigger": ((evidence.get("trigger") or {}).get("text")),
        "sentence": evidence.get("sentence"),
    }


def _range(q: Mapping[str, Any]) -> str:
    low, high = q.get("low"), q.get("high")
    text = f"{_num(low)}" if low == high else f"{_num(low)}-{_num(high)}"
    return ("~" if q.get("approximate") else "") + text + (f"/{q['per']}" if q.get("per") else "")


def _num(value: Any) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def write_events_csv(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flat_event(row))
        count += 1
    return count


def write_events_jsonl(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def events_table(rows: Iterable[Mapping[str, Any]], title: str | None = None, width: int = 200) -> Table:
    """A Rich table of events for the terminal; below 140 columns, a compact layout."""
    wide = width >= 140
    table = Table(title=title, show_lines=False, expand=True)
    columns = [
        ("date", "cyan"), ("type", "bold"), ("cameo", ""), ("acled", ""), ("source", "green"),
        ("target", "magenta"), ("where", "yellow"), ("numbers", ""), ("factuality", ""), ("conf", ""),
    ] if wide else [
        ("date", "cyan"), ("type", "bold"), ("who → whom", "green"), ("where", "yellow"), ("numbers", ""),
        ("fact.", ""),
    ]  # fmt: skip
    for name, style in columns:
        table.add_column(name, style=style or None, overflow="fold")
    for row in rows:
        flat = flat_event(row)
        date = flat["date_start"] or ""
        if flat["date_end"] and flat["date_end"] != flat["date_start"]:
            date += f"..{flat['date_end']}"
        kind = flat["plover_type"] or ""
        if flat["plover_mode"]:
            kind += f"/{flat['plover_mode']}"
        where = flat["place"] or ""
        if flat["location_precision"]:
            where += f" ({flat['location_precision']})"
        if not wide:
            who = f"{flat['source'] or '?'} → {flat['target'] or '–'}"
            table.add_row(date, kind, who, where, flat["quantities"], flat["factuality"] or "")
            continue
        table.add_row(
            date, kind, flat["cameo"] or "", flat["acled_sub_event_type"] or "", flat["source"],
            flat["target"], where, flat["quantities"], flat["factuality"] or "",
            f"{flat['confidence']:.2f}" if flat["confidence"] is not None else "",
        )
    return table
