"""RSS and Atom feeds -> Documents: one per item, via feedparser.

An item's text is its full content when the feed carries it, else its summary; its title,
link and publication date come with it. Its id is the item's guid, else its link (stable as
the feed grows, so a re-read skips what it has seen), else the feed's name and position. An
item with no text is that item's error, and the other items are still read.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator

import lxml.html

from ..config import Settings
from ..errors import InputError
from ..model import Document
from .problems import enforce_max_chars, error_document
from .text import document_from_text

FEED_SUFFIXES = (".rss", ".atom")
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(text: str) -> bool:
    """True if ``text`` opens like an RSS or Atom document."""
    return bool(_FEED_START.match(text[:5000].lstrip("\ufeff")))


_BLOCK_END = re.compile(r"(</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>)", re.I)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's body), one paragraph per block element.
    (trafilatura looks for a page's main text and finds none in a fragment; lxml reads it whole.)"""
    try:
        root = lxml.html.fragment_fromstring(_BLOCK_END.sub(r"\1\n\n", html), create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    return root.text_content()


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed))) if parsed else None


def documents_from_feed(data: bytes | str, origin: str, stem: str, settings: Settings) -> Iterator[Document]:
    """One Document per feed item, in feed order; a feed with no items is an :class:`InputError`."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        raise InputError(f"{origin}: no items found in this RSS/Atom feed{why}; check that it is a feed")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{origin} item {number}"
        # the item's own id (guid) or link stays the same as the feed grows; its position does not
        doc_id = str(entry.get("id") or entry.get("link") or f"{stem}-{number}")
        try:
            contents = entry.get("content") or []
            body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
            if not body.strip():
                raise InputError(f"{where}: the item has no text (title only); fetch its link to read the article")
            title = entry.get("title") or None
            date = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            link = entry.get("link") or None
            if "<" in body and ">" in body:  # an HTML fragment, not a page
                body = fragment_text(body)
            doc = document_from_text(body, doc_id=doc_id, date=date, url=link, origin=where)
            doc.title = doc.title or title
            doc.url = doc.url or link
            yield enforce_max_chars(doc, settings)
        except InputError as exc:
            yield error_document(doc_id, where, exc)
        except Exception as exc:  # one malformed item is that item's error
            yield error_document(doc_id, where, f"{where}: could not be read ({type(exc).__name__}: {exc})")
