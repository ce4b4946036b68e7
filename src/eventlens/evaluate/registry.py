"""The suites by name. A new suite is a class following :class:`~eventlens.evaluate.suite.Suite`
plus one entry here; the CLI (``eventlens eval NAME``) and the gate pick it up."""

from __future__ import annotations

from .details import DetailsSuite
from .geo import GeoSuite
from .plover import PloverSuite
from .stories import StoriesSuite
from .suite import Suite

SUITES: dict[str, type[Suite]] = {
    "details": DetailsSuite,
    "geo": GeoSuite,
    "plover": PloverSuite,
    "stories": StoriesSuite,
}
"""Suite name -> suite class."""


def get_suite(name: str) -> Suite:
    """An instance of the named suite; ``KeyError`` naming the known suites otherwise."""
    try:
        return SUITES[name]()
    except KeyError:
        raise KeyError(f"unknown suite {name!r}; known: {', '.join(sorted(SUITES))}") from None
