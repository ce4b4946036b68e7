"""Actor linking: event sources/targets and named mentions -> KB entries (see :mod:`.actor_kb`).

Order of evidence for one phrase: an exact alias; an acronym defined in the text
("... (ISI)") or known to the KB; a fuzzy match of a name; the longest known alias
inside the phrase ("a delegation of Pakistan's Inter-Services Intelligence"); a generic
noun read in context ("Iranian troops", "police", "gunmen", "the fighters"); finally a
country named in the phrase. Unknown names keep their text, with no id.

Generic nouns take their country from the phrase ("Iran's army", "its troops" after
"Iran has ...") or else from the document's focus country (the most frequent country
among its GPE/NORP mentions); "fighters", "the group" and the like stand for the most
mentioned armed group of the document. Named mentions get ``mention.actor`` (a capital
or country name gets its government: metonymy), and actor nouns outside them are added
as "GENERIC" mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..model import Actor, Document, Mention
from .actor_kb import UNIDENTIFIED, ActorEntry, ActorKB, country_table, load_kb, normalize
from .gazetteer import document_countries, load_gazetteer

DEFINITE_ONLY = {"group", "organisation", "organization", "outfit", "movement"}
MODIFIED_ONLY = {"force", "forces"}  # "government forces", "the forces", not a bare "forces"
MEMBER_HEADS = {"official", "officer", "chief", "spokesman", "spokesperson", "commander", "personnel",
                "member", "delegation", "agent", "representative", "leader", "head", "staff", "unit"}
COMPOUND_ROLES = {"COP", "MIL", "SPY", "UNIDENTIFIED", "GROUP"}  # "a police raid", not "regime forces"
FALLBACK_ROLE = {"MOI": "GOV", "MFA": "GOV", "MOD": "GOV"}
PRONOUNS = {"it", "they", "them", "its", "their", "he", "she", "him", "her"}
_PHRASE_CUTS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "prep"}
_ACRONYM_DEF = re.compile(
    r"\b([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|and|for|de|del|al|wal|in|on|du|des|la|el|i|e)){0,9})"
    r"\s+\(([A-Z][A-Za-z0-9&.-]{1,9})\)"
)
MENTION_LABELS = {"ORG", "PERSON", "NORP", "GPE", "LOC", "FAC"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass
class Resolved:
    """How a phrase was linked; ``how`` is exact|acronym|fuzzy|contains|generic|country|unknown."""

    name: str | None
    entry: ActorEntry | None = None
    country: str | None = None
    how: str = "unknown"
    cameo_code: str | None = None

    @classmethod
    def of(cls, entry: ActorEntry, how: str) -> Resolved:
        return cls(entry.name, entry, entry.country, how, entry.cameo_code)

    def fill(self, actor: Actor) -> Actor:
        actor.name = self.name
        actor.actor_id = self.entry.id if self.entry else None
        actor.country = self.country
        actor.sector = self.entry.sector if self.entry else None
        actor.cameo_code = self.cameo_code
        return actor

    def to_actor(self, text: str, start: int | None, end: int | None) -> Actor:
        return self.fill(Actor(text=text, start=start, end=end))


class _Context:
    """Per-document state: KB, document countries (focus first), acronyms, salient armed group."""

    def __init__(self, doc: Document, kb: ActorKB):
        self.doc, self.kb = doc, kb
        self.countries: list[str] = document_countries(doc, kb, load_gazetteer())
        self.acronyms: dict[str, Resolved] = {}
        self.salient: ActorEntry | None = None

    @property
    def focus(self) -> str | None:
        return self.countries[0] if self.countries else None


class ActorLinker:
    """Fills event actors' name/id/country/sector/CAMEO code and ``mention.actor``."""

    name = "resolve.actors"
    refines_events = True  # changes only the events found: a document without any is unaffected
    requires = ("doc.events", "doc.mentions")
    assigns = ("event.source", "event.target", "mention.actor")

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.kb = load_kb(tuple(str(p) for p in self.settings.actors_files))
        load_gazetteer()

    def __call__(self, doc: Document) -> Document:
        ctx = _Context(doc, self.kb)
        self._define_acronyms(ctx)
        doc.mentions = self._split_coordinated(ctx, doc.mentions)
        for mention in doc.mentions:
            if mention.label in MENTION_LABELS:
                mention.actor = self._mention_actor(ctx, mention)
        ctx.salient = _salient_group(doc.mentions, self.kb)
        for mention in doc.mentions:  # generic NER mentions ("interior ministry") need the context
            if mention.label in MENTION_LABELS and (mention.actor is None or mention.actor.actor_id is None):
                mention.actor = self._mention_actor(ctx, mention, generic=True) or mention.actor
        doc.mentions = sorted([*doc.mentions, *self._generic_mentions(ctx)], key=lambda m: (m.start, m.end))
        for event in doc.events:
            for actor in [*event.source, *event.target]:
                self._link(ctx, actor)
        return doc

    # --- one phrase -----------------------------------------------------------
    def _link(self, ctx: _Context, actor: Actor) -> Actor:
        """Resolve one event actor in place."""
        span = _span(ctx.doc, actor.start, actor.end)
        resolved = self._resolve(ctx, actor.text, span)
        return resolved.fill(actor)

    def _resolve(self, ctx: _Context, text: str, span: Any = None, label: str | None = None,
                generic: bool = True, depth: int = 0) -> Resolved:
        kb = self.kb
        head = span.root if span is not None else None
        if head is not None and head.lower_ in PRONOUNS and depth < 2:
            antecedent = _antecedent(head)
            if antecedent is not None:
                return self._resolve(ctx, antecedent.text, antecedent, depth=depth + 1)
            return Resolved(None)
        phrase_countries = [c for c in (kb.country_of(text), *ctx.countries) if c]
        if ids := kb.exact(text):
            entry = kb.pick(ids, phrase_countries)
            if label != "PERSON" or entry.kind == "person" or entry.is_country_level:
                return Resolved.of(entry, "exact")
        for run in re.findall(r"[A-Za-z0-9&][A-Za-z0-9&./-]*", text):
            if run in ctx.acronyms:
                return ctx.acronyms[run]
        words = text.split()
        if len(words) <= 2 and (ids := kb.acronym(words[-1].rstrip(",") if words else "")):
            return Resolved.of(kb.pick(ids, phrase_countries), "acronym")  # "the ISI", "the US"
        named = _is_named(span, text, label)
        if named and label not in ("GPE", "LOC", "FAC") and (hit := kb.fuzzy(text)):
            entry = kb.entries[hit]
            if label != "PERSON" or entry.kind == "person":
                return Resolved.of(entry, "fuzzy")
        extended = _extended_text(span) if span is not None else text
        if (found := kb.contained(_mask_pro(extended))) is not None:
            entry = kb.pick(found[0], phrase_countries)
            if label != "PERSON" or entry.kind == "person":
                return Resolved.of(entry, "contains")
        last = span.root.text if span is not None else (words[-1] if words else "")
        if (iso := kb.plural_demonym(text) or kb.plural_demonym(last)) and (
            entry := kb.country_entry(iso, "CVL")
        ):
            return Resolved.of(entry, "generic")  # "Syrians", "four Britons"
        if generic and (resolved := self._generic(ctx, text, span, extended)) is not None:
            return resolved
        if label in ("LOC", "FAC"):
            return Resolved(None)
        iso = kb.country_of(text)
        if iso and (label == "NORP" or (label != "GPE" and not named) or (label == "GPE" and kb.exact(text))):
            return Resolved.of(kb.country_entry(iso, "GOV"), "country")
        own = _own_name(kb, span)
        if (named or own) and label not in ("GPE", "NORP"):
            name = own if own and not named else _mention_name(ctx.doc, span) or _clean_name(text)
            return Resolved(name, None, kb.demonym(words[0]) if words else None, "unknown")
        return Resolved(None)

    def _generic(self, ctx: _Context, text: str, span: Any, extended: str) -> Resolved | None:
        kb = self.kb
        role = _generic_role(kb.generic_roles, span, text)
        if role is None and span is not None:
            role = _generic_role(kb.generic_roles, None, text)  # the parse split the phrase oddly
        if role is None:
            return None
        country = kb.country_of(extended) or (_possessor_country(kb, span) if span is not None else None)
        if role == "GROUP":
            if ctx.salient is None or _own_name(kb, span) is not None:
                return None  # "Liwa Haidariyoun fighters" name their own (unknown) group
            return Resolved.of(ctx.salient, "generic")
        country = country or ctx.focus
        if role == "UNIDENTIFIED":
            entry = kb.entries[UNIDENTIFIED]
            name = f"{entry.name} ({country_table()[country]['short']})" if country else entry.name
            return Resolved(name, entry, country, "generic", f"{country or ''}{entry.cameo_code}")
        entry = kb.country_entry(country, role) or kb.country_entry(country, FALLBACK_ROLE.get(role, role))
        return Resolved.of(entry, "generic") if entry is not None else None

    # --- mentions -------------------------------------------------------------
    def _mention_actor(self, ctx: _Context, mention: Mention, generic: bool = False) -> Actor | None:
        span = _span(ctx.doc, mention.start, mention.end)
        resolved = self._resolve(ctx, mention.text, span if generic else None, mention.label, generic=generic)
        if resolved.name is None:
            return None
        return resolved.to_actor(mention.text, mention.start, mention.end)

    def _generic_mentions(self, ctx: _Context) -> list[Mention]:
        """GENERIC mentions for actor nouns outside named mentions ("police", "Iranian troops")."""
        doc = ctx.doc
        if doc.nlp is None:
            return []
        taken = {i for m in doc.mentions for i in range(m.start, m.end)}  # characters inside mentions
        found: list[Mention] = []
        for tok in doc.nlp:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "appos" or tok.idx in taken:
                continue  # an apposition describes an actor named next to it
            roles = self.kb.generic_roles
            if tok.dep_ == "compound" and _generic_role(roles, tok.doc[tok.i : tok.head.i + 1], None):
                continue  # "police" in "police officers": the head speaks for both
            role = _generic_role(roles, tok.doc[tok.i : tok.i + 1], None)
            if role is None or (tok.dep_ == "compound" and role not in COMPOUND_ROLES):
                continue
            left = [c for c in tok.lefts if c.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod")]
            start_tok = min([tok, *(t for c in left for t in c.subtree)], key=lambda t: t.i)
            span = doc.nlp[start_tok.i : tok.i + 1]
            resolved = self._resolve(ctx, span.text, span)
            if resolved.name is None:
                continue
            sent = doc.sentence_of(span.start_char)
            found.append(Mention(
                text=span.text, start=span.start_char, end=span.end_char, label="GENERIC",
                sentence=sent.index if sent else 0,
                actor=resolved.to_actor(span.text, span.start_char, span.end_char),
            ))
            taken.update(range(span.start_char, span.end_char))
        return found

    def _define_acronyms(self, ctx: _Context) -> None:
        """"Long Name (ABBR)" in the text defines ABBR for this document."""
        for match in _ACRONYM_DEF.finditer(ctx.doc.text):
            long_form, abbr = match.group(1), match.group(2).rstrip(".")
            words = long_form.split()
            while words and words[0][0].upper() != abbr[0]:
                words = words[1:]
            if not words:
                continue
            long_form = " ".join(words)
            resolved = self._resolve(ctx, long_form, None, "ORG", generic=False)
            if resolved.entry is None:
                resolved = Resolved(_clean_name(long_form), None, None, "acronym")
            ctx.acronyms[abbr] = Resolved(resolved.name, resolved.entry, resolved.country, "acronym",
                                          resolved.cameo_code)

    def _split_coordinated(self, ctx: _Context, mentions: list[Mention]) -> list[Mention]:
        """Split "the Intelligence Bureau and Military Intelligence" when both parts are known."""
        out: list[Mention] = []
        for mention in mentions:
            parts = re.split(r"\s+and\s+|\s*,\s*", mention.text) if mention.label == "ORG" else [mention.text]
            if len(parts) > 1 and all(
                self._resolve(ctx, p, None, "ORG", generic=False).entry is not None for p in parts
            ):
                offset = 0
                for part in parts:
                    begin = mention.text.index(part, offset)
                    offset = begin + len(part)
                    out.append(Mention(part, mention.start + begin, mention.start + offset, mention.label,
                                       mention.sentence))
            else:
                out.append(mention)
        return out


# --- helpers on the parse -------------------------------------------------------
def _span(doc: Document, start: int | None, end: int | None) -> Any:
    if doc.nlp is None or start is None or end is None:
        return None
    return doc.nlp.char_span(start, end, alignment_mode="expand")


def _extended_text(span: Any) -> str:
    """The phrase with its "of" attachments ("a delegation" -> "a delegation of the ISI")."""
    keep: set[int] = set(range(span.start, span.end))

    def walk(tok: Any) -> None:
        for child in tok.children:
            if child.dep_ in _PHRASE_CUTS and not (child.dep_ == "prep" and child.lower_ == "of"):
                continue
            if child.i not in keep and child.sent == span.root.sent:
                keep.add(child.i)
            walk(child)

    walk(span.root)
    doc = span.doc
    return "".join(doc[i].text_with_ws for i in sorted(keep)).strip()


def _generic_role(roles: dict[str, str], span: Any, text: str | None) -> str | None:
    """The generic role of a phrase's head ("Pakistani intelligence chiefs" -> SPY), if any."""
    if span is None:
        words = normalize(text or "").split()
        for n in (3, 2, 1):
            if len(words) >= n and (role := roles.get(" ".join(words[-n:]))):
                return None if words[-1] in DEFINITE_ONLY and words[:1] != ["the"] and n == 1 else role
        return None
    head = span.root
    mods = [c for c in head.lefts if c.dep_ in ("compound", "amod")]
    forms = (head.lemma_.lower(), head.lower_)
    for k in range(min(2, len(mods)), -1, -1):
        prefix = " ".join(m.lower_ for m in mods[len(mods) - k :])
        if k == 0 and forms[0] in MEMBER_HEADS:  # "interior ministry officials", "police officers"
            for j in range(min(2, len(mods)), 0, -1):
                if role := roles.get(" ".join(m.lower_ for m in mods[len(mods) - j :])):
                    return role
        for form in forms:
            key = f"{prefix} {form}".strip()
            if key in roles and (k or _licensed(head, form)):
                return roles[key]
    if (pp := [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"]) and head.lemma_ == "ministry":
        objs = [g.lower_ for p in pp for g in p.children if g.dep_ == "pobj"]
        return roles.get(f"ministry of {objs[0]}") if objs else None
    return None


def _licensed(head: Any, form: str) -> bool:
    """Weak nouns need support: "the group" (definite, unnamed), "government forces" (modified)."""
    if form in MODIFIED_ONLY:
        return any(c.dep_ in ("det", "amod", "compound", "poss") for c in head.lefts)
    return form not in DEFINITE_ONLY or _definite_bare(head)


def _definite_bare(head: Any) -> bool:
    """ "the group", "the armed group": a definite noun with no name of its own."""
    dets = [c for c in head.lefts if c.dep_ == "det"]
    named = [c for c in head.lefts if c.pos_ == "PROPN" or c.dep_ == "poss"]
    return bool(dets) and dets[0].lower_ in ("the", "this", "that") and not named


def _possessor_country(kb: ActorKB, span: Any) -> str | None:
    """ "its troops": the country of the clause subject the pronoun refers to."""
    if not any(t.lower_ in ("its", "their") and t.dep_ == "poss" for t in span):
        return None
    tok = span.root
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < span.start]
        if subjects:
            return kb.country_of(subjects[0].doc[subjects[0].left_edge.i : subjects[0].i + 1].text)
    return None


def _antecedent(pronoun: Any) -> Any:
    """The nearest earlier non-pronoun subject in this or the previous sentence, as a span."""
    doc = pronoun.doc
    start = pronoun.sent.start
    prev = doc[start - 1].sent.start if start > 0 else start
    for i in range(pronoun.i - 1, prev - 1, -1):
        cand = doc[i]
        if cand.dep_ in ("nsubj", "nsubjpass") and cand.pos_ in ("NOUN", "PROPN"):
            return doc[cand.left_edge.i : cand.i + 1]
    return None


def _own_name(kb: ActorKB, span: Any) -> str | None:
    """The proper-noun words before a common head ("Liwa Haidariyoun" fighters), if not a country."""
    if span is None or span.root.pos_ == "PROPN":
        return None
    names = [t for t in span if t.pos_ == "PROPN" and t.i < span.root.i]
    if not names:
        return None
    text = span.doc[names[0].i : names[-1].i + 1].text
    return None if kb.country_of(text) else _clean_name(text)


def _mention_name(doc: Document, span: Any) -> str | None:
    """The PERSON/ORG mention heading a longer phrase ("former president Nelson Mandela")."""
    if span is None:
        return None
    inside = [m for m in doc.mentions if m.label in ("PERSON", "ORG")
              and span.start_char <= m.start and m.end <= span.end_char]
    if not inside or (len(inside) == 1 and inside[0].end - inside[0].start == len(span.text)):
        return None
    root = span.root.idx
    heading = [m for m in inside if m.start <= root < m.end]
    return _clean_name((heading or inside)[-1].text)


def _is_named(span: Any, text: str, label: str | None) -> bool:
    if re.search(r"\w\.\w+/|@|https?:", text):
        return False  # an address, not a name
    if label in ("ORG", "PERSON", "NORP", "GPE", "LOC", "FAC"):
        return True
    if span is not None:
        return span.root.pos_ == "PROPN" and span.root.ent_type_ not in _NOT_NAMES
    return any(w[:1].isupper() for w in text.split()[1:]) or (text[:1].isupper() and " " not in text)


def _mask_pro(text: str) -> str:
    """Hide "pro-Tehran"/"anti-Assad" so they don't name the actor."""
    return re.sub(r"\b(?:pro|anti)-[A-Z][\w'’-]*", "§", text)


def _clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def _salient_group(mentions: list[Mention], kb: ActorKB) -> ActorEntry | None:
    """The non-state armed group or militia mentioned most often (ties: earliest)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.actor and (entry := kb.get(m.actor.actor_id)) and entry.is_armed_group and entry.id != UNIDENTIFIED:
            counts[entry.id] += 1
    return kb.entries[counts.most_common(1)[0][0]] if counts else None
