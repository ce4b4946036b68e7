"""Duplicates before work: the same article twice, or the same wire story on many sites.

Within a run, a document whose clean text is identical to an earlier one's (content hash),
or nearly so (MinHash over word 3-grams, estimated Jaccard similarity >= 0.8, via
datasketch's LSH index), is not processed again: it points at the first one
(``Document.duplicate_of``), and its outlet is kept as another source of that document.
Documents under 30 words are only matched exactly: a headline-length text is too short to
judge similarity.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Document

THRESHOLD = 0.8
NUM_PERM = 128
MIN_WORDS = 30
_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 3) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}


class Deduplicator:
    """Remembers the documents of a run; :meth:`original_of` says which one a document repeats."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self._exact: dict[str, str] = {}
        self.threshold = threshold
        # the index finds candidates generously; each is then checked against the threshold
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - 0.2), num_perm=NUM_PERM)
        self._sketches: dict[str, object] = {}
        self._seen = 0

    def original_of(self, doc: Document) -> str | None:
        """The id of the earlier document ``doc`` duplicates, or None (and ``doc`` is remembered)."""
        if not doc.ok or not doc.text.strip():
            return None
        digest = hashlib.sha256(" ".join(doc.text.split()).encode("utf-8")).hexdigest()
        if digest in self._exact:
            return self._exact[digest]
        self._exact[digest] = doc.id
        if len(doc.text.split()) < MIN_WORDS:
            return None
        from datasketch import MinHash

        sketch = MinHash(num_perm=NUM_PERM)
        sketch.update_batch(list(_shingles(doc.text)))
        close = [key for key in self._lsh.query(sketch) if sketch.jaccard(self._sketches[key]) >= self.threshold]
        if close:
            return min(close, key=lambda key: int(key.split("\x1f")[0])).split("\x1f", 1)[1]  # the earliest
        key = f"{self._seen}\x1f{doc.id}"
        self._lsh.insert(key, sketch)
        self._sketches[key] = sketch
        self._seen += 1
        return None
