"""URLs -> Documents: one polite HTTP GET (httpx) per address, then the page's own reader.

Timeouts, a size limit read as the body streams in (never the whole of a huge page in
memory), at most five redirects and a user agent that says who is asking. The answer is
read by what it is: an RSS/Atom feed (one document per item), an HTML page, or text. Every
failure - no answer in time, an error status, too large, not text - is that URL's error.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import __version__
from ..config import Settings
from ..errors import InputError
from ..model import Document
from .decode import decode_bytes
from .feeds import documents_from_feed, looks_like_feed
from .html import document_from_html, looks_like_html
from .problems import enforce_max_chars
from .text import document_from_text

USER_AGENT = f"eventlens/{__version__} (open-source event data from news; +https://pypi.org/project/eventlens/)"
MAX_REDIRECTS = 5


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def fetch(url: str, settings: Settings) -> tuple[bytes, str, str]:
    """(body, final URL, content type) of a GET, within ``settings.fetch_timeout`` and ``max_bytes``."""
    import httpx

    limit = settings.max_bytes
    try:
        with httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=settings.fetch_timeout,
                          headers={"User-Agent": USER_AGENT}) as client, client.stream("GET", url) as response:
            response.raise_for_status()
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise InputError(f"{url}: the page is {declared:,} bytes, larger than the limit of {limit:,} "
                                 "(EVENTLENS_MAX_BYTES); raise the limit to read it")  # fmt: skip
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise InputError(f"{url}: the page is larger than the limit of {limit:,} bytes "
                                     "(EVENTLENS_MAX_BYTES); raise the limit to read it")  # fmt: skip
            return bytes(body), str(response.url), response.headers.get("content-type", "")
    except httpx.TimeoutException as exc:
        raise InputError(f"{url}: no answer within {settings.fetch_timeout:g} s ({type(exc).__name__}); try "
                         "again later or raise EVENTLENS_FETCH_TIMEOUT") from exc  # fmt: skip
    except httpx.HTTPStatusError as exc:
        raise InputError(f"{url}: the server answered {exc.response.status_code} "
                         f"{exc.response.reason_phrase}; check the address") from exc  # fmt: skip
    except httpx.TooManyRedirects as exc:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects; check the address") from exc
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: could not be fetched ({type(exc).__name__}: {exc})") from exc


def documents_from_url(url: str, settings: Settings) -> Iterator[Document]:
    """The documents at ``url``: a page, or a feed's items."""
    data, final, kind = fetch(url, settings)
    if not data.strip():
        raise InputError(f"{url}: the server sent an empty page")
    text = decode_bytes(data, url)
    kind = kind.lower()
    if any(k in kind for k in ("rss", "atom")) or (("xml" in kind or not kind) and looks_like_feed(text)):
        yield from documents_from_feed(data, url, url, settings)
    elif "html" in kind or looks_like_html(text):
        yield enforce_max_chars(document_from_html(text, doc_id=url, url=final, origin=url), settings)
    else:
        yield enforce_max_chars(document_from_text(text, doc_id=url, url=final, origin=url), settings)
