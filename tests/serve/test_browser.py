"""The desk in a real browser (Playwright driving Debian's chromium): ingest the bundled examples
through the desk, open the map, the timeline, an actor and an event, check the evidence
highlight, correct the event and see the correction survive a re-ingest; hostile text never runs.
Screenshots go to test-output/desk/."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from ..conftest import EXAMPLES, ROOT
from .conftest import TOKEN, Desk, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "desk"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium: apt-get install chromium (.ci/run does)")
EXAMPLE_FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
WAIT = 240_000  # ms: an ingest loads the model and parses every example


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def empty_desk(tmp_path) -> Iterator[Desk]:
    yield from serve(tmp_path / "fresh.db", TOKEN)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    opened = context.new_page()
    opened.errors = []  # scripts that fail, and dialogs a payload would open
    opened.on("pageerror", lambda exc: opened.errors.append(f"page error: {exc}"))
    opened.on("dialog", lambda dialog: (opened.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield opened
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _ingest_examples(page, desk: Desk) -> dict:
    page.goto(f"{desk.url}/#/ingest")
    page.get_by_test_id("ingest-files").set_input_files(EXAMPLE_FILES)
    page.get_by_test_id("ingest-files-button").click()
    job = page.locator("[data-testid=job-status]").last
    page.wait_for_function("el => ['done', 'failed'].includes(el.dataset.status)", arg=job.element_handle(),
                           timeout=WAIT)  # fmt: skip
    assert job.get_attribute("data-status") == "done", job.inner_text()
    return {"text": job.inner_text()}


def test_the_desk_from_ingest_to_a_correction_that_survives_a_reingest(page, empty_desk: Desk):
    desk = empty_desk
    page.goto(f"{desk.url}/#/ingest")
    page.get_by_test_id("token-input").fill(TOKEN)
    page.get_by_test_id("token-save").click()
    first = _ingest_examples(page, desk)
    assert "added" in first["text"]
    _shot(page, "1-ingest")

    page.get_by_test_id("nav-map").click()
    page.wait_for_selector("[data-testid=map-svg] [data-testid=map-point]")
    points, countries = page.get_by_test_id("map-point").count(), page.get_by_test_id("map-country").count()
    with desk.client() as client:
        located = [e for e in client.get("/api/events", params={"limit": 500}).json()["items"] if e["location"]]
    towns = [e for e in located if e["location"]["precision"] in ("town", "near_town", "district")
             and e["location"].get("lat") is not None]  # fmt: skip
    assert points == len(towns), "a point for each event placed at a town or district, and only those"
    assert countries >= 1, "country-level events shade their country instead"
    _shot(page, "2-map")

    page.get_by_test_id("nav-timeline").click()
    page.wait_for_selector("[data-testid=timeline-bar]")
    assert page.get_by_test_id("timeline-bar").count() >= 3
    _shot(page, "3-timeline")

    with desk.client() as client:
        def has_network(actor: dict) -> bool:
            return bool(client.get(f"/api/actors/{quote(actor['key'], safe='')}").json()["network"]["edges"])

        actor = next(a for a in client.get("/api/actors").json()["items"] if a["actor_id"] and has_network(a))
        events = client.get("/api/events", params={"limit": 500}).json()["items"]
        busiest = max(events, key=lambda e: (e["n_mentions"], -e["id"]))
        detail = client.get(f"/api/events/{busiest['id']}").json()
    page.goto(f"{desk.url}/#/actors/{quote(actor['key'], safe='')}")
    page.wait_for_selector("[data-testid=actor-network] [data-testid=network-node]")
    assert page.get_by_test_id("network-node").count() >= 2
    _shot(page, "4-actor")

    page.goto(f"{desk.url}/#/events/{busiest['id']}")
    page.wait_for_selector("[data-testid=evidence] [data-testid=trigger]")
    marked = sorted(page.get_by_test_id("trigger").all_inner_texts())
    assert marked == sorted(m["evidence"]["trigger"]["text"] for m in detail["mentions"])
    sentence = page.get_by_test_id("evidence").first.inner_text()
    assert sentence.replace("\n", " ").strip() == detail["mentions"][0]["evidence"]["sentence"].strip()
    _shot(page, "5-event")

    new_type = "PROTEST" if busiest["plover"]["type"] != "PROTEST" else "CONSULT"
    page.get_by_test_id("correct-type-select").select_option(new_type)
    page.get_by_test_id("correct-type-button").click()
    page.wait_for_function("t => document.querySelector('[data-testid=event-type]')?.textContent.includes(t)",
                           arg=new_type, timeout=20_000)  # fmt: skip
    _shot(page, "6-corrected")

    db = desk.db.removeprefix("sqlite:///")
    with sqlite3.connect(db) as con:  # as if a new eventlens had come out: every document is processed again
        con.execute("UPDATE documents SET pipeline_version = 'older'")
    again = _ingest_examples(page, desk)
    assert "updated" in again["text"]
    page.goto(f"{desk.url}/#/events/{busiest['id']}")
    page.wait_for_selector("[data-testid=event-type]")
    assert new_type in page.get_by_test_id("event-type").inner_text(), "the correction survives the re-ingest"
    _shot(page, "7-after-reingest")
    assert page.errors == []


HOSTILE_TITLE = 'Raid <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
HOSTILE_TEXT = ("Police arrested nine protesters in Dakar on Monday. <script>window.__pwned = 3</script> "
                '<img src=x onerror="window.__pwned = 4"> <a href="javascript:window.__pwned = 5">details</a>')


def test_script_and_onerror_payloads_in_an_article_never_run(page, empty_desk: Desk):
    desk = empty_desk
    with desk.client() as client:
        job = client.post("/api/ingest/text", json={"title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
                                                    "source": '<b onmouseover="alert(1)">Wire</b>',
                                                    "date": "2024-05-06", "url": "javascript:alert(1)"}).json()
        for _ in range(2400):
            job = client.get(f"/api/jobs/{job['id']}").json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["status"] == "done", job
        [doc] = client.get("/api/search", params={"q": "Dakar"}).json()["documents"]
    page.goto(f"{desk.url}/#/documents/{quote(doc['id'], safe='')}")
    page.wait_for_selector("[data-testid=document-text]")
    assert HOSTILE_TITLE in page.locator("h1").inner_text(), "the title is shown as text"
    assert "<script>window.__pwned = 3</script>" in page.get_by_test_id("document-text").inner_text()
    page.goto(f"{desk.url}/#/search")
    page.get_by_test_id("search-input").fill("Dakar")
    page.get_by_test_id("search-button").click()
    page.wait_for_selector("[data-testid=document-result]")
    for link in page.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    _shot(page, "8-hostile")
    assert page.evaluate("window.__pwned") is None, "no payload ran"
    assert page.locator("img[src=x]").count() == 0 and page.locator("main script").count() == 0
    assert page.errors == []


def test_actors_corrected_and_a_report_split_off_through_the_event_page(page, desk: Desk):
    with desk.client() as client:
        events = client.get("/api/events", params={"country": "NGA", "limit": 500}).json()["items"]
        mainok = max(events, key=lambda e: (e["n_documents"], -e["id"]))
    page.goto(f"{desk.url}/#/events/{mainok['id']}")
    page.get_by_test_id("token-input").fill(TOKEN)
    page.get_by_test_id("token-save").click()
    page.wait_for_selector("[data-testid=correct-source]")
    page.get_by_test_id("correct-source").fill("Boko Haram | NGA-BOKO-HARAM | NGA")
    page.get_by_test_id("correct-target").fill("Mainok villagers")
    page.get_by_test_id("correct-actors-button").click()
    page.wait_for_function("() => document.querySelector('[data-testid=event-actors]')?.textContent"
                           ".includes('Mainok villagers')", timeout=20_000)  # fmt: skip
    with desk.client() as client:
        stored = client.get(f"/api/events/{mainok['id']}").json()
    assert [a["actor_id"] for a in stored["source"]] == ["NGA-BOKO-HARAM"]
    assert [a["name"] for a in stored["target"]] == ["Mainok villagers"]

    page.get_by_test_id("split-checkbox").first.check()
    page.get_by_test_id("split-button").click()
    page.wait_for_selector("[data-testid=split-result-link]", timeout=20_000)
    with desk.client() as client:
        after = client.get(f"/api/events/{mainok['id']}").json()
    assert after["n_mentions"] == mainok["n_mentions"] - 1, "one report moved to a new event"
    _shot(page, "9-actors-and-split")
    assert page.errors == []


def _tile_server():
    import struct
    import threading
    import zlib
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x99\xcc\xee" * 256 for _ in range(256))  # a plain light-blue 256 px tile
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip
    asked: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, asked


def test_a_configured_tile_server_draws_under_the_events(page, desk_store, tmp_path):
    tiles, asked = _tile_server()
    copy = tmp_path / "tiles.db"
    shutil.copy(desk_store, copy)
    try:
        template = f"http://127.0.0.1:{tiles.server_port}/{{z}}/{{x}}/{{y}}.png"
        for desk in serve(copy, None, tiles=template, tiles_attribution="Test tiles"):
            page.goto(f"{desk.url}/#/map")
            page.wait_for_selector("[data-testid=map-tile]")
            page.wait_for_selector("[data-testid=map-point]")
            assert page.get_by_test_id("map-tile").count() >= 4 and asked, "tiles were asked for and drawn"
            assert page.get_by_test_id("map-attribution").inner_text().strip().endswith("Test tiles")
            _shot(page, "10-tiles")
            assert page.errors == []
    finally:
        tiles.shutdown()
