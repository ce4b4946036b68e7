"""Features of a candidate trigger for the event-type model: the words that say what happened.

The features are symbolic (lemmas, dependency relations, particles, negation) so the model
stays small, fast and inspectable; they are computed from the spaCy parse of the sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

ARG_DEPS = {"dobj", "obj", "attr", "dative", "oprd", "xcomp", "ccomp", "acomp"}
MOD_DEPS = {"prt", "neg", "aux", "auxpass", "advmod", "compound", "amod"}


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def trigger_features(tok: Token) -> list[str]:
    """Feature strings for ``tok`` as an event trigger (verb or event noun)."""
    lemma = _lemma(tok)
    feats = [f"t={lemma}", f"pos={tok.pos_}", f"t={lemma}|pos={tok.pos_}", f"dep={tok.dep_}"]
    if tok.tag_ in {"VBN"} and any(c.dep_ == "auxpass" for c in tok.children):
        feats.append("passive")
    for child in tok.children:
        dep = child.dep_
        clem = _lemma(child)
        if dep == "prt":
            feats += [f"prt={clem}", f"t={lemma}|prt={clem}"]
        elif dep == "neg":
            feats.append("neg")
        elif dep == "prep":
            feats += [f"prep={clem}", f"t={lemma}|prep={clem}"]
            for gchild in child.children:
                if gchild.dep_ in {"pobj", "pcomp"}:
                    glem = _lemma(gchild)
                    feats += [f"pobj={glem}", f"t={lemma}|{clem}={glem}"]
        elif dep in ARG_DEPS:
            feats += [f"{dep}={clem}", f"t={lemma}|obj={clem}", f"obj={clem}"]
            for gchild in child.children:
                if gchild.dep_ in {"compound", "amod"}:
                    feats.append(f"objmod={_lemma(gchild)}")
                if gchild.dep_ == "prep":
                    feats.append(f"obj_prep={_lemma(gchild)}")
        elif dep in {"compound", "amod"} and tok.pos_ == "NOUN":
            feats += [f"mod={clem}", f"t={lemma}|mod={clem}"]
        elif dep in {"nsubj", "nsubjpass"}:
            feats.append(f"subj_ent={child.ent_type_ or child.pos_}")
    head = tok.head
    if head.i != tok.i:
        hlem = _lemma(head)
        feats += [f"head={hlem}", f"head_dep={tok.dep_}|{hlem}"]
        if tok.dep_ in {"dobj", "pobj"} and head.pos_ in {"VERB", "ADP"}:
            verb = head if head.pos_ == "VERB" else head.head
            feats.append(f"gov={_lemma(verb)}|{lemma}")
    from .lexicon import load_lexicon

    pos = "VERB" if tok.pos_ in {"VERB", "AUX"} else tok.pos_
    entries = load_lexicon().get((lemma, pos), [])
    feats += sorted({f"lex={e.plover_type}" for e in entries})
    if not entries:
        feats.append("lex=none")
    return feats
