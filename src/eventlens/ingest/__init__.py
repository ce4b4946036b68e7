"""User inputs -> :class:`~eventlens.model.Document` with clean body text.

Stable entry points: :func:`document_from_text`, :func:`document_from_html`,
:func:`document_from_input` and :func:`read_inputs`. The ``document_from_*`` functions
raise :class:`~eventlens.errors.InputError` for unusable input; :func:`read_inputs`
never raises for bad input and yields an error Document instead.
"""

from .files import read_inputs
from .html import document_from_html, document_from_input, looks_like_html
from .text import document_from_text

__all__ = [
    "document_from_html",
    "document_from_input",
    "document_from_text",
    "looks_like_html",
    "read_inputs",
]
