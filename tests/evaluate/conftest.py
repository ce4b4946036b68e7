"""Fixture files in the suites' formats, written here (never copied from ../shared)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

PLOVER_ROWS = [
    ("Police arrested twelve protesters in Nairobi on Monday.", "Police", "twelve protesters", "COERCE", 4),
    ("Rebels attacked an army convoy near Gao on Sunday, killing four soldiers.", "Rebels", "an army convoy",
     "ASSAULT", 4),
    ("Chad's foreign minister condemned Sudan over the shelling of border villages.", "Chad's foreign minister",
     "Sudan", "ACCUSE", 3),
    ("The junta released forty political prisoners on Friday.", "The junta", "forty political prisoners",
     "YIELD", 2),
    ("The weather in Lisbon was mild for the season.", "The weather", "Lisbon", "AGREE", 1),
]  # fmt: skip

STORIES = [
    ("Police Detain Dozens After Market Clashes",
     "Police in the capital detained 35 people on Saturday after clashes between traders and municipal guards "
     "at the central market, a police spokesman said. Officers arrested the suspects overnight.",
     "COERCE", "ARREST"),
    ("Militants Storm Village in {country_1}",
     "Gunmen attacked a village in the north on Tuesday, killing nine civilians and burning homes, local "
     "officials said. The attackers fled into the forest after the raid.",
     "ASSAULT", "FIREARMS"),
    ("Teachers Walk Out Over Pay",
     "Thousands of teachers went on strike on Monday demanding higher salaries, the national teachers union "
     "said. Schools across the country were closed as the strike began.",
     "PROTEST", "STRIKE"),
    ("Quiet Week for Regional Markets",
     "Prices of maize and rice were stable this week in most regional markets, traders said.",
     "AGREE", ""),
]  # fmt: skip


def write_plover(path: Path, rows=PLOVER_ROWS) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, (sentence, source, target, root, penta) in enumerate(rows):
            record = {"sentence": sentence, "source": source, "target": target, "gold_root": root,
                      "gold_penta": penta, "uid": i}  # fmt: skip
            fh.write(json.dumps(record) + "\n")
    return path


def write_stories(path: Path, rows=STORIES) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["disclaimer", "text", "title", "source", "label", "mode"])
        for title, text, label, mode in rows:
            writer.writerow(["written for the eventlens tests", text, title, "tests", label, mode])
    return path


@pytest.fixture
def plover_rows() -> list[tuple]:
    return list(PLOVER_ROWS)


@pytest.fixture
def story_rows() -> list[tuple]:
    return list(STORIES)


@pytest.fixture
def plover_file(tmp_path: Path) -> Path:
    return write_plover(tmp_path / "plv.jsonl")


@pytest.fixture
def stories_file(tmp_path: Path) -> Path:
    return write_stories(tmp_path / "stories.csv")


@pytest.fixture
def fake_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``shared/`` folder holding the fixture files at the suites' default paths."""
    root = tmp_path / "shared"
    (root / "data" / "plover").mkdir(parents=True)
    write_plover(root / "data" / "plover" / "plv_train.jsonl")
    write_stories(root / "data" / "plover" / "synthetic_stories.csv")
    monkeypatch.setenv("EVENTLENS_SHARED", str(root))
    return root
