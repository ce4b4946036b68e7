"""The header of a text: masthead, title, byline, place/date line and "Updated" segments."""

from __future__ import annotations

import pytest

from eventlens.ingest import document_from_text
from eventlens.ingest.header import find_title, is_body, is_headline, sentence_count

LOCAL_NEWS = """LA VOZ DEL NORTE — Orden Público / Public Order
Cúcuta, Monday 7 October 2024
By Julián Restrepo

Army and police retake border crossing from armed group after two days of clashes

Troops and police officers regained control of the informal crossing at La Parada on Sunday after \
two days of fighting with members of an armed group, the Defence Ministry said. Four soldiers were wounded.

The mayor of Cúcuta said schools near the crossing would stay closed until Wednesday.
"""

PRESS_RELEASE = """NEWS RELEASE
Joint Task Force Lake Chad — Operation Desert Shield
For immediate release
N'Djamena, Chad, 2 September 2024

Task force rescues 23 fishermen held by insurgents on Lake Chad islands

On 30 August 2024, troops of the Joint Task Force freed 23 fishermen who had been held for a week on \
two islands in the southern part of Lake Chad, the force said in a statement on Monday.

The fishermen were taken to a clinic in Bol for checks.
"""

LIVE_BLOG = """LIVE: Strike paralyses ports as dockworkers walk out — latest
Harbour Times live team | Last updated: Friday 6 June 2025, 21:15 CAT

21:15 — This live page is now closed. Dockworkers' unions said the strike would continue on Saturday \
and that talks with the port authority had broken down.

18:40 — Police used water cannon to disperse pickets outside the container terminal, a union official said.
"""

NGO_REPORT = """HAITI HUMAN SECURITY OBSERVATORY
Flash Report No. 3 — Artibonite Department
Reporting period: 1–10 August 2024
Published: 12 August 2024

Overview

Gang attacks on farming villages in the lower Artibonite valley displaced several thousand people during \
the reporting period, according to observatory monitors and local officials.
"""

LEAD = (
    "Unidentified gunmen attacked a bus station in the provincial capital early on Tuesday, killing "
    "at least six passengers and wounding eleven others, police and hospital staff said."
)


def test_ingest_header_masthead_dateline_byline_then_headline():
    doc = document_from_text(LOCAL_NEWS, doc_id="n")
    assert doc.title == "Army and police retake border crossing from armed group after two days of clashes"
    assert (doc.date, doc.date_source) == ("2024-10-07", "dateline")
    assert doc.author == "Julián Restrepo"
    assert doc.text.startswith("Troops and police officers regained control")
    for header in ("LA VOZ DEL NORTE", "Cúcuta, Monday", "By Julián", "retake border crossing"):
        assert header not in doc.text
    assert doc.text.endswith("would stay closed until Wednesday.")


def test_ingest_header_press_release():
    doc = document_from_text(PRESS_RELEASE, doc_id="pr")
    assert doc.title == "Task force rescues 23 fishermen held by insurgents on Lake Chad islands"
    assert (doc.date, doc.date_source) == ("2024-09-02", "dateline")
    assert doc.text.startswith("On 30 August 2024, troops of the Joint Task Force")
    for header in ("NEWS RELEASE", "Operation Desert Shield", "For immediate release", "N'Djamena, Chad"):
        assert header not in doc.text


def test_ingest_header_updated_segment_inside_a_line():
    doc = document_from_text(LIVE_BLOG, doc_id="live")
    assert doc.title == "LIVE: Strike paralyses ports as dockworkers walk out — latest"
    assert (doc.date, doc.date_source) == ("2025-06-06", "updated-line")
    assert doc.text.startswith("21:15 — This live page is now closed.")
    assert "Last updated" not in doc.text and "Harbour Times" not in doc.text


def test_ingest_header_report_masthead_and_reporting_period_leave():
    doc = document_from_text(NGO_REPORT, doc_id="ngo")
    assert doc.title == "Flash Report No. 3 — Artibonite Department"
    assert (doc.date, doc.date_source) == ("2024-08-12", "updated-line")
    assert doc.text.startswith("Overview\n\nGang attacks on farming villages")
    for header in ("OBSERVATORY", "Reporting period", "Published"):
        assert header not in doc.text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("18 June 2024", "2024-06-18"),
        ("June 18, 2024 14:05 GMT", "2024-06-18"),
        ("KHARTOUM — 18 June 2024", "2024-06-18"),
        ("Port Sudan, Sudan, Tuesday 18 June 2024", "2024-06-18"),
        ("2024-06-18", "2024-06-18"),
    ],
)
def test_ingest_header_place_date_line_gives_dateline(line, iso):
    doc = document_from_text(f"Drone strike hits fuel depot in Port Sudan\n{line}\n\n{LEAD}", doc_id="d")
    assert doc.title == "Drone strike hits fuel depot in Port Sudan"
    assert (doc.date, doc.date_source) == (iso, "dateline")
    assert doc.text == LEAD


def test_ingest_header_updated_line_beats_place_date_line():
    text = f"Beira, 2 March 2024\nUpdated: 4 March 2024\n\nCyclone cuts power to Beira port city\n\n{LEAD}"
    doc = document_from_text(text, doc_id="u")
    assert (doc.date, doc.date_source) == ("2024-03-04", "updated-line")
    assert doc.title == "Cyclone cuts power to Beira port city"
    assert doc.text == LEAD
    doc = document_from_text(text, doc_id="u", date="2024-03-05")
    assert (doc.date, doc.date_source) == ("2024-03-05", "record")
    doc = document_from_text(f"Updated: 2024-03-06\n\n{LEAD}", doc_id="iso")
    assert (doc.date, doc.date_source, doc.text) == ("2024-03-06", "updated-line", LEAD)


def test_ingest_header_byline_with_updated_segment():
    text = f"Gunmen attack bus station in provincial capital\nBy Amina Yusuf | Updated 9 July 2024\n\n{LEAD}"
    doc = document_from_text(text, doc_id="b")
    assert (doc.author, doc.date, doc.date_source) == ("Amina Yusuf", "2024-07-09", "updated-line")
    assert doc.text == LEAD


def test_ingest_header_given_title_drops_furniture_above_it():
    text = f"Security\nGunmen attack bus station in provincial capital\n\n{LEAD}"
    doc = document_from_text(text, doc_id="g", title="Gunmen attack bus station in provincial capital")
    assert doc.text == LEAD


def test_ingest_header_never_drops_short_body_paragraphs():
    text = (
        "Gunmen killed five people in a village near Kaduna on Sunday, police said.\n\n"
        "The attackers fled on motorbikes towards the forest\n\n"
        "Residents said the village had been attacked twice this year."
    )
    doc = document_from_text(text, doc_id="s")
    assert doc.title is None
    assert doc.text == text


def test_ingest_header_hard_wrapped_lead_is_not_a_title():
    text = (
        "THE LAKESIDE HERALD\n\n"
        "Police officers detained nine people in a series of raids in the\n"
        "Kibera and Mathare settlements on Friday, the interior ministry said,\n"
        "adding that more arrests were expected.\n\nThe raids followed a week of protests."
    )
    doc = document_from_text(text, doc_id="w")
    assert doc.title is None
    assert doc.text == text


def test_ingest_header_sentences_and_ranges_are_not_datelines():
    text = f"The ministry updated its toll on 3 May 2024\n1–15 May 2024\n\n{LEAD}"
    doc = document_from_text(text, doc_id="r")
    assert doc.date is None
    assert doc.text.startswith("The ministry updated its toll on 3 May 2024\n1–15 May 2024")


def test_ingest_header_facts_box_labels_stay():
    text = f"Flood update for the north\n\nDeaths: 15\nMissing: 40\n\n{LEAD}"
    doc = document_from_text(text, doc_id="f")
    assert doc.title == "Flood update for the north"
    assert doc.text.startswith("Deaths: 15\nMissing: 40")


@pytest.mark.parametrize(
    "line",
    [
        "NORTHERN SECURITY BULLETIN",  # all caps
        "Ceasefire collapses as 15 May deadline passes",  # a date in it
        "By Amina Yusuf and Tom Reed",  # byline
        "Reporting period: 1–15 May 2024",  # label: value
        "Contact: desk@example.org",
        "2. Background to the crisis",  # numbered section heading
        "Gunmen killed five people on Sunday, police said.",  # a sentence
        "Three words only",
    ],
)
def test_ingest_header_not_headlines(line):
    assert not is_headline(line)


def test_ingest_header_headlines():
    assert is_headline("LIVE: Strike paralyses ports as dockworkers walk out")
    assert is_headline("Can the truce in Gaza hold?")
    assert is_headline("Sudan war: Army retakes bridge after siege")


def test_ingest_header_title_is_last_headline_before_any_sentence():
    kept = [["Regional Desk Weekly Edition", "Army retakes bridge after siege"], [LEAD], ["Later headline-like line"]]
    assert find_title(kept, [(0, 0), (0, 1)]) == 1
    assert find_title([["Army retakes bridge after siege"]], [(0, 0)]) is None  # nothing follows it


def test_ingest_header_body_paragraph_rule():
    assert is_body(LEAD)  # >= 25 words
    assert is_body("Fighting resumed at dawn near the airport. Two civilians were killed, medics said.")
    assert not is_body("Fighting resumed at dawn near the airport, medics said.")
    assert not is_body("Situation Update No. 4 — Gao Region")
    assert sentence_count("Gen. Mahamat met U.S. envoys in No. 4 camp. Talks ended.") == 2
