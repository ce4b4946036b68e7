"""The trigger lexicon (``data/triggers.yaml``): which words make which event."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .ontology import load_ontology


@dataclass(frozen=True)
class TriggerEntry:
    """One way a word can trigger an event, with the codes it carries."""

    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    plover_type: str
    plover_mode: str
    cameo: str
    acled: tuple[str, str] | None
    confidence: float
    poss: str = "source"
    objects: tuple[str, ...] = ()  # the trigger needs one of these as object/modifier
    particles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    context: tuple[str, ...] = ()
    object_role: str = "target"
    target_preps: tuple[str, ...] = ()

    def constrained_for(self, lemma: str) -> bool:
        """Whether matching ``lemma`` needs a particular object or particle."""
        return bool(self.objects) or lemma in self.particles


def _strings(values: Any, what: str) -> tuple[str, ...]:
    items = tuple(values or ())
    if not all(isinstance(v, str) for v in items):
        # YAML reads unquoted on/off/yes/no as booleans: write them quoted
        raise ValueError(f"{what} must be strings (quote on/off/yes/no): {items!r}")
    return items


def _entry(raw: dict[str, Any]) -> TriggerEntry:
    plover = raw["plover"]
    return TriggerEntry(
        lemmas=tuple(raw["lemmas"]),
        pos=tuple(raw["pos"]),
        plover_type=plover[0],
        plover_mode=plover[1] or "",
        cameo=str(raw["cameo"]),
        acled=tuple(raw["acled"]) if raw.get("acled") else None,  # type: ignore[arg-type]
        confidence=float(raw.get("confidence", 0.5)),
        poss=raw.get("poss", "source"),
        objects=_strings(raw.get("object", ()), "object"),
        particles={k: _strings(v, f"particle_for[{k}]") for k, v in (raw.get("particle_for") or {}).items()},
        context=tuple(raw.get("context", ())),
        object_role=raw.get("object_role", "target"),
        target_preps=tuple(raw.get("target_preps", ())),
    )


def lexicon_texts() -> list[tuple[str, str]]:
    """(name, YAML text) of ``data/triggers.yaml`` and every ``data/lexicon/*.yaml``."""
    data = resources.files("eventlens").joinpath("data")
    texts = [("triggers.yaml", data.joinpath("triggers.yaml").read_text("utf-8"))]
    folder = data.joinpath("lexicon")
    if folder.is_dir():
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".yaml"):
                texts.append((f"lexicon/{item.name}", item.read_text("utf-8")))
    return texts


@lru_cache(maxsize=1)
def load_lexicon() -> dict[tuple[str, str], list[TriggerEntry]]:
    """Index ``(lemma, POS) -> entries``, constrained entries first; validated against the ontology."""
    ontology = load_ontology()
    index: dict[tuple[str, str], list[TriggerEntry]] = {}
    raws = [(name, raw) for name, text in lexicon_texts() for raw in (yaml.safe_load(text) or [])]
    for name, raw in raws:
        try:
            entry = _entry(raw)
            ontology.check(entry.plover_type, entry.plover_mode, entry.cameo, entry.acled)
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"data/{name}: bad trigger entry {raw!r}: {exc}") from exc
        for lemma in entry.lemmas:
            for pos in entry.pos:
                index.setdefault((lemma, pos), []).append(entry)
    for (lemma, _pos), entries in index.items():
        entries.sort(key=lambda e: not e.constrained_for(lemma))
    return index
