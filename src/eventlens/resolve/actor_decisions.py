"""Analysts' merges and splits of actors: explicit, recorded, reversible.

Nothing merges two actors on its own (a shared alias makes them *ambiguous*, never one).
An analyst decides, with ``eventlens actors merge|split``; each decision is appended to a
JSON-lines file (``EVENTLENS_ACTOR_DECISIONS``, else
``$XDG_CONFIG_HOME/eventlens/actor_decisions.jsonl``) with its time and reason, and the
knowledge base replays the file in order every time it loads. Nothing is ever deleted:
undoing a merge is a new decision (``split`` of the merged id), so the history stays.

- ``merge FROM INTO``: every alias of FROM now links to INTO (FROM stays in the file, redirected).
- ``split ID``: undo the merge of ID (its aliases link to it again).
- ``split ID --alias A --as NEW``: the alias A leaves ID for a new actor NEW (same kind,
  country and sector as ID unless the analyst edits NEW in a user actors file).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from .actor_kb import ActorKB


def decisions_path() -> Path:
    """Where decisions are kept: ``EVENTLENS_ACTOR_DECISIONS``, else the user's config folder."""
    if value := os.environ.get("EVENTLENS_ACTOR_DECISIONS"):
        return Path(value)
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "eventlens" / "actor_decisions.jsonl"


def read_decisions(path: Path | None = None) -> list[dict[str, Any]]:
    """The recorded decisions, oldest first (none if the file does not exist)."""
    path = path or decisions_path()
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise InputError(f"{path} line {number}: {exc}; fix or remove that line") from exc
    return rows


def record(decision: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """Append ``decision`` (with the time) to the decisions file; returns what was written."""
    path = path or decisions_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    row = {"at": datetime.now(UTC).isoformat(timespec="seconds"), **decision}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def check(kb: ActorKB, decision: dict[str, Any]) -> None:
    """Raise :class:`InputError` saying what is wrong with a decision before it is recorded."""
    op = decision.get("op")
    for key in ("from", "into") if op == "merge" else ("id",):
        if decision.get(key) not in kb.entries:
            raise InputError(f"unknown actor id {decision.get(key)!r}; find it with `eventlens actors show NAME`")
    if op == "merge":
        if decision["from"] == decision["into"]:
            raise InputError("an actor cannot be merged into itself")
        if kb.canonical(decision["into"]) == decision["from"]:
            raise InputError(f"{decision['into']} is merged into {decision['from']}; split it first")
    elif op == "split" and decision.get("alias"):
        if not decision.get("new_id") or decision["new_id"] in kb.entries:
            raise InputError("--as NEW_ID must be a new, unused actor id")
        if decision["alias"] not in {kb.entries[decision["id"]].name, *kb.entries[decision["id"]].aliases}:
            raise InputError(f"{decision['alias']!r} is not an alias of {decision['id']}")
    elif op == "split" and decision["id"] not in kb.redirects:
        raise InputError(f"{decision['id']} is not merged into another actor; nothing to split")


def apply(kb: ActorKB, decisions: list[dict[str, Any]]) -> None:
    """Replay ``decisions`` on ``kb`` in order (unknown ids are skipped: a stale decision)."""
    for d in decisions:
        op = d.get("op")
        if op == "merge" and d.get("from") in kb.entries and d.get("into") in kb.entries:
            kb.redirects[d["from"]] = d["into"]
        elif op == "split" and not d.get("alias"):
            kb.redirects.pop(d.get("id"), None)
        elif op == "split" and d.get("id") in kb.entries and d.get("new_id"):
            old = kb.entries[d["id"]]
            alias = d["alias"]
            kb.entries[d["new_id"]] = replace(
                old, id=d["new_id"], name=alias, aliases=(), generated=False, wikidata=None
            )
            kb.entries[d["id"]] = replace(old, aliases=tuple(a for a in old.aliases if a != alias))
            kb.reassign(alias, d["id"], d["new_id"])
