"""Penta classes, the old YIELD label and mode spellings."""

from __future__ import annotations

from eventlens.coding.ontology import load_ontology
from eventlens.evaluate.labels import NONE, norm_mode, old_type, penta_of


def test_labels_penta_covers_every_plover_type():
    assert all(penta_of(t) in (1, 2, 3, 4) for t in load_ontology().plover)
    assert (penta_of("CONSULT"), penta_of("YIELD"), penta_of("REJECT"), penta_of("MOBILIZE")) == (1, 2, 3, 4)
    assert penta_of(NONE) is None


def test_labels_concede_and_retreat_are_the_old_yield():
    assert old_type("CONCEDE") == old_type("RETREAT") == "YIELD"
    assert old_type("CONCEDE", "0871") == "YIELD"  # a ceasefire declared: CAMEO 08, yield
    assert old_type("CONCEDE", "0356") == "AGREE"  # a ceasefire promised: CAMEO 03, intent
    assert old_type("ASSAULT") == "ASSAULT"


def test_labels_modes_are_normalised():
    assert norm_mode("suicide-attack") == "SUICIDE-ATTACK"
    assert norm_mode(" PRIMATIVE ") == "PRIMITIVE" and norm_mode("SIEZE") == "SEIZE"
    assert norm_mode(None) == norm_mode("") == ""
