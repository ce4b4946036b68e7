"""Files, directories and stdin -> Documents; bad input becomes an error Document, never an exception."""

from __future__ import annotations

import io
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..model import Document
from .decode import decode_bytes
from .feeds import FEED_SUFFIXES, documents_from_feed, looks_like_feed
from .html import document_from_html, document_from_input
from .language import skip_non_english
from .problems import enforce_max_chars, error_document
from .records import documents_from_csv, documents_from_jsonl, looks_like_jsonl
from .text import document_from_text
from .urls import documents_from_url, is_url
from .warc import WARC_SUFFIXES, documents_from_warc, is_warc

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
CSV_SUFFIXES = (".csv",)
XML_SUFFIXES = (".xml",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + FEED_SUFFIXES + XML_SUFFIXES + WARC_SUFFIXES
STDIN = "<stdin>"


@dataclass
class _Entry:
    """One thing to read: a file (``path``), stdin, or a problem found while listing."""

    origin: str
    path: Path | None = None
    rel: str = ""
    problem: str | None = None
    url: str | None = None


def read_inputs(inputs: Sequence[str | Path], settings: Settings, check_language: bool = True) -> Iterator[Document]:
    """Documents from files (.txt, .html/.htm, .jsonl, RSS/Atom .rss/.atom/.xml, .warc/.warc.gz),
    directories (recursive), http(s) URLs (a page or a feed) and "-" (stdin).

    Yields in input order. Bad input never raises: it yields a Document with empty text
    and one ``[E001]`` message in ``errors`` naming the file (and line). Documents not in
    English are skipped (:func:`.language.skip_non_english`) unless ``check_language`` is
    false (``ingest`` checks after recognising unchanged documents, which need no check).
    """
    entries = [entry for item in inputs for entry in _listed(item)]
    stems = Counter(e.path.stem for e in entries if e.path is not None)
    for entry in entries:
        if entry.problem is not None:
            yield error_document(Path(entry.origin).stem or entry.origin, entry.origin, entry.problem)
        elif entry.url is not None:
            yield from _guard(documents_from_url(entry.url, settings), entry.url, entry.url, check_language)
        elif entry.path is None:
            yield from _guard(_read_stdin(settings), "stdin", STDIN, check_language)
        else:
            doc_id = entry.path.stem if stems[entry.path.stem] == 1 else entry.rel
            yield from _guard(_read_file(entry.path, doc_id, settings), doc_id, entry.origin, check_language)


def _listed(item: str | Path) -> list[_Entry]:
    try:
        return _expand(item)
    except OSError as exc:
        return [_Entry(origin=str(item), problem=f"{item}: cannot list it ({exc.strerror or exc}); check permissions")]


def _expand(item: str | Path) -> list[_Entry]:
    if str(item) == "-":
        return [_Entry(origin=STDIN)]
    if is_url(str(item)):
        return [_Entry(origin=str(item), url=str(item))]
    if any(ch in str(item) for ch in "*?[") and not Path(item).exists():  # a glob the shell left alone
        matches = sorted(p for p in Path().glob(str(item)) if p.is_file()) if not Path(item).is_absolute() else (
            sorted(p for p in Path(Path(item).anchor).glob(str(Path(item).relative_to(Path(item).anchor)))
                   if p.is_file()))  # fmt: skip
        if not matches:
            return [_Entry(origin=str(item), problem=f"{item}: no file matches this pattern; check it")]
        return [_Entry(origin=str(p), path=p, rel=p.as_posix()) for p in matches]
    path = Path(item)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.name.lower().endswith(SUFFIXES)
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            return [_Entry(origin=str(path), problem=f"{path}: directory has no {', '.join(SUFFIXES)} files")]
        return [_Entry(origin=str(p), path=p, rel=p.relative_to(path).as_posix()) for p in files]
    if path.is_file():
        return [_Entry(origin=str(path), path=path, rel=path.as_posix())]
    if path.exists():
        return [_Entry(origin=str(path), problem=f"{path}: not a regular file; give a file or a directory")]
    return [_Entry(origin=str(path), problem=f"{path}: no such file or directory; check the path")]


def _guard(docs: Iterator[Document], doc_id: str, origin: str, check_language: bool) -> Iterator[Document]:
    """Turn any failure while reading into an error Document (the rest still yields); skip
    documents not in English (:func:`.language.skip_non_english`)."""
    try:
        for doc in docs:
            yield skip_non_english(doc) if check_language else doc
    except InputError as exc:
        yield error_document(doc_id, origin, exc)
    except OSError as exc:
        yield error_document(doc_id, origin, f"{origin}: cannot read it ({exc.strerror or exc}); check its permissions")
    except Exception as exc:  # any parser failure is this input's problem, not the run's
        yield error_document(doc_id, origin, f"{origin}: could not be read ({type(exc).__name__}: {exc})")


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _too_large(origin: str, size: int, settings: Settings) -> InputError:
    return InputError(
        f"{origin}: file is {_size(size)}, larger than the limit of {_size(settings.max_bytes)} "
        f"(EVENTLENS_MAX_BYTES); split it or raise the limit, e.g. EVENTLENS_MAX_BYTES={size + 1}"
    )


def _read_file(path: Path, doc_id: str, settings: Settings) -> Iterator[Document]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:  # streamed: the size limit applies to each line
        with path.open("rb") as stream:
            yield from documents_from_jsonl(stream, name=origin, stem=doc_id, settings=settings)
        return
    if suffix in CSV_SUFFIXES:  # streamed row by row
        yield from documents_from_csv(path, doc_id, settings)
        return
    if is_warc(path):  # streamed record by record: the size limit applies to each page
        yield from documents_from_warc(path, doc_id.removesuffix(".warc"), settings)
        return
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise _too_large(origin, size, settings)
    if size == 0:
        raise InputError(f"{origin}: file is empty; give a file with the article's text")
    text = decode_bytes(path.read_bytes(), origin)
    if suffix in FEED_SUFFIXES or (suffix in XML_SUFFIXES and looks_like_feed(text)):
        yield from documents_from_feed(text, origin, doc_id, settings)
        return
    if suffix in HTML_SUFFIXES:
        doc = document_from_html(text, doc_id=doc_id, origin=origin)
    elif suffix in TEXT_SUFFIXES:
        doc = document_from_text(text, doc_id=doc_id, origin=origin)
    else:
        doc = document_from_input(text, doc_id=doc_id, origin=origin)
    yield enforce_max_chars(doc, settings)


def _read_stdin(settings: Settings) -> Iterator[Document]:
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise InputError(
            f"{STDIN}: input is larger than the limit of {settings.max_bytes:,} bytes "
            "(EVENTLENS_MAX_BYTES); split it or raise the limit"
        )
    if not data.strip():
        raise InputError(f"{STDIN}: no input; pipe an article, an HTML page or JSONL records in")
    text = decode_bytes(data, STDIN)
    if looks_like_jsonl(text):
        yield from documents_from_jsonl(io.BytesIO(text.encode("utf-8")), name=STDIN, stem="stdin", settings=settings)
        return
    yield enforce_max_chars(document_from_input(text, doc_id="stdin", origin=STDIN), settings)
