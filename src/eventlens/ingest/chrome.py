"""Recognise scraped page chrome, line by line: navigation, counters, cookie notices, bylines.

Every rule is anchored to the whole line and limited to short lines, so a real sentence
is never dropped. trafilatura removes chrome from HTML, but text saved from a browser
(or trafilatura's own output on blog platforms) still carries these lines, hence the
hand-written rules here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import parse_date


def _phrases(text: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(" ".join(item.split()) for item in text.split(sep) if item.strip())


_EXACT = _phrases(
    """top of page|bottom of page|skip to content|skip to main content|skip to navigation|
    jump to content|share|share this|share this post|share this article|share this story|
    share on facebook|share on twitter|share on linkedin|tweet|print|email|e-mail|menu|open menu|
    close menu|close|search|log in|login|sign in|subscribe|sign up|subscribe now|register|
    recent posts|see all|related posts|related articles|read more|continue reading|back to top|
    advertisement|sponsored|post not marked as liked|post marked as liked|accept|accept all|
    accept cookies|reject all|decline|got it|ok|manage preferences|cookie settings|comments|
    leave a comment|add a comment|write a comment|like|reply|follow us|follow|home|
    log in to like|previous post|next post|table of contents|listen to this article""",
    "|",
)
_COUNTERS = re.compile(
    r"^(?:\d[\d.,]*\s*[km]?\s*(?:views?|comments?|likes?|shares?|reads?|min(?:ute)?s?\s+read)\s*)+$",
    re.IGNORECASE,
)
_SIGNUP = re.compile(r"^(?:subscribe|sign\s*up|sign\s*in|log\s*in|register)\b", re.IGNORECASE)
_SIGNUP_WORDS = re.compile(r"newsletter|updates|inbox|e-?mail|free|account|to (?:our|the)|for (?:our|free)|now|today")
# A notice addresses the reader; a news sentence about cookie rules does not.
_COOKIE_WORDS = re.compile(
    r"we use|this (?:web)?site|our (?:web)?site|by continuing|you agree|your (?:browsing )?experience|"
    r"accept (?:all )?cookies|cookie (?:policy|settings|preferences)"
)
_MENU_WORDS = _phrases(
    """home about us blog contact news search menu login log in more all posts shop donate events
    team careers privacy policy terms faq subscribe sign up register categories archive archives
    resources podcast podcasts video videos newsletter opinion world politics business sport sports
    analysis store cart account follow share our work projects publications media press"""
)
_MENU_SPLIT = re.compile(r"\s*[|•·»›]\s*|\s+[>/]\s+")
_BULLETS = "•·▪●◦‣"
_WRITER = re.compile(r"writer[’']s\s+picture\s*:?\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(?P<name>.+)$", re.IGNORECASE)

_RANKS = _phrases(
    """cdr cmdr col lt ltc gen maj capt cpt adm rear vice brig sgt dr prof mr mrs ms mx amb
    rev hon sir"""
)
_DEGREES = _phrases("phd ph.d ph.d. md m.d. ma msc mba llm esq mphil dphil")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|de|van|von|der|den|al|al-\w+|bin|ibn|da|dos|du|la|le|el)$")


def is_chrome(line: str) -> bool:
    """True for a line that is page furniture, not reporting (menus, counters, cookie notices)."""
    if len(line) > 500:
        return False
    low = line.casefold().strip(" .:!|>»›-–—" + _BULLETS)
    if low in _EXACT or _COUNTERS.match(low):
        return True
    if "cookie" in low and _COOKIE_WORDS.search(low):
        return True
    if len(line) > 120:
        return False
    if _SIGNUP.match(low) and (len(low.split()) <= 4 or _SIGNUP_WORDS.search(low)) and "said" not in low:
        return True
    return _is_menu(line)


def _is_menu(line: str) -> bool:
    """ "Home | About | Contact", "Home > News > Asia" or a run of menu words."""
    items = [item for item in _MENU_SPLIT.split(line) if item]
    if len(items) >= 3 and all(
        len(item) <= 30 and len(item.split()) <= 4 and not re.search(r"[\d.!?,;]", item) for item in items
    ):
        return True
    words = re.findall(r"[\w']+", line.casefold())
    return len(words) >= 3 and all(word in _MENU_WORDS for word in words) and not re.search(r"[.!?,]", line)


@dataclass
class Byline:
    """What a byline line says: its author and/or date (either may be absent)."""

    author: str | None = None
    date: str | None = None


def byline(line: str, *, header: bool) -> Byline | None:
    """The byline in "Writer's pictureJane Doe", "• Jane Doe • Aug 3, 2021 • 2 min read" or "By Jane Doe".

    Returns ``None`` if the line is not a byline. A plain "By Jane Doe" line only counts
    in the header (before the first paragraph of reporting).
    """
    if len(line) > 160:
        return None
    stripped = line.strip()
    if match := _WRITER.search(stripped):
        if not stripped[: match.start()].strip(_BULLETS + " "):
            return Byline(author=clean_author(stripped[match.end() :]) or None)
        return None
    if stripped[:1] in _BULLETS:
        return _bullet_byline(stripped, header=header)
    if header and (match := _BYLINE.match(stripped)) and _looks_like_names(match.group("name")):
        return Byline(author=clean_author(match.group("name")))
    return None


def _bullet_byline(line: str, *, header: bool) -> Byline | None:
    """A line made only of bullet-separated names, dates and counters; ``None`` otherwise.

    A bare name ("• Jane Doe") only counts in the header: in the body it is a list item.
    """
    found = Byline()
    for part in (p.strip() for p in re.split(f"[{_BULLETS}]", line)):
        if not part or _COUNTERS.match(part):
            continue
        if iso := parse_date(part):
            found.date = found.date or iso
            continue
        if match := _WRITER.match(part):
            part = part[match.end() :]
        elif match := _BYLINE.match(part):
            part = match.group("name")
        if not (match or header) or not _looks_like_names(part):
            return None
        found.author = found.author or clean_author(part)
    return found


def _looks_like_names(text: str) -> bool:
    """2-12 capitalised name tokens, optionally joined by "and" or commas."""
    tokens = [tok for tok in re.split(r"[\s,]+", clean_author(text)) if tok and tok != "and"]
    return 2 <= len(tokens) <= 12 and all(_NAME_TOKEN.match(tok) for tok in tokens)


def clean_author(name: str) -> str:
    """ "CDR (ret.) Jane Doe, Ph.D." -> "Jane Doe": drop ranks, "(ret.)" and degrees."""
    text = re.sub(r"\([^)]*\)", " ", name)
    parts = [p.strip() for p in text.split(",")]
    while len(parts) > 1 and parts[-1].casefold().replace(" ", "") in _DEGREES:
        parts.pop()
    tokens = ", ".join(parts).split()
    while len(tokens) > 2 and tokens[0].casefold().rstrip(".") in _RANKS:
        tokens.pop(0)
    while len(tokens) > 2 and tokens[-1].casefold() in _DEGREES:
        tokens.pop()
    cleaned = " ".join(tokens).strip(" ,")
    return cleaned or name.strip()
