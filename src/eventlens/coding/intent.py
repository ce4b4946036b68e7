"""Statements of intent and refusals are events of their own (CAMEO 03 and 12).

"Trump will meet Hariri next week" reports a commitment, not a meeting: CAMEO codes it 036
("express intent to meet"), PLOVER as AGREE ("expressing willingness to meet in the
future"). "France will not lift the ban" reports a refusal: CAMEO 124 ("refuse to yield"),
PLOVER REJECT. Without this the coder would leave a *planned* meeting or a *negated*
lifting, and the fact that something was said or refused - the news - would be lost.

Rules, applied after factuality (which says what is planned or negated) and after promised
retreats became CONCEDE (:mod:`.concede`):

- a planned cooperative act (a meeting, material cooperation, aid, backing) with a stated
  source becomes AGREE, with the CAMEO 03x code of what was promised; a plan ("plans to",
  "intends to", "is scheduled") stays what it is, planned - it is not a commitment;
- a negated cooperative act or concession with a stated source ("will not end the
  strike", "refused to meet", "did not accept the proposal") becomes REJECT, with the mode
  and CAMEO 12x code of what was refused.

A statement with no target of its own takes that of the act it embeds ("refused to meet the
delegation": the refusal is addressed to the delegation). The recoded event is what
happened, so its factuality is asserted; ``factuality_cues`` keeps "intent" or "refusal"
to say how it was read.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Event
from ..nlp.parse import trigger_token

INTENT_CAMEO = {"CONSULT": "036", "COOPERATE": "031", "AID": "033", "SUPPORT": "032"}
"""Planned cooperative type -> CAMEO "express intent to ..." code."""

REFUSAL = {
    "CONSULT": ("meet", "125"), "COOPERATE": ("assist", "121"), "AID": ("assist", "122"),
    "RETREAT": ("yield", "124"), "CONCEDE": ("yield", "124"), "AGREE": ("", "127"), "SUPPORT": ("", "127"),
}  # fmt: skip
"""Negated type -> (REJECT mode, CAMEO code): refusing to meet is 125, to yield 124, ..."""

RELEASE_REFUSAL = {"release": "1243", "ceasefire": "1246", "withdraw": "1246", "access": "1245"}
"""More specific CAMEO 124x codes by the mode of the retreat refused."""

PLAN_WORDS = {"plan", "intend", "aim", "schedule", "scheduled", "due", "expect", "prepare", "consider"}
"""Governors that make an act planned without anyone committing to it."""


def _governed_by_plan(doc: Document, event: Event) -> bool:
    """Whether a plan word governs the trigger ("plans to visit", "talks scheduled for")."""
    node = trigger_token(doc, event)
    if node is None:
        return False
    if any(c.lemma_.lower() in PLAN_WORDS for c in node.children if c.dep_ in {"amod", "acl"}):
        return True
    if node.dep_ == "nsubj" and node.head.lemma_ == "be" and any(  # "Talks ... are due to begin"
        c.lemma_.lower() in PLAN_WORDS | {"set"} for c in node.head.children if c.dep_ in {"acomp", "xcomp"}
    ):
        return True
    for _ in range(3):
        if node.head.i == node.i or node.dep_ not in {"xcomp", "ccomp", "acomp", "prep", "pobj", "dobj"}:
            return False
        node = node.head
        if node.lemma_.lower() in PLAN_WORDS:
            return True
    return False


def _refused_already(doc: Document, event: Event) -> bool:
    """A refusal coded from its own verb ("refused to meet") makes the refused act its content."""
    sources = {a.text for a in event.source}
    return any(
        other is not event and other.plover.get("type") == "REJECT" and other.sentence_index == event.sentence_index
        and sources & {a.text for a in other.source}
        for other in doc.events
    )  # fmt: skip


def _did_not_happen(doc: Document, event: Event) -> bool:
    """A meeting reported as not having taken place ("the delegations did not meet as planned"):
    a negated event, not a refusal - nobody is said to have refused."""
    node = trigger_token(doc, event)
    if node is None or event.plover.get("type") != "CONSULT":
        return False
    auxes = {c.lower_ for c in node.children if c.dep_ == "aux"}
    mutual = not any(c.dep_ == "dobj" for c in node.children)
    # "X did not attend the talks" is a boycott (a refusal); "the delegations did not meet" is not
    return mutual and bool(auxes & {"did", "does", "do"}) and any(c.dep_ == "neg" for c in node.children)


def recode_intent(event: Event) -> bool:
    """A planned cooperative act -> AGREE (CAMEO 03x); True if recoded."""
    kind = event.plover.get("type")
    if kind not in INTENT_CAMEO or not event.source:
        return False
    event.plover = {"type": "AGREE", "mode": "", "context": list(event.plover.get("context") or [])}
    event.cameo = INTENT_CAMEO[kind]
    event.acled = {"event_type": None, "sub_event_type": None}
    event.factuality = "asserted"
    event.factuality_cues = sorted({*event.factuality_cues, "intent"} - {"planned"})
    return True


def recode_refusal(event: Event) -> bool:
    """A negated cooperative act or concession -> REJECT (CAMEO 12x); True if recoded."""
    kind = event.plover.get("type")
    if kind not in REFUSAL or not event.source:
        return False
    mode, cameo = REFUSAL[kind]
    cameo = RELEASE_REFUSAL.get(event.plover.get("mode") or "", cameo) if mode == "yield" else cameo
    event.plover = {"type": "REJECT", "mode": mode, "context": list(event.plover.get("context") or [])}
    event.cameo = cameo
    event.acled = {"event_type": None, "sub_event_type": None}
    event.factuality = "asserted"
    event.factuality_cues = sorted({*event.factuality_cues, "refusal"} - {"negated"})
    return True


STATEMENTS = {"REJECT", "AGREE", "CONCEDE", "THREATEN", "REQUEST"}
"""Verbal events whose complement names who they are addressed to ("refused to meet the EU
delegation": a refusal to the delegation)."""


def borrow_targets(doc: Document) -> None:
    """A statement with no target takes the target of the act it embeds ("threatened to
    expel the ambassador", "refused to meet the delegation")."""
    tokens = {id(e): trigger_token(doc, e) for e in doc.events}
    for event in doc.events:
        head = tokens[id(event)]
        if event.plover.get("type") not in STATEMENTS or event.target or head is None:
            continue
        for other in doc.events:
            tok = tokens[id(other)]
            if other is event or not other.target or tok is None or other.sentence_index != event.sentence_index:
                continue
            node, hops = tok, 0
            while node.head.i != node.i and node.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep"} and hops < 3:
                node, hops = node.head, hops + 1
                if node.i == head.i:
                    event.target = [a for a in other.target if all(a.text != s.text for s in event.source)]
                    break
            if event.target:
                break


class IntentRecoder:
    """Pipeline stage: planned commitments -> AGREE, refusals -> REJECT (see module doc)."""

    name = "coding.intent"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "event.factuality")
    assigns = ("event.plover", "event.cameo", "event.factuality", "event.target")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            if event.factuality == "negated" and not _refused_already(doc, event) and not _did_not_happen(doc, event):
                recode_refusal(event)
            elif event.factuality == "planned" and not _governed_by_plan(doc, event):
                recode_intent(event)
        borrow_targets(doc)
        return doc
