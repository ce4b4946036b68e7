"""Names the entity recogniser did not mark: known actors everywhere, places where it did not read.

A capitalised run that is a known actor's alias ("Shamkhani") becomes a mention wherever the
entity recogniser left it out. Unless ``Settings.full_parse`` is set, the entity recogniser
reads only the sentences that can hold an event (:mod:`eventlens.nlp.entities`); the others
still say where a story is, so this stage also finds there the names a story's focus is
made of, by lookup: countries, capitals
and demonyms (the actor KB), and, as the whole of a capitalised run, provinces and cities
of 100,000+ people (the gazetteer) — "Vladimir Putin" is no Russian city, and a single
word that is also an English adjective, verb or adverb ("Mobile", "Western") no place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from ..config import Settings
from ..model import Document, Mention
from ..nlp.entities import has_entities
from ..nlp.parse import load_model
from .actor_kb import ActorKB, load_kb
from .gazetteer import Gazetteer, load_gazetteer

CITY_MIN = 100_000
"""A city named in a sentence without entities counts from this population."""


class NameLookup:
    """Adds looked-up place and country names for the sentences without entities."""

    name = "resolve.mentions"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.nlp", "doc.mentions")
    assigns = ("doc.mentions",)

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.kb: ActorKB = load_kb(tuple(str(p) for p in self.settings.actors_files))
        self.gazetteer: Gazetteer = load_gazetteer()

    def __call__(self, doc: Document) -> Document:
        if doc.nlp is not None:
            taken = [(m.start, m.end) for m in doc.mentions]
            found = [m for i, sent in enumerate(doc.nlp.sents)
                     for m in self.looked_up(doc, sent, i, actors_only=has_entities(sent))
                     if not any(s < m.end and m.start < e for s, e in taken)]  # fmt: skip
            doc.mentions = sorted([*doc.mentions, *found], key=lambda m: (m.start, m.end))
        return doc

    def looked_up(self, doc: Document, sent: Span, sent_index: int, actors_only: bool = False) -> list[Mention]:
        """Names of ``sent`` found by lookup, not by the entity recogniser: known actors (the
        whole of a capitalised run), and unless ``actors_only`` places and countries."""
        runs: list[list[Any]] = [[]]
        for tok in sent:
            if tok.is_alpha and len(tok) > 1 and (tok.is_title or tok.is_upper):
                runs[-1].append(tok)
            elif runs[-1]:
                runs.append([])
        return [m for run in runs for m in self._names_in(doc, run, sent_index, actors_only)]

    def _names_in(self, doc: Document, run: list[Any], sent_index: int, actors_only: bool) -> list[Mention]:
        """The known names in a run of capitalised tokens, longest first. Inside a longer run
        ("Pakistani President Zardari") only a country, capital or demonym counts."""
        while run and not run[0].is_upper and run[0].lower_ in STOP_WORDS:
            run = run[1:]  # "As Turkey", "The Pakistani"
        found: list[Mention] = []
        i = 0
        while i < len(run):
            for n in range(min(4, len(run) - i), 0, -1):
                words = run[i : i + n]
                if words[-1].i - words[0].i != n - 1:
                    continue
                span = doc.nlp[words[0].i : words[-1].i + 1]
                label = self._actor_label(span.text) if n == len(run) else None
                if label is None and not actors_only:
                    label = self._label(span.text, whole=n == len(run))
                if label:
                    found.append(Mention(span.text, span.start_char, span.end_char, label, sent_index))
                    i += n
                    break
            else:
                i += 1
        return found

    def _actor_label(self, text: str) -> str | None:
        """PERSON or ORG for a known actor's alias ("Shamkhani", "Pasdaran"); not a country's."""
        ids = self.kb.exact(text)
        entry = self.kb.get(ids[0]) if ids else None
        if entry is None or entry.is_country_level:
            return None
        return "PERSON" if entry.kind == "person" else "ORG"

    def _label(self, text: str, whole: bool) -> str | None:
        if self.kb.demonym(text) or self.kb.plural_demonym(text):
            return "NORP"
        if self.kb.names_country(text) or (text.isupper() and self.kb.acronym(text, countries=True)):
            return "GPE"  # "Pakistan", "Tehran", "US"
        if not whole or (" " not in text and text.lower() in english_words(self.settings.model)):
            return None
        entry = self.gazetteer.best(text)
        if entry is None:
            return None
        if entry.feature in ("country", "admin1") or (entry.feature == "town" and entry.population >= CITY_MIN):
            return "GPE"
        return None


@lru_cache(maxsize=4)
def english_words(model: str) -> frozenset[str]:
    """The adjectives, verbs and adverbs of the pipeline's lemmatizer word list (``lemma_index``;
    its nouns hold proper names too: "texas", "detroit")."""
    nlp = load_model(model)
    if "lemmatizer" not in nlp.pipe_names or not nlp.get_pipe("lemmatizer").lookups.has_table("lemma_index"):
        return frozenset()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    noun = nlp.vocab.strings["noun"]
    return frozenset(w for pos, words in table.items() if pos != noun for w in words)

