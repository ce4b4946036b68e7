"""Shared fixtures: the real spaCy model, parsed documents, paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.config import Settings
from eventlens.model import Document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _own_actor_decisions(tmp_path_factory):
    """The tests never read or write the user's own actor decisions file or config file."""
    mp = pytest.MonkeyPatch()
    mp.setenv("EVENTLENS_ACTOR_DECISIONS", str(tmp_path_factory.mktemp("decisions") / "decisions.jsonl"))
    mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))  # nor the user's config file
    mp.delenv("EVENTLENS_CONFIG", raising=False)
    yield
    mp.undo()
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def parser(settings):
    """The spaCy stage parsing every sentence, with entities (``--full-parse``): the unit tests
    of later stages test those stages; tests/nlp/test_cascade.py tests the first pass."""
    from dataclasses import replace

    from eventlens.nlp.parse import SpacyParser

    return SpacyParser(replace(settings, full_parse=True))


@pytest.fixture(scope="session")
def parse(parser):
    """``parse(text, date=None)`` -> a Document after the spaCy stage."""

    def _parse(text: str, date: str | None = None, doc_id: str = "t") -> Document:
        return parser(Document(id=doc_id, text=text, date=date))

    return _parse


@pytest.fixture(scope="session")
def seed_article() -> Path:
    path = SHARED / "seed" / "article.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on the project's machines)")
    return path


FIRST = ("test_crash_and_concurrency.py",)
"""The longest test files, scheduled first so the two test workers (``make test``: pytest-xdist,
one file per worker at a time) finish together."""


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: 0 if item.path.name in FIRST else 1)
