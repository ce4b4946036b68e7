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


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


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
