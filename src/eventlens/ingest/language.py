"""Which language a document is in (py3langid, a langid.py model shipped on PyPI).

eventlens reads English reporting; a document confidently in another language is skipped
with that reason, and counted as skipped in the run's summary. Short texts (under 20
words) and uncertain guesses are kept: a headline-length snippet is not enough to judge.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import NotEnglish
from ..model import Document

MIN_WORDS = 20
MIN_PROBABILITY = 0.95
SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang), float(prob)


def skip_non_english(doc: Document) -> Document:
    """``doc``, or an empty Document whose error says which language it is in."""
    if not doc.ok or len(doc.text.split()) < MIN_WORDS:
        return doc
    lang, prob = language_of(doc.text)
    if lang == "en" or prob < MIN_PROBABILITY:
        return doc
    where = doc.origin or doc.id
    reason = NotEnglish(f"{where}: skipped: the text is in language '{lang}' (p={prob:.2f}), not English; "
                        "eventlens reads English reporting")  # fmt: skip
    return Document(id=doc.id, text="", url=doc.url, origin=doc.origin, errors=[str(reason)])
