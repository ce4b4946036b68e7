"""Line-aware sentence boundaries: a headline, dateline or list item never runs into the next line.

Scraped and wire text carries structure in its line breaks that spaCy's parser, trained on
running prose, ignores ("...leaves 15 dead\\n\\nSoldiers arrested..." becomes one sentence).
This component, added before the parser, starts a sentence after every line break; the
parser still splits inside lines.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "eventlens_line_breaks"


def line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a newline as a sentence start."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def add_line_breaks(nlp: Language) -> None:
    """Insert :func:`line_breaks` before the parser (idempotent)."""
    if COMPONENT in nlp.pipe_names:
        return
    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=line_breaks)
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe(COMPONENT, before=before)
    else:
        nlp.add_pipe(COMPONENT, first=True)
