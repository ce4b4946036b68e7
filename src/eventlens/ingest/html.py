"""HTML -> :class:`Document` via trafilatura, and text-or-HTML sniffing."""

from __future__ import annotations

import re

import trafilatura

from ..errors import InputError
from ..model import Document
from .chrome import clean_author
from .text import build_document, clean, document_from_text

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_COMMON_TAG = re.compile(
    r"<(p|div|body|head|br|a|span|article|meta|title|script|h[1-6]|ul|li|table|section|nav|img)\b[^>]*>",
    re.I,
)
_SNIFF_CHARS = 100_000


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML page or uses at least three common HTML tags."""
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    return len({m.group(1).lower() for m in _COMMON_TAG.finditer(head)}) >= 3


def _extract(html: str, url: str | None, favor_precision: bool):
    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # htmldate, run by trafilatura: the page's original publication date, from
        # markup and URL only (free-text guesses are left to the "Updated:" line rule).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def document_from_html(
    html: str,
    *,
    doc_id: str,
    url: str | None = None,
    date: str | None = None,
    title: str | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Document:
    """A Document from an HTML page: main text by trafilatura, then the text chrome cleanup.

    Title, author and site name come from the page metadata unless given; the date is
    ``date``, else the page's metadata date (htmldate), else an "Updated:" line.
    Raises :class:`~eventlens.errors.InputError` when the page has no main text.
    """
    where = origin or doc_id
    extracted = _extract(html, url, favor_precision=True)
    if extracted is None or not (extracted.text or "").strip():
        # Precision mode drops short pages entirely; a second, default pass keeps them.
        extracted = _extract(html, url, favor_precision=False)
    if extracted is None or not (extracted.text or "").strip():
        raise InputError(
            f"{where}: no article text found in the HTML; check that the page holds the "
            "article itself (not a login wall or a script-rendered shell)"
        )
    cleaned = clean(extracted.text, title=title or extracted.title, line_paragraphs=True)
    return build_document(
        cleaned,
        doc_id=doc_id,
        date=date,
        url=url or extracted.url,
        source=source or extracted.sitename,
        origin=origin,
        author=clean_author(extracted.author) if extracted.author else None,
        metadata_date=extracted.date,
    )


def document_from_input(
    text_or_html: str,
    *,
    doc_id: str = "doc",
    date: str | None = None,
    url: str | None = None,
    origin: str | None = None,
) -> Document:
    """A Document from a string that is either HTML or plain text (sniffed)."""
    if looks_like_html(text_or_html):
        return document_from_html(text_or_html, doc_id=doc_id, url=url, date=date, origin=origin)
    return document_from_text(text_or_html, doc_id=doc_id, date=date, url=url, origin=origin)
