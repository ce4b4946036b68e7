"""The one data model every pipeline stage reads and adds to.

A :class:`Document` enters the pipeline from ``eventlens.ingest`` with its clean body
text; the NLP stage adds sentences and mentions; coding adds :class:`Event` records;
the resolve stages fill in actors, places, dates, quantities and factuality. Storage,
export and the API consume these objects (or their ``to_dict()`` form), never spaCy's.

All character offsets (``start``/``end``) point into ``Document.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

FACTUALITY = ("asserted", "reported", "alleged", "planned", "hypothetical", "negated")
"""Factuality values, from most to least certain that the event happened."""

HAPPENED = ("asserted", "reported")
"""Factuality values that count towards "what happened" views and counts."""

TIMEFRAMES = ("recent", "ongoing", "historical", "future")
"""When an event stands to its report: news of the day, still going on, background that ended
more than a year before the report, or not yet happened."""

PLACE_PRECISIONS = ("town", "near_town", "district", "province", "country", "region")
DATE_PRECISIONS = ("day", "part_of_month", "month", "season", "year", "open", "range")


@dataclass
class Span:
    """A stretch of the document's clean text."""

    text: str
    start: int
    end: int


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """Who acts or is acted upon; ``text`` is the words in the document."""

    text: str
    name: str | None = None
    actor_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER/CAMEO-style sector, e.g. "military", "government"
    cameo_code: str | None = None  # e.g. "PAKSPY"
    start: int | None = None
    end: int | None = None
    inferred: str | None = None  # set when the role is not named in the event's sentence: how it was found


@dataclass
class Place:
    """A resolved place; ``precision`` is one of :data:`PLACE_PRECISIONS`."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonames_id: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class TimeSpan:
    """A date range; ``start``/``end`` are ISO dates (inclusive)."""

    start: str | None
    end: str | None
    precision: str | None = None
    text: str | None = None
    from_document_date: bool = False  # True when no time expression governed the event


@dataclass
class Quantity:
    """A number as a range: "some 300 fighters" -> low=high=300, approximate."""

    role: str | None
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None  # "people", "USD", ...
    text: str = ""
    per: str | None = None  # rate, e.g. "month" for "$300 per month"
    start: int | None = None
    end: int | None = None


@dataclass
class Evidence:
    """The sentence an event came from and the word(s) that triggered it."""

    sentence: str
    start: int
    end: int
    trigger: Span


@dataclass
class Mention:
    """A named or generic reference found by the NLP stage (entity, title, group noun)."""

    text: str
    start: int
    end: int
    label: str  # spaCy entity label or "GENERIC"
    sentence: int
    actor: Actor | None = None
    place: Place | None = None


@dataclass
class Event:
    """One event as coded from one sentence (an event mention)."""

    plover: dict[str, Any]  # {"type", "mode", "context": []}
    cameo: str | None
    acled: dict[str, str | None]  # {"event_type", "sub_event_type"}
    evidence: Evidence
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: TimeSpan | None = None
    quantities: list[Quantity] = field(default_factory=list)
    factuality: str = "asserted"
    factuality_cues: list[str] = field(default_factory=list)  # every cue found: ["alleged", "planned"]
    confidence: float = 0.5
    attribution: str | None = None  # who says so ("police", "Shamkhani")
    timeframe: str = "recent"  # one of TIMEFRAMES
    sentence_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("sentence_index")
        return data


@dataclass
class ActorFact:
    """A number about an actor rather than an event: "the 5,000 to 7,000 fighters of the
    brigade" -> the brigade's ``group strength``, 5,000-7,000."""

    actor_id: str | None
    name: str | None
    role: str  # "group strength"
    quantity: Quantity
    sentence: str
    start: int  # the mention's span in the document text
    end: int


@dataclass
class MainEvent:
    """What a whole document reports: its main PLOVER type and mode, with probabilities."""

    type: str
    mode: str = ""
    confidence: float = 0.0
    mode_confidence: float = 0.0
    alternatives: dict[str, float] = field(default_factory=dict)  # the next most likely types


@dataclass
class Document:
    """A document travelling through the pipeline."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # publication date, ISO yyyy-mm-dd
    date_source: str | None = None  # "record", "metadata", "updated-line", "dateline"
    url: str | None = None
    source: str | None = None  # outlet
    author: str | None = None
    origin: str | None = None  # file (and line) it was read from
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    main_event: MainEvent | None = None  # the story's main type (coding.main_event)
    actor_facts: list[ActorFact] = field(default_factory=list)  # numbers about actors (group strength)
    duplicate_of: str | None = None  # the earlier document of the run this one repeats (not processed)
    errors: list[str] = field(default_factory=list)
    nlp: Any = field(default=None, repr=False, compare=False)  # the spaCy Doc, transient

    @property
    def content_hash(self) -> str:
        """SHA-256 of the clean text and the metadata that changes the result."""
        key = "\x1f".join([self.text, self.title or "", self.date or ""])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @property
    def ok(self) -> bool:
        return not self.errors

    def sentence_of(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset``."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def to_dict(self, *, text: bool = True) -> dict[str, Any]:
        """The output record: ``{"id", "title", "date", "events", "errors", ...}``."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "url": self.url,
            "source": self.source,
            "author": self.author,
            "events": [event.to_dict() for event in self.events],
            "main_event": asdict(self.main_event) if self.main_event else None,
            "actor_facts": [asdict(fact) for fact in self.actor_facts],
            "duplicate_of": self.duplicate_of,
            "errors": list(self.errors),
        }
        if text:
            data["text"] = self.text
        return data
