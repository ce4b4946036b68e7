"""Alerts out of the store: check the watchlists and send new matches to their webhooks.

``eventlens watch`` calls :func:`check_and_send` after every poll; the desk shows the alerts.
A webhook receives one JSON POST per alert: ``{"watchlist": {...}, "event": {...}}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

TIMEOUT = 10.0


@dataclass
class Delivery:
    new: int = 0
    sent: int = 0
    errors: list[str] = field(default_factory=list)


def check_and_send(store: Any, client: httpx.Client | None = None) -> Delivery:
    """New alerts for every watchlist; those with a webhook are POSTed to it (marked sent on a
    2xx answer; a failed send is reported and tried again at the next check)."""
    out = Delivery()
    alerts = store.check_watchlists()
    out.new = len(alerts)
    pending = [a for a in store.alerts(limit=1000) if not a["sent"]]
    hooks = {w["id"]: w for w in store.watchlists() if w.get("webhook")}
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT)
    sent: list[int] = []
    try:
        for alert in pending:
            watchlist = hooks.get(alert["watchlist_id"])
            if watchlist is None:
                continue
            try:
                answer = client.post(watchlist["webhook"], json={"watchlist": watchlist, "event": alert["event"]})
                answer.raise_for_status()
                sent.append(alert["id"])
            except httpx.HTTPError as exc:
                out.errors.append(f"watchlist {watchlist['name']!r}: cannot send alert to {watchlist['webhook']}: "
                                  f"{exc}; it is sent again at the next check")
    finally:
        if own:
            client.close()
    store.mark_alerts(sent, sent=True)
    out.sent = len(sent)
    return out
