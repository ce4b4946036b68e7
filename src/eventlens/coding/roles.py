"""Who did it and to whom: source and target phrases from the dependency parse.

Works on spaCy tokens (``nlp`` stage output). Handles active and passive clauses and
by-agents, coordination ("Iran and Syria"), shared subjects of conjoined verbs
("recruited, trained and led"), control verbs ("plan to demobilize"), relative clauses,
possessives and compounds on nominal triggers ("a police raid", "Iran's attack"), "of"
phrases ("the arrest of 300"), and pronouns resolved to the nearest earlier subject.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "obj", "attr"}
PHRASE_CUTS = {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "prep", "parataxis", "npadvmod", "advmod"}
KEEP_PREPS = {"of"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PRONOUNS = {"it", "they", "them", "he", "she", "him", "her", "we", "its", "their"}
TARGET_PREPS = {"with", "against", "on", "upon", "at"}
NOUN_TARGET_PREPS = {"to", "for", "toward", "towards"}
CLIMB_DEPS = {"prep", "pcomp", "pobj", "xcomp", "ccomp", "acl", "dobj", "compound", "advcl", "conj"}
NON_ACTOR_WORDS = {"one", "option", "way", "plan", "plans", "fate", "solution", "part", "portion"}


def noun_phrase(token: Token) -> Span:
    """The actor phrase headed by ``token``: its subtree without clauses, appositions, conjuncts."""
    keep: list[Token] = []

    def walk(tok: Token) -> None:
        keep.append(tok)
        for child in tok.children:
            if child.dep_ in PHRASE_CUTS and not (child.dep_ == "prep" and child.lower_ in KEEP_PREPS):
                continue
            walk(child)

    walk(token)
    # a hyphenated name the parser split into sibling tokens ("al - Shabaab") stays whole
    first = min(t.i for t in keep)
    doc = token.doc
    while first > 0 and doc[first - 1].head == token.head and doc[first - 1].dep_ == token.dep_ \
            and not doc[first - 1].whitespace_:
        first -= 1
        keep.append(doc[first])
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = token.doc
    while start < token.i and doc[start].is_punct:
        start += 1
    while end - 1 > token.i and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def with_conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Iran and Syria")."""
    return [token, *[c for c in token.conjuncts if c.pos_ in {"NOUN", "PROPN", "PRON"}]]


PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
NON_PEOPLE_PLURALS = {"plan", "option", "talk", "weapon", "arm", "attack", "year", "month", "week", "day",
                      "time", "border", "area", "region", "tension", "sanction", "measure", "right", "term",
                      "condition", "demand", "election", "home", "house", "village", "town", "city", "rank",
                      "line", "position", "base", "camp", "road", "price", "fund", "cost", "wage", "salary"}
"""Plural nouns a "they" does not stand for when an earlier noun names people."""


def resolve_pronoun(token: Token) -> Token | None:
    """The nearest earlier subject (not a pronoun) in this or the previous sentence."""
    if token.lower_ in RELATIVE_PRONOUNS:
        return _relative_antecedent(token)
    if token.lower_ not in PRONOUNS:
        return token
    doc = token.doc
    sent_start = token.sent.start
    prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    plural = token.lower_ in PLURAL_PRONOUNS
    for i in range(token.i - 1, prev_start - 1, -1):
        cand = doc[i]
        if cand.pos_ not in {"NOUN", "PROPN"}:
            continue
        if plural and cand.tag_ == "NNS" and cand.dep_ in (*SUBJECTS, "dobj", "pobj") and _can_be_actor(cand) and (
            cand.lemma_.lower() not in NON_PEOPLE_PLURALS
        ):
            return cand  # "its Pakistani proxies ... One option is to have them reassigned"
        if cand.dep_ in SUBJECTS and not (plural and cand.tag_ == "NN"):
            return cand
    return None


def _relative_antecedent(token: Token) -> Token | None:
    head = token.head
    while head.dep_ in {"conj", "xcomp", "aux"} and head.head.i != head.i:
        head = head.head
    if head.dep_ == "relcl":
        return head.head
    return None


def clause_subject(verb: Token) -> list[Token]:
    """Subjects of ``verb``'s clause, inherited through conjunction, control and participles."""
    seen = 0
    while seen < 6:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            return _expand(subjects)
        agents = [c for c in verb.children if c.dep_ == "agent"]
        if agents:
            return _expand([g for a in agents for g in a.children if g.dep_ == "pobj"])
        if verb.dep_ in {"conj", "xcomp", "acomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN", "VBD"} and verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head  # "... attacked the town, killing five": the attackers killed
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return _expand([verb.head])
        return []
    return []


NOT_ACTOR_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}


def _expand(tokens: Iterable[Token]) -> list[Token]:
    tokens = list(tokens)
    # of sibling tokens glued without spaces ("al", "-", "Shabaab") keep only the last
    tokens = [t for t in tokens if not (not t.whitespace_ and any(o.i == t.i + 1 for o in tokens))]
    out: list[Token] = []
    for tok in tokens:
        for item in with_conjuncts(tok):
            resolved = resolve_pronoun(item)
            if resolved is not None and resolved not in out and _can_be_actor(resolved):
                out.append(resolved)
    return out


def _can_be_actor(token: Token) -> bool:
    """Rule out heads that cannot name an actor: dates, times, punctuation, fragments."""
    if token.is_punct or len(token.text) < 2 or not any(ch.isalpha() for ch in token.text):
        return False
    if token.ent_type_ in NOT_ACTOR_ENTS or token.lower_ in NON_ACTOR_WORDS:
        return False
    return token.lower_ not in {"dawn", "dusk", "night", "morning", "evening", "today", "yesterday"}


def verb_roles(
    verb: Token, object_role: str = "target", target_preps: Iterable[str] = ()
) -> tuple[list[Token], list[Token]]:
    """(source heads, target heads) for a verbal trigger; ``object_role``: target|source|none."""
    object_is_target = object_role == "target"
    preps = TARGET_PREPS | set(target_preps)
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        agents = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        return _expand(agents), _expand(passive)
    sources = clause_subject(verb)
    if object_role == "none":  # "pulled its troops out": the forces moved belong with the source
        forces = [c for c in verb.children if c.dep_ in OBJECTS and _is_forces(c)]
        sources += [t for t in _expand(forces) if t not in sources]
    if object_role == "source":
        sources += [t for t in _expand(c for c in verb.children if c.dep_ in OBJECTS) if t not in sources]
    targets: list[Token] = []
    if object_is_target:
        targets = _expand(c for c in verb.children if c.dep_ in OBJECTS)
    if not targets and object_is_target:
        # "recruited, trained and led the brigade": conjoined verbs share the last object
        for conj in verb.conjuncts:
            if conj.i > verb.i:
                targets = _expand(c for c in conj.children if c.dep_ in OBJECTS) or targets
    if not targets and target_preps:  # "gave equipment to Nicaragua" with "to" under the object
        targets = _expand(
            g for o in verb.children if o.dep_ in OBJECTS for p in o.children
            if p.dep_ == "prep" and p.lower_ in set(target_preps) for g in p.children if g.dep_ == "pobj"
        )
    if not targets and object_is_target:  # "demanded that the prime minister apologise"
        targets = _expand(
            g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}
        )
    if not targets:
        targets = _expand(
            g for p in verb.children if p.dep_ in {"prep", "dative"} and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"
        )
    return sources, targets


def noun_roles(noun: Token, poss_role: str = "source") -> tuple[list[Token], list[Token]]:
    """(source heads, target heads) for a nominal trigger ("a police raid", "the arrest of 300")."""
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "compound" and _actor_like(child):
            sources.append(child)
        elif child.dep_ == "poss":
            (targets if poss_role == "target" else sources).append(child)
        elif child.dep_ == "prep":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ == "of":
                (targets if poss_role == "target" else sources).extend(objs)
            elif child.lower_ in {"by", "between", "among"}:
                sources.extend(objs)  # "clashes between the army and rebels": both take part
            elif child.lower_ in TARGET_PREPS or child.lower_ in NOUN_TARGET_PREPS:
                targets.extend(objs)  # "sanctions on", "talks with", "a visit to", "support for"
    if not sources:
        sources = _governing_subject(noun)
    return _expand(sources), _expand(targets)


def _governing_subject(noun: Token) -> list[Token]:
    """The subject of the verb a nominal trigger hangs from ("X launched an attack")."""
    tok = noun
    for _ in range(6):
        if tok.dep_ not in CLIMB_DEPS or tok.head.i == tok.i:
            return []
        head = tok.head
        if tok.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
            return []  # a noun coordinated with a verb is a parse error; don't guess
        if head.pos_ in {"VERB", "AUX"}:
            if head.dep_ == "advcl":  # "..., resulting in a raid": the raid's agent is unknown
                return []
            return clause_subject(head)
        tok = head
    return []


COMPOUND_ACTORS = {
    "police", "army", "military", "militia", "rebel", "government", "security", "navy", "troop", "soldier",
    "insurgent", "militant", "gang", "cartel", "jihadist", "guerrilla", "regime", "junta", "coalition",
    "opposition", "protester", "student", "worker", "settler", "tribal", "clan", "drone", "gunman",
}  # fmt: skip


def _actor_like(token: Token) -> bool:
    """Whether a compound modifier names an actor ("police raid", "Taliban attack"; not "car bomb")."""
    if token.pos_ == "PROPN" or token.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"}:
        return True
    return token.lemma_.lower() in COMPOUND_ACTORS


def in_brackets_or_quotes(token: Token) -> bool:
    """True when ``token`` sits inside parentheses or quotation marks in its sentence."""
    sent = token.sent
    before = sent.doc[sent.start : token.i]
    opens = sum(t.text == "(" for t in before) - sum(t.text == ")" for t in before)
    quotes = sum(t.text in {'"', "``", "''", "“", "”"} for t in before)
    return opens > 0 or quotes % 2 == 1


FORCE_NOUNS = {"troop", "soldier", "force", "unit", "battalion", "brigade", "contingent", "division", "regiment",
               "fighter", "militiaman", "personnel", "peacekeeper", "police", "marine", "army"}  # fmt: skip


def _is_forces(token: Token) -> bool:
    """"its troops", "some of its troops": a phrase naming armed forces."""
    if token.lemma_.lower() in FORCE_NOUNS:
        return True
    return any(g.dep_ == "pobj" and g.lemma_.lower() in FORCE_NOUNS
               for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)
