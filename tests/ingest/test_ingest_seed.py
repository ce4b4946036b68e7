"""The project's acceptance example: the scraped seed blog post."""

from __future__ import annotations

from eventlens.config import Settings
from eventlens.ingest import document_from_text, read_inputs


def test_ingest_seed_article(seed_article):
    doc = document_from_text(seed_article.read_text(encoding="utf-8"), doc_id="seed")
    assert doc.title == "Pakistani intelligence worries about Shiite fighters, demobilized by Tehran"
    assert (doc.date, doc.date_source) == ("2021-08-18", "updated-line")
    assert doc.author == "Eyal Pinko"
    assert doc.text.startswith("Iran has pulled")
    for chrome in ("top of page", "views", "bottom of page", "Writer's picture", "Updated:"):
        assert chrome not in doc.text


def test_ingest_seed_article_read_inputs(seed_article):
    (doc,) = read_inputs([seed_article], Settings())
    assert doc.ok and doc.id == "article" and doc.origin == str(seed_article)
    assert doc.text.startswith("Iran has pulled")
