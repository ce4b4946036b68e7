"""Plain text -> Document: chrome removal, title, author and date rules."""

from __future__ import annotations

import pytest

from eventlens.errors import InputError
from eventlens.ingest import document_from_text

BLOG = """Skip to content
Home | Analysis | Podcasts | About Us | Contact
top of page
  • Writer's pictureCol. (ret.) Maria Okafor, PhD
  • 4 min read

Sahel juntas tighten grip on northern gold mines

Published: March 9, 2023

Share

Mali's transitional authorities have sent troops to three artisanal gold sites near Kidal, \
according to local officials. Miners said soldiers arrived on Monday and ordered them to register.

Share prices of two mining firms listed in Toronto fell after the announcement.

The move follows clashes in February between armed groups over the sites, in which at least \
14 people were killed.

We use cookies to give you the best experience. By continuing you accept our cookie policy.

Subscribe to our newsletter
158 views2 comments
bottom of page
"""

WIRE = """Rebels seize border town in eastern Congo

GOMA, Democratic Republic of Congo, May 4, 2023 (Reuters) - M23 rebels took control of the \
border town of Bunagana on Thursday, residents said.

The army said it was regrouping its forces south of the town.
"""


def test_ingest_text_blog_chrome_removed():
    doc = document_from_text(BLOG, doc_id="blog")
    assert doc.title == "Sahel juntas tighten grip on northern gold mines"
    assert doc.author == "Maria Okafor"
    assert (doc.date, doc.date_source) == ("2023-03-09", "updated-line")
    assert doc.text.startswith("Mali's transitional authorities")
    assert doc.text.endswith("14 people were killed.")
    for chrome in ("top of page", "Writer's picture", "min read", "views", "cookie", "Subscribe", "Home |"):
        assert chrome not in doc.text
    assert "Share prices of two mining firms" in doc.text  # a real sentence starting with "Share" stays
    assert "\n\n" in doc.text and "\n\n\n" not in doc.text


def test_ingest_text_paragraphs_and_trailing_spaces():
    doc = document_from_text("First paragraph here.   \r\n\r\n\r\nSecond\tparagraph  here.  ", doc_id="p")
    assert doc.text == "First paragraph here.\n\nSecond paragraph here."


def test_ingest_text_wire_dateline_with_year_gives_date():
    doc = document_from_text(WIRE, doc_id="wire")
    assert doc.title == "Rebels seize border town in eastern Congo"
    assert (doc.date, doc.date_source) == ("2023-05-04", "dateline")
    assert doc.text.startswith("GOMA, Democratic Republic of Congo, May 4, 2023 (Reuters) - M23")


def test_ingest_text_dateline_without_year_leaves_date_empty():
    text = (
        "KABUL, March 3 (Reuters) - Taliban fighters seized a district headquarters in Badakhshan "
        "province on Wednesday, a provincial official said.\n\nFighting continued overnight."
    )
    doc = document_from_text(text, doc_id="k")
    assert doc.date is None and doc.date_source is None
    assert doc.title is None
    assert doc.text.startswith("KABUL, March 3 (Reuters) -")


def test_ingest_text_given_date_wins():
    text = "BAMAKO, Mali (AP) — Gunmen attacked a village in central Mali, killing 20 people, officials said."
    doc = document_from_text(text, doc_id="m", date="2022-06-19")
    assert (doc.date, doc.date_source) == ("2022-06-19", "record")
    doc = document_from_text(BLOG, doc_id="blog", date="2023-03-10T08:00:00Z")
    assert (doc.date, doc.date_source) == ("2023-03-10", "record")


def test_ingest_text_given_title_is_not_repeated_in_body():
    doc = document_from_text(WIRE, doc_id="w", title="Rebels seize border town in eastern Congo")
    assert doc.text.startswith("GOMA,")


def test_ingest_text_no_title_from_first_sentence():
    text = (
        "Police detained four men near Chaman on Tuesday\n"
        "after a gunfight with border guards, officials said.\n\nThe men were handed over."
    )
    doc = document_from_text(text, doc_id="wrap")
    assert doc.title is None
    assert doc.text.startswith("Police detained four men")


def test_ingest_text_byline_and_posted_line():
    text = (
        "Drone strike hits fuel depot in Hodeidah\n\nBy Samir Haddad and Lena Fischer\n\n"
        "A drone struck a fuel depot in the port city of Hodeidah overnight, port workers said.\n\n"
        "Posted on 12 January 2024"
    )
    doc = document_from_text(text, doc_id="d")
    assert doc.author == "Samir Haddad and Lena Fischer"
    assert doc.date == "2024-01-12"
    assert doc.text == "A drone struck a fuel depot in the port city of Hodeidah overnight, port workers said."


def test_ingest_text_keeps_sentences_that_resemble_chrome():
    text = (
        "Updated figures released on March 3, 2022 showed 40 dead.\n\n"
        "The EU regulator said websites must let users reject cookies as easily as they accept them.\n\n"
        "Sign up for the militia was low this year, the ministry said."
    )
    doc = document_from_text(text, doc_id="s")
    assert doc.text.count("\n\n") == 2
    assert doc.date is None


@pytest.mark.parametrize("text", ["", "   \n\n ", "top of page\nShare\n71 views0 comments\nbottom of page"])
def test_ingest_text_empty_raises_input_error(text):
    with pytest.raises(InputError, match=r"\[E001\].*no text left"):
        document_from_text(text, doc_id="e")


def test_ingest_text_bad_date_raises_input_error():
    with pytest.raises(InputError, match="yyyy-mm-dd"):
        document_from_text("Something happened today, the police said.", doc_id="x", date="18/08/2021")
