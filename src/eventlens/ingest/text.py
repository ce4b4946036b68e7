"""Plain text -> :class:`Document`: strip page chrome, find title, author and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document
from .chrome import byline, is_chrome
from .dates import date_from_meta_line, dateline, iso_date

_SPACES = str.maketrans(
    {c: " " for c in "\t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
)
_INVISIBLE = re.compile("[\ufeff\u200b\u00ad]")
_META_PREFIX = re.compile(r"^(?:last\s+updated|updated|first\s+published|published|posted|date)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_MAX_HEADER_LINES = 25  # the title/byline/date block of a page never runs longer


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


def _is_body(line: str) -> bool:
    """A line of reporting: long, or a sentence of several words."""
    return len(line) >= 200 or (bool(_SENTENCE_END.search(line)) and len(line.split()) >= 6)


def _is_headline(line: str) -> bool:
    return (
        15 <= len(line) < 200
        and len(line.split()) >= 3
        and line[-1] not in ".,;:"
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and any(c.islower() for c in line)
        and not dateline(line)[0]
    )


def _same_title(line: str, title: str) -> bool:
    a, b = line.casefold().strip(" .:"), title.casefold().strip(" .:")
    return a == b or (b.startswith(a) and b[len(a) :].lstrip()[:1] in ("|", "-", "–", "—", ":"))


def clean(text: str, *, title: str | None = None, line_paragraphs: bool = False) -> Cleaned:
    """Remove chrome from ``text``; take title, author and an "Updated:" date from it.

    ``line_paragraphs`` treats every line as a paragraph (trafilatura output); otherwise
    paragraphs are separated by blank lines (or are single lines if there are none).
    """
    text = normalise(text)
    lines = [line.strip() for line in text.split("\n")]
    if line_paragraphs or "" not in lines:
        blocks = [[line] for line in lines if line]
    else:
        blocks = [[ln for ln in block.split("\n") if ln] for block in re.split(r"\n\s*\n", "\n".join(lines))]
    found = Cleaned(text="", title=title)
    header = True
    kept: list[list[str]] = []
    header_lines: list[tuple[int, int]] = []  # (block, line) positions before the first body line
    for block in blocks:
        out: list[str] = []
        for line in block:
            if (by := byline(line, header=header)) is not None:
                found.author = found.author or by.author
                found.date = found.date or by.date
                continue
            if is_chrome(line):
                continue
            if (header or _META_PREFIX.match(line)) and (meta := date_from_meta_line(line)):
                found.date = found.date or meta[0]
                found.author = found.author or meta[1]
                continue
            if header and (_is_body(line) or len(header_lines) >= _MAX_HEADER_LINES):
                header = False
            if header:
                header_lines.append((len(kept), len(out)))
            out.append(line)
        kept.append(out)
    _take_title(found, kept, header_lines)
    body = "\n\n".join("\n".join(block) for block in kept if block)
    found.text = body
    if body and not found.date:
        has_dateline, iso = dateline(body)
        if has_dateline and iso:
            found.date, found.date_source = iso, "dateline"
    elif found.date:
        found.date_source = "updated-line"
    return found


def _take_title(found: Cleaned, kept: list[list[str]], header_lines: list[tuple[int, int]]) -> None:
    """Remove the title line from the header; set ``found.title`` if it was not given."""
    for b, i in header_lines:
        block = kept[b]
        line = block[i]
        if found.title:
            if _same_title(line, found.title):
                del block[i]
                return
            continue
        rest_of_block = block[i + 1 : i + 2]
        if rest_of_block and rest_of_block[0][:1].islower():
            return  # a hard-wrapped sentence, not a headline
        later = any(block[i + 1 :]) or any(kept[b + 1 :])
        if _is_headline(line) and later:
            found.title = line
            del block[i]
            return


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
