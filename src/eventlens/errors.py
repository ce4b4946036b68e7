"""Coded errors: every message carries a code users can search the docs for."""

from __future__ import annotations


class EventlensError(Exception):
    """Base class; ``code`` is stable, the message says what to do."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class InputError(EventlensError):
    """A document could not be read (empty, binary, bad encoding, too large, bad record)."""

    code = "E001"


class ModelNotFound(EventlensError):
    """The configured spaCy pipeline is not installed."""

    code = "E002"


class StageError(EventlensError):
    """A pipeline stage failed on one document."""

    code = "E003"


class PipelineConfigError(EventlensError):
    """Stages are in an order where one reads what no earlier stage writes."""

    code = "E004"


class StoreError(EventlensError):
    """The database could not be opened or written."""

    code = "E005"


class SettingsError(EventlensError):
    """A config file or setting is unreadable, unknown or of the wrong type."""

    code = "E006"


class NotEnglish(EventlensError):
    """A document is not in English; it is skipped (counted, not processed)."""

    code = "E007"
