"""Publication dates from page lines ("Updated: Aug 18, 2021"), datelines and records."""

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
# The keyword may also open a later segment of a header line: "Live desk | Last updated: 12 March 2025".
_META_WORD = re.compile(r"\b(?:last\s+updated|updated|first\s+published|published|posted)\b\s*(?:on|at)?\s*:?\s*", re.I)
_SEGMENT_SEP = "|•·,;:—–-"
_BY_SUFFIX = re.compile(r"\s+by\s+(?P<author>.+)$", re.IGNORECASE)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
_HAS_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}|\b{_MONTH_NAME}\s+\d{{1,2}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
)
_RANGE = re.compile(r"(?<![\d/.-])\d{1,2}\s*[–-]\s*\d{1,2}(?![\d/.-])")  # "1–15 May", not 2024-05-15
# Parts of a place/date line: "Rota, Spain, 18 April 2024", "GOMA — March 3, 2024 14:05 GMT"
_PART_SEP = re.compile(r"\s*(?:,|\||\s[—–-])\s*")
_PLACE_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|de|del|la|le|el|al|al-\w+|of|the|sur|en|di|da|do|dos)$")
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


def has_date(text: str) -> bool:
    """True if ``text`` names a day ("22 February", "March 3", "2024-03-12", "3/4/2024")."""
    return bool(_HAS_DATE.search(text))


def date_from_meta_line(line: str, *, inside: bool = False) -> tuple[str, str | None] | None:
    """``(iso_date, author_or_None)`` for a line such as "Posted on 3 May 2022 by Ann Lee".

    A date with a byline ("Aug 18, 2021 by Ann Lee") counts too; a bare date line is a
    :func:`place_date` line instead. With ``inside``, the keyword may also
    open a later segment of the line ("Live desk | Last updated: 12 March 2025, 19:40").
    Lines whose remainder is not a full date ("Posted on the border, ...") return ``None``
    and stay in the text.
    """
    line = line.strip()
    if len(line) > 100:
        return None
    match = _META_LINE.match(line)
    found = _parse_meta_rest(match.group("rest") if match else line, need_author=not match)
    if found or not inside:
        return found
    for word in _META_WORD.finditer(line):
        before = line[: word.start()].rstrip()
        if before and before[-1] in _SEGMENT_SEP:
            rest = re.split(r"\s*[|•·]\s*", line[word.end() :])[0]
            if found := _parse_meta_rest(rest):
                return found
    return None


def _parse_meta_rest(rest: str, *, need_author: bool = False) -> tuple[str, str | None] | None:
    author = None
    if by := _BY_SUFFIX.search(rest):
        author = by.group("author").strip()
        rest = rest[: by.start()]
    if (need_author and not author) or _RANGE.search(rest):
        return None
    iso = parse_date(rest.strip(" .|•·-–—"))
    return (iso, author) if iso else None


def place_date(line: str) -> str | None:
    """ISO date of a line that is only a place and/or a date, else ``None``.

    "Guayaquil, Thursday 22 February 2024", "Rota, Spain, 18 April 2024", "18 April 2024"
    and "March 3, 2024 14:05 GMT" count; a date range ("1–15 May 2024") does not.
    """
    line = line.strip().rstrip(".")
    if len(line) > 80 or not has_date(line) or _RANGE.search(line):
        return None
    parts = [p.strip("() ") for p in _PART_SEP.split(line)]
    for start in range(len(parts)):
        place = parts[:start]
        if len(place) > 3 or not all(_is_place(p) for p in place):
            return None
        if iso := parse_date(", ".join(parts[start:])):
            return iso
    return None


def _is_place(text: str) -> bool:
    words = text.replace("(", " ").replace(")", " ").split()
    return 1 <= len(words) <= 4 and all(_PLACE_WORD.match(w) for w in words)


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
