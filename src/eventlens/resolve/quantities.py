"""Resolve stage: numbers that describe an event (victims, arrests, crowd size, payments).

A number is attached to an event only when the parse links it to the trigger: it
counts the trigger's object or subject (possibly through a group noun, "a cell of
seven men"), or it is the object of a casualty verb in the trigger's clause ("...,
killing 12"). A number in another clause with its own subject, or in a relative
clause about some other noun, is never attached ("never to a neighbour").

Roles: ``arrested``, ``killed``, ``injured``, ``abducted``, ``displaced``,
``released`` and ``targeted`` for the people an event acts on; ``participants`` for
protests; ``group strength`` for the size of a force that is not the event's object;
``payment`` for money. Years, ordinals, times, percentages and measures are skipped.

Vague quantifiers become ranges, all ``approximate``: a handful 3-5, a few 2-5,
several 3-7, a dozen 12, dozens 24-99, scores 40-99, hundreds 200-999, thousands
2,000-9,999, tens of thousands 20,000-99,999, hundreds of thousands 200,000-999,999,
millions 2-9.99 million.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Settings
from ..model import ActorFact, Document, Event, Quantity

Range = tuple[float | None, float | None, bool]


def _words(text: str) -> list[str]:
    return text.split()


VAGUE: dict[str, Range] = {
    "a handful": (3.0, 5.0, True), "a few": (2.0, 5.0, True), "several": (3.0, 7.0, True),
    "a couple": (2.0, 2.0, True), "a dozen": (12.0, 12.0, True), "dozens": (24.0, 99.0, True),
    "scores": (40.0, 99.0, True), "hundreds": (200.0, 999.0, True), "thousands": (2e3, 9_999.0, True),
    "tens of thousands": (2e4, 99_999.0, True), "hundreds of thousands": (2e5, 999_999.0, True),
    "millions": (2e6, 9_999_999.0, True),
}
VAGUE |= {k.split()[-1]: v for k, v in VAGUE.items() if k.startswith("a ")}  # "handful", "dozen"
VAGUE_HEADS = {k.split()[-1] for k in VAGUE}
UNITS = {w: i for i, w in enumerate(_words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"))}
TENS = {w: 10 * (i + 2) for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))}
SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
    "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "rupees": "INR", "rs": "INR", "naira": "NGN", "shillings": "KES",
}
SIGNS = ("$", "€", "£", "us$")
PERIODS = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month",
           "monthly": "month", "year": "year", "yearly": "year", "annually": "year"}
_PER = r"(?:,?\s*(?:per|a|an|each|every)\s+(day|week|month|year)|\s+(daily|weekly|monthly|yearly|annually))$"
# (pattern, kind): "low" = the number is a lower bound, "high" = an upper bound, "approx" = about
BOUNDS = [
    (r"at least|no fewer than|no less than|more than|over|upwards of|in excess of|above|exceeding", "low"),
    (r"up to|as many as|at most|no more than|fewer than|less than|under|below", "high"),
    (r"some|about|around|approximately|roughly|nearly|almost|close to|an estimated|estimated|circa|"
     r"approx\.?|~|more or less", "approx"),
]
_PREFIX = re.compile(r"(?:\b(?:" + "|".join(p for p, _ in BOUNDS) + r"|between|from)\s+)+$", re.I)
ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|\w*(first|second|third|th))$")
NON_COUNT_ENTS = {"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY", "GPE", "ORG", "LAW", "PRODUCT",
                  "FAC", "EVENT", "WORK_OF_ART", "PERSON"}

PEOPLE = set(_words(
    "people person man men woman women child children boy girl civilian fighter militant soldier troop "
    "member protester demonstrator suspect rebel insurgent jihadist officer policeman police guard worker "
    "student pupil villager resident refugee migrant family journalist activist prisoner detainee hostage "
    "passenger miner farmer worshipper pilgrim militiaman militiamen gunman gunmen attacker assailant recruit "
    "volunteer mercenary combatant returnee official personnel staff other more teacher doctor nurse voter "
    "supporter opponent leader commander trooper marine sailor cadet youth teenager minor individual "
    "citizen inhabitant national victim casualty body missionary inmate trader herder herdsman herdsmen "
    "tourist priest cleric monk nun lawyer judge diplomat envoy peacekeeper contractor employee labourer "
    "laborer fisherman fishermen shepherd relative parent mother father son daughter wife husband baby "
    "infant kid patient survivor witness bystander shopper spectator fan athlete player delegate lawmaker "
    "legislator senator deputy candidate settler smuggler trafficker kidnapper poacher looter rioter "
    "marcher striker bomber sniper separatist dissident defector deserter conscript reservist guerrilla "
    "loyalist gendarme ranger cop agent spy informant operative crew crewman crewmen reporter christian "
    "muslim"))
GROUP_NOUNS = {"cell", "group", "gang", "band", "network", "unit", "team", "squad", "crowd", "convoy",
               "contingent", "battalion", "company", "force", "militia", "column", "delegation"}
RESULT_WORDS = {  # casualty and outcome words -> the role of the people they count
    "killed": {"kill", "murder", "slay", "execute", "massacre", "die", "perish", "dead", "death", "fatality",
               "assassinate", "behead", "lynch"},
    "injured": {"injure", "wound", "hurt", "maim", "injured", "wounded", "injury"},
    "arrested": {"arrest", "detain", "capture", "apprehend", "nab", "jail", "imprison", "round", "detention"},
    "abducted": {"abduct", "kidnap", "abduction", "kidnapping"},
    "displaced": {"displace", "flee", "evacuate", "uproot", "displaced", "displacement"},
    "released": {"release", "free", "freed"},
}
RESULT_NOUNS = {"dead", "death", "fatality", "injured", "wounded", "injury", "displaced"}
"""Counted words that carry their own role: "12 dead", "30 wounded", "40 deaths"."""
INTRANSITIVE = {"die", "perish", "flee"}  # their subject is the victim
LIGHT_VERBS = {"carry", "launch", "stage", "hold", "conduct", "make", "mount", "organise", "organize",
               "commit", "leave", "perpetrate", "lead", "join", "take"}
MODE_ROLES = {"arrest": "arrested", "abduct": "abducted", "execute": "killed", "assassinate": "killed",
              "massacre": "killed", "release": "released"}
SUBJECT_DEPS = {"nsubj", "agent", "prep:by"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "self", "prep:of", "appos", "conj", "prep:against"}
SIZE_DEPS = {"prep:for", "prep:with", "prep:among", "prep:including", "npadvmod", "amod"}
"""Other links by which a force's size hangs on the trigger: "plans for the 5,000 fighters"."""
SEQUENCE_PREPS = {"after", "before", "following", "since", "until", "amid", "despite", "during", "over"}
RELATIVE = {"who", "which", "that", "whom"}
STEMS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
         ("ing", "e"))
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "prep", "compound", "conj", "appos", "attr", "agent"}
ARGUMENT_PREPS = {"in", "by", "of"}  # "died in the raid"; not "after the blast"


def parse_number(text: str) -> Range | None:
    """``(low, high, approximate)`` for a number phrase in digits or words.

    "some 300" -> (300, 300, True); "5,000 to 7,000" -> (5000, 7000, False);
    "at least 12" -> (12, None, False); "up to 20" -> (None, 20, False).
    Currency signs and a rate ("per month") are ignored here; see :func:`parse_quantity`.
    """
    parsed = _parse(text)
    return None if parsed is None else parsed[:3]


def parse_quantity(text: str) -> Quantity | None:
    """A :class:`Quantity` (without role) for a number phrase, with currency unit and rate."""
    parsed = _parse(text)
    if parsed is None:
        return None
    low, high, approx, unit, per = parsed
    return Quantity(role=None, low=low, high=high, approximate=approx, unit=unit, text=text.strip(), per=per)


def _parse(text: str) -> tuple[float | None, float | None, bool, str | None, str | None] | None:
    t = " ".join(text.lower().replace("–", "-").split()).strip(" ,.;")
    per = None
    match = re.search(_PER, t)
    if match:
        per = PERIODS[match.group(1) or match.group(2)]
        t = t[: match.start()].strip()
    unit = next((CURRENCIES[w] for w in re.findall(r"us\$|[$€£]|\b[a-z]+\b", t)
                 if w in CURRENCIES and not re.search(rf"\b{re.escape(w)} of\b", t)), None)  # not "pounds of"
    if unit:
        t = re.sub(r"us\$|[$€£]|\b(?:usd|eur|gbp|dollars?|euros?|pounds?|rupees|rs|naira|shillings)\b", " ", t)
        t = " ".join(t.split())
    kind = "exact"
    for pattern, bound in BOUNDS:
        match = re.match(rf"(?:{pattern})\s+(?=\S)", t)
        if match:
            kind, t = bound, t[match.end():]
            break
    t = re.sub(r"^(?:between|from)\s+", "", t)
    match = re.fullmatch(r"(.+?)\s*(?:\bto\b|-|\band\b|\bor\b)\s*(.+)", t)
    if match and (low_high := _range(match.group(1), match.group(2))):
        low, high, vague = low_high
        return low, high, vague or kind == "approx" or " or " in t, unit, per
    value = _value(t)
    if value is None:
        return None
    low, high, vague = value
    return (None if kind == "high" else low), (None if kind == "low" else high), vague or kind == "approx", unit, per


def _range(left: str, right: str) -> Range | None:
    second = _value(right)
    first = _value(left)
    if first is None or second is None or first[0] is None or second[1] is None or first[0] >= second[1]:
        return None
    low = first[0]
    scale = next((s for w, s in SCALES.items() if right.endswith(" " + w)), None)
    if scale and not any(left.endswith(w) for w in SCALES) and low * scale <= second[1]:
        low *= scale  # "5 to 7 million"
    return low, second[1], first[2] or second[2]


def _value(t: str) -> Range | None:
    t = t.strip().removesuffix(" of").strip()
    if t in VAGUE:
        return VAGUE[t]
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    total, current = 0.0, 0.0
    for i, word in enumerate(words):
        if digits := re.fullmatch(r"(\d+(?:\.\d+)?)(m|mn|bn)?", word.replace(",", "")):
            current += float(digits.group(1))
            if digits.group(2):  # "1.5m"
                total, current = total + current * SCALES[digits.group(2)], 0
        elif word in UNITS or word in TENS:
            current += UNITS.get(word, TENS.get(word, 0))
        elif word in ("a", "an") and i == 0 and len(words) > 1 and words[1] in {"hundred", *SCALES}:
            current = 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
    value = total + current
    return value, value, False


ARMED_SECTORS = {"rebel", "militia", "military", "criminal", "police", "intelligence"}
"""Actors whose size a number in their phrase gives: "the 5,000 to 7,000 fighters"."""


class QuantityResolver:
    """Sets ``event.quantities`` from the numbers in each event's sentence that describe it."""

    name = "resolve.quantities"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "doc.nlp")
    assigns = ("event.quantities", "doc.actor_facts")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            event.quantities = self.resolve(doc, event)
        doc.actor_facts = self.actor_facts(doc)
        return doc

    def actor_facts(self, doc: Document) -> list[ActorFact]:
        """The size of armed actors named with a number: "the 5,000 to 7,000 Shiite fighters"
        (linked to the brigade) -> its group strength. A number an event already counts
        otherwise ("the arrest of some 300 fighters": arrested) is no strength."""
        facts: list[ActorFact] = []
        counted = {(q.start, q.end) for e in doc.events for q in e.quantities if q.role != "group strength"}
        for mention in doc.mentions:
            actor = mention.actor
            if actor is None or not actor.actor_id or (actor.sector or "") not in ARMED_SECTORS:
                continue
            phrase = doc.nlp.char_span(mention.start, mention.end, alignment_mode="expand")
            if phrase is None or not len(phrase):
                continue
            head = phrase.root
            sent = head.sent
            for tokens in _number_phrases(sent):
                anchor, _ = _head_tokens(tokens)
                if anchor.i != head.i:
                    continue
                start = _with_prefix(doc.text, sent.start_char, tokens[0])
                end = tokens[-1].idx + len(tokens[-1])
                quantity = parse_quantity(doc.text[start:end])
                if quantity is None or quantity.unit is not None or (start, end) in counted:
                    continue  # "the arrest of some 300 fighters" counts the arrested, not the group
                quantity.role, quantity.unit, quantity.start, quantity.end = "group strength", "people", start, end
                facts.append(ActorFact(actor.actor_id, actor.name, "group strength", quantity,
                                       sent.text.strip(), mention.start, mention.end))
        return facts

    def resolve(self, doc: Document, event: Event) -> list[Quantity]:
        trig = event.evidence.trigger
        span = doc.nlp.char_span(trig.start, trig.end, alignment_mode="expand")
        sent = doc.nlp.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        if span is None or sent is None or not len(span):
            return []
        trigger = span.root
        twins = _coordinated_twins(event, trigger, sent)
        found = []
        for tokens in _number_phrases(sent):
            start = _with_prefix(doc.text, sent.start_char, tokens[0])
            end = tokens[-1].idx + len(tokens[-1])
            quantity = parse_quantity(doc.text[start:end])
            if quantity is None:
                continue
            role = _role(event, trigger, tokens, money=quantity.unit is not None)
            if role is None:  # the count may belong to a coordinated twin of the trigger
                role = next((r for t in twins if (r := _role(event, t, tokens, False)) == _result(t)), None)
            if role is None:
                continue
            quantity.role, quantity.start, quantity.end = role, start, end
            quantity.unit = quantity.unit or "people"
            found.append(quantity)
        return found


def _coordinated_twins(event: Event, trigger: Any, sent: Any) -> list[Any]:
    """Outcome nouns joined to the trigger by "and" ("a police raid ... and the arrest of 300"),
    whose role is the event's own; the coder merges such mentions into one event."""
    role = _result(trigger) or _mode_role(event)
    twins = []
    for tok in sent:
        if tok.i <= trigger.i or tok.pos_ != "NOUN" or role is None or _result(tok) != role:
            continue
        between = sent.doc[trigger.i + 1 : tok.left_edge.i]
        if between and between[-1].lower_ == "and" and not any(t.pos_ in ("VERB", "AUX") for t in between):
            twins.append(tok)
    return twins


STATE_WORDS = {"dead", "wounded", "injured"}
TIME_NOUNS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night",
              "morning", "evening", "am", "pm", "a.m.", "p.m.", "o'clock", "time"}


def _is_number(tok: Any) -> bool:
    if tok.ent_type_ in ("DATE", "TIME") and tok.like_num and tok.dep_ in ("nummod", "conj", "quantmod") and (
        tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() not in TIME_NOUNS
    ) and not re.fullmatch(r"(1[89]|20)\d\d", tok.text):
        pass  # "between 80 and 100 fighters" read as a date by the NER: still a count of fighters
    elif tok.ent_type_ in NON_COUNT_ENTS or ORDINAL.match(tok.lower_):
        return False
    if tok.lower_ in VAGUE_HEADS:
        return True
    if not tok.like_num or (tok.lower_ == "one" and tok.dep_ != "nummod"):
        return False
    return not (re.fullmatch(r"(1[89]|20)\d\d", tok.text) and tok.ent_type_ != "MONEY")  # a year


def _number_phrases(sent: Any) -> list[list[Any]]:
    """Runs of number words, with range connectors and currency, in the sentence."""
    phrases: list[list[Any]] = []
    tokens, i = [*list(sent), None], 0  # None: a sentinel after the last token
    while tokens[i] is not None:
        tok = tokens[i]
        if not (_is_number(tok) or (tok.lower_ in SIGNS and tokens[i + 1] and _is_number(tokens[i + 1]))):
            i += 1
            continue
        j = i + 1
        while tokens[j] is not None:
            nxt, after = tokens[j].lower_, tokens[j + 1]
            after_low = after.lower_ if after is not None else ""
            if (
                _is_number(tokens[j]) or nxt in SCALES or (nxt in CURRENCIES and after_low != "of")
                or (nxt in ("to", "-", "and", "or") and after is not None and (_is_number(after) or after_low in SIGNS))
                or (nxt == "of" and after_low == "thousands")  # "hundreds of thousands"
            ):
                j += 1
            elif nxt in ("per", "a", "each", "every") and after_low in PERIODS and any(
                t.lower_ in CURRENCIES for t in tokens[i:j]
            ):
                j += 2  # "$300 per month"
            else:
                break
        phrases.append(tokens[i:j])
        i = j
    return phrases


def _with_prefix(text: str, sent_start: int, first: Any) -> int:
    """Move the start back over "some", "at least", "between", "a" (a thousand) ... before the number."""
    start = first.idx
    before = text[sent_start:start]
    tens = re.search(r"\b(?:tens|hundreds)\s+of\s+$", before, re.I)
    if tens and first.lower_ in ("thousands", "millions"):  # "tens of thousands"
        start, before = sent_start + tens.start(), before[: tens.start()]
    article = re.search(r"\ban?\s+$", before, re.I)
    if article and first.lower_ in {*SCALES, *VAGUE_HEADS, "hundred"}:
        start, before = sent_start + article.start(), before[: article.start()]
    match = _PREFIX.search(before)
    return sent_start + match.start() if match else start


def _head_tokens(tokens: list[Any]) -> tuple[Any, Any]:
    """(anchor, counted noun or None): the token the phrase hangs from, and what it counts."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    while root.dep_ in ("nummod", "quantmod", "compound", "npadvmod", "amod") and root.head.i != root.i:
        root = root.head
        if root.lower_ == "strong":  # "a 300-strong force": the size of the force itself
            return root.head, None
        if root.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "PRON"):
            return root, root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return root, counted


def _forms(tok: Any) -> set[str]:
    """The token's lemma, lower-case text and crude stems (the small model's lemmas can be odd)."""
    low = tok.lower_
    stems = {low[: -len(end)] + repl for end, repl in STEMS if low.endswith(end) and len(low) > len(end) + 2}
    return {tok.lemma_.lower(), low, *stems}


def _is(tok: Any, words: set[str]) -> bool:
    return bool(_forms(tok) & words)


PERSON_ENDINGS = ("girl", "boy", "child", "children", "woman", "women", "man", "men", "person", "people",
                  "worker", "goer")
"""Compounds that name people: "schoolgirls", "policemen", "aid workers", "churchgoers"."""


def _person_like(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if _is(tok, PEOPLE) or _result(tok) or tok.lower_.endswith(PERSON_ENDINGS) or lemma.endswith(PERSON_ENDINGS):
        return True
    if any(c.ent_type_ in ("NORP", "ORG") for c in tok.children):
        return lemma not in GROUP_NOUNS
    return bool(re.search(r"(ist|ian|ee|[^t]er|men)$", lemma)) and lemma not in {"border", "number", "order"}


def _result(tok: Any) -> str | None:
    forms = _forms(tok)
    return next((role for role, words in RESULT_WORDS.items() if forms & words), None)


def _own_subject(verb: Any, path: set[int]) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i not in path and c.lower_ not in RELATIVE for c in verb.children
    )


def _relation(child: Any) -> str:
    return f"prep:{child.lower_}" if child.dep_ == "prep" else child.dep_


def _climb(anchor: Any, stop: Any, trigger: Any, money: bool) -> tuple[str, Any] | None:
    """Walk from ``anchor`` up to ``stop``: (relation at the top, (casualty verb, relation)) or None."""
    path = []
    tok = anchor
    while tok != stop:
        if tok.head.i == tok.i:
            return None
        path.append(tok)
        tok = tok.head
    on_path = {t.i for t in path}
    via = None
    for k, tok in enumerate(path):
        if tok.dep_ in ("relcl", "acl") and not (money or (tok.head == trigger and _result(tok))):
            return None  # a clause about another noun
        if tok.dep_ == "prep" and tok.lower_ in SEQUENCE_PREPS:
            return None  # "days after the arrest of 12 men": another event
        if k == 0:
            continue
        if tok.pos_ in ("VERB", "AUX") and _own_subject(tok, on_path) and not (money and tok.dep_ == "relcl"):
            return None  # another clause, with its own subject
        if tok.pos_ in ("VERB", "AUX", "NOUN") and via is None and _result(tok):
            via = (tok, _relation(path[k - 1]))  # "..., killing 12", "the arrest of 300"
        elif (
            tok.pos_ in ("NOUN", "PROPN")
            and not (money or path[k - 1].dep_ == "conj" or _is(tok, GROUP_NOUNS) or _result(tok))
        ):
            return None  # "the leader of 300 families" (but "the leader and 12 followers")
    return (_relation(path[-1]) if path else "self"), via


def _role(event: Event, trigger: Any, tokens: list[Any], money: bool) -> str | None:
    anchor, counted = _head_tokens(tokens)
    if trigger.dep_ == "acl" and trigger.head == anchor and trigger.tag_ in ("VBD", "VBN") and not money and (
        counted is not None and _person_like(counted)
    ):
        # "Sixty students protested ..." parsed as a noun phrase: the students are the subject
        # (the victims, for "Thirty inmates killed in ..." and an intransitive "died")
        victim = trigger.tag_ == "VBN" or _is(trigger, INTRANSITIVE)
        return _event_role(event, trigger, "nsubj", subject_is_victim=victim)
    if anchor == trigger or trigger.is_ancestor(anchor):
        found = _climb(anchor, trigger, trigger, money)
        top = trigger
    else:
        top = _common_ancestor(anchor, trigger)
        if top is None or not _trigger_argument(trigger, top):
            return None
        found = _climb(anchor, top, trigger, money)
    if found is None:
        return None
    if money:
        return "payment"
    rel, via = found
    if counted is not None and not _person_like(counted) and counted != trigger:
        return None
    if via is not None:  # (casualty word, relation of the number to it)
        return "group strength" if via[1] in SUBJECT_DEPS and not _patient_subject(via[0]) else _result(via[0])
    if counted is not None and _is(counted, RESULT_NOUNS):
        return _result(counted)  # "12 dead"
    state = next((c for c in counted.children if c.dep_ == "amod" and c.lower_ in STATE_WORDS), None) if (
        counted is not None) else None
    if state is not None:
        return _result(state)  # "shot dead nine miners" parsed with "dead" on the miners (not "the abducted")
    if top != trigger and not _is(top, LIGHT_VERBS) and not _result(top):
        return None
    role_word = top if top != trigger and _result(top) else trigger
    return _event_role(event, role_word, rel, subject_is_victim=_is(role_word, INTRANSITIVE))


def _patient_subject(verb: Any) -> bool:
    """"30 wounded", "people displaced" after "left": the subject is the victim."""
    no_object = not any(c.dep_ == "dobj" for c in verb.children)
    return _is(verb, INTRANSITIVE) or (no_object and (verb.tag_ == "VBN" or _is(verb.head, {"leave", "left"})))


def _event_role(event: Event, word: Any, rel: str, subject_is_victim: bool) -> str | None:
    plover_type = str(event.plover.get("type", "")).upper()
    if plover_type == "PROTEST":
        return "participants"
    subject = rel in SUBJECT_DEPS and not subject_is_victim
    if subject or rel in SIZE_DEPS:
        return "group strength"
    if rel not in OBJECT_DEPS and rel not in SUBJECT_DEPS:
        return None
    role = _result(word) or _mode_role(event)
    if role is None and plover_type == "ASSAULT":
        role = "targeted"
    return role or ("group strength" if plover_type in ("MOBILIZE", "RETREAT", "AID", "COOPERATE") else None)


def _mode_role(event: Event) -> str | None:
    """The role of an event's object from its codes: COERCE/arrest or CAMEO 173 -> "arrested"."""
    role = MODE_ROLES.get(str(event.plover.get("mode", "")).lower())
    return role or ("arrested" if str(event.cameo or "").startswith("173") else None)


def _common_ancestor(a: Any, b: Any) -> Any:
    ancestors = {b.i, *(t.i for t in b.ancestors)}
    return next((tok for tok in [a, *a.ancestors] if tok.i in ancestors), None)


def _trigger_argument(trigger: Any, top: Any) -> bool:
    """The trigger is a noun argument of ``top`` ("a bomb killed ..."), or a "when" clause under it."""
    if trigger.pos_ in ("VERB", "AUX"):
        marks = {c.lower_ for c in trigger.children if c.dep_ in ("mark", "advmod")}
        return trigger.head == top and trigger.dep_ == "advcl" and bool(marks & {"when", "as"})
    tok = trigger
    while tok != top:
        if tok.dep_ not in ARGUMENT_DEPS or (tok.dep_ == "prep" and tok.lower_ not in ARGUMENT_PREPS):
            return False
        tok = tok.head
    return True
