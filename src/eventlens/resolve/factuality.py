"""Resolve stage: did the event happen (factuality), and who says so (attribution).

Cues are read on the trigger (its auxiliaries, negation, adverbs, modifiers such as
"planned attacks") and on the predicates that govern it, walking up the parse to the
sentence root: complements ("plans to attack", "denied that it shelled"), the verb of
a purpose clause ("deployed to retake"), a cue word a trigger noun depends on
("suspected of planning attacks", "foiled a plot"), and the subject of a copula
("one option is to ..."). Relative and adverbial clauses are separate assertions and
stop the walk. Auxiliaries and negation of a speech or thought verb do not carry into
what is said; "will" inside a quoted assurance makes the embedded event planned while
the speech act stays asserted.

Every cue found is kept (:func:`factuality_cues`); the event gets the least certain
one, in the order of :data:`eventlens.model.FACTUALITY`: negated > hypothetical >
planned > alleged > reported > asserted. So a plot that men are "suspected of
planning" is ``planned`` (it has not happened, and must not count as an attack that
did); the allegation is a secondary cue the model has no field for.
"""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..model import FACTUALITY, Document, Event

MODALS = {"will": "planned", "shall": "planned", "'ll": "planned", "wo": "planned",
          "could": "hypothetical", "might": "hypothetical", "may": "hypothetical",
          "would": "hypothetical", "should": "hypothetical", "'d": "hypothetical"}
ADVERBS = {"reportedly": "reported", "purportedly": "reported", "reputedly": "reported",
           "apparently": "reported", "allegedly": "alleged", "supposedly": "alleged",
           "possibly": "hypothetical", "perhaps": "hypothetical", "maybe": "hypothetical",
           "potentially": "hypothetical", "never": "negated"}
MARKS = {"if": "hypothetical", "unless": "hypothetical", "whether": "hypothetical"}
GOVERNORS = {  # predicates (verbs, nouns, adjectives) that govern a trigger below them
    "negated": {"deny", "fail", "refuse", "prevent", "foil", "thwart", "avert", "cancel", "abandon",
                "denial"},
    "hypothetical": {"propose", "suggest", "consider", "threaten", "urge", "demand", "ask",
                     "request", "option", "possibility", "proposal", "idea", "possible", "threat",
                     "offer", "recommend", "discuss", "weigh", "mull", "want", "wish", "hope",
                     "prefer", "fear", "worry", "keen", "eager"},
    "planned": {"plan", "intend", "aim", "schedule", "prepare", "expect", "due", "vow", "pledge",
                "promise", "decide", "plot", "scheme", "intention", "preparation", "decision",
                "goal", "upcoming", "future", "planned"},
    "alleged": {"suspect", "accuse", "allege", "charge", "blame", "implicate", "suspicion",
                "accusation", "allegation", "alleged", "suspected", "accused"},
    "reported": {"rumour", "rumor", "unconfirmed", "reported", "rumoured", "rumored"},
}
XCOMP_ONLY = {"be": "planned", "set": "planned", "go": "planned", "about": "planned", "agree": "planned",
              "seek": "planned",
              "try": "planned", "attempt": "planned", "willing": "planned", "ready": "planned",
              "prepared": "planned", "threaten": "planned", "refuse": "negated", "decline": "negated"}
"""Governors that only count over an infinitive: "is set to", "is going to", "agreed to"."""
FOR_REQUESTS = {"call", "push", "appeal", "press", "lobby"}
"""Verbs whose "for" object has not happened: "called for protests"."""
PASSIVE_REPORT = {"say", "report", "believe", "think", "understand", "claim", "rumour", "rumor"}
"""Report verbs that hedge only in the passive: "is said to", "are believed to have"."""
NOUN_MODIFIERS = {
    "planned": "planned", "planning": "planned", "proposed": "hypothetical", "possible": "hypothetical",
    "potential": "hypothetical", "alleged": "alleged", "suspected": "alleged", "foiled": "negated",
    "thwarted": "negated", "failed": "negated", "aborted": "negated", "averted": "negated",
    "rumoured": "reported", "rumored": "reported", "reported": "reported", "unconfirmed": "reported",
    "upcoming": "planned", "scheduled": "planned", "imminent": "planned", "future": "planned",
    "would-be": "hypothetical", "threatened": "hypothetical",
}
NOBODY = {"nobody", "none", "nothing", "noone"}
ATTEMPTS = {"attempt", "bid", "effort", "try"}
LIGHT_VERBS = {"carry", "launch", "stage", "hold", "conduct", "make", "mount", "organise", "organize",
               "commit", "take", "happen", "occur", "go", "begin", "start", "resume", "continue", "order",
               "lead", "direct", "mastermind", "open", "impose", "accept"}
"""Verbs that pass their modality to the event noun they take ("could launch an attack")."""
SPEECH = {"say", "tell", "claim", "state", "announce", "report", "confirm", "add", "insist", "allege",
          "assure", "warn", "note", "explain", "write", "tweet", "declare", "acknowledge", "admit",
          "deny", "accuse", "disclose", "reveal", "testify", "told", "said", "promise", "pledge", "vow"}
HEARSAY = {"report", "rumour", "rumor", "source", "account", "media", "claim"}
SPEECH_ACTS = {"vow", "threaten", "call", "urge", "demand", "deny", "decline", "accuse", "blame",
               "pledge", "promise", "warn", "appeal"}
"""Verbs whose subject stands behind what they govern ("The president vowed to crush ...")."""
WISH_WORRY = {"want", "wish", "prefer", "hope", "desire", "keen", "eager", "worry", "worried", "concern",
              "concerned", "fear", "afraid", "anxious", "long", "aspire", "dream", "like", "yearn"}
WISH_LINKS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "conj", "amod", "compound"}


def _forms(tok: Any) -> set[str]:
    """Lemma, lower-case text and crude stems (the small model's lemmas can be odd)."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    return forms


def _governor_cue(tok: Any) -> str | None:
    forms = _forms(tok)
    if forms & PASSIVE_REPORT and (
        any(c.dep_ == "auxpass" for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"))
    ):
        return "reported"  # "is said to", "are believed to have", "fighters, reported to be ..."
    if "like" in forms and not any(c.lower_ in ("would", "'d") for c in tok.children):
        return None
    return next((value for value, words in GOVERNORS.items() if forms & words), None)


def _modifier_cues(tok: Any, shared_only: bool = False) -> set[str]:
    """Cues on ``tok``'s own dependents: auxiliaries, negation, hedging adverbs, "if"."""
    cues = set()
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and low in ("never", "not")):
            cues.add("negated")
        elif child.dep_ in ("aux", "auxpass") and low in MODALS:
            cues.add(MODALS[low])
        elif child.dep_ == "aux" and low in ("going", "gon"):
            cues.add("planned")
        elif shared_only:
            continue
        elif child.dep_ == "advmod" and low in ADVERBS:
            cues.add(ADVERBS[low])
        elif child.dep_ in ("mark", "advmod") and low in MARKS:
            cues.add(MARKS[low])
        elif child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
            cues.add("hypothetical")  # "If the talks collapse, the rebels will resume attacks"
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            low in NOBODY or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        ):
            cues.add("negated")  # "no one was arrested"
        elif child.dep_ == "nsubj" and tok.lemma_ == "be" and (cue := _governor_cue(child)):
            cues.add(cue)  # "one option is to ...", "the plan is to ..."
    return cues


def _noun_cues(tok: Any) -> set[str]:
    """Cues on a nominal trigger: "planned attacks", "no arrests", "talks scheduled for"."""
    cues = set()
    for child in tok.children:
        low = child.lower_
        if child.dep_ in ("amod", "compound", "acl") and low in NOUN_MODIFIERS:
            cues.add(NOUN_MODIFIERS[low])
        elif child.dep_ == "det" and low == "no":
            cues.add("negated")
    return cues


def _own_subject(tok: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def factuality_cues(trigger: Any) -> set[str]:
    """Every factuality cue that governs ``trigger`` (a spaCy token); empty when asserted."""
    cues = _modifier_cues(trigger) | _noun_cues(trigger)
    node = trigger
    said: set[str] | None = None  # the cues below the speech verb the trigger is said under
    for _ in range(12):  # a walk up the tree, bounded
        head, dep = node.head, node.dep_
        if head.i == node.i or dep in ("relcl", "parataxis", "appos"):
            break
        if dep in ("ccomp", "xcomp") and _forms(node) & SPEECH and node is not trigger and said is None:
            said = set(cues)  # what is said: cues above the speech verb hedge it at most
        if dep in ("xcomp", "acomp", "oprd", "auxpass"):
            xcomp = next((v for w, v in XCOMP_ONLY.items() if w in _forms(head)), None)
            cues |= _modifier_cues(head) | _set(_governor_cue(head) or xcomp)
        elif dep in ("ccomp", "csubj"):
            cues |= _set(_governor_cue(head)) | _hearsay_speech(head)
            cues |= {c for c in _modifier_cues(head) if c in ("reported", "alleged")}
        elif dep == "conj":
            if _own_subject(node):
                break
            cues |= _modifier_cues(head, shared_only=True)
        elif dep == "advcl" or dep == "acl":
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if not purpose or _own_subject(node):
                break
            if dep == "acl" and _forms(head) & ATTEMPTS:
                node = head  # "thwarted an attempt to smuggle": through the attempt to what befell it
                continue
            if dep == "advcl":
                cues.add("planned")  # "deployed to retake the town"
            cue = _governor_cue(head)
            if dep == "acl" and cue is None:
                break
            cues |= _set(cue) | _noun_cues(head)
        elif dep in ("pobj", "pcomp", "prep", "agent"):
            pass  # through the preposition to what it attaches to
        elif dep == "nsubj" and head.lemma_ == "be" and (
            planned := next((XCOMP_ONLY.get(c.lower_) or _governor_cue(c) for c in head.children
                             if c.dep_ in ("acomp", "xcomp") and (c.lower_ in XCOMP_ONLY or _governor_cue(c))), None)
        ):
            cues.add(planned)  # "Talks ... are due to begin", "the vote is set to go ahead"
            break
        elif dep in ("dobj", "nsubj", "nsubjpass", "attr", "compound", "amod", "npadvmod"):
            cue = _governor_cue(head)
            if cue is None and not _forms(head) & LIGHT_VERBS:
                break
            cues |= _set(cue) | _modifier_cues(head) | _noun_cues(head)
        else:
            break
        if node.dep_ in ("pobj", "pcomp") and head.dep_ == "prep":
            owner = head.head  # "suspected of planning", "plans for talks", "called for protests"
            cue = _governor_cue(owner)
            if cue is None and head.lower_ == "for" and _forms(owner) & FOR_REQUESTS:
                cue = "hypothetical"
            if cue is None:
                break
            cues |= {cue} | _modifier_cues(owner)
            node = owner
            continue
        node = head
    if said is not None:  # "could not confirm that ...", "declined to confirm that ...": hearsay, not negation
        above = cues - said
        cues = said | ({"reported"} if above & {"negated", "reported"} else set()) | (above & {"alleged"})
    return cues


def _set(value: str | None) -> set[str]:
    return {value} if value else set()


def _hearsay_speech(verb: Any) -> set[str]:
    """A speech verb that is itself negated or hedged ("could not confirm") hedges its content."""
    if _forms(verb) & SPEECH and "negated" in _modifier_cues(verb):
        return {"reported"}
    return set()


def is_wish_or_worry(token: Any) -> bool:
    """True when ``token`` is governed by a wish, desire or worry ("wish to return",
    "would prefer they not return", "are keen to sever", "concerned about returning fighters")."""
    node = token
    for _ in range(8):
        head = node.head
        if head.i == node.i or node.dep_ not in WISH_LINKS:
            return False
        forms = _forms(head)
        if forms & WISH_WORRY and node.dep_ != "conj":  # "wanted revenge and attacked": beside, not under
            return "like" not in forms or any(c.lower_ in ("would", "'d") for c in head.children)
        node = head
    return False


def attribution(trigger: Any) -> tuple[str | None, bool]:
    """(source text, hearsay?) from "according to X" or a speech verb governing the trigger."""
    node = trigger
    for _ in range(12):
        for child in node.children:
            if child.lower_ == "according" and child.dep_ in ("prep", "advcl", "advmod"):
                to = next((c for c in child.children if c.lower_ == "to"), None)
                source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                if source is not None:
                    hearsay = bool(_forms(source) & HEARSAY)
                    return _phrase(source), hearsay
        head = node.head
        if head.i == node.i or node.dep_ in ("relcl", "appos"):
            break
        through = node.dep_ in ("ccomp", "parataxis", "xcomp") or (node.dep_ == "prep" and node.lower_ in ("of", "for"))
        if through and _forms(head) & (SPEECH | SPEECH_ACTS):
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _phrase(subject), _hearsay(subject)
        node = head
    for child in node.children:  # "..., police said" hanging off the root
        if child.dep_ in ("parataxis", "ccomp") and _forms(child) & SPEECH and child.i > trigger.i:
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return _phrase(subject), _hearsay(subject)
    return None, False


def _hearsay(source: Any) -> bool:
    """ "sources said", "unconfirmed reports said": a source that is hearsay itself."""
    return bool(_forms(source) & HEARSAY) or any(c.lower_ in ("unconfirmed", "unnamed") for c in source.children)


def _phrase(tok: Any) -> str:
    """The noun phrase of ``tok``, without relative clauses and appositions."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj")]
    while stack:
        child = stack.pop()
        keep.append(child)
        stack.extend(c for c in child.children if c.dep_ not in ("relcl", "acl", "appos"))
    words = sorted(keep, key=lambda t: t.i)
    return tok.doc[words[0].i : words[-1].i + 1].text


class FactualityTagger:
    """Sets ``event.factuality`` (least certain cue wins) and ``event.attribution``."""

    name = "resolve.factuality"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "doc.nlp")
    assigns = ("event.factuality", "event.attribution")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            self.tag(doc, event)
        return doc

    def tag(self, doc: Document, event: Event) -> None:
        trig = event.evidence.trigger
        span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand")
        if span is None or not len(span):
            return
        trigger = span.root
        cues = factuality_cues(trigger)
        if is_wish_or_worry(trigger):  # a wished-for or feared event, negated or not, is not asserted
            cues.discard("negated")
            cues.add("hypothetical")
        source, hearsay = attribution(trigger)
        if hearsay:
            cues.add("reported")
        event.factuality = max(cues, key=FACTUALITY.index, default="asserted")
        event.factuality_cues = sorted(cues, key=FACTUALITY.index)
        if source is not None:
            event.attribution = source
