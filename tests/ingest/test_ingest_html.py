"""HTML -> Document via trafilatura, and text/HTML sniffing."""

from __future__ import annotations

import pytest

from eventlens.errors import InputError
from eventlens.ingest import document_from_html, document_from_input, looks_like_html

PAGE = """<!DOCTYPE html>
<html><head><title>Militia clashes near Goma | Lakeside Monitor</title>
<meta property="og:site_name" content="Lakeside Monitor">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2023-05-04T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></nav>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>Militia clashes near Goma</h1>
<p>Fighting broke out on Tuesday between M23 rebels and government troops north of Goma, officials said.</p>
<p>At least twelve civilians were killed and dozens wounded, according to a hospital director.</p>
<p>Share</p>
<p>The army said it had repelled the attack and recaptured two villages along the main road.</p>
<p>71 views0 comments</p>
</article>
<footer><p>Subscribe to our newsletter</p><p>Copyright 2023 Lakeside Monitor</p></footer>
</body></html>"""

BARE = (
    "<html><body><div><p>Updated: Jan 5, 2022</p>"
    "<p>Police arrested four men suspected of smuggling weapons across the border near Chaman, "
    "officials said on Wednesday.</p><p>The men were handed over to the counter-terrorism department.</p>"
    "</div></body></html>"
)


def test_ingest_html_body_and_metadata():
    doc = document_from_html(PAGE, doc_id="goma", url="https://example.org/goma")
    assert doc.title == "Militia clashes near Goma"
    assert doc.author == "Maria Okafor"
    assert doc.source == "Lakeside Monitor"
    assert doc.url == "https://example.org/goma"
    assert (doc.date, doc.date_source) == ("2023-05-04", "metadata")
    assert doc.text.startswith("Fighting broke out on Tuesday")
    assert doc.text.count("\n\n") == 2
    for chrome in ("Home", "cookies", "Share", "views", "Subscribe", "Militia clashes"):
        assert chrome not in doc.text


def test_ingest_html_given_date_and_title_win():
    doc = document_from_html(PAGE, doc_id="goma", date="2023-05-05", title="Clashes near Goma")
    assert (doc.date, doc.date_source) == ("2023-05-05", "record")
    assert doc.title == "Clashes near Goma"


def test_ingest_html_updated_line_when_no_metadata_date():
    doc = document_from_html(BARE, doc_id="chaman")
    assert (doc.date, doc.date_source) == ("2022-01-05", "updated-line")
    assert doc.text.startswith("Police arrested four men")


def test_ingest_html_without_body_raises():
    with pytest.raises(InputError, match=r"\[E001\] shell: no article text"):
        document_from_html("<html><body><script>render()</script></body></html>", doc_id="shell")


def test_ingest_html_sniffing():
    assert looks_like_html(PAGE)
    assert looks_like_html("  <html><body>x</body></html>")
    assert looks_like_html("<div><p>One <a href='x'>link</a></p></div>")
    assert not looks_like_html("Troops used <armoured> vehicles, officials said.")
    assert document_from_input(BARE, doc_id="b").date_source == "updated-line"
    doc = document_from_input("Gunmen attacked a convoy near Gao on Friday, the army said.", doc_id="t")
    assert doc.text == "Gunmen attacked a convoy near Gao on Friday, the army said."
