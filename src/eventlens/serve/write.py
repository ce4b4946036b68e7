"""The write routes: corrections, merges, splits, grades, watchlists and ingest; each needs the token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from .jobs import JOBS, start_ingest
from .read import MAX_ID, EventId, StoreDep
from .security import token_check

Id = Annotated[int, Field(ge=0, le=MAX_ID)]
MentionId = Annotated[int, PathParam(ge=0, le=MAX_ID, description="A mention id.")]
WatchlistId = Annotated[int, PathParam(ge=0, le=MAX_ID, description="A watchlist id.")]


class Merge(BaseModel):
    ids: list[Id] = Field(min_length=2, max_length=100, description="Event ids; all become the first.")
    reason: str = Field("", max_length=2000)


class Split(BaseModel):
    mentions: list[Id] = Field(min_length=1, max_length=1000, description="Mention ids to move to a new event.")
    reason: str = Field("", max_length=2000)


class Correction(BaseModel):
    fields: dict[str, Any] = Field(description="plover_type, plover_mode, cameo, acled_event_type, "
                                   "acled_sub_event_type, source, target, location, date or factuality")
    reason: str = Field("", max_length=2000)


class Credibility(BaseModel):
    value: int | None = Field(None, ge=1, le=6, description="1 confirmed ... 6 cannot be judged; null clears.")
    reason: str = Field("", max_length=2000)


class Grade(BaseModel):
    reliability: str | None = Field(None, pattern="^[A-Fa-f]$", description="Admiralty A-F; null clears.")
    note: str = Field("", max_length=2000)


class Watchlist(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    query: dict[str, Any] = Field(description="types (list or 'A or B'), actor, country, since, until, happened")
    webhook: str | None = Field(None, max_length=2000)
    include_existing: bool = False


class IngestText(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=1000)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


class IngestUrl(BaseModel):
    url: str = Field(pattern="^https?://", max_length=2000, description="A page or an RSS/Atom feed.")


def write_router(token: str | None) -> APIRouter:
    router = APIRouter(dependencies=[Depends(token_check(token))], tags=["changes"])

    @router.post("/api/events/merge", summary="Merge events that are one happening")
    def merge(store: StoreDep, body: Merge) -> dict[str, Any]:
        return {"id": store.merge_happenings(body.ids, body.reason)}

    @router.post("/api/events/{event_id}/split", summary="Move mentions out of an event into a new one")
    def split(store: StoreDep, event_id: EventId, body: Split) -> dict[str, Any]:
        return {"id": store.split_happening(event_id, body.mentions, body.reason)}

    @router.post("/api/events/{event_id}/corrections", summary="Correct an event's fields (kept across re-runs)")
    def correct(store: StoreDep, event_id: EventId, body: Correction) -> dict[str, Any]:
        return store.correct_happening(event_id, body.fields, body.reason)

    @router.post("/api/mentions/{mention_id}/credibility", summary="Grade one claim's credibility (1-6)")
    def credibility(store: StoreDep, mention_id: MentionId, body: Credibility) -> dict[str, Any]:
        store.set_credibility(mention_id, body.value, body.reason)
        return {"id": mention_id, "credibility": body.value}

    @router.put("/api/sources/{name}", summary="Grade an outlet's reliability (Admiralty A-F)")
    def grade(store: StoreDep, name: str, body: Grade) -> dict[str, Any]:
        store.grade_source(name, body.reliability, body.note)
        return {"name": name, "reliability": body.reliability.upper() if body.reliability else None}

    @router.post("/api/watchlists", summary="Save a query; new matching events become alerts")
    def add_watchlist(store: StoreDep, body: Watchlist) -> dict[str, Any]:
        return store.add_watchlist(body.name, body.query, body.webhook, body.include_existing)

    @router.delete("/api/watchlists/{watchlist_id}", summary="Delete a watchlist and its alerts")
    def delete_watchlist(store: StoreDep, watchlist_id: WatchlistId) -> dict[str, Any]:
        store.delete_watchlist(watchlist_id)
        return {"deleted": watchlist_id}

    @router.post("/api/alerts/check", summary="Check the watchlists now (eventlens watch does it every poll)")
    def check_alerts(store: StoreDep) -> dict[str, Any]:
        return {"new": len(store.check_watchlists())}

    @router.post("/api/alerts/seen", summary="Mark alerts seen")
    def seen(store: StoreDep, ids: list[Id]) -> dict[str, Any]:
        store.mark_alerts(ids[:1000], seen=True)
        return {"seen": len(ids[:1000])}

    @router.post("/api/ingest/text", summary="Ingest pasted text (a job; poll /api/jobs/{id})")
    def ingest_text(store: StoreDep, body: IngestText) -> dict[str, Any]:
        return start_ingest(store.url, texts=[body.model_dump()])

    @router.post("/api/ingest/url", summary="Ingest a page or a feed (a job)")
    def ingest_url(store: StoreDep, body: IngestUrl) -> dict[str, Any]:
        return start_ingest(store.url, urls=[body.url])

    @router.post("/api/ingest/files", summary="Ingest uploaded files: .txt, .html, .jsonl, feeds, WARC (a job)")
    async def ingest_files(store: StoreDep, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
        uploads = [(f.filename or "upload.txt", await f.read()) for f in files[:200]]
        return start_ingest(store.url, files=uploads)

    return router


def jobs_router() -> APIRouter:
    router = APIRouter(tags=["changes"])

    @router.get("/api/jobs/{job_id}", summary="An ingest job's progress and summary")
    def job(job_id: str) -> dict[str, Any]:
        found = JOBS.get(job_id)
        if found is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return found.as_dict()

    return router
