"""Plain text -> :class:`Document`: strip page chrome, find title, author and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document
from .chrome import byline, is_chrome
from .dates import date_from_meta_line, dateline, iso_date, place_date
from .header import MAX_LINES, above_title, find_title, is_header_furniture, starts_body

_SPACES = str.maketrans(
    {c: " " for c in "\t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
)
_INVISIBLE = re.compile("[\ufeff\u200b\u00ad]")
_SEGMENTS = re.compile(r"\s*[|•·]\s*")
_META_PREFIX = re.compile(r"^(?:last\s+updated|updated|first\s+published|published|posted|date)\b", re.I)


@dataclass
class Cleaned:
    """Body text with the metadata found in its chrome."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    date_source: str | None = None


def normalise(text: str) -> str:
    """Unify newlines and spaces, strip line ends; paragraphs stay separated by blank lines."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).translate(_SPACES)
    return re.sub(r" {2,}", " ", text)


def _same_title(line: str, title: str) -> bool:
    a, b = line.casefold().strip(" .:"), title.casefold().strip(" .:")
    return a == b or (b.startswith(a) and b[len(a) :].lstrip()[:1] in ("|", "-", "–", "—", ":"))


def _blocks(text: str, line_paragraphs: bool) -> list[list[str]]:
    lines = [line.strip() for line in text.split("\n")]
    if line_paragraphs or "" not in lines:
        return [[line] for line in lines if line]
    return [[ln for ln in block.split("\n") if ln] for block in re.split(r"\n\s*\n", "\n".join(lines))]


def clean(text: str, *, title: str | None = None, line_paragraphs: bool = False) -> Cleaned:
    """Remove chrome from ``text``; take title, author and date from its header and meta lines.

    The header is the run of short lines before the first paragraph of reporting: its
    bylines, place/date lines ("Rota, Spain, 18 April 2024"), "Updated:" segments and
    furniture ("PRESS RELEASE", mastheads above the title) leave the text. A date comes
    from an "Updated:"/"Published:" line ("updated-line"), else from a place/date line or
    a wire dateline ("dateline"). ``line_paragraphs`` treats every line as a paragraph
    (trafilatura output); otherwise paragraphs are separated by blank lines (or are single
    lines if there are none).
    """
    blocks = _blocks(normalise(text), line_paragraphs)
    found = Cleaned(text="", title=title)
    header = True
    dated: str | None = None  # from a place/date line in the header
    kept: list[list[str]] = []
    header_lines: list[tuple[int, int]] = []  # (block, line) positions before the first body line
    for block in blocks:
        out: list[str] = []
        for i, line in enumerate(block):
            if (by := byline(line, header=header)) is not None:
                found.author = found.author or by.author
                found.date = found.date or by.date
                continue
            if is_chrome(line):
                continue
            if (header or _META_PREFIX.match(line)) and (meta := date_from_meta_line(line, inside=header)):
                found.date = found.date or meta[0]
                found.author = found.author or meta[1] or (_segment_author(line) if header else None)
                continue
            if header and (iso := place_date(line)):
                dated = dated or iso
                continue
            if header and is_header_furniture(line):
                continue
            if header and (starts_body(block, i) or len(header_lines) >= MAX_LINES):
                header = False
            if header:
                header_lines.append((len(kept), len(out)))
            out.append(line)
        kept.append(out)
    _take_title(found, kept, header_lines)
    found.text = "\n\n".join("\n".join(block) for block in kept if block)
    if found.date:
        found.date_source = "updated-line"
    elif dated:
        found.date, found.date_source = dated, "dateline"
    elif found.text and (iso := dateline(found.text)[1]):
        found.date, found.date_source = iso, "dateline"
    return found


def _segment_author(line: str) -> str | None:
    """The author in a "By Jane Doe | Updated 3 May 2024" header line."""
    for part in _SEGMENTS.split(line):
        if (by := byline(part, header=True)) and by.author:
            return by.author
    return None


def _take_title(found: Cleaned, kept: list[list[str]], header: list[tuple[int, int]]) -> None:
    """Remove the title line and the furniture above it; set ``found.title`` if it was not given."""
    if found.title:
        given = found.title
        at = next((n for n, (b, i) in enumerate(header) if _same_title(kept[b][i], given)), None)
    elif (at := find_title(kept, header)) is not None:
        b, i = header[at]
        found.title = kept[b][i]
    if at is None:
        return
    for b, i in sorted([header[at]] + [header[n] for n in above_title(kept, header, at)], reverse=True):
        del kept[b][i]


def build_document(
    cleaned: Cleaned,
    *,
    doc_id: str,
    date: str | None,
    url: str | None,
    source: str | None,
    origin: str | None,
    author: str | None = None,
    metadata_date: str | None = None,
) -> Document:
    """Assemble a Document; a given ``date`` wins over metadata, "Updated:" lines and datelines."""
    where = origin or doc_id
    if not cleaned.text.strip():
        raise InputError(
            f"{where}: no text left after removing page chrome (is the input empty?); "
            "give a file with the article's text"
        )
    doc_date, date_source = iso_date(date, where), "record"
    if doc_date is None and metadata_date:
        doc_date, date_source = metadata_date, "metadata"
    if doc_date is None:
        doc_date, date_source = cleaned.date, cleaned.date_source
    return Document(
        id=doc_id,
        text=cleaned.text,
        title=cleaned.title,
        date=doc_date,
        date_source=date_source if doc_date else None,
        url=url,
        source=source,
        author=author or cleaned.author,
        origin=origin,
    )


def document_from_text(
    text: str,
    *,
    doc_id: str,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Document:
    """A Document from scraped or plain text, with page chrome removed.

    Raises :class:`~eventlens.errors.InputError` if no text is left or ``date`` is not ISO.
    """
    return build_document(clean(text, title=title), doc_id=doc_id, date=date, url=url, source=source, origin=origin)
