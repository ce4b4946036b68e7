"""The header of a text: the short lines (masthead, title, byline, dateline) above the reporting.

The header runs until the first paragraph of reporting (:func:`starts_body`). In it the
title is the last headline-like line before any sentence (:func:`find_title`); the lines
above the title (mastheads, section labels, "PRESS RELEASE") are page furniture. Every rule
errs towards keeping a line: a sentence is never taken for a title or a masthead.
"""

from __future__ import annotations

import re

from .chrome import byline, is_chrome
from .dates import dateline, has_date

MAX_LINES = 25  # the title/byline/date block of a page never runs longer

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_BREAK = re.compile(r"(\w+)[.!?][\"'”’)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION_WORDS = (
    "mr mrs ms dr no nos st gen col lt sgt capt maj prof rev jr sr vs etc inc ltd co corp dept gov sen "
    "rep adm cdr brig jan feb mar apr jun jul aug sep sept oct nov dec"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_BODY_WORDS = 25  # one sentence this long is reporting, not a header line
_LABEL = re.compile(r"^(?P<label>[A-Z][^:]{0,30}):\s+(?P<value>\S.*)$")
_CONTACT = re.compile(r"@|https?://|www\.|\+?\d[\d ()-]{6,}\d")
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*|[IVX]+|[A-Z])[.)]\s")
_HEADER_LABELS = frozenset(
    {
        "press release",
        "news release",
        "media release",
        "for immediate release",
        "for immediate publication",
        "immediate release",
        "breaking news",
        "live updates",
    }
)
_EMBARGO = re.compile(r"^embargoed\b", re.I)


def _words(text: str) -> int:
    return len(text.split())


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def sentence_count(text: str) -> int:
    """Sentences in ``text``; "No. 14", "Gen. Smith" and initials ("U.S.") do not end one."""
    breaks = sum(
        1
        for m in _BREAK.finditer(text)
        if m.group(1).casefold() not in _ABBREVIATIONS and not (len(m.group(1)) == 1 and m.group(1).isupper())
    )
    return breaks + ends_sentence(text)


def is_body(text: str) -> bool:
    """A paragraph of reporting: long, a wire dateline lead, or several sentences / ≥ 25 words."""
    if len(text) >= 200 or dateline(text)[0]:
        return True
    if not ends_sentence(text):
        return False
    words = _words(text)
    return words >= _BODY_WORDS or (words >= 10 and sentence_count(text) >= 2)


def starts_body(block: list[str], i: int) -> bool:
    """Whether line ``i`` of a paragraph ``block`` starts the reporting (also as a hard-wrapped paragraph)."""
    line = block[i]
    if is_body(line):
        return True
    if i + 1 >= len(block) or not (block[i + 1][:1].islower() or _words(line) >= 8):
        return False
    return is_body(" ".join(block[i:]))


def is_sentence(line: str) -> bool:
    """A line of prose: a sentence of several words."""
    return ends_sentence(line) and _words(line) >= 6


def continues(block: list[str], i: int) -> bool:
    """Line ``i`` runs on into the next lines of its paragraph (a hard-wrapped sentence)."""
    if i + 1 >= len(block):
        return False
    if block[i + 1][:1].islower():
        return True
    rest = " ".join(block[i:])
    return ends_sentence(rest) and _words(rest) >= 10


def is_label(line: str) -> bool:
    """A "Label: value" line ("Reporting period: 1–15 May 2024", "Contact: desk@example.org")."""
    match = _LABEL.match(line)
    if not match or _words(match.group("label")) > 3 or ends_sentence(line):
        return False
    value = match.group("value")
    return _words(value) <= 3 or has_date(value) or bool(_CONTACT.search(value))


def is_header_furniture(line: str) -> bool:
    """A header line that is never reporting: "PRESS RELEASE", "For immediate release",
    or a label whose value is a date or a contact ("Reporting period: 1–15 May 2024")."""
    low = line.casefold().strip(" .:-–—*")
    if low in _HEADER_LABELS or (_EMBARGO.match(low) and len(low) < 80):
        return True
    match = _LABEL.match(line)
    return bool(match) and is_label(line) and (has_date(match.group("value")) or bool(_CONTACT.search(line)))


def is_headline(line: str) -> bool:
    """A line that reads like a headline: ≥ 4 words, not all caps, no closing punctuation,
    no date, not a byline, a "Label: value" line, a numbered section heading or a dateline."""
    text = line.rstrip("\"'”’)]")
    return (
        15 <= len(line) < 200
        and _words(line) >= 4
        and bool(text)
        and text[-1] not in ".,;:"
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and any(c.islower() for c in line)
        and not has_date(line)
        and not is_label(line)
        and not _NUMBERED.match(line)
        and byline(line, header=True) is None
        and not is_chrome(line)
        and not dateline(line)[0]
    )


def _barrier(kept: list[list[str]], b: int, i: int) -> bool:
    """A line no title can follow: a sentence, or the start of a hard-wrapped one."""
    line = kept[b][i]
    return continues(kept[b], i) or (is_sentence(line) and not is_headline(line))


def find_title(kept: list[list[str]], header: list[tuple[int, int]]) -> int | None:
    """Index in ``header`` of the title: the last headline-like line before any sentence,
    provided some text follows it."""
    best = None
    for n, (b, i) in enumerate(header):
        if _barrier(kept, b, i):
            break
        if is_headline(kept[b][i]):
            best = n
    if best is None:
        return None
    b, i = header[best]
    return best if any(kept[b][i + 1 :]) or any(kept[b + 1 :]) else None


def above_title(kept: list[list[str]], header: list[tuple[int, int]], at: int) -> list[int]:
    """Indexes in ``header`` of the furniture above the title at ``at`` (none if prose is among it)."""
    if any(_barrier(kept, b, i) for b, i in header[:at]):
        return []
    return [n for n, (b, i) in enumerate(header[:at]) if not ends_sentence(kept[b][i])]
