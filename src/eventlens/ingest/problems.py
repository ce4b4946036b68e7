"""Bad input becomes a Document carrying one E001 message instead of an exception."""

from __future__ import annotations

from ..config import Settings
from ..errors import InputError
from ..model import Document


def error_document(doc_id: str, origin: str | None, error: InputError | str) -> Document:
    """An empty Document whose one error says what was wrong and what to do."""
    message = str(error if isinstance(error, InputError) else InputError(error))
    return Document(id=doc_id, text="", origin=origin, errors=[message])


def enforce_max_chars(doc: Document, settings: Settings) -> Document:
    """``doc`` itself, or an error Document if its clean text exceeds ``settings.max_chars``."""
    if len(doc.text) <= settings.max_chars:
        return doc
    where = doc.origin or doc.id
    return error_document(
        doc.id,
        doc.origin,
        f"{where}: text is {len(doc.text):,} characters after cleaning, more than the limit of "
        f"{settings.max_chars:,} (Settings.max_chars, env EVENTLENS_MAX_CHARS); split the document "
        "or raise the limit",
    )
