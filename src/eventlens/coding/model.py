"""The event-type model: a sparse multinomial logistic regression over trigger features.

It is trained by :mod:`eventlens.coding.train` from the sentences in ``data/training/``
(written for this project) and shipped as JSON in ``data/models/``. Inference needs only
the standard library and numpy: a sum of the weights of the features present, a softmax
with a calibration temperature. Two heads: the PLOVER type (or ``NONE``: not an event)
and the mode given the type.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

NONE = "NONE"


@dataclass
class LinearModel:
    """Sparse linear scores per class; ``predict`` gives calibrated probabilities."""

    classes: list[str]
    bias: list[float]
    weights: dict[str, dict[int, float]]  # feature -> {class index: weight}
    temperature: float = 1.0

    def scores(self, features: list[str] | dict[str, float]) -> list[float]:
        """Bias plus the weights of the features present (a dict gives each feature a value)."""
        values = features if isinstance(features, dict) else dict.fromkeys(features, 1.0)
        total = list(self.bias)
        for feat, value in values.items():
            for idx, weight in self.weights.get(feat, {}).items():
                total[idx] += weight * value
        return total

    def predict(self, features: list[str] | dict[str, float], allowed: set[str] | None = None) -> dict[str, float]:
        """Probability per class (only ``allowed`` classes, renormalised, when given)."""
        scores = self.scores(features)
        pairs = [(c, s / self.temperature) for c, s in zip(self.classes, scores, strict=True)]
        if allowed is not None:
            pairs = [(c, s) for c, s in pairs if c in allowed]
        if not pairs:
            return {}
        top = max(s for _, s in pairs)
        exps = [(c, math.exp(s - top)) for c, s in pairs]
        norm = sum(e for _, e in exps)
        return {c: e / norm for c, e in exps}

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": self.classes,
            "bias": [round(b, 5) for b in self.bias],
            "temperature": self.temperature,
            "weights": {f: {str(i): round(w, 5) for i, w in ws.items()} for f, ws in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        weights = {f: {int(i): float(w) for i, w in ws.items()} for f, ws in data["weights"].items()}
        return cls(data["classes"], [float(b) for b in data["bias"]], weights, float(data.get("temperature", 1.0)))


@dataclass
class EventModel:
    """The type head and the mode head (mode classes are ``TYPE/mode``)."""

    type_model: LinearModel
    mode_model: LinearModel
    meta: dict[str, Any]

    def type_probs(self, features: list[str]) -> dict[str, float]:
        return self.type_model.predict(features)

    def mode_probs(self, features: list[str], plover_type: str) -> dict[str, float]:
        allowed = {c for c in self.mode_model.classes if c.split("/", 1)[0] == plover_type}
        probs = self.mode_model.predict(features, allowed)
        return {c.split("/", 1)[1]: p for c, p in probs.items()}

    def save(self, path: Path) -> None:
        data = {"meta": self.meta, "type": self.type_model.to_json(), "mode": self.mode_model.to_json()}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def load_event_model(path: str | Path | None = None) -> EventModel | None:
    """The shipped model (``data/models/event_model.json``), or ``None`` if it is missing."""
    if path is not None:
        return _load(str(path))
    return _load_packaged()


@lru_cache(maxsize=1)
def _load_packaged() -> EventModel | None:
    ref = resources.files("eventlens").joinpath("data/models/event_model.json")
    if not ref.is_file():
        return None
    return _parse(json.loads(ref.read_text("utf-8")))


@lru_cache(maxsize=4)
def _load(path: str) -> EventModel:
    return _parse(json.loads(Path(path).read_text("utf-8")))


def _parse(data: dict[str, Any]) -> EventModel:
    return EventModel(LinearModel.from_json(data["type"]), LinearModel.from_json(data["mode"]), data.get("meta", {}))
