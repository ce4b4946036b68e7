"""Label conventions shared by the suites: PLOVER penta classes, old labels, mode spellings."""

from __future__ import annotations

NONE = "NONE"
"""The prediction when the system found no (matching) event; always wrong."""

PENTA: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT"), 1),
    **dict.fromkeys(("AID", "COOPERATE", "CONCEDE", "RETREAT", "YIELD"), 2),
    **dict.fromkeys(("ACCUSE", "REQUEST", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE"), 4),
}
"""PLOVER root type -> quad ("penta") class: 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict. Checked against ``plv_train.jsonl``: the majority
``gold_penta`` of every ``gold_root`` agrees (the plover suite reports the agreement)."""

OLD_TYPES: dict[str, str] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
"""Today's PLOVER types -> the older label a data set may use (``YIELD`` = CONCEDE + RETREAT)."""

MODE_SPELLINGS: dict[str, str] = {"PRIMATIVE": "PRIMITIVE", "SIEZE": "SEIZE"}
"""Misspelt modes in labelled data -> the ontology's spelling (upper case)."""


def penta_of(plover_type: str) -> int | None:
    """The penta class of a PLOVER type (``None`` for ``NONE`` or an unknown type).

    Uses ``eventlens.coding.ontology.penta_of`` when the ontology provides one.
    """
    from ..coding import ontology

    lookup = getattr(ontology, "penta_of", None)
    value = lookup(plover_type) if callable(lookup) and plover_type in ontology.load_ontology().plover else None
    return value if isinstance(value, int) else PENTA.get(plover_type)


OLD_BY_CAMEO_ROOT: dict[str, str] = {"03": "AGREE", "05": "SUPPORT"}
"""The older labels predate CONCEDE and were cut along CAMEO roots: a promise to give way
(CAMEO 035, under 03 "express intent to cooperate") was AGREE, an apology (055, under 05
"diplomatic cooperation") SUPPORT, and YIELD was CAMEO 08 ("yield")."""


def old_type(plover_type: str, cameo: str | None = None) -> str:
    """The type under the older PLOVER labels: RETREAT becomes YIELD; CONCEDE becomes what its
    CAMEO root was then (AGREE for a promise, CAMEO 03x), else YIELD; others are unchanged."""
    if plover_type == "CONCEDE" and cameo and cameo[:2] in OLD_BY_CAMEO_ROOT:
        return OLD_BY_CAMEO_ROOT[cameo[:2]]
    return OLD_TYPES.get(plover_type, plover_type)


def norm_mode(mode: str | None) -> str:
    """Upper-case, trimmed mode with known misspellings fixed; ``""`` for no mode."""
    value = (mode or "").strip().upper().replace("_", "-")
    return MODE_SPELLINGS.get(value, value)
