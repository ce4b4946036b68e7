"""read_inputs: files, directories, JSONL and stdin; bad input yields an error Document."""

from __future__ import annotations

import gzip
import io
import json
import sys
import time

import pytest

from eventlens.config import Settings
from eventlens.ingest import read_inputs

STORY = (
    "Troops shelled a village near Idlib on Monday, killing three people, rescuers said.\n\n"
    "Residents said the shelling lasted for two hours."
)
PAGE = (
    "<!doctype html><html><head><title>Ceasefire talks stall in Doha</title></head><body><article>"
    "<h1>Ceasefire talks stall in Doha</h1><p>Negotiators left Doha on Sunday without an agreement on a "
    "ceasefire, two officials briefed on the talks said.</p><p>A new round is expected next month, "
    "according to the mediators.</p></article></body></html>"
)


def read(inputs, **settings):
    return list(read_inputs(inputs, Settings(**settings)))


def assert_error(doc, *fragments):
    assert doc.text == ""
    assert len(doc.errors) == 1 and doc.errors[0].startswith("[E001]")
    for fragment in fragments:
        assert fragment in doc.errors[0]


def test_ingest_files_text_and_html(tmp_path):
    (tmp_path / "idlib.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "doha.html").write_text(PAGE, encoding="utf-8")
    txt, html = read([tmp_path / "idlib.txt", tmp_path / "doha.html"])
    assert (txt.id, txt.origin, txt.ok) == ("idlib", str(tmp_path / "idlib.txt"), True)
    assert txt.text == STORY
    assert html.id == "doha" and html.title == "Ceasefire talks stall in Doha"
    assert html.text.startswith("Negotiators left Doha")


def test_ingest_files_directory_recursive_sorted_and_shared_stems(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "report.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a" / "report.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "zeta.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "hidden.txt").write_text(STORY, encoding="utf-8")
    docs = read([tmp_path])
    assert [d.id for d in docs] == ["a/report.html", "zeta", "b/report.txt"]
    assert all(d.ok for d in docs)


def test_ingest_files_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    missing, empty_dir = read([tmp_path / "nope.txt", tmp_path / "empty"])
    assert_error(missing, "nope.txt", "no such file")
    assert missing.origin == str(tmp_path / "nope.txt")
    assert_error(empty_dir, "no .txt")


def test_ingest_files_empty_and_chrome_only(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (tmp_path / "chrome.txt").write_text("top of page\nShare\n12 views0 comments\nbottom of page\n")
    empty, blank, chrome = read([tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "chrome.txt"])
    assert_error(empty, "empty.txt", "empty")
    assert_error(blank, "blank.txt", "no text left")
    assert_error(chrome, "chrome.txt", "no text left")


def test_ingest_files_binary(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "archive.txt").write_bytes(gzip.compress(STORY.encode() * 20))
    (tmp_path / "nul.txt").write_bytes(b"Some text\x00\x01\x02 more" * 50)
    photo, archive, nul = read([tmp_path / "photo.txt", tmp_path / "archive.txt", tmp_path / "nul.txt"])
    assert_error(photo, "photo.txt", "binary", "PNG")
    assert_error(archive, "archive.txt", "binary", "gunzip")
    assert_error(nul, "nul.txt", "binary")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_ingest_files_non_utf8_is_decoded(tmp_path, encoding):
    text = (
        "Café owners in Bogotá said the mayor's office had closed the plaza again after protests.\n\n"
        "The señora quoted by El Tiempo said the police had detained nine people in Medellín."
    )
    if encoding == "cp1252":
        text = text.replace("mayor's", "mayor’s") + " “We will reopen,” she said — twice."
    (tmp_path / "bogota.txt").write_bytes(text.encode(encoding))
    (doc,) = read([tmp_path / "bogota.txt"])
    assert doc.ok
    assert doc.text == text


def test_ingest_files_too_many_bytes_refused_before_reading(tmp_path):
    (tmp_path / "big.txt").write_text(STORY * 100, encoding="utf-8")
    (doc,) = read([tmp_path / "big.txt"], max_bytes=1000)
    assert_error(doc, "big.txt", "bytes", "limit", "MAX_BYTES")


def test_ingest_files_too_many_chars_after_cleaning(tmp_path):
    (tmp_path / "long.txt").write_text(STORY, encoding="utf-8")
    (doc,) = read([tmp_path / "long.txt"], max_chars=50)
    assert_error(doc, "long.txt", f"{len(STORY)} characters", "limit of 50", "max_chars")


def test_ingest_files_20mb_text_is_refused_quickly(tmp_path):
    paragraph = "Security forces said an attack on a checkpoint near the provincial capital was repelled.\n\n"
    (tmp_path / "huge.txt").write_text(paragraph * (20_000_000 // len(paragraph)), encoding="utf-8")
    start = time.perf_counter()
    (doc,) = read([tmp_path / "huge.txt"])
    assert time.perf_counter() - start < 15
    assert_error(doc, "huge.txt", "max_chars")


def test_ingest_files_jsonl_batch_good_and_bad_lines(tmp_path):
    good = {"id": "a1", "text": STORY, "date": "2020-02-03", "url": "https://example.org/a1", "source": "Wire"}
    lines = [
        json.dumps(good),
        "{not json",
        "[1, 2]",
        json.dumps({"id": "a4", "title": "no body"}),
        json.dumps({"id": "a5", "text": STORY, "date": "03/02/2020"}),
        "",
        json.dumps({"html": PAGE}),
        json.dumps({"id": 7, "text": ""}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read([tmp_path / "batch.jsonl"])
    assert [d.id for d in docs] == ["a1", "batch:2", "batch:3", "a4", "a5", "batch:7", "7"]
    first = docs[0]
    assert first.ok and first.text == STORY and first.origin == f"{tmp_path / 'batch.jsonl'}:1"
    assert (first.date, first.date_source, first.url, first.source) == (
        "2020-02-03",
        "record",
        "https://example.org/a1",
        "Wire",
    )
    assert_error(docs[1], "batch.jsonl:2", "not valid JSON")
    assert_error(docs[2], "batch.jsonl:3", "array, not a JSON object")
    assert_error(docs[3], "batch.jsonl:4", '"text" or "html"')
    assert_error(docs[4], "batch.jsonl:5", "03/02/2020", "yyyy-mm-dd")
    assert docs[5].ok and docs[5].title == "Ceasefire talks stall in Doha"
    assert_error(docs[6], "batch.jsonl:8", "empty")


def test_ingest_files_jsonl_oversized_line_skipped(tmp_path):
    lines = [json.dumps({"id": "big", "text": "x " * 5000}), json.dumps({"id": "ok", "text": STORY})]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    big, ok = read([tmp_path / "mixed.jsonl"], max_bytes=2000)
    assert_error(big, "mixed.jsonl:1", "MAX_BYTES")
    assert ok.ok and ok.id == "ok"


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_ingest_files_stdin_text_html_and_jsonl(monkeypatch):
    _stdin(monkeypatch, STORY.encode())
    (doc,) = read(["-"])
    assert (doc.id, doc.origin, doc.text) == ("stdin", "<stdin>", STORY)

    _stdin(monkeypatch, PAGE.encode())
    (doc,) = read(["-"])
    assert doc.title == "Ceasefire talks stall in Doha"

    _stdin(
        monkeypatch, b'{"id": "s1", "text": "Gunmen attacked a convoy, the army said."}\n\n{"id": "s2", "html": ""}\n'
    )
    first, second = read(["-"])
    assert first.ok and first.id == "s1" and first.origin == "<stdin>:1"
    assert_error(second, "<stdin>:3")


def test_ingest_files_stdin_empty(monkeypatch):
    _stdin(monkeypatch, b"")
    (doc,) = read(["-"])
    assert_error(doc, "<stdin>", "no input")


def test_ingest_files_stdin_jsonl_with_a_broken_line_keeps_the_good_records(monkeypatch):
    import io
    import sys

    from eventlens.config import Settings
    from eventlens.ingest import read_inputs

    data = ('{"id": "a", "text": "Troops shelled the border post near Kassala on Friday."}\n'
            "this line is not json\n"
            '{"id": "b", "text": "Protesters marched in Khartoum on Saturday."}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    docs = list(read_inputs(["-"], Settings()))
    assert docs[0].id == "a" and docs[-1].id == "b"
    assert [bool(d.errors) for d in docs] == [False, True, False]
    assert "<stdin>:2" in docs[1].errors[0]


def test_non_english_documents_are_skipped_with_the_language_named(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "Des hommes armés ont attaqué lundi un poste de police dans la région de Gao, tuant trois gendarmes, "
        "selon des sources locales. L'armée malienne a lancé une opération de ratissage dans les villages voisins "
        "et plusieurs suspects ont été interpellés, a indiqué un responsable régional.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "Gunmen attacked a police post in the Gao region on Monday, killing three gendarmes, local sources said. "
        "The Malian army launched a sweep of nearby villages and several suspects were detained, an official said.",
        encoding="utf-8")  # fmt: skip
    from eventlens.api import RunSummary

    docs = list(read_inputs([str(tmp_path)], Settings()))
    by_id = {d.id: d for d in docs}
    assert by_id["en"].ok
    assert not by_id["fr"].ok and "[E007]" in by_id["fr"].errors[0] and "'fr'" in by_id["fr"].errors[0]
    summary = RunSummary()
    for doc in docs:
        summary.count(doc)
    assert (summary.skipped, summary.failed) == (1, 0)
