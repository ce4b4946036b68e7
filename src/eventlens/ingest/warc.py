"""Web archives (WARC, WARC.gz) -> Documents: every HTML or text response record, via warcio.

A damaged or truncated record ends the file with one error Document naming the record;
the records before it are kept. The crawl date is not the publication date: each page's
date comes from its own metadata or text, as for any HTML page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..config import Settings
from ..model import Document
from .decode import decode_bytes
from .html import document_from_html
from .problems import enforce_max_chars, error_document
from .text import document_from_text

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def documents_from_warc(path: Path, stem: str, settings: Settings) -> Iterator[Document]:
    """One Document per HTML/text response record, in file order."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    number = 0
    with path.open("rb") as stream:
        records = iter(ArchiveIterator(stream))
        while True:
            where = f"{origin} record {number + 1}"
            try:
                record = next(records)
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in kind and "text/plain" not in kind:
                    continue
                number += 1
                where = f"{origin} record {number}"
                body = record.content_stream().read(settings.max_bytes + 1)
            except StopIteration:
                if number == 0:
                    yield error_document(stem, origin, f"{origin}: no HTML or text responses in this file; check "
                                         "that it is a WARC web archive of pages")  # fmt: skip
                return
            except Exception as exc:  # warcio, gzip and zlib each raise their own on a cut-off file
                why = f"{type(exc).__name__}: {exc}"
                yield error_document(f"{stem}-{number + 1}", where, f"{where}: the archive is truncated or damaged "
                                     f"here ({why}); the records before it were read")  # fmt: skip
                return
            uri = record.rec_headers.get_header("WARC-Target-URI")
            doc_id = f"{stem}-{number}"
            left = getattr(record.raw_stream, "limit", 0) or 0
            if left and len(body) <= settings.max_bytes:  # the record ends before its declared length
                yield error_document(doc_id, where, f"{where}: the archive is truncated here ({left:,} bytes of the "
                                     "record are missing); the records before it were read")  # fmt: skip
                return
            if len(body) > settings.max_bytes:
                yield error_document(doc_id, where, f"{where}: the page is larger than the limit of "
                                     f"{settings.max_bytes:,} bytes (EVENTLENS_MAX_BYTES); raise the limit to read it")
                continue
            try:
                text = decode_bytes(body, where)
                doc = (document_from_html(text, doc_id=doc_id, url=uri, origin=where) if "html" in kind
                       else document_from_text(text, doc_id=doc_id, origin=where))  # fmt: skip
                doc.url = doc.url or uri
                yield enforce_max_chars(doc, settings)
            except Exception as exc:  # one bad page is that page's error
                yield error_document(doc_id, where, exc if hasattr(exc, "code") else f"{where}: {exc}")
