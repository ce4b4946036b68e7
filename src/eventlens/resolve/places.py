"""Place resolution: ``mention.place`` for place names and ``event.location`` for events.

An event's place, in order: a place in a prepositional phrase of the trigger's clause
("in", "at", "near", "from" after "returned", "to" after "travelled"); the antecedent of
a "where" clause holding the trigger; a province or town inside the source actor's
phrase ("the police of Punjab"); the nearest country named in this or the previous two
sentences; the document's focus country. A name that is itself an actor of the event
("Tehran said") is not its place. Place names the NER missed after a locative preposition
are added as GPE mentions when the gazetteer knows them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pycountry

from ..config import Settings
from ..model import Actor, Document, Event, Mention, Place
from .actor_kb import ActorKB, load_kb
from .gazetteer import GazEntry, Gazetteer, Neighbours, is_admin_name, load_gazetteer, place_key, story_focus

PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "across", "inside", "throughout", "around", "within",
                  "on", "off", "along", "over"}
NEAR_PREPS = {"near", "outside", "around", "off"}
FROM_VERBS = {"return", "withdraw", "pull", "retreat", "flee", "evacuate", "expel", "leave", "come",
              "escape", "repatriate", "deport", "demobilize", "demobilise"}
TO_VERBS = {"visit", "travel", "dispatch", "send", "arrive", "go", "fly", "deploy", "head", "return",
            "move", "relocate", "reassign", "transfer", "enter", "cross"}
PERSON_NOUNS = {"people", "men", "women", "sons", "daughters", "followers", "brigade", "battalion",
                "martyrs", "army", "children", "family", "partisans", "companions", "house"}
_PRECISION = {"country": "country", "admin1": "province", "admin2": "district", "town": "town", "region": "region"}


def _iso3(code: str | None) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else (
        pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    )
    return country.alpha_3 if country else None


def to_place(entry: GazEntry, text: str, start: int | None = None, end: int | None = None,
             precision: str | None = None) -> Place:
    """A :class:`Place` for a gazetteer record; country records get their centre, not a town."""
    return Place(
        text=text, name=entry.name, country=entry.country,
        admin1=entry.admin1,
        lat=entry.lat, lon=entry.lon, precision=precision or _PRECISION[entry.feature],
        geonames_id=entry.geonames_id, start=start, end=end,
    )


def resolve_place(name: str, focus_country: str | None = None) -> Place | None:
    """The most likely place called ``name`` (ISO2/ISO3 ``focus_country`` wins ambiguities)."""
    focus = _iso3(focus_country)
    entry = load_gazetteer().best(name, [focus] if focus else [])
    return to_place(entry, name) if entry else None


def place_in_context(doc: Document, name: str, start: int | None = None, end: int | None = None) -> Place | None:
    """The place ``name`` stands for in ``doc`` (processed by the pipeline): the gazetteer's
    best record given the document's countries and the other places it names."""
    gazetteer = load_gazetteer()
    countries, provinces, near = story_focus(doc, load_kb(()), gazetteer)
    neighbours = Neighbours(gazetteer, [m.text for m in doc.mentions if m.label in PLACE_LABELS] + [name])
    entry = gazetteer.best(name, countries, provinces=provinces, near=near, neighbours=neighbours)
    return to_place(entry, name, start, end) if entry else None


def resolve_spans(
    doc: Document, spans: Sequence[tuple[int, int]], settings: Settings | None = None
) -> list[Place | None]:
    """The places of toponyms whose spans are known (a gold standard's, or a user's), read together:
    the spans become the document's place mentions, replacing any pipeline mention they overlap,
    and each is resolved with all of them as its context. ``doc`` is left unchanged."""
    kept = [replace(m) for m in doc.mentions if not any(m.start < e and s < m.end for s, e in spans)]
    by_span = {(m.start, m.end): m for m in doc.mentions}
    known = []
    for s, e in dict.fromkeys(spans):
        old = by_span.get((s, e))
        label = old.label if old is not None and old.label in PLACE_LABELS else "GPE"
        sent = doc.sentence_of(s)
        known.append(Mention(doc.text[s:e], s, e, label, sent.index if sent else 0))
    view = replace(doc, mentions=sorted([*kept, *known], key=lambda m: (m.start, m.end)), events=[])
    PlaceResolver(settings).resolve_mentions(view, given=True)
    places = {(m.start, m.end): m.place for m in view.mentions}
    return [places.get((s, e)) for s, e in spans]


class PlaceResolver:
    """Fills ``mention.place`` and ``event.location``."""

    name = "resolve.places"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "doc.mentions")
    assigns = ("event.location", "mention.place")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.kb: ActorKB = load_kb(tuple(str(p) for p in self.settings.actors_files))
        self.gazetteer: Gazetteer = load_gazetteer()
        self._provinces: list[str] = []
        self._near: list[tuple[float, float]] = []
        self._neighbours: Neighbours | None = None

    def __call__(self, doc: Document) -> Document:
        countries = self.resolve_mentions(doc)
        for event in doc.events:
            event.location = self.locate(doc, event, countries)
        return doc

    def resolve_mentions(self, doc: Document, given: bool = False) -> list[str]:
        """Fill ``mention.place`` for the document's place names; returns the story's countries.
        ``given``: the place mentions are known toponyms - none is added, none read as a person's name."""
        if not given:
            doc.mentions = sorted([*doc.mentions, *self._missed(doc)], key=lambda m: (m.start, m.end))
            self._relabel_misread_orgs(doc)
        countries, self._provinces, self._near = story_focus(doc, self.kb, self.gazetteer)
        self._neighbours = Neighbours(self.gazetteer, [m.text for m in doc.mentions if m.label in PLACE_LABELS])
        for _ in range(2):  # read every name, then again with the others' readings as context
            for mention in doc.mentions:
                if mention.label in PLACE_LABELS:
                    mention.place = self._mention_place(doc, mention, countries, given)
            self._neighbours.chosen = {
                place_key(m.text): (m.place.lat, m.place.lon, m.place.country, m.place.admin1) for m in doc.mentions
                if m.label in PLACE_LABELS and m.place is not None and m.place.lat is not None
                and m.place.lon is not None and m.place.precision in ("town", "district")
            }  # fmt: skip
        return countries

    # --- mentions -------------------------------------------------------------
    def _mention_place(self, doc: Document, mention: Mention, countries: list[str], given: bool = False
                       ) -> Place | None:
        actor = mention.actor
        if actor is not None and actor.actor_id and not self._country_level(actor.actor_id):
            return None  # an organisation tagged as a place ("Pasdaran")
        ids = self.kb.exact(mention.text) or self.kb.acronym(mention.text, countries=False)
        if ids and not given and not self._country_level(ids[0]):
            return None
        features: tuple[str, ...] = ()
        token = _root(doc, mention.start, mention.end)
        # a known toponym (``given``) keeps every reading open, even when tagged NORP ("Lahore")
        if not given and (mention.label == "NORP" or (token is not None and _name_like_context(token))):
            features = ("country", "admin1")  # "Punjab" tagged NORP; "Brigade of Zainab's people"
            if mention.label == "NORP" and is_admin_name(mention.text):
                features = ("country", "admin1", "admin2")  # "Rapides Parish" tagged NORP
        if not features and (kind := _listed_as(doc, mention)) and any(
            m.entry.feature in kind for m in self.gazetteer.candidates(mention.text)
        ):
            features = kind  # "Douglas, Sarpy and Lancaster counties" (but "U.S. states" is the country)
        if not features and _qualifies(doc, mention) and any(
            m.entry.feature in ("admin1", "country") for m in self.gazetteer.candidates(mention.text)
        ):
            features = ("admin1", "country")  # "Rochester, New York": the state
        entry = self.gazetteer.best(mention.text, countries, features=features, provinces=self._provinces,
                                    near=self._near, neighbours=self._neighbours,
                                    within=_qualifier(doc, mention))
        return to_place(entry, mention.text, mention.start, mention.end) if entry else None

    def _missed(self, doc: Document) -> list[Mention]:
        """Place names the NER left out, after a locative preposition ("across Punjab")."""
        if doc.nlp is None:
            return []
        covered = [(m.start, m.end) for m in doc.mentions]
        found: list[Mention] = []
        for tok in doc.nlp:
            if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.ent_type_ or tok.head.lower_ not in (
                LOCATIVE_PREPS | {"from", "to", "into"}
            ):
                continue
            span = doc.nlp[min([tok.i, *(c.i for c in tok.lefts if c.dep_ == "compound")]) : tok.i + 1]
            if any(s < span.end_char and span.start_char < e for s, e in covered):
                continue
            if self.kb.exact(span.text) and not self.kb.country_of(span.text):
                continue
            entry = self.gazetteer.best(span.text)
            if entry is None or (entry.feature == "town" and entry.population < 15_000):
                continue
            sent = doc.sentence_of(span.start_char)
            found.append(Mention(span.text, span.start_char, span.end_char, "GPE", sent.index if sent else 0))
        return found

    def _relabel_misread_orgs(self, doc: Document) -> None:
        """An unknown "organisation" after a locative preposition that the gazetteer knows is a
        place the NER misread ("a collective in Bamako" tagged ORG)."""
        for mention in doc.mentions:
            actor_id = mention.actor.actor_id if mention.actor is not None else None
            if mention.label != "ORG" or (actor_id and not self._country_level(actor_id)):
                continue  # a known organisation stays one; a capital read as its government may not
            token = _root(doc, mention.start, mention.end)
            if token is None or token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPS:
                continue
            entry = self.gazetteer.best(mention.text)
            if entry is not None and (entry.feature != "town" or entry.population >= 15_000):
                mention.label = "GPE"
                mention.actor = None

    def _country_level(self, actor_id: str) -> bool:
        entry = self.kb.get(actor_id)
        return entry is not None and entry.is_country_level

    # --- events ---------------------------------------------------------------
    def locate(self, doc: Document, event: Event, countries: list[str]) -> Place | None:
        """Where ``event`` happened (see the module docstring for the order of evidence)."""
        sent = doc.sentence_of(event.evidence.start) or (
            doc.sentences[event.sentence_index] if event.sentence_index < len(doc.sentences) else None
        )
        actors = [a for a in [*event.source, *event.target] if a.start is not None and a.end is not None]
        lo, hi = (sent.start, sent.end) if sent else (event.evidence.start, event.evidence.end)
        here = [m for m in doc.mentions if m.place and lo <= m.start < hi]
        free = [m for m in here if not any(_overlaps(m, a) for a in actors)]
        trigger = _root(doc, event.evidence.trigger.start, event.evidence.trigger.end)
        if trigger is not None:
            # a prepositional destination may also be coded as a target ("dispatched envoys to Kabul")
            if found := _clause_place(doc, trigger, here):
                return found
            if found := _where_place(doc, trigger, free):
                return found
            if found := _subtree_place(doc, trigger, free):
                return found
        for actor in event.source:
            inside = [m for m in here if _overlaps(m, actor) and not _is_head(doc, m, actor)]
            for m in inside:
                if m.place and m.place.precision in ("province", "town", "district"):
                    return _copy(m.place)
        return self._nearest_country(doc, sent, free, event, countries)

    def _nearest_country(self, doc: Document, sent: Any, free: list[Mention], event: Event,
                         countries: list[str]) -> Place | None:
        pivot = event.evidence.trigger.start
        for m in sorted(free, key=lambda m: abs(m.start - pivot)):
            if place := self._country_place(m):
                return place
        if sent is not None:
            earlier = [m for m in doc.mentions if sent.index - 2 <= m.sentence < sent.index]
            for m in sorted(earlier, key=lambda m: -m.start):
                if place := self._country_place(m):
                    return place
        if countries:
            entry = self.gazetteer.countries.get(countries[0])
            return to_place(entry, entry.name) if entry else None
        return None

    def _country_place(self, mention: Mention) -> Place | None:
        iso = mention.place.country if mention.place else None
        if iso is None and mention.label in ("GPE", "NORP"):
            iso = self.kb.country_of(mention.text)
        entry = self.gazetteer.countries.get(iso) if iso else None
        if entry is None:
            return None
        if mention.place and mention.place.precision == "country":
            return _copy(mention.place)
        return to_place(entry, entry.name)  # the country of a town or demonym: no town point


# --- helpers on the parse -------------------------------------------------------
_LISTED = re.compile(r"(?:(?:,|,? and|,? or)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?\s*)*\s+(counties|parishes|"
                     r"districts|provinces|states|governorates|regions)\b")
_LISTED_AS = {"counties": ("admin2",), "parishes": ("admin2",), "districts": ("admin2",),
              "provinces": ("admin1",), "states": ("admin1",), "governorates": ("admin1",), "regions": ("admin1",)}


def _listed_as(doc: Document, mention: Mention) -> tuple[str, ...]:
    """The kind of area a list of names ends in: "Douglas, Sarpy and Lancaster counties" -> districts."""
    found = _LISTED.match(doc.text, mention.end, min(len(doc.text), mention.end + 120))
    return _LISTED_AS[found.group(1)] if found else ()


def _qualifies(doc: Document, mention: Mention) -> bool:
    """Whether ``mention`` follows another place name and a comma ("Rochester, New York")."""
    if doc.text[max(0, mention.start - 2) : mention.start] != ", ":
        return False
    return any(m.end == mention.start - 2 and m.label in PLACE_LABELS for m in doc.mentions)


def _qualifier(doc: Document, mention: Mention) -> str | None:
    """The place name written right after ``mention`` and a comma: "Athens, Ga.", "Paris, France"."""
    after = doc.text[mention.end : mention.end + 3]
    if not after.startswith(", "):
        return None
    for m in doc.mentions:
        if m.start == mention.end + 2 and m.label in PLACE_LABELS:
            return m.text
    return None


def _subtree_place(doc: Document, trigger: Any, free: list[Mention]) -> Place | None:
    """A town or province named anywhere under the trigger ("arrested members of a group in Bamako")."""
    subtree = {t.i for t in trigger.subtree}
    for m in sorted(free, key=lambda m: abs(m.start - trigger.idx)):
        span = doc.nlp.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.i not in subtree or m.place is None:
            continue
        if m.place.precision in ("town", "near_town", "district", "province"):
            return _copy(m.place)
    return None


def _root(doc: Document, start: int | None, end: int | None) -> Any:
    if doc.nlp is None or start is None or end is None:
        return None
    span = doc.nlp.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _overlaps(m: Mention, actor: Actor) -> bool:
    return actor.start is not None and actor.end is not None and m.start < actor.end and actor.start < m.end


def _is_head(doc: Document, m: Mention, actor: Actor) -> bool:
    """Whether the mention is the actor itself ("Tehran" in "Tehran said"), not a modifier."""
    root = _root(doc, actor.start, actor.end)
    return root is None or m.start <= root.idx < m.end


def _copy(place: Place) -> Place:
    return replace(place)


def _clause_of(tok: Any) -> Any:
    """The verb heading ``tok``'s clause (``tok`` itself when it is a verb)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _clause_place(doc: Document, trigger: Any, free: list[Mention]) -> Place | None:
    """A place in a prepositional phrase of the trigger (or of its clause)."""
    clause = _clause_of(trigger)
    verbs = {clause.lemma_.lower(), trigger.lemma_.lower()}
    best: tuple[int, Place] | None = None
    for m in free:
        tok = _root(doc, m.start, m.end)
        if tok is None:
            continue
        while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
            tok = tok.head  # "in Syria and Iraq", "their homeland Pakistan"
        if tok.dep_ != "pobj":
            continue
        prep = tok.head
        word = prep.lower_
        if word == "of" and prep.head.lower_ == "out":
            word, prep = "from", prep.head
        attach = prep.head
        if attach != trigger and _clause_of(attach) != clause:
            continue
        ok = word in LOCATIVE_PREPS or (word in ("from", "out") and verbs & FROM_VERBS) or (
            word in ("to", "into") and verbs & TO_VERBS
        )
        if not ok:
            continue
        place = _copy(m.place)
        if word in NEAR_PREPS and place.precision == "town":
            place.precision = "near_town"
        distance = abs(tok.i - trigger.i)
        if best is None or distance < best[0]:
            best = (distance, place)
    return best[1] if best else None


def _where_place(doc: Document, trigger: Any, free: list[Mention]) -> Place | None:
    """ "returned from Tehran, where it met ...": the antecedent of the "where" clause."""
    tok = trigger
    for _ in range(6):
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            antecedent = tok.head
            for m in free:
                if m.start <= antecedent.idx < m.end:
                    return _copy(m.place)
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _name_like_context(token: Any) -> bool:
    """Inside quotation marks, or a possessive before a person noun ("Zainab's people")."""
    sent = token.sent
    if sum(t.text in {'"', "“", "”", "``", "''"} for t in sent.doc[sent.start : token.i]) % 2 == 1:
        return True
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.tag_ == "POS" and token.head.lower_ in PERSON_NOUNS
