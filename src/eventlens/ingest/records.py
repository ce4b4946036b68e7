"""JSONL and CSV records ({"id", "text"|"html", "date", "url", "title", "source"}) -> Documents, streamed."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..errors import InputError
from ..model import Document
from .html import document_from_html
from .problems import enforce_max_chars, error_document
from .text import document_from_text

_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}
_OPTIONAL = ("url", "title", "source")
_SHAPE = 'write one object per line, like {"id": "a1", "text": "..."}'


def document_from_record(record: object, *, default_id: str, origin: str) -> Document:
    """A Document from one parsed JSONL record; raises :class:`InputError` if it is malformed."""
    if not isinstance(record, dict):
        kind = "null" if record is None else _JSON_TYPES.get(type(record), type(record).__name__)
        raise InputError(f"{origin}: the line is {kind}, not a JSON object; {_SHAPE}")
    doc_id = _record_id(record, default_id, origin)
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{origin}: field {key!r} must be a string, not {type(value).__name__}")
        fields[key] = value or None
    text, html = record.get("text"), record.get("html")
    common = {"doc_id": doc_id, "date": record.get("date"), "origin": origin, **fields}
    if isinstance(text, str) and text.strip():
        return document_from_text(text, **common)
    if isinstance(html, str) and html.strip():
        return document_from_html(html, **common)
    if text is None and html is None:
        raise InputError(f'{origin}: the record has no "text" or "html" field; {_SHAPE}')
    raise InputError(f'{origin}: the record\'s "text"/"html" is empty or not a string; give the article as a string')


def _record_id(record: dict, default_id: str, origin: str) -> str:
    value = record.get("id")
    if value is None or value == "":
        return default_id
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f'{origin}: "id" must be a string or an integer, not {type(value).__name__}')
    return str(value)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line_no, line)`` pairs; ``line`` is ``None`` for a line longer than ``limit`` bytes."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line without holding it
            yield number, None
        else:
            yield number, line


def documents_from_jsonl(stream: BinaryIO, *, name: str, stem: str, settings: Settings) -> Iterator[Document]:
    """One Document per non-empty line of ``stream``; a bad line yields an error Document."""
    for number, raw in _lines(stream, settings.max_bytes):
        origin, default_id = f"{name}:{number}", f"{stem}:{number}"
        if raw is None:
            yield error_document(
                default_id,
                origin,
                f"{origin}: line is longer than {settings.max_bytes:,} bytes "
                "(EVENTLENS_MAX_BYTES); split the record or raise the limit",
            )
            continue
        if not raw.strip():
            continue
        yield _line_document(raw, origin=origin, default_id=default_id, settings=settings)


def _line_document(raw: bytes, *, origin: str, default_id: str, settings: Settings) -> Document:
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return error_document(
            default_id,
            origin,
            f"{origin}: line is not UTF-8 (JSONL must be UTF-8); convert the file, e.g. iconv -f cp1252 -t utf-8",
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_document(
            default_id, origin, f"{origin}: not valid JSON ({exc.msg} at column {exc.colno}); {_SHAPE}"
        )
    try:
        doc = document_from_record(record, default_id=default_id, origin=origin)
    except InputError as exc:
        doc_id = record.get("id") if isinstance(record, dict) else None
        return error_document(str(doc_id) if isinstance(doc_id, str | int) else default_id, origin, exc)
    return enforce_max_chars(doc, settings)


def looks_like_jsonl(text: str) -> bool:
    """True if ``text`` is JSON lines: its first non-empty line is a JSON object with "text" or
    "html", or at least half its non-empty lines are JSON objects. A broken line in a JSONL
    batch then gets its own error instead of turning the whole batch into one text."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False

    def is_object(line: str) -> dict | None:
        if not line.lstrip().startswith("{"):
            return None
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            return None
        return record if isinstance(record, dict) else None

    first = is_object(lines[0])
    if first is not None and ("text" in first or "html" in first):
        return True
    return sum(is_object(line) is not None for line in lines) * 2 >= len(lines)


def documents_from_csv(path: Path, stem: str, settings: Settings) -> Iterator[Document]:
    """CSV records with a header row: the same columns as JSONL records (``id``, ``text`` or
    ``html``, ``date``, ``url``, ``title``, ``source``); a bad row is that row's error."""
    origin = str(path)
    csv.field_size_limit(min(sys.maxsize, settings.max_bytes))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"text", "html"} & {f.strip().lower() for f in reader.fieldnames}:
            raise InputError(f"{origin}: the header row has no \"text\" or \"html\" column; give one, plus "
                             "optional id, date, url, title, source")  # fmt: skip
        for number, row in enumerate(reader, 2):  # row 1 is the header
            where = f"{origin} line {number}"
            record = {k.strip().lower(): (v if v != "" else None) for k, v in row.items() if k}
            default = f"{stem}-{number - 1}"
            try:
                yield enforce_max_chars(document_from_record(record, default_id=default, origin=where), settings)
            except InputError as exc:
                yield error_document(str(record.get("id") or default), where, exc)
