"""A real desk on loopback: uvicorn serving ``create_app`` in a thread over a store of the
bundled examples and the dedup corpus (ingested once through the real pipeline)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from eventlens.api import ingest
from eventlens.config import Settings
from eventlens.serve import create_app

from ..conftest import EXAMPLES

CORPUS = Path(__file__).parent.parent / "link" / "data" / "one_attack_five_outlets.jsonl"
TOKEN = "test-token-8f3a"


@dataclass
class Desk:
    url: str
    db: str
    token: str | None

    def client(self, token: bool = True) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if token and self.token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="session")
def desk_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    ingest([EXAMPLES, CORPUS], Settings(db=f"sqlite:///{path}"))
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_path: Path, token: str | None, **options) -> Iterator[Desk]:
    """Run a desk over ``db_path`` until the caller is done (``options``: for ``create_app``)."""
    url = f"sqlite:///{db_path}"
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, token=token, **options), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield Desk(f"http://127.0.0.1:{port}", url, token)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def desk(desk_store, tmp_path) -> Iterator[Desk]:
    """A desk with the token set, over a copy of the example store (a test may change it)."""
    copy = tmp_path / "desk.db"
    shutil.copy(desk_store, copy)
    yield from serve(copy, TOKEN)


@pytest.fixture(scope="module")
def read_only_desk(desk_store, tmp_path_factory) -> Iterator[Desk]:
    """A desk without a token (read-only), shared by a module's tests."""
    copy = tmp_path_factory.mktemp("ro") / "desk.db"
    shutil.copy(desk_store, copy)
    yield from serve(copy, None)
