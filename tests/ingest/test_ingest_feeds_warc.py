"""RSS/Atom feeds and web archives (WARC) as inputs; a bad item or a cut-off archive is its own error."""

from __future__ import annotations

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventlens.api import RunSummary
from eventlens.config import Settings
from eventlens.ingest import read_inputs

PAGE = """<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>
<article><h1>{title}</h1><p>{body}</p><p>The regional governor said the area had been calm for weeks before
the attack, and that reinforcements had been sent from the provincial capital on Wednesday.</p></article>
<footer>Share this story</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Wire</title><link>https://example.org/</link>
<item><title>Gunmen attack market in Mopti</title><link>https://example.org/mopti</link>
<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Gunmen attacked a livestock market near Mopti on Monday, killing at least
nine traders, local officials said.</p>]]></description></item>
<item><title>A title and nothing else</title><link>https://example.org/empty</link></item>
<item><title>Protest in Bamako</title><link>https://example.org/bamako</link>
<pubDate>Wed, 13 Mar 2024 09:30:00 GMT</pubDate>
<description>Hundreds of students protested in Bamako on Tuesday against power cuts, witnesses said.</description>
</item></channel></rss>"""


def _read(paths, **settings):
    return list(read_inputs([str(p) for p in paths], Settings(**settings)))


def test_feed_items_become_documents_and_an_empty_item_is_its_own_error(tmp_path):
    path = tmp_path / "sahel.rss"
    path.write_text(FEED, encoding="utf-8")
    docs = _read([path])
    assert [d.id for d in docs] == ["https://example.org/mopti", "https://example.org/empty", "https://example.org/bamako"]
    good, empty, protest = docs
    assert good.ok and "livestock market near Mopti" in good.text
    assert good.url == "https://example.org/mopti" and good.date == "2024-03-12"
    assert protest.ok and protest.date == "2024-03-13" and protest.title == "Protest in Bamako"
    assert not empty.ok and "item 2" in empty.errors[0] and "no text" in empty.errors[0]
    summary = RunSummary()
    for doc in docs:
        summary.count(doc)
    assert (summary.documents, summary.failed) == (3, 1)


def test_an_xml_file_that_is_a_feed_is_read_as_one(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(FEED, encoding="utf-8")
    assert sum(d.ok for d in _read([path])) == 2


def _warc(pages: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers)  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


def test_warc_responses_become_documents_with_their_urls(tmp_path):
    pages = [(f"https://news.example.org/{i}", PAGE.format(title=f"Clashes in town {i}", body=(
        f"Fighters clashed with soldiers near town number {i} on Tuesday, residents said, and several "
        "houses were burned during the fighting that lasted most of the day.")))
        for i in range(3)]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(pages))
    docs = _read([path])
    assert [d.id for d in docs] == ["crawl-1", "crawl-2", "crawl-3"] and all(d.ok for d in docs)
    assert docs[1].url == "https://news.example.org/1" and "town number 1" in docs[1].text
    assert "Share this story" not in docs[0].text


def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    body = ("Fighters clashed with soldiers on Tuesday, residents said, and several houses were burned "
            "during the fighting that lasted most of the day. ") * 40  # fmt: skip
    whole = _warc([(f"https://news.example.org/{i}", PAGE.format(title=f"Report {i}", body=body)) for i in range(3)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: len(whole) - 60])  # the last record loses its end
    docs = _read([path])
    assert [d.ok for d in docs[:2]] == [True, True]
    assert not docs[-1].ok and "truncated" in docs[-1].errors[0] and "cut.warc.gz record 3" in docs[-1].errors[0]


def test_a_warc_that_is_not_one_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a web archive at all"))
    [doc] = _read([path])
    assert not doc.ok and "junk.warc.gz" in doc.errors[0]


def test_csv_records_with_a_bad_row_in_the_middle(tmp_path):
    import csv as csvlib

    path = tmp_path / "wire.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csvlib.writer(fh)
        writer.writerow(["id", "date", "url", "text"])
        writer.writerow(["w1", "2024-03-12", "https://example.org/1",
                         "Police arrested six men in Kano on Monday over the killing of a local chief."])
        writer.writerow(["w2", "not a date", "", "Soldiers repelled an attack on a base near Maiduguri."])
        writer.writerow(["w3", "", "", "Hundreds of traders protested in Lagos against new market levies."])
    docs = _read([path])
    assert [d.id for d in docs] == ["w1", "w2", "w3"]
    assert docs[0].ok and docs[0].date == "2024-03-12" and docs[0].url == "https://example.org/1"
    assert not docs[1].ok and "wire.csv line 3" in docs[1].errors[0]
    assert docs[2].ok


def test_a_glob_reads_the_files_it_matches(tmp_path, monkeypatch):
    story = "Rebels shelled the town of Kidal on Sunday, killing two civilians, officials said."
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text(story)
    monkeypatch.chdir(tmp_path)
    assert [d.id for d in _read(["*.txt"])] == ["a", "b"]
    [missing] = _read(["*.rss"])
    assert not missing.ok and "no file matches" in missing.errors[0]


def test_an_html_page_of_50_mb_is_a_clear_error_and_the_run_goes_on(tmp_path):
    big = tmp_path / "huge.html"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("<html><body>")
        chunk = "<p>" + "filler text " * 800 + "</p>\n"
        while fh.tell() < 50_500_000:
            fh.write(chunk)
        fh.write("</body></html>")
    small = tmp_path / "small.txt"
    small.write_text("Gunmen attacked a bus near Jos on Friday, killing four passengers, police said.")
    huge, ok = _read([big, small])
    assert not huge.ok and "huge.html" in huge.errors[0] and "larger than the limit" in huge.errors[0]
    assert ok.ok
