"""What keeps hostile article text and strangers harmless: security headers on every response
and a token on every write."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request, Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""No inline script or style, nothing from another origin: text that slipped through escaping still cannot run."""

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def security_headers(tiles_origin: str | None = None) -> Callable[..., Awaitable[Response]]:
    """The middleware adding :data:`HEADERS`; ``tiles_origin`` (a tile server's scheme://host)
    is the one other place images may come from."""
    headers = dict(HEADERS)
    if tiles_origin:
        headers["Content-Security-Policy"] = CSP.replace("img-src 'self' data:", f"img-src 'self' data: {tiles_origin}")

    async def add(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    return add


def tiles_origin(url: str) -> str:
    """The origin of a tile URL template (``https://tiles.example.org/{z}/{x}/{y}.png``), or a
    ValueError saying what a template needs."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in url for k in ("{z}", "{x}", "{y}")):
        raise ValueError(f"a tile server is an http(s) URL template with {{z}}, {{x}} and {{y}}, e.g. "
                         f"https://tiles.example.org/{{z}}/{{x}}/{{y}}.png; not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def token_check(token: str | None) -> Callable[[Request], None]:
    """A dependency that lets a write through only with ``Authorization: Bearer <token>``."""

    def check(request: Request) -> None:
        if not token:
            raise HTTPException(403, "this desk is read-only: start `eventlens serve` with EVENTLENS_TOKEN set "
                                     "to allow changes")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise HTTPException(401, "send the desk's token as `Authorization: Bearer <EVENTLENS_TOKEN>`",
                                headers={"WWW-Authenticate": "Bearer"})

    return check
