"""Every command, setting and error code a user meets is documented in docs/."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from eventlens import errors
from eventlens.cli import app
from eventlens.config import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands() -> list[str]:
    return sorted(cmd.name or cmd.callback.__name__ for cmd in app.registered_commands)


@pytest.mark.parametrize("command", _commands())
def test_docs_every_command_documented(command):
    assert f"## `eventlens {command}" in (DOCS / "cli.md").read_text()


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Settings)])
def test_docs_every_setting_documented(field):
    assert f"`{field}`" in (DOCS / "pipeline.md").read_text()


@pytest.mark.parametrize(
    "code",
    sorted(
        cls.code for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.EventlensError)
    ),
)
def test_docs_every_error_code_documented(code):
    assert f"`{code}`" in (DOCS / "errors.md").read_text()


def test_docs_pages_link_to_existing_pages():
    import re

    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([\w\-]+\.md)\)", page.read_text()):
            assert (DOCS / target).exists(), f"{page.name} links to missing {target}"
