"""eventlens: sourced, coded event data from conflict and security reporting.

Stable entry points: :func:`extract`, :func:`extract_many`, :class:`Pipeline`,
:class:`Settings` and the data model classes.
"""

from .api import extract, extract_many
from .config import Settings
from .model import (
    Actor,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Quantity,
    Sentence,
    Span,
    TimeSpan,
)
from .pipeline import Pipeline, build_pipeline

DocumentResult = Document
"""``extract`` returns the processed :class:`Document` (events, errors, clean text)."""

__version__ = "0.1.0"
PIPELINE_VERSION = "2"
"""Bumped when a change alters extracted events; stored with each processed document
(with ``+full`` when every sentence was parsed: ``Settings.full_parse``)."""

__all__ = [
    "Actor",
    "Document",
    "DocumentResult",
    "Event",
    "Evidence",
    "Mention",
    "Pipeline",
    "Place",
    "Quantity",
    "Sentence",
    "Settings",
    "Span",
    "TimeSpan",
    "build_pipeline",
    "extract",
    "extract_many",
]
