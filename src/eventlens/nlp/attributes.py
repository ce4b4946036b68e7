"""spaCy's attribute ruler, indexed: the same annotations in a fraction of the time.

An ``attribute_ruler`` (in ``en_core_web_*``: the tag map from fine-grained tags to parts of
speech and morphology, plus a few exceptions) runs a :class:`spacy.matcher.Matcher` of every
pattern over every token; with the 179 patterns of ``en_core_web_sm`` that is about a tenth
of the whole pipeline's time, as much as the parser. Almost all of those patterns are one
token tested on its tag, lower-case form, dependency label or being space, and what they
assign depends on those four values only: it can be worked out once per combination.

:class:`IndexedAttributeRuler` is built from a loaded ruler's own patterns: the one-token
patterns over those four attributes (exact values, ``IN``, ``NOT_IN``, ``REGEX``) are evaluated once
per (tag, word, label, space) combination and cached; patterns of several such tokens are
checked where their first token matches; any other pattern (operators, other attributes)
stays in a spaCy Matcher; and the attributes are set with spaCy's own ``set_token_attrs`` in
the ruler's order (later patterns win), so the result is the ruler's, token for token
(``tests/nlp/test_attributes.py`` checks it on real text). spaCy has no indexed mode for the
Matcher, which is why this exists.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes a one-token pattern may test to be indexed (others go to the Matcher)."""
CACHE_LIMIT = 200_000


class IndexedAttributeRuler:
    """Applies ``ruler``'s patterns like ``ruler(doc)`` does, with the one-token ones indexed."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        self.attrs: list[dict] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self._tests: list[tuple[int, tuple]] = []  # (rule, one test per attribute) for one-token patterns
        self._sequences: list[tuple[int, list[tuple]]] = []  # (rule, tests of each token), no operators
        self._matcher = Matcher(self.vocab)  # every other pattern
        self._rule_of: dict[int, int] = {}
        for rule, spec in enumerate(ruler.patterns):
            for pattern in spec["patterns"]:
                tests = [self._test(tok) for tok in pattern]
                if len(pattern) == 1 and tests[0] is not None:
                    self._tests.append((rule, tests[0]))
                elif tests and all(t is not None for t in tests):
                    self._sequences.append((rule, tests))
                else:
                    name = f"eventlens-attribute-rule-{rule}"
                    self._matcher.add(name, [pattern])
                    self._rule_of[self.vocab.strings[name]] = rule
        self._cache: dict[tuple, tuple[list[int], dict | None, list[int]]] = {}
        # A word no LOWER test names, and no LOWER regex matches, passes or fails every LOWER
        # test alike: such words share one cache key (0), so the cache stays small and warm.
        lower_tests = [tests[1] for _, tests in self._tests] + [t[1] for _, seq in self._sequences for t in seq]
        self._named = frozenset().union(*[t[1] for t in lower_tests if t is not None and t[0] != "REGEX"])
        self._regexes = [t[1] for t in lower_tests if t is not None and t[0] == "REGEX"]
        self._word_key: dict[int, int] = {}

    def _key_of_word(self, lower: int) -> int:
        key = self._word_key.get(lower)
        if key is None:
            text = self.vocab.strings[lower]
            key = lower if lower in self._named or any(rx.search(text) for rx in self._regexes) else 0
            if len(self._word_key) > CACHE_LIMIT:
                self._word_key.clear()
            self._word_key[lower] = key
        return key

    def _test(self, token_spec: dict) -> tuple | None:
        """(TAG, LOWER, DEP, IS_SPACE) tests of one pattern token: ``None`` for an attribute it
        does not test, else ``(wanted, values)``; ``None`` overall if it tests anything else."""
        if not token_spec or set(token_spec) - set(ATTRIBUTES):
            return None  # also "OP": a pattern with operators is left to the Matcher
        tests = []
        for attr in ATTRIBUTES:
            value = token_spec.get(attr)
            if value is None:
                tests.append(None)
            elif attr == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                tests.append((True, frozenset([value])))
            elif isinstance(value, str):
                tests.append((True, frozenset([self.vocab.strings.add(value)] if value or attr != "LOWER" else [])))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                op, values = next(iter(value.items()))
                if op == "REGEX":
                    if not isinstance(values, str) or attr == "IS_SPACE":
                        return None
                    tests.append(("REGEX", re.compile(values)))  # as the Matcher: re.search
                    continue
                if not all(isinstance(v, str) for v in values):
                    return None
                if attr == "LOWER":  # no token's lower-case form is empty: "" names no word
                    values = [v for v in values if v]
                tests.append((op == "IN", frozenset(self.vocab.strings.add(v) for v in values)))
            else:
                return None
        return tuple(tests)

    def _passes(self, tests: tuple, key: tuple) -> bool:
        for test, value in zip(tests, key, strict=True):
            if test is None:
                continue
            if test[0] == "REGEX":  # value 0: a word no regex matches (see __init__)
                if not value or not test[1].search(self.vocab.strings[value]):
                    return False
            elif (value in test[1]) != test[0]:
                return False
        return True

    def _rules_for(self, key: tuple) -> tuple[list[int], dict | None, list[int]]:
        """For a token with these (tag, lower, dep, is_space): the one-token rules it matches,
        in order; their attributes merged (later rules win; ``None`` if a rule sets extension
        attributes, which are then applied one by one); the sequences it can start."""
        found = self._cache.get(key)
        if found is None:
            rules = sorted({rule for rule, tests in self._tests if self._passes(tests, key)})
            merged: dict | None = {}
            for rule in rules:
                if "_" in self.attrs[rule]:
                    merged = None
                    break
                merged.update(self.attrs[rule])
            starts = [i for i, (_, tests) in enumerate(self._sequences) if self._passes(tests[0], key)]
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[key] = (rules, merged, starts)
        return found

    def _target(self, rule: int, start: int, end: int, doc: Doc) -> int:
        index = self.indices[rule]
        target = start + index if index >= 0 else end + index
        if not start <= target < end:
            raise ValueError(f"attribute rule {rule} has index {index}, outside its match "
                             f"{doc[start:end].text!r}; fix the pipeline's attribute_ruler patterns")
        return target

    def __call__(self, doc: Doc) -> Doc:
        word_key = self._key_of_word
        keys = [(tok.tag, word_key(tok.lower), tok.dep, tok.is_space) for tok in doc]
        found = [self._rules_for(key) for key in keys]
        targets: dict[int, list[int]] = defaultdict(list)
        for start, (_, _, starts) in enumerate(found):
            for i in starts:
                rule, tests = self._sequences[i]
                end = start + len(tests)
                if end <= len(keys) and all(self._passes(t, keys[start + j]) for j, t in enumerate(tests)):
                    targets[self._target(rule, start, end, doc)].append(rule)
        if len(self._matcher):
            for match_id, start, end in self._matcher(doc, allow_missing=True):
                rule = self._rule_of[match_id]
                targets[self._target(rule, start, end, doc)].append(rule)
        for tok, (rules, merged, _) in zip(doc, found, strict=True):
            extra = targets.get(tok.i)
            if extra is None and merged is not None:
                if merged:
                    set_token_attrs(tok, merged)
                continue
            for rule in sorted(set(rules + (extra or []))):
                set_token_attrs(tok, self.attrs[rule])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def fast_components(nlp: Any) -> dict[str, Any]:
    """Indexed replacements for the pipeline's attribute rulers, by component name."""
    return {name: IndexedAttributeRuler(proc) for name, proc in nlp.pipeline if isinstance(proc, AttributeRuler)}


def run_pipeline(nlp: Any, texts: Iterable[str], batch_size: int, disable: Iterable[str] = (),
                 replace: dict[str, Any] | None = None) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` without the ``disable`` components and with the ``replace``
    components in place of the pipeline's own (same order, same lazy batching)."""
    skip = set(disable)
    replace = replace or {}
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, proc in nlp.pipeline:
        if name in skip:
            continue
        proc = replace.get(name, proc)
        # a function component has no pipe
        docs = proc.pipe(docs, batch_size=batch_size) if hasattr(proc, "pipe") else _each(proc, docs)
    return iter(docs)


def _each(component: Any, docs: Iterable[Doc]) -> Iterator[Doc]:
    for doc in docs:
        yield component(doc)
