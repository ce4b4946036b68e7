"""Duplicates before work: the same article twice, or the same wire story on many sites.

A document whose clean text is identical to an earlier one's (content hash), or nearly so
(MinHash over word 3-grams, estimated Jaccard similarity >= 0.8), is not processed again:
it points at the first one (``Document.duplicate_of``), and its outlet is kept as another
source of that document. Earlier means earlier in this run (datasketch's LSH index) or
stored by an earlier run, when a store is given: the store keeps each document's sketch
and its LSH bands (:meth:`~eventlens.store.Store.near_copies`), so tomorrow's copy of
today's wire story is recognised too. Documents under 30 words are only matched exactly:
a headline-length text is too short to judge similarity.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

import numpy as np

from ..model import Document

THRESHOLD = 0.8
NUM_PERM = 128
MIN_WORDS = 30
_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 3) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}


@lru_cache(maxsize=1)
def _band_shape() -> tuple[int, int]:
    """(bands, rows per band) of the LSH index: the same for the run's index and the store's."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=max(0.5, THRESHOLD - 0.2), num_perm=NUM_PERM)  # finds candidates generously
    return lsh.b, lsh.r


def sketch_of(text: str) -> Any | None:
    """The MinHash of ``text`` (``None`` under ``MIN_WORDS`` words)."""
    if len(text.split()) < MIN_WORDS:
        return None
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM)
    sketch.update_batch(list(_shingles(text)))
    return sketch


def sketch_bytes(sketch: Any) -> bytes:
    return np.asarray(sketch.hashvalues, dtype="<u8").astype("<u4").tobytes()


def bands_of(sketch: Any) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of that band's rows) for every LSH band of ``sketch``."""
    bands, rows = _band_shape()
    values = np.asarray(sketch.hashvalues, dtype="<u8").astype("<u4")
    out = []
    for band in range(bands):
        digest = hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little") >> 1))  # fits a signed BIGINT
    return out


def similarity(sketch: Any, stored: bytes) -> float:
    """Estimated Jaccard similarity of ``sketch`` and a stored sketch (:func:`sketch_bytes`)."""
    ours = np.asarray(sketch.hashvalues, dtype="<u8").astype("<u4")
    theirs = np.frombuffer(stored, dtype="<u4")
    return float(np.count_nonzero(ours == theirs)) / len(ours) if len(theirs) == len(ours) else 0.0


class Deduplicator:
    """Remembers the documents of a run; :meth:`original_of` says which one a document repeats
    (looking in ``store`` too, when given, for documents of earlier runs)."""

    def __init__(self, threshold: float = THRESHOLD, store: Any = None) -> None:
        from datasketch import MinHashLSH

        self._exact: dict[str, str] = {}
        self.threshold = threshold
        self.store = store
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
        if self.store is not None and (stored := self.store.copy_of(doc)) is not None:
            return stored
        self._exact[digest] = doc.id
        sketch = sketch_of(doc.text)
        if sketch is None:
            return None
        close = [key for key in self._lsh.query(sketch) if sketch.jaccard(self._sketches[key]) >= self.threshold]
        if close:
            return min(close, key=lambda key: int(key.split("\x1f")[0])).split("\x1f", 1)[1]  # the earliest
        if self.store is not None:
            stored_close = [(doc_id, similarity(sketch, data)) for doc_id, data in self.store.near_copies(sketch)
                            if doc_id != doc.id]
            stored_close = [(doc_id, sim) for doc_id, sim in stored_close if sim >= self.threshold]
            if stored_close:
                return max(stored_close, key=lambda pair: pair[1])[0]
        key = f"{self._seen}\x1f{doc.id}"
        self._lsh.insert(key, sketch)
        self._sketches[key] = sketch
        self._seen += 1
        return None
