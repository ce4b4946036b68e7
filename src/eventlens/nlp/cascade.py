"""The cheap first pass: find the sentences that can hold an event, so the parser runs only there.

A full spaCy parse is most of eventlens's cost, and most sentences of a news story hold no
event ("Shares fell 2%", "He has lived in Lahore since 2010"). Before parsing, the text is
tokenised (the tokenizer alone is under 1% of the pipeline's cost) and split at sentence
punctuation and line breaks; a sentence is parsed only if one of its words can be a
trigger: a lemma of the trigger lexicon whose entry's required object or particle
("hold ... talks", "pull ... out") also occurs in the sentence; so are the headline
and lede, and the sentence before one that opens with a pronoun (its antecedent). The
other sentences keep their tokens and sentence boundaries, nothing
else (``resolve.places`` still reads the place names in them, for the story's focus).

Lemmas are guessed from the surface form with the loaded pipeline's own lemmatizer tables
(its irregular forms and suffix rules), applied without the part of speech the rule
lemmatizer needs and which the first pass does not have: a guess may yield a lemma the
lemmatizer would not, which only keeps a sentence more, never drops one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, Span

from ..coding.lexicon import TriggerEntry, load_lexicon
from .attributes import run_pipeline

SENTENCE_END = {".", "!", "?", "...", "…"}
CLOSERS = {'"', "'", "”", "’", ")", "]"}
LEDE = 2
"""The first sentences (headline, lede) are always parsed: the story's main event is there,
and the main-event classifier reads the headline's words (without them, ``stories`` macro F1
fell from 0.506 to 0.493)."""
PARSE_BATCH = 256
"""Runs of sentences parsed at a time (they are shorter than documents)."""
PRONOUNS = {"it", "they", "them", "its", "their", "he", "she", "him", "her"}
"""A candidate sentence opening with one of these is parsed with the sentence before it."""
ANTECEDENT_WINDOW = 5
"""How many first words of a candidate sentence are looked at for a pronoun. The actor
resolver looks for an antecedent in the sentence before only when no subject precedes the
pronoun in its own sentence, which is when the pronoun comes first ("They released ...",
"Later, it said ...")."""


class TriggerFilter:
    """Decides, from tokens alone, whether a sentence can hold an event."""

    def __init__(self, nlp: Any):
        self.entries: dict[str, list[TriggerEntry]] = defaultdict(list)
        for (lemma, _pos), entries in load_lexicon().items():
            for entry in entries:
                if entry not in self.entries[lemma]:
                    self.entries[lemma].append(entry)
        self.irregular: dict[str, set[str]] = defaultdict(set)
        self.rules: list[tuple[str, str]] = []
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_exc"):
                for forms in lookups.get_table("lemma_exc").values():
                    for form, lemmas in forms.items():
                        self.irregular[form].update(lemmas)
            if lookups.has_table("lemma_rules"):
                rules = {tuple(r) for table in lookups.get_table("lemma_rules").values() for r in table}
                self.rules = sorted(r for r in rules if r[0] and r[0].isalpha())
        if not self.rules:  # a pipeline without rule tables: English's regular endings
            self.rules = [("s", ""), ("es", ""), ("es", "e"), ("ies", "y"), ("ed", ""), ("ed", "e"),
                          ("ing", ""), ("ing", "e"), ("men", "man")]  # fmt: skip
        self.words = set(self.entries)
        self._keys: dict[str, frozenset[str]] = {}

    def keys(self, word: str) -> frozenset[str]:
        """Every lemma ``word`` (lower case) could have."""
        found = self._keys.get(word)
        if found is None:
            keys = {word} | self.irregular.get(word, set())
            for old, new in self.rules:
                if word.endswith(old) and len(word) > len(old) + 1:
                    stem = word[: len(word) - len(old)] + new
                    keys.add(stem)
                    if not new and len(stem) > 2 and stem[-1] == stem[-2]:  # "stopped" -> "stop"
                        keys.add(stem[:-1])
            found = self._keys[word] = frozenset(keys)
        return found

    def can_hold_event(self, sent: Span) -> bool:
        """Whether a word of ``sent`` can trigger an event (with its object or particle present)."""
        lowers = [t.lower_ for t in sent]
        nouny = [_reads_as_noun(sent, i) for i in range(len(sent))]
        for i, tok in enumerate(sent):  # "cease-fire" is looked up whole, as the coder does
            if tok.text == "-" and 0 < i < len(sent) - 1 and not tok.whitespace_ and not sent[i - 1].whitespace_:
                lowers.append(f"{lowers[i - 1]}-{lowers[i + 1]}")
                lowers.append(f"{lowers[i - 1]}{lowers[i + 1]}")
                nouny += [False, False]
        keys = [self.keys(w) for w in lowers]
        vocabulary = set(lowers).union(*keys)
        for word_keys, noun in zip(keys, nouny, strict=True):
            for lemma in word_keys & self.words:
                for entry in self.entries[lemma]:
                    if noun and "NOUN" not in entry.pos:
                        continue  # "the pound", "in March": a verb entry's word used as a noun
                    if entry.objects and not vocabulary & set(entry.objects):
                        continue
                    if lemma in entry.particles and not vocabulary & set(entry.particles[lemma]):
                        continue
                    return True
        return False


NOUN_BEFORE = {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "per", "each", "every",
               "this", "that", "these", "those", "whose", "of", "£", "$", "€"}  # fmt: skip


def _reads_as_noun(sent: Span, i: int) -> bool:
    """Whether the word at ``i`` can only be a noun or a name: after a determiner, possessive,
    "of" or a number ("the pound", "five pounds", "of support"), or capitalised inside the
    sentence ("in March", "Club"). Used only to rule out verb-only lexicon entries."""
    tok = sent[i]
    if i > 0 and tok.is_title and not sent[i - 1].is_punct:
        return True
    if i == 0:
        return False
    prev = sent[i - 1]
    return prev.lower_ in NOUN_BEFORE or prev.like_num


def rough_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges split after sentence punctuation followed by a capital, quote or digit, and
    at line breaks. Abbreviations ("Mr.", "U.S.") are single tokens, so they do not split."""
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(doc)
    for i, tok in enumerate(doc):
        if i + 1 >= n:
            break
        nxt = doc[i + 1]
        split = "\n" in tok.whitespace_ or ("\n" in tok.text and tok.is_space)
        if not split and tok.text in SENTENCE_END and tok.whitespace_:
            split = nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in {'"', "“", "'", "‘"}
        elif not split and tok.text in CLOSERS and tok.whitespace_ and i > 0 and doc[i - 1].text in SENTENCE_END:
            split = nxt.text[:1].isupper()
        if split and i + 1 > start:
            bounds.append((start, i + 1))
            start = i + 1
    if start < n:
        bounds.append((start, n))
    return bounds


def candidate_runs(doc: Doc, keep: TriggerFilter) -> list[tuple[int, int, bool]]:
    """Consecutive rough sentences grouped into (start, end, parse?) token runs."""
    sentences = rough_sentences(doc)
    wanted = [i < LEDE or keep.can_hold_event(doc[a:b]) for i, (a, b) in enumerate(sentences)]
    for i, (a, b) in enumerate(sentences):
        if wanted[i] and i > 0:
            words = [t for t in doc[a:b] if not (t.is_punct or t.is_space)][:ANTECEDENT_WINDOW]
            if any(t.lower_ in PRONOUNS for t in words):
                wanted[i - 1] = True
    runs: list[tuple[int, int, bool]] = []
    for (a, b), parse in zip(sentences, wanted, strict=True):
        if runs and runs[-1][2] == parse:
            runs[-1] = (runs[-1][0], b, parse)
        else:
            runs.append((a, b, parse))
    return runs


def cascade_pipe(nlp: Any, texts: Iterable[str], keep: TriggerFilter, batch_size: int = 64,
                 disable: Sequence[str] = (), replace: dict[str, Any] | None = None) -> Iterator[Doc]:
    """Like ``nlp.pipe(texts)``, but only the runs of sentences that can hold an event are
    parsed (batched across texts; without the ``disable`` components, with the ``replace``
    ones in place of the pipeline's: :func:`.attributes.run_pipeline`); the others keep their
    tokens and sentence starts. Character offsets are those of the text."""
    group: list[tuple[Doc, list[tuple[int, int, bool]]]] = []
    for text in texts:
        rough = nlp.make_doc(text)
        group.append((rough, candidate_runs(rough, keep)))
        if len(group) >= batch_size:
            yield from _assemble(nlp, group, batch_size, disable, replace)
            group = []
    if group:
        yield from _assemble(nlp, group, batch_size, disable, replace)


def _assemble(nlp: Any, group: list[tuple[Doc, list[tuple[int, int, bool]]]], batch_size: int,
              disable: Sequence[str], replace: dict[str, Any] | None) -> list[Doc]:
    chunks = [rough[a:b].text_with_ws for rough, runs in group for a, b, parse in runs if parse]
    parsed = iter(list(run_pipeline(nlp, chunks, max(batch_size, PARSE_BATCH), disable, replace)))
    out: list[Doc] = []
    for rough, runs in group:
        parts = [next(parsed) if parse else _filler(rough[a:b]) for a, b, parse in runs]
        if len(parts) == 1:
            out.append(parts[0])
        elif parts:
            out.append(Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"]))
        else:
            out.append(rough)
    return out


def _filler(span: Span) -> Doc:
    """An unparsed run: its tokens, and each rough sentence as a flat tree under its first
    token, so that the assembled document keeps these sentences (spaCy derives sentence
    starts from the trees of a parsed document). Tags, lemmas and entities stay empty."""
    rough = span.as_doc()
    heads: list[int] = []
    deps: list[str] = []
    for a, b in rough_sentences(rough):
        heads.extend([a] * (b - a))
        deps.extend(["ROOT"] + ["dep"] * (b - a - 1))
    return Doc(rough.vocab, words=[t.text for t in rough], spaces=[bool(t.whitespace_) for t in rough],
               heads=heads, deps=deps)
