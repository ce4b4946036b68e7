"""URLs as inputs, against a real HTTP server on loopback: pages, feeds, redirects, and every failure."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventlens.config import Settings
from eventlens.ingest import read_inputs
from eventlens.ingest.urls import USER_AGENT

ARTICLE = b"""<html><head><title>Curfew in Goma</title></head><body><nav>Home | World</nav><article>
<h1>Curfew in Goma</h1><p>Authorities imposed a night curfew in Goma on Saturday after clashes between
soldiers and militiamen left at least six people dead, the provincial governor said.</p><p>The curfew will
run from 8 pm to 6 am until further notice, he told reporters at a press conference in the city.</p>
</article></body></html>"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Kivu desk</title>
<item><title>Rebels seize village</title><link>https://example.org/a</link>
<description>Rebels seized a village north of Goma on Friday, residents said.</description></item>
</channel></rss>"""
SEEN: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        SEEN.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/feed":
            self._send(200, "application/rss+xml", FEED)
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", ARTICLE)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):  # 200 x 100 kB, no Content-Length: the limit must apply as it streams
                self.wfile.write(b"<p>" + b"x" * 100_000 + b"</p>")
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _read(*urls, **settings):
    return list(read_inputs(list(urls), Settings(**settings)))


def test_url_page_through_a_redirect_with_a_polite_user_agent(server):
    [doc] = _read(f"{server}/moved")
    assert doc.ok and "night curfew in Goma" in doc.text and "Home | World" not in doc.text
    assert doc.url == f"{server}/article" and doc.id == f"{server}/moved"
    assert SEEN[-1] == USER_AGENT and USER_AGENT.startswith("eventlens/")


def test_url_feed_gives_its_items(server):
    [item] = _read(f"{server}/feed")
    assert item.ok and "seized a village north of Goma" in item.text and item.url == "https://example.org/a"


def test_url_failures_are_per_document_errors_and_the_run_goes_on(server):
    began = time.perf_counter()
    slow, missing, huge, good = _read(f"{server}/slow", f"{server}/nothing", f"{server}/huge", f"{server}/article",
                                      fetch_timeout=0.5, max_bytes=2_000_000)  # fmt: skip
    assert time.perf_counter() - began < 10
    assert not slow.ok and "no answer within 0.5 s" in slow.errors[0]
    assert not missing.ok and "answered 404" in missing.errors[0]
    assert not huge.ok and "larger than the limit" in huge.errors[0]
    assert good.ok


GROWING = {"items": [("a", "Rebels seized a village north of Goma on Friday, residents said.")]}


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        items = "".join(f"<item><guid>{i}</guid><title>{i}</title><description>{t}</description></item>"
                        for i, t in GROWING["items"])  # fmt: skip
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>{items}</channel></rss>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_watch_ingests_only_what_is_new_in_a_feed(tmp_path):
    from typer.testing import CliRunner

    from eventlens.cli import app
    from eventlens.store import Store

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/feed"
    db = f"sqlite:///{tmp_path / 'w.db'}"
    try:
        first = CliRunner().invoke(app, ["watch", url, "--db", db, "--passes", "1"])
        GROWING["items"].append(("b", "Soldiers arrested twelve militiamen in Bunia on Saturday, the army said."))
        second = CliRunner().invoke(app, ["watch", url, "--db", db, "--passes", "1"])
    finally:
        httpd.shutdown()
    assert first.exit_code == 0 and "1 new" in first.output, first.output
    assert second.exit_code == 0 and "1 new" in second.output and "1 seen" in second.output, second.output
    store = Store(db)
    assert store.document("a") is not None and store.document("b") is not None
    store.close()
