"""Event detection: triggers from the lexicon, roles from the parse -> ``Event`` records.

Rules that keep background text out (the over-coding automated coders are known for):
an adjective use ("armed men") or a participle describing a noun ("a militia deployed
in Syria") is not an event; neither is a relative clause describing a group ("who have
fought since 2013"), nor anything under a wish or worry ("would prefer they not
return"). A trigger with no actor at all is dropped. No sentence gets a fallback code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..config import Settings
from ..model import Actor, Document, Event, Evidence, Span
from ..resolve.factuality import is_wish_or_worry
from .features import trigger_features
from .lexicon import TriggerEntry, load_lexicon
from .model import NONE, EventModel, load_event_model
from .roles import in_brackets_or_quotes, noun_phrase, noun_roles, verb_roles

BACKGROUND_DEPS = {"amod", "compound"}
ANAPHORIC_DETS = {"this", "that", "these", "those", "the"}
NOT_OBJECT_DEPS = {"nsubj", "csubj", "aux", "auxpass", "punct", "cc", "mark", "advcl", "advmod", "npadvmod",
                   "neg", "expl", "parataxis", "conj"}  # fmt: skip
LEXICON_BOOST = 3.0  # odds multiplier for the type the lexicon gives the word
NEW_WORD_MIN = 0.95  # a word not in the lexicon needs this much model probability
NONE_VETO = 0.9  # a lexicon word is dropped only when the model is this sure it is no event
MIN_PROB = 0.35  # below this the coder does not code at all (no fallback codes)


@dataclass
class Coding:
    """What a trigger is coded as, before roles are found."""

    plover_type: str
    plover_mode: str
    cameo: str
    acled: tuple[str, str] | None
    context: tuple[str, ...]
    confidence: float
    entry: TriggerEntry | None


class EventCoder:
    """Finds event triggers in each sentence and codes them in PLOVER, CAMEO and ACLED terms."""

    name = "coding.detect"
    requires = ("doc.nlp", "doc.sentences")
    assigns = ("doc.events",)

    def __init__(self, settings: Settings | None = None, model: EventModel | None = None):
        self.settings = settings or Settings()
        self.lexicon = load_lexicon()
        self.model = model if model is not None else load_event_model()
        self.defaults = _defaults(self.lexicon)

    def __call__(self, doc: Document) -> Document:
        events: list[Event] = []
        for index, sent in enumerate(doc.nlp.sents):
            coded = [(tok, ev) for tok in sent if (ev := self._code(tok, index) or self._anaphor(tok, index, events))]
            _drop_event_nouns_as_targets(coded)
            _rank_embedded(coded)
            events.extend(_merge_same_type([ev for _, ev in coded]))
        doc.events = events
        return doc

    def match(self, tok: Token) -> TriggerEntry | None:
        """The lexicon entry ``tok`` triggers, if any ("cease-fire" is looked up whole)."""
        return lexicon_entry(tok, self.lexicon)

    def classify(self, tok: Token) -> Coding | None:
        """The coding of ``tok`` as a trigger, or ``None`` if it is not one."""
        if not can_trigger(tok):
            return None
        entry = self.match(tok)
        if self.model is None:
            if entry is None:
                return None
            return Coding(entry.plover_type, entry.plover_mode, entry.cameo, entry.acled, entry.context,
                          entry.confidence, entry)  # fmt: skip
        feats = trigger_features(tok)
        probs = self.model.type_probs(feats)
        if entry is not None:
            if probs.get(NONE, 0.0) >= NONE_VETO:
                return None
            probs.pop(NONE, None)
            if entry.plover_type in probs:
                probs[entry.plover_type] *= LEXICON_BOOST
            norm = sum(probs.values()) or 1.0
            probs = {k: v / norm for k, v in probs.items()}
        best = max(probs, key=probs.__getitem__)
        prob = probs[best]
        if best == NONE or prob < MIN_PROB or (entry is None and prob < NEW_WORD_MIN):
            return None
        if entry is not None and entry.plover_type == best:
            return Coding(best, entry.plover_mode, entry.cameo, entry.acled, entry.context, prob, entry)
        modes = self.model.mode_probs(feats, best)
        mode = max(modes, key=modes.__getitem__) if modes else ""
        cameo, acled = self.defaults.get((best, mode)) or self.defaults.get((best, "")) or ("", None)
        if not cameo:
            return None
        return Coding(best, mode, cameo, acled, (), prob, None)

    def _anaphor(self, tok: Token, sent_index: int, earlier: list[Event]) -> Event | None:
        """ "accepted this new deployment": an event noun, the object of a verb, pointing back at
        an event of its type coded in the last two sentences, with no actors of its own, takes
        that event's actors."""
        if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj") or not any(
            c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children
        ):
            return None  # (as a subject, "The talks lasted three hours" describes the event already coded)
        coding = self.classify(tok)
        if coding is None:
            return None
        previous = next((e for e in reversed(earlier) if e.plover.get("type") == coding.plover_type
                         and sent_index - 2 <= e.sentence_index < sent_index), None)  # fmt: skip
        if previous is None:
            return None
        event = self._code(tok, sent_index, coding=coding, force=True)
        if event is None or event.source or event.target:
            return None  # it has actors of its own: the ordinary coder's call
        event.source = [replace(a) for a in previous.source]
        event.target = [replace(a) for a in previous.target]
        return event

    def code_at(self, tok: Token, sent_index: int) -> Event:
        """An event at ``tok`` whatever the lexicon and model say: for evaluating the later
        stages given the trigger (the ``details`` suite), as gold spans are given to ``geo``."""
        coding = self.classify(tok)
        if coding is None:
            best = ""
            if self.model is not None:
                probs = {k: v for k, v in self.model.type_probs(trigger_features(tok)).items() if k != NONE}
                best = max(probs, key=probs.__getitem__) if probs else ""
            cameo, acled = self.defaults.get((best, "")) or ("", None)
            coding = Coding(best, "", cameo, acled, (), 0.1, None)
        event = self._code(tok, sent_index, coding=coding, force=True)
        assert event is not None
        return event

    def _code(self, tok: Token, sent_index: int, coding: Coding | None = None, force: bool = False) -> Event | None:
        coding = coding or self.classify(tok)
        if coding is None or (not force and (_is_background(tok) or is_wish_or_worry(tok))):
            return None
        entry = coding.entry
        if tok.pos_ in {"VERB", "ADJ"}:
            src_heads, tgt_heads = verb_roles(
                tok, entry.object_role if entry else "target", entry.target_preps if entry else ()
            )
        else:
            src_heads, tgt_heads = noun_roles(tok, entry.poss if entry else "source")
        src_heads = [h for h in src_heads if not in_brackets_or_quotes(h) or in_brackets_or_quotes(tok)]
        if not src_heads and not tgt_heads and not force:
            return None
        source = [_actor(h) for h in src_heads]
        target = [_actor(h) for h in tgt_heads if h not in src_heads]
        sent = tok.sent
        trigger = _trigger_span(tok, entry)
        confidence = coding.confidence + (0.1 if source and target else 0.0)
        return Event(
            plover={"type": coding.plover_type, "mode": coding.plover_mode, "context": list(coding.context)},
            cameo=coding.cameo,
            acled={
                "event_type": coding.acled[0] if coding.acled else None,
                "sub_event_type": coding.acled[1] if coding.acled else None,
            },
            evidence=Evidence(
                sentence=sent.text.rstrip(), start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
                trigger=trigger,
            ),
            source=source,
            target=target,
            confidence=round(min(confidence, 0.95), 3),
            sentence_index=sent_index,
        )


def can_trigger(tok: Token) -> bool:
    """Whether ``tok`` is a word the coder considers at all (a verb, a noun, or an adjective
    with a complement clause: "is willing to withdraw")."""
    if not tok.is_alpha or _hyphen_tail(tok):
        return False
    if tok.pos_ == "ADJ":
        return any(c.dep_ == "xcomp" for c in tok.children)
    return tok.pos_ in {"VERB", "NOUN"}


def lexicon_entry(tok: Token, lexicon: dict[tuple[str, str], list[TriggerEntry]]) -> TriggerEntry | None:
    """The entry of ``lexicon`` that ``tok`` triggers, if any ("cease-fire" is looked up whole)."""
    pos = "VERB" if tok.pos_ in {"VERB", "AUX"} else tok.pos_
    for lemma in _lemmas(tok):  # (ADJ entries match adjectives)
        for entry in lexicon.get((lemma, pos), []):
            if _satisfies(tok, entry):
                return entry
    return None


def _hyphen_tail(tok: Token) -> bool:
    """The "fire" of "cease-fire": part of a hyphenated word that starts earlier."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
        and not doc[tok.i - 1].whitespace_


def _lemmas(tok: Token) -> list[str]:
    """Lookup keys for ``tok``: a hyphenated word whole ("cease-fire", "ceasefire"), then the lemma."""
    doc = tok.doc
    keys = []
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ \
            and not doc[tok.i + 1].whitespace_:
        tail = doc[tok.i + 2].lemma_.lower()
        keys += [f"{tok.lower_}-{tail}", f"{tok.lower_}{tail}"]
    keys.append(tok.lemma_.lower())
    return keys


def _satisfies(tok: Token, entry: TriggerEntry) -> bool:
    if entry.objects:
        args = [c for c in tok.children if c.dep_ not in NOT_OBJECT_DEPS]
        args += [g for c in args if c.dep_ in {"prep", "agent"} for g in c.children if g.dep_ == "pobj"]
        # the object's own modifiers: "gave medical equipment", "imposed a night curfew"
        args += [g for c in args if c.dep_ in {"dobj", "obj", "pobj"} for g in c.children
                 if g.dep_ in {"amod", "compound"}]
        # what the object is said to be: "joined the Basij, a paramilitary force"
        args += [g for c in args if c.dep_ in {"dobj", "obj"} for g in c.children if g.dep_ == "appos"]
        # a quantity's noun: "returned dozens of artifacts", "freed hundreds of prisoners"
        args += [g for c in args if c.dep_ in {"dobj", "obj"} for p in c.children
                 if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        words = {c.lemma_.lower() for c in args} | {c.lower_ for c in args}
        if tok.head.i != tok.i and tok.pos_ == "NOUN":  # "a general strike": the noun's head counts
            words.add(tok.head.lemma_.lower())
        if not words & set(entry.objects):
            return False
    if tok.lemma_.lower() in entry.particles:
        wanted = entry.particles[tok.lemma_.lower()]
        if not any(c.lower_ in wanted for c in tok.children if c.dep_ in {"prt", "prep", "advmod"}):
            return False
    return True


def _is_background(tok: Token) -> bool:
    """True for descriptive uses that do not report an event."""
    if tok.dep_ in BACKGROUND_DEPS and tok.pos_ == "VERB":
        return True
    if tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ != "ROOT":
        # "a militia deployed in Syria" describes; under a noun ROOT the parser missed the main verb
        return True
    if tok.dep_ == "relcl":
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and subjects[0].lower_ in {"who", "which", "that"}:
            return True
    return False


def _defaults(lexicon: dict[tuple[str, str], list[TriggerEntry]]) -> dict[tuple[str, str], tuple]:
    """(type, mode) -> (CAMEO, ACLED) of the first lexicon entry coded so: codes for model-only types."""
    out: dict[tuple[str, str], tuple] = {}
    for entries in lexicon.values():
        for e in entries:
            out.setdefault((e.plover_type, e.plover_mode), (e.cameo, e.acled))
            out.setdefault((e.plover_type, ""), (e.cameo if len(e.cameo) <= 3 else e.cameo[:3], e.acled))
    return out


def _trigger_span(tok: Token, entry: TriggerEntry | None) -> Span:
    end_tok = tok
    if entry is not None and tok.lemma_.lower() in entry.particles:
        for child in tok.children:
            if child.dep_ in {"prt", "prep", "advmod"} and child.lower_ in entry.particles[tok.lemma_.lower()]:
                end_tok = child
    if end_tok.i > tok.i + 1 or end_tok.i < tok.i:  # "pulled some troops out": keep the trigger to the verb
        end_tok = tok
    if len(_lemmas(tok)) > 1:  # "cease-fire" whole
        end_tok = tok.doc[tok.i + 2]
    return Span(text=tok.doc[tok.i : end_tok.i + 1].text, start=tok.idx, end=end_tok.idx + len(end_tok))


def _actor(head: Token) -> Actor:
    phrase = noun_phrase(head)
    return Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char)


def _drop_event_nouns_as_targets(coded: list[tuple[Token, Event]]) -> None:
    """In "imposed sanctions on Britain" the object "sanctions" is the event, not its target (and
    in "clashes killed 12" the subject is the event, not its source): take such phrases out of
    the verb's roles so the verb and the noun join into one event."""
    for tok, event in coded:
        if tok.pos_ != "VERB":
            continue
        for other, other_event in coded:
            if other.i == tok.i or other_event.plover["type"] != event.plover["type"]:
                continue
            def inside(actor: Actor, other: Token = other) -> bool:
                return actor.start is not None and actor.end is not None and actor.start <= other.idx < actor.end

            event.target = [a for a in event.target if not inside(a)]
            event.source = [a for a in event.source if not inside(a)]  # "clashes ... killed 12"


EMBEDDING_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "advcl", "conj"}
EMBEDDED_PENALTY = 0.6


def _rank_embedded(coded: list[tuple[Token, Event]]) -> None:
    """An event inside another trigger's complement is that event's content, not the news:
    "refused to meet" is a refusal, "called for sanctions" a request, "agreed to withdraw" an
    agreement. The embedded event stays (its factuality says it did not happen) but ranks lower."""
    by_index = {tok.i: event for tok, event in coded}
    for tok, event in coded:
        node, hops = tok, 0
        while node.head.i != node.i and node.dep_ in EMBEDDING_DEPS and hops < 4:
            node, hops = node.head, hops + 1
            if node.i in by_index and not (tok.dep_ == "conj" and hops == 1):
                governor = by_index[node.i]
                lowered = min(event.confidence * EMBEDDED_PENALTY, governor.confidence - 0.1)
                event.confidence = round(max(lowered, 0.05), 3)
                break


def _merge_same_type(events: list[Event]) -> list[Event]:
    """Join events of one type in one sentence whose roles complement each other
    ("a police raid ... and the arrest of 300": one event, police -> 300)."""
    merged: list[Event] = []
    for ev in events:
        twin = next(
            (
                m for m in merged
                if m.plover["type"] == ev.plover["type"]
                and (not m.source or not ev.source or not m.target or not ev.target)
            ),
            None,
        )
        if twin is None:
            merged.append(ev)
            continue
        if ev.target and not twin.target:
            # the part that names who was acted on carries the mode: "the arrest of 300"
            twin.plover, twin.cameo, twin.acled = ev.plover, ev.cameo, ev.acled
            twin.evidence.trigger = ev.evidence.trigger
        for actor in ev.source:
            if all(a.text != actor.text for a in twin.source):
                twin.source.append(actor)
        for actor in ev.target:
            if all(a.text != actor.text for a in twin.target):
                twin.target.append(actor)
        twin.confidence = round(min(max(twin.confidence, ev.confidence) + 0.05, 0.95), 3)
    return merged
