"""Publication dates from page lines ("Updated: Aug 18, 2021"), wire datelines and records."""

from __future__ import annotations

import re
from datetime import date, datetime

import dateparser

from ..errors import InputError

# Only absolute dates with day, month and year: "Updated 3 hours ago" must not become today.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}

_META_LINE = re.compile(
    r"^(?:last\s+updated|updated|first\s+published|published|posted|date)\s*(?:on|:)?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_BY_SUFFIX = re.compile(r"\s+by\s+(?P<author>.+)$", re.IGNORECASE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "KABUL, March 3 (Reuters) -", "BAMAKO, Mali (AP) —", "GENEVA, May 4, 2023 (AFP) –"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?)"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"\s*\((?P<agency>[A-Za-z][A-Za-z&. ]{0,20})\)\s*[-–—]"
)


def parse_date(text: str) -> str | None:
    """ISO date for an absolute date with day, month and year, else ``None``."""
    text = text.strip()
    if not text or len(text) > 60 or not re.search(r"\d", text):
        return None
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def date_from_meta_line(line: str) -> tuple[str, str | None] | None:
    """``(iso_date, author_or_None)`` for a line such as "Posted on 3 May 2022 by Ann Lee".

    A bare date line ("Aug 18, 2021") counts too. Lines whose remainder is not a full
    date ("Posted on the border, ...") return ``None`` and stay in the text.
    """
    line = line.strip()
    if len(line) > 100:
        return None
    match = _META_LINE.match(line)
    rest = match.group("rest") if match else line
    author = None
    if by := _BY_SUFFIX.search(rest):
        author = by.group("author").strip()
        rest = rest[: by.start()]
    iso = parse_date(rest.strip(" .|•·-–—"))
    return (iso, author) if iso else None


def dateline(paragraph: str) -> tuple[bool, str | None]:
    """Whether ``paragraph`` opens with a wire dateline, and its date if it has a year."""
    match = _DATELINE.match(paragraph)
    if not match:
        return False, None
    raw = match.group("date")
    if raw and re.search(r"\d{4}", raw):
        return True, parse_date(raw)
    return True, None


def iso_date(value: object, where: str) -> str | None:
    """Normalise a given date (``yyyy-mm-dd`` or an ISO datetime) to ``yyyy-mm-dd``.

    Raises :class:`InputError` naming ``where`` when the value is not an ISO date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            pass
    raise InputError(f"{where}: date {value!r} is not an ISO date; write it as yyyy-mm-dd, e.g. 2021-08-18")
