"""Alerts reach a watchlist's webhook: a real HTTP server on loopback receives the POST; a
webhook that fails is reported and tried again at the next check."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from eventlens.alerts import check_and_send
from eventlens.store import Store

from ..store.test_store import make_doc, make_event


def _receiver(status: int):
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def test_new_matching_events_are_posted_to_the_webhook_once(tmp_path):
    server, received = _receiver(200)
    broken, _ = _receiver(500)
    try:
        with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
            store.add_watchlist("arrests in Mali", {"types": "COERCE", "country": "MLI"},
                                webhook=f"http://127.0.0.1:{server.server_port}/hook")  # fmt: skip
            store.add_watchlist("down", {"types": "COERCE"}, webhook=f"http://127.0.0.1:{broken.server_port}/")
            store.save(make_doc("a", [make_event()]), "1")
            first = check_and_send(store)
            assert first.new == 2 and first.sent == 1 and "cannot send alert" in first.errors[0]
            assert len(received) == 1 and received[0]["watchlist"]["name"] == "arrests in Mali"
            assert received[0]["event"]["plover"]["type"] == "COERCE"
            again = check_and_send(store)
            assert again.new == 0 and len(received) == 1, "an alert is sent once"
            assert again.sent == 0 and again.errors, "the failed one is tried again"
    finally:
        server.shutdown()
        broken.shutdown()
