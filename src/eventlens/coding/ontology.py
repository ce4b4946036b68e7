"""PLOVER, CAMEO and ACLED codes as data (``data/ontology.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Ontology:
    plover: dict[str, dict]
    cameo_roots: dict[str, str]
    acled: dict[str, list[str]]

    def check(self, plover_type: str, mode: str, cameo: str, acled: tuple[str, str] | None) -> None:
        """Raise ``ValueError`` naming the bad code if a coding is not in the ontology."""
        if plover_type not in self.plover:
            raise ValueError(f"unknown PLOVER type {plover_type!r}")
        if mode and mode not in self.plover[plover_type]["modes"]:
            raise ValueError(f"unknown PLOVER mode {mode!r} for {plover_type}")
        if cameo[:2] not in self.cameo_roots:
            raise ValueError(f"unknown CAMEO root in {cameo!r}")
        if acled is not None and acled[1] not in self.acled.get(acled[0], []):
            raise ValueError(f"unknown ACLED sub-event type {acled!r}")


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    text = resources.files("eventlens").joinpath("data/ontology.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return Ontology(plover=raw["plover"], cameo_roots=raw["cameo_roots"], acled=raw["acled"])
