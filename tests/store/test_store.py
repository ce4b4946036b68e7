"""Store tests on a real SQLite file and, with ``EVENTLENS_TEST_PG`` set, on PostgreSQL.

``EVENTLENS_TEST_PG=1`` uses ``postgresql://postgres@127.0.0.1:5432/test``; a value that
starts with ``postgres`` is used as the URL. Each test gets a fresh PostgreSQL schema,
dropped afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from eventlens.errors import StoreError
from eventlens.model import Actor, Document, Event, Evidence, Place, Quantity, Span, TimeSpan
from eventlens.store import Store, resolve_url

from .conftest import PG_ENV, _pg_base_url  # noqa: F401  (the store_url fixture is in conftest)


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


def police() -> Actor:
    return Actor("gendarmes", name="Mali gendarmerie", actor_id="MLICOP", country="MLI", sector="police")


def militia() -> Actor:
    return Actor("JNIM", name="Jama'at Nusrat al-Islam wal-Muslimin", actor_id="JNIM", country="MLI")


def make_event(
    plover: str = "COERCE",
    mode: str | None = "arrest",
    cameo: str | None = "173",
    acled: tuple[str | None, str | None] = ("Strategic developments", "Arrests"),
    source: list[Actor] | None = None,
    target: list[Actor] | None = None,
    place: Place | None = None,
    start: str | None = "2024-07-01",
    end: str | None = "2024-07-10",
    factuality: str = "asserted",
    trigger: str = "arrested",
    quantities: list[Quantity] | None = None,
) -> Event:
    sentence = f"Gendarmes {trigger} three activists in the capital."
    at = sentence.index(trigger)
    return Event(
        plover={"type": plover, "mode": mode, "context": ["military"]},
        cameo=cameo,
        acled={"event_type": acled[0], "sub_event_type": acled[1]},
        evidence=Evidence(sentence, 0, len(sentence), Span(trigger, at, at + len(trigger))),
        source=[police()] if source is None else source,
        target=[militia()] if target is None else target,
        location=place,
        date=TimeSpan(start, end, "part_of_month", "in early July") if start or end else None,
        quantities=quantities if quantities is not None else [Quantity("arrested", 3, 3, False, "people")],
        factuality=factuality,
        confidence=0.8,
        attribution="gendarmerie",
    )


def make_doc(doc_id: str = "doc-1", events: list[Event] | None = None, body: str = "Body text.") -> Document:
    return Document(
        id=doc_id,
        text=body,
        title=f"Title of {doc_id}",
        date="2024-08-18",
        date_source="updated-line",
        url=f"https://example.org/{doc_id}",
        source="Example Blog",
        author="A. Writer",
        origin=f"{doc_id}.txt",
        events=[make_event()] if events is None else events,
        errors=[],
    )


def corpus(store: Store) -> None:
    """Four events in two documents: an arrest, an attack, a meeting and a planned withdrawal."""
    mopti = Place("Mopti region", name="Mopti", country="MLI", admin1="Mopti", precision="province")
    ouaga = Place("Ouagadougou", name="Ouagadougou", country="BFA", lat=12.37, lon=-1.53, precision="town")
    goita = Actor("Goïta", name="Assimi Goïta", actor_id="MLIGOV_GOITA", country="MLI")
    traore = Actor("Captain Traoré", name="Ibrahim Traoré", actor_id="BFAGOV_TRAORE", country="BFA")
    store.save(
        make_doc(
            "doc-a",
            [
                make_event(place=mopti, start="2024-06-01", end="2024-06-30"),
                make_event(
                    "ASSAULT",
                    "bombing",
                    "183",
                    ("Explosions/Remote violence", "Suicide bomb"),
                    source=[militia()],
                    target=[],
                    start="2024-07-05",
                    end="2024-07-05",
                    trigger="bombed",
                ),
            ],
        ),
        "1",
    )
    store.save(
        make_doc(
            "doc-b",
            [
                make_event(
                    "CONSULT",
                    "visit",
                    "042",
                    ("Strategic developments", "Agreement"),
                    source=[goita],
                    target=[traore],
                    place=ouaga,
                    start="2024-08-10",
                    end="2024-08-17",
                    trigger="met",
                ),
                make_event(
                    "RETREAT",
                    "withdraw",
                    "087",
                    (None, None),
                    source=[Actor("Niamey", name="Niger government", country="NER")],
                    target=[],
                    start=None,
                    end=None,
                    factuality="planned",
                    trigger="plan",
                ),
            ],
        ),
        "1",
    )


def triggers(rows: list[dict]) -> list[str]:
    return [row["evidence"]["trigger"]["text"] for row in rows]


def test_store_save_added_unchanged_updated(store):
    doc = make_doc()
    assert not store.has_unchanged(doc, "1")
    assert store.save(doc, "1") == "added"
    assert store.has_unchanged(doc, "1")
    assert store.save(doc, "1") == "unchanged"
    assert not store.has_unchanged(doc, "2")
    assert store.save(doc, "2") == "updated"
    changed = make_doc(body="Corrected body text.")
    assert not store.has_unchanged(changed, "2")
    assert store.save(changed, "2") == "updated"
    assert store.count_documents() == 1
    assert store.count_events() == 1
    assert store.document("doc-1")["text"] == "Corrected body text."


def test_store_unchanged_writes_nothing(store):
    store.save(make_doc(), "1")
    before = store.document("doc-1")
    assert store.save(make_doc(), "1") == "unchanged"
    assert store.document("doc-1") == before  # same event ids, same processed_at


def test_store_event_round_trips_to_event_dict(store):
    event = make_event(place=Place("Bamako", name="Bamako", country="MLI", lat=12.65, lon=-8.0))
    store.save(make_doc(events=[event]), "1")
    [row] = store.events()
    assert isinstance(row.pop("id"), int)
    assert row.pop("document_id") == "doc-1"
    assert row.pop("document_title") == "Title of doc-1"
    assert row.pop("document_date") == "2024-08-18"
    assert (row.pop("document_source"), row.pop("document_url"), row.pop("document_outlets")) == (
        "Example Blog", "https://example.org/doc-1", [])
    assert isinstance(row.pop("happening_id"), int) and row.pop("credibility") is None
    assert row.pop("mention_key") == "doc-1@0:10", "document @ sentence start : trigger start"
    assert row == event.to_dict()


def test_store_document_round_trip(store):
    doc = make_doc(events=[make_event(), make_event(trigger="detained")])
    doc.errors = ["resolve: gazetteer missing"]
    store.save(doc, "7")
    stored = store.document("doc-1")
    expected = doc.to_dict()
    for key in ("id", "title", "date", "date_source", "url", "source", "author", "errors", "text"):
        assert stored[key] == expected[key], key
    assert stored["origin"] == "doc-1.txt"
    assert stored["content_hash"] == doc.content_hash
    assert stored["pipeline_version"] == "7"
    assert stored["processed_at"]
    assert triggers(stored["events"]) == ["arrested", "detained"]
    assert "text" not in store.document("doc-1", text=False)
    assert store.document("missing") is None


def test_store_filter_type(store):
    corpus(store)
    assert triggers(store.events(type="coerce")) == ["arrested"]
    assert triggers(store.events(type="ARRESTS")) == ["arrested"]  # ACLED sub-event type
    assert triggers(store.events(type="Strategic developments")) == ["arrested", "met"]
    assert triggers(store.events(type="18")) == ["bombed"]  # CAMEO prefix
    assert triggers(store.events(type="08")) == ["plan"]
    assert store.events(type="PROTEST") == []


def test_store_filter_actor(store):
    corpus(store)
    assert triggers(store.events(actor="GENDARMERIE")) == ["arrested"]
    assert triggers(store.events(actor="mlicop")) == ["arrested"]  # actor id
    assert triggers(store.events(actor="nusrat")) == ["arrested", "bombed"]  # source or target
    assert triggers(store.events(actor="captain")) == ["met"]  # the text as written
    assert store.events(actor="%") == []  # no LIKE wildcards


def test_store_filter_country(store):
    corpus(store)
    assert triggers(store.events(country="bfa")) == ["met"]
    assert triggers(store.events(country="ner")) == ["plan"]
    assert triggers(store.events(country="MLI")) == ["arrested", "bombed", "met"]
    assert store.events(country="ML") == []
    assert store.events(country="SYR") == []


def test_store_filter_dates_overlap(store):
    corpus(store)
    assert triggers(store.events(since="2024-07")) == ["bombed", "met"]  # undated left out
    assert triggers(store.events(until="2024-06-15")) == ["arrested"]  # June range overlaps
    assert triggers(store.events(since="2024-06-30", until="2024-07-05")) == ["arrested", "bombed"]
    assert triggers(store.events(since="2024-08-17", until="2024")) == ["met"]
    assert store.events(since="2025") == []
    for bad in ("July 2024", "2024-13", "2024-02-30"):
        with pytest.raises(ValueError):
            store.events(since=bad)


def test_store_filter_factuality_limit_and_order(store):
    corpus(store)
    assert triggers(store.events()) == ["arrested", "bombed", "met", "plan"]  # by date, undated last
    assert triggers(store.events(include_unhappened=False)) == ["arrested", "bombed", "met"]
    assert store.count_events() == 4
    assert store.count_events(include_unhappened=False) == 3
    assert triggers(store.events(limit=2)) == ["arrested", "bombed"]
    assert triggers(store.events(type="coerce", country="MLI", since="2024-06", actor="gendarm")) == ["arrested"]


def test_store_update_replaces_events(store):
    store.save(make_doc(events=[make_event(trigger="arrested"), make_event(trigger="detained")]), "1")
    store.save(make_doc(events=[make_event(trigger="seized")]), "2")
    rows = store.events()
    assert triggers(rows) == ["seized"]
    assert store.count_events() == 1
    store.save(make_doc(events=[]), "3")
    assert store.count_events() == 0
    assert store.count_documents() == 1


def test_store_failed_save_keeps_previous_version(store):
    store.save(make_doc(events=[make_event(trigger="arrested"), make_event(trigger="detained")]), "1")
    unserialisable = Quantity("killed", 3, 3, unit=object())  # type: ignore[arg-type]
    bad = make_doc(events=[make_event(trigger="killed"), make_event(quantities=[unserialisable])])
    bad.title = "New title"
    with pytest.raises(StoreError, match=r"\[E005\].*doc-1"):
        store.save(bad, "2")
    stored = store.document("doc-1")
    assert stored["title"] == "Title of doc-1"
    assert stored["pipeline_version"] == "1"
    assert triggers(stored["events"]) == ["arrested", "detained"]
    assert store.save(make_doc(events=[make_event(trigger="arrested")]), "2") == "updated"


def test_store_reopen_keeps_data(store_url):
    with Store(store_url) as first:
        corpus(first)
    with Store(store_url) as second:
        assert second.count_documents() == 2
        assert second.count_events() == 4
        assert second.has_unchanged(make_doc("doc-a", events=[]), "1")


def test_store_concurrent_writers(store_url):
    with Store(store_url) as shared:
        errors: list[Exception] = []

        def write(worker: int) -> None:
            try:
                with Store(store_url) as own:
                    for n in range(5):
                        own.save(make_doc(f"w{worker}-{n}", [make_event(), make_event()]), "1")
                        shared.save(make_doc("same", [make_event(trigger=f"t{worker}{n}")]), f"{worker}{n}")
            except Exception as exc:  # collected for the main thread
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert shared.count_documents() == 21
        assert shared.count_events() == 41


def test_store_sqlite_pragmas(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'p.db'}") as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_in_memory_sqlite():
    with Store("sqlite://") as store:
        corpus(store)
        assert store.count_events() == 4


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a database url", "not a database URL"),
        ("oracle://scott@localhost/orcl", "not supported"),
        ("sqlite:////no/such/folder/events.db", "folder exists"),
    ],
)
def test_store_bad_url(url, message):
    with pytest.raises(StoreError, match=message) as info:
        Store(url)
    assert "[E005]" in str(info.value)


def test_store_not_a_database_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not an SQLite file at all, just some text " * 100)
    with pytest.raises(StoreError, match="SQLite database"):
        Store(f"sqlite:///{path}")


def test_store_unreachable_postgres_hides_password():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="server is running") as info:
        Store("postgresql://eventlens:secret@127.0.0.1:1/events?connect_timeout=3")
    assert "secret" not in str(info.value)


def test_store_plain_postgresql_url_uses_psycopg():
    pytest.importorskip("psycopg")
    assert resolve_url("postgresql://postgres@127.0.0.1/test").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://postgres@127.0.0.1/test").drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg://u@h/d").drivername == "postgresql+psycopg"


def _as_before_migrations(url: str, drop_columns: tuple[str, ...] = ()) -> None:
    """Turn a store into one an eventlens from before Alembic made: no ``alembic_version``,
    none of the later tables, columns or search index (and ``drop_columns`` of events gone too)."""
    engine = create_engine(url)
    with engine.begin() as con:
        for name in ("event_actor_search_ai", "event_actor_search_ad", "event_actor_search_au",
                     "document_search_ai", "document_search_ad", "document_search_au", "happening_actor_search_ai",
                     "happening_actor_search_ad", "happening_actor_search_au"):
            con.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for table in ("event_actor_search", "happening_actor_search", "document_search", "mentions", "actors",
                      "places", "sentences", "event_links", "event_decisions", "sources", "alerts", "watchlists",
                      "happenings",
                      "alembic_version"):
            con.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        con.exec_driver_sql("DELETE FROM store_facts")
        for column in ("happening_id", "mention_key", "credibility", *drop_columns):
            con.exec_driver_sql(f"DROP INDEX IF EXISTS ix_events_{column}")
            con.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {column}")
    engine.dispose()


def test_store_migrates_a_database_from_before_migrations(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store:
        store.save(make_doc("kept", [make_event(trigger="held", start="2019-05-01", end="2024-03-20")]), "1")
    _as_before_migrations(url, drop_columns=("timeframe",))
    store = Store(url)
    event = make_event()
    event.timeframe = "historical"
    store.save(make_doc(events=[event]), "1")
    assert {row["document_id"]: row["timeframe"] for row in store.events()} == {"kept": "recent",
                                                                                "doc-1": "historical"}
    assert store.events(since="2024-03")[0]["document_id"] == "kept", "the longest span was worked out again"
    with store._engine.connect() as con:
        assert con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0004"
    store.close()


def test_store_since_finds_long_spans_reaching_into_the_range_and_lists_undated_last(store):
    store.save(make_doc("many", [make_event(trigger=f"t{i}", start=f"2024-0{1 + i % 9}-01", end=f"2024-0{1 + i % 9}-02")
                                 for i in range(30)]), "1")  # fmt: skip
    store.save(make_doc("long", [make_event(trigger="held", start="2019-05-01", end="2024-03-20")]), "1")
    store.save(make_doc("undated", [make_event(trigger="undated", start=None, end=None)]), "1")
    found = store.events(since="2024-03")
    assert found[0]["document_id"] == "long", "a span from 2019 reaches March 2024: it comes first"
    assert [e["document_id"] for e in found].count("many") == sum(1 + i % 9 >= 3 for i in range(30))
    assert store.events(since="2024-03-21", until="2024-03-31") == []
    everything = store.events(limit=100)
    assert everything[-1]["document_id"] == "undated" and len(everything) == 32
    assert [e["document_id"] for e in store.events(limit=31)][-1] != "undated"
    assert store.events(limit=40, since="2019-06")[0]["document_id"] == "long"


def test_store_actor_search_index_follows_updates_and_is_built_for_older_files(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with Store(url) as store:
        store.save(make_doc("a", [make_event(source=[Actor("Wagner fighters", name="Wagner Group")])]), "1")
        assert [e["document_id"] for e in store.events(actor="wagner")] == ["a"]
        store.save(make_doc("a", [make_event(source=[Actor("Fulani herders")], trigger="raided")]), "2")
        assert store.events(actor="wagner") == [] and len(store.events(actor="ULANI HERD")) == 1
    _as_before_migrations(url)  # a database from before the index
    with Store(url) as reopened:
        assert len(reopened.events(actor="fulani")) == 1 and reopened.events(actor="wagner") == []
        assert reopened._has_search("event_actor_search")


def test_store_actor_filter_gives_the_same_page_for_common_and_rare_names(tmp_path, monkeypatch):
    from eventlens.store import queries

    url = f"sqlite:///{tmp_path / 'names.db'}"
    with Store(url) as store:
        for i in range(12):
            source = [Actor("Wagner fighters" if i % 3 else "Fulani herders")]
            store.save(make_doc(f"d{i}", [make_event(source=source, trigger=f"t{i}", start=f"2024-01-{i + 1:02d}",
                                                     end=f"2024-01-{i + 1:02d}")]), "1")  # fmt: skip
        looked_up = [e["document_id"] for e in store.events(actor="wagner", limit=5)]
        monkeypatch.setattr(queries, "RARE", 3)  # now "wagner" is a common name: read off the date index
        scanned = [e["document_id"] for e in store.events(actor="wagner", limit=5)]
        assert looked_up == scanned == ["d1", "d2", "d4", "d5", "d7"]
        assert [e["id"] for e in store.happenings(actor="fulani")] == [e["id"] for e in store.happenings()
                                                                       if "Fulani" in e["source"][0]["text"]]


def test_store_an_outlet_carrying_the_same_text_is_one_more_source_of_its_events(store):
    store.save(make_doc("wire", [make_event()]), "1")
    [before] = store.happenings()
    store.add_outlet("wire", {"id": "copy", "url": "https://other.example/copy", "source": "Other Daily",
                              "origin": "copy.txt"})  # fmt: skip
    [after] = store.happenings()
    assert (before["n_sources"], after["n_sources"]) == (1, 2) and "Other Daily" in after["sources"]


def test_store_re_processing_a_report_keeps_its_events_id(store):
    store.save(make_doc("solo", [make_event()]), "1")
    [before] = store.happenings()
    store.save(make_doc("solo", [make_event()]), "2")  # a new pipeline version: its mentions are replaced
    [after] = store.happenings()
    assert after["id"] == before["id"] and store.count_happenings() == 1
