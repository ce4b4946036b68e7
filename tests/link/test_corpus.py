"""One attack reported by five outlets, five other attacks of the same kind in the same country and
week: through the real pipeline and store, six events; analysts' merges and splits survive re-runs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eventlens.api import process
from eventlens.ingest import read_inputs
from eventlens.store import Store

CORPUS = Path(__file__).parent / "data" / "one_attack_five_outlets.jsonl"
ANSWERS = {row["id"]: row["happening"] for row in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def docs(settings):
    return list(process(read_inputs([CORPUS], settings), settings))


def _save_all(store: Store, docs, version: str) -> None:
    for doc in docs:
        store.save(doc, version)


def _attack_of(store: Store) -> dict[str, int]:
    """Each article's attack: the happening holding most of its recent ASSAULT mentions."""
    votes: dict[str, Counter] = {doc_id: Counter() for doc_id in ANSWERS}
    for event in store.events():
        if event["plover"]["type"] == "ASSAULT" and event["timeframe"] != "historical":
            votes[event["document_id"]][event["happening_id"]] += 1
    return {doc_id: counts.most_common(1)[0][0] for doc_id, counts in votes.items()}


def test_five_outlets_one_attack_and_five_other_attacks_are_six_events(docs, store_url):
    with Store(store_url) as store:
        _save_all(store, docs, "1")
        attack = _attack_of(store)
        assert len(set(attack.values())) == 6, attack
        a = {attack[d] for d, h in ANSWERS.items() if h == "A"}
        assert len(a) == 1, "the five reports of the Mainok attack are one event"
        assert len({attack[d] for d, h in ANSWERS.items() if h != "A"} - a) == 5
        event = store.happening(a.pop())
        assert event["n_documents"] == 5 and event["n_sources"] == 5
        assert event["date"]["start"] == "2024-03-12" and event["location"]["admin1"] == "Borno"
        [killed] = [q for q in event["quantities"] if q["role"] == "killed"]
        assert (killed["low"], killed["high"]) == (12, 16), "the toll is the range across the reports"
        assert event["first_reported"] == "2024-03-13" and event["last_reported"] == "2024-03-14"
        joined = [link for link in event["links"] if link["score"] is not None]
        assert joined and all(link["reason"].startswith("same type ASSAULT") for link in joined)


def test_hand_split_and_merge_survive_a_rerun(docs, store_url):
    with Store(store_url) as store:
        _save_all(store, docs, "1")
        attack = _attack_of(store)
        a, gwoza = attack["ol5-01"], attack["ol5-08"]
        event = store.happening(a)
        broadcast = [m["id"] for m in event["mentions"] if m["document_id"] == "ol5-09"]
        apart = store.split_happening(a, broadcast, reason="WBS names no village")
        merged = store.merge_happenings([gwoza, attack["ol5-06"]], reason="test: one campaign")
        store.set_credibility(broadcast[0], 3, reason="single source")
        store.grade_source("WBS News", "b")

        _save_all(store, docs, "2")  # every document processed again: all mentions replaced
        again = _attack_of(store)
        assert again["ol5-09"] != again["ol5-01"], "the split is kept"
        assert again["ol5-08"] == again["ol5-06"], "the merge is kept"
        assert len({again[d] for d in ("ol5-01", "ol5-03", "ol5-05", "ol5-07")}) == 1
        split_off = store.happening(again["ol5-09"])
        assert split_off["credibility"] == 3 and split_off["reliability"] == "B"
        assert {"split", "credibility"} <= {d["op"] for d in split_off["decisions"]}
        assert apart and merged == gwoza


def test_search_actors_and_actor_filter_over_the_stored_corpus(docs, store_url):
    with Store(store_url) as store:
        _save_all(store, docs, "1")
        found = store.search("Mainok attacks")
        assert found and {f["id"] for f in found} <= {d for d, h in ANSWERS.items() if h == "A"}
        assert "[" in found[0]["snippet"], "the matched words are marked"
        assert store.search('"; DROP TABLE documents; --') == [] and store.count_documents() == 10
        [boko] = [a for a in store.actors("boko") if a["key"] == "NGA-BOKO-HARAM"]
        assert boko["mentions"] >= 3 and "Boko Haram" in " ".join(boko["aliases"])
        with_boko = store.happenings(actor="boko haram", type="ASSAULT")
        attack = _attack_of(store)
        assert {attack["ol5-01"], attack["ol5-08"]} <= {e["id"] for e in with_boko}
        assert attack["ol5-04"] not in {e["id"] for e in with_boko}, "bandits in Zamfara"
        assert [e["id"] for e in store.happenings(since="2024-03-16", type="ASSAULT")] == [attack["ol5-10"]]


def test_a_corrected_event_stays_corrected_and_whole_after_a_rerun(docs, store_url):
    from eventlens.errors import StoreError

    with Store(store_url) as store:
        _save_all(store, docs, "1")
        a = _attack_of(store)["ol5-01"]
        mainok = {"name": "Mainok", "country": "NGA", "admin1": "Borno", "lat": 11.83, "lon": 12.65,
                  "precision": "town"}  # fmt: skip
        fixed = store.correct_happening(a, {"plover_type": "COERCE", "location": mainok}, reason="checked map")
        assert fixed["plover"]["type"] == "COERCE" and fixed["location"]["precision"] == "town"
        with pytest.raises(StoreError, match="not a PLOVER type"):
            store.correct_happening(a, {"plover_type": "FIGHT"})
        with pytest.raises(StoreError, match="correctable fields"):
            store.correct_happening(a, {"notes": "x"})

        _save_all(store, docs, "2")
        again = _attack_of(store)  # the mentions keep their own type; the event has the analyst's
        [kept] = {again[d] for d, h in ANSWERS.items() if h == "A"}
        event = store.happening(kept)
        assert event["plover"]["type"] == "COERCE" and event["location"]["name"] == "Mainok"
        assert event["n_documents"] == 5 and "correct" in {d["op"] for d in event["decisions"]}

