"""A stage's version bump re-processes only the documents it can change."""

from __future__ import annotations

from eventlens.api import get_pipeline, ingest
from eventlens.config import Settings
from eventlens.resolve.dates import DateResolver

WITH_EVENT = ("Gunmen attacked a police post in Peshawar on Monday, killing three officers, police said. "
              "The attack was the third on the post this year, and officials said more patrols would follow.")
WITHOUT = ("The city has grown quickly since the 1980s, and its markets stay busy late into the night. "
           "Shares in local firms rose two percent in Karachi, and the weather in Lahore was mild all week.")


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "attack.txt").write_text(WITH_EVENT)
    (folder / "markets.txt").write_text(WITHOUT)
    return folder


def test_refiner_bump_reprocesses_only_documents_with_events(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    folder = _folder(tmp_path)
    first = ingest([folder], Settings(db=db))
    assert first.added == 2 and first.events >= 1
    assert "resolve.dates" in get_pipeline(Settings(db=db)).refiners
    monkeypatch.setattr(DateResolver, "version", "2", raising=False)
    outcomes: dict[str, str] = {}
    bumped = ingest([folder], Settings(db=db), on_document=lambda d, o: outcomes.__setitem__(d.id, o))
    assert outcomes == {"attack": "updated", "markets": "unchanged"}
    again = ingest([folder], Settings(db=db))  # both now carry the new version
    assert (again.unchanged, bumped.updated) == (2, 1)


def test_bump_of_a_stage_that_finds_events_reprocesses_everything(tmp_path, monkeypatch):
    from eventlens.coding.detect import EventCoder

    db = f"sqlite:///{tmp_path / 'x.db'}"
    folder = _folder(tmp_path)
    ingest([folder], Settings(db=db))
    monkeypatch.setattr(EventCoder, "version", "2", raising=False)
    assert ingest([folder], Settings(db=db)).updated == 2
