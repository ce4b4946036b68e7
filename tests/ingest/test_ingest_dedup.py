"""The same article, or the same wire story on other sites, is processed once."""

from __future__ import annotations

from eventlens.api import extract_many, ingest
from eventlens.config import Settings
from eventlens.store import Store

WIRE = (
    "Gunmen attacked a convoy carrying aid workers near the town of Kaga Bandoro on Tuesday, killing two "
    "drivers and wounding three others, the United Nations mission said. The convoy was travelling from "
    "Bangui with food for displaced families when it came under fire on the main road north of the town. "
    "Peacekeepers were sent to the area and the wounded were taken to the mission hospital, a spokesman said."
)


def _corpus(tmp_path):
    (tmp_path / "a_wire.txt").write_text(WIRE)
    (tmp_path / "b_copy.txt").write_text(WIRE)  # the same text, another outlet
    (tmp_path / "c_rewrite.txt").write_text(WIRE.replace("the United Nations mission said", "the UN mission said")
                                            + " Read more stories on our website.")  # fmt: skip
    (tmp_path / "d_other.txt").write_text("Hundreds of students protested in Dakar on Monday against a rise in bus "
                                          "fares, and police fired tear gas to disperse them, witnesses said.")
    return tmp_path


def test_extract_processes_a_repeated_story_once_and_keeps_input_order(tmp_path):
    docs = list(extract_many([_corpus(tmp_path)]))
    assert [d.id for d in docs] == ["a_wire", "b_copy", "c_rewrite", "d_other"]
    a, b, c, d = docs
    assert a.duplicate_of is None and a.events
    assert (b.duplicate_of, c.duplicate_of) == ("a_wire", "a_wire") and not b.events and not c.events
    assert d.duplicate_of is None and d.events


def test_ingest_stores_one_document_with_every_outlet(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    (tmp_path / "in").mkdir()
    summary = ingest([_corpus(tmp_path / "in")], Settings(db=db))
    assert (summary.added, summary.duplicates) == (2, 2)
    store = Store(db)
    stored = store.document("a_wire")
    assert [o["id"] for o in stored["outlets"]] == ["b_copy", "c_rewrite"]
    assert store.document("b_copy") is None
    store.close()


def test_a_copy_arriving_in_a_later_run_is_recognised_as_a_duplicate(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    (tmp_path / "monday").mkdir()
    (tmp_path / "tuesday").mkdir()
    (tmp_path / "monday" / "a_wire.txt").write_text(WIRE)
    first = ingest([tmp_path / "monday"], Settings(db=db))
    (tmp_path / "tuesday" / "b_copy.txt").write_text(WIRE)
    (tmp_path / "tuesday" / "c_rewrite.txt").write_text(
        WIRE.replace("on Tuesday", "on Tuesday morning") + " Follow us for more.")
    (tmp_path / "tuesday" / "d_other.txt").write_text(
        "Hundreds of students protested in Dakar on Monday against a rise in bus fares, and police fired "
        "tear gas to disperse them, witnesses said. The protest began outside the university and moved "
        "to the ministry of transport, where riot police blocked the road for several hours.")
    second = ingest([tmp_path / "tuesday"], Settings(db=db))
    assert first.added == 1
    assert (second.added, second.duplicates) == (1, 2)
    with Store(db) as store:
        assert [o["id"] for o in store.document("a_wire")["outlets"]] == ["b_copy", "c_rewrite"]
        assert store.document("c_rewrite") is None and store.document("d_other") is not None


def test_a_changed_version_of_the_same_document_is_no_duplicate_of_itself(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    (tmp_path / "a_wire.txt").write_text(WIRE)
    ingest([tmp_path], Settings(db=db))
    (tmp_path / "a_wire.txt").write_text(WIRE + " The mission said it would investigate.")
    again = ingest([tmp_path], Settings(db=db))
    assert (again.updated, again.duplicates) == (1, 0)
