"""The desk's HTTP API over a real server on loopback: reads, writes behind the token,
security headers, ingest jobs, watchlists and exports."""

from __future__ import annotations

import shutil
import time

import pytest

from eventlens.serve import create_app

from .conftest import Desk, serve


def _wait(client, job: dict) -> dict:
    for _ in range(600):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job did not finish: {job}")


def test_events_are_deduplicated_filtered_and_paged(read_only_desk: Desk):
    with read_only_desk.client() as client:
        stats = client.get("/api/stats").json()
        assert stats["events"] < stats["mentions"] and stats["documents"] == 22
        page = client.get("/api/events", params={"type": "ASSAULT", "country": "NGA", "limit": 5}).json()["items"]
        assert len(page) == 5 and all(e["plover"]["type"] == "ASSAULT" for e in page)
        later = client.get("/api/events", params={"type": "ASSAULT", "country": "NGA", "limit": 5, "offset": 5})
        assert {e["id"] for e in later.json()["items"]}.isdisjoint({e["id"] for e in page})
        mainok = max(client.get("/api/events", params={"country": "NGA", "limit": 500}).json()["items"],
                     key=lambda e: e["n_documents"])  # fmt: skip
        assert mainok["n_sources"] == 5
        detail = client.get(f"/api/events/{mainok['id']}").json()
        assert len({m["document_id"] for m in detail["mentions"]}) == 5 and detail["links"]
        assert client.get("/api/events/999999").status_code == 404
        bad = client.get("/api/events", params={"since": "2024-13"})
        assert bad.status_code == 422 and "month 13" in bad.json()["detail"]


def test_documents_search_actors_timeline_and_exports(read_only_desk: Desk):
    with read_only_desk.client() as client:
        found = client.get("/api/search", params={"q": "Mainok"}).json()["documents"]
        assert found and all(d["id"].startswith("ol5-") for d in found)
        doc = client.get(f"/api/documents/{found[0]['id']}").json()
        trigger = doc["events"][0]["evidence"]["trigger"]
        assert doc["text"][trigger["start"]:trigger["end"]] == trigger["text"], "offsets point into the text"
        boko = client.get("/api/actors/NGA-BOKO-HARAM").json()
        assert boko["as_source"] and boko["network"]["edges"]
        assert all(e["source"] == "NGA-BOKO-HARAM" or e["target"] == "NGA-BOKO-HARAM" for e in boko["network"]["edges"])
        weeks = client.get("/api/timeline", params={"by": "week", "country": "NGA"}).json()["counts"]
        assert {w["period"] for w in weeks} >= {"2024-03-11"}
        acled = client.get("/api/export", params={"format": "acled", "country": "NGA"})
        assert acled.status_code == 200 and acled.text.startswith("event_id_cnty,event_date,year,")
        geojson = client.get("/api/export", params={"format": "geojson"}).json()
        assert geojson["type"] == "FeatureCollection"


def test_every_response_carries_the_security_headers_and_writes_need_the_token(read_only_desk: Desk, desk: Desk):
    with read_only_desk.client() as client:
        answer = client.get("/api/stats")
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        closed = client.post("/api/events/merge", json={"ids": [1, 2]})
        assert closed.status_code == 403 and "EVENTLENS_TOKEN" in closed.json()["detail"]
    with desk.client(token=False) as client:
        assert client.post("/api/events/merge", json={"ids": [1, 2]}).status_code == 401
        wrong = client.post("/api/events/merge", json={"ids": [1, 2]}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401


def test_a_correction_made_through_the_api_is_stored(desk: Desk):
    with desk.client() as client:
        event = client.get("/api/events", params={"type": "ASSAULT", "limit": 1}).json()["items"][0]
        fixed = client.post(f"/api/events/{event['id']}/corrections",
                            json={"fields": {"plover_type": "COERCE"}, "reason": "checked"})  # fmt: skip
        assert fixed.status_code == 200 and fixed.json()["plover"]["type"] == "COERCE"
        bad = client.post(f"/api/events/{event['id']}/corrections", json={"fields": {"plover_type": "NOPE"}})
        assert bad.status_code == 400 and "not a PLOVER type" in bad.json()["detail"]
        assert client.get(f"/api/events/{event['id']}").json()["decisions"][-1]["op"] == "correct"


def test_ingest_text_through_the_api_stores_hostile_text_as_it_is(desk: Desk):
    title = 'Raid <script>alert("x")</script> <img src=x onerror=alert(1)>'
    with desk.client() as client:
        job = client.post("/api/ingest/text", json={"title": title, "date": "2024-05-02", "source": "Test Wire",
                                                    "text": "Police arrested nine protesters in Dakar on Monday."})
        assert job.status_code == 200
        done = _wait(client, job.json())
        assert done["status"] == "done" and done["summary"]["added"] == 1, done
        [hit] = client.get("/api/search", params={"q": "Dakar protesters"}).json()["documents"]
        assert hit["title"] == title


def test_watchlist_alerts_on_new_matching_events(desk: Desk):
    with desk.client() as client:
        made = client.post("/api/watchlists", json={"name": "Senegal arrests", "query": {"types": "COERCE or ASSAULT",
                                                    "country": "SEN"}})  # fmt: skip
        assert made.status_code == 200
        job = client.post("/api/ingest/text", json={"text": "Police arrested nine protesters in Dakar, Senegal, "
                                                            "on Monday.", "date": "2024-05-02"})  # fmt: skip
        assert _wait(client, job.json())["status"] == "done"
        assert client.post("/api/alerts/check").json()["new"] >= 1
        [watch] = client.get("/api/watchlists").json()["items"]
        assert watch["unseen"] >= 1
        alert = client.get("/api/alerts", params={"unseen": True}).json()["items"][0]
        assert alert["event"]["plover"]["type"] == "COERCE"


def test_a_tile_server_is_announced_to_the_desk_and_allowed_by_the_policy(desk_store, tmp_path):
    copy = tmp_path / "tiles.db"
    shutil.copy(desk_store, copy)
    for tiled in serve(copy, None, tiles="https://tiles.example.org/{z}/{x}/{y}.png"):
        with tiled.client() as client:
            answer = client.get("/api/config")
            assert answer.json()["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
            policy = answer.headers["content-security-policy"]
            assert "img-src 'self' data: https://tiles.example.org;" in policy and "script-src 'self';" in policy
    with pytest.raises(ValueError, match=r"\{z\}, \{x\} and \{y\}"):
        create_app(f"sqlite:///{copy}", tiles="https://tiles.example.org/tile.png")
