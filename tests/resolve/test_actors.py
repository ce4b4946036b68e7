"""Actor linking: the KB, phrase matching, generic nouns, event actors, the seed article."""

from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pycountry
import pytest
import yaml

from eventlens.config import Settings
from eventlens.model import Actor, Document, Event, Evidence, Span
from eventlens.resolve.actor_kb import (
    KINDS,
    SECTORS,
    is_acronym,
    load_kb,
    normalize,
    packaged_entries,
)
from eventlens.resolve.actors import ActorLinker


@pytest.fixture(scope="module")
def linker() -> ActorLinker:
    return ActorLinker(Settings())


def make_event(doc: Document, trigger: str, sources=(), targets=()) -> Event:
    """An event built by hand: ``trigger`` and the actor phrases are found in ``doc.text``."""
    at = doc.text.index(trigger)
    sent = doc.sentence_of(at)

    def actor(text: str) -> Actor:
        start = doc.text.index(text)
        return Actor(text=text, start=start, end=start + len(text))

    return Event(
        plover={"type": "TEST", "mode": None, "context": []}, cameo=None,
        acled={"event_type": None, "sub_event_type": None},
        evidence=Evidence(sent.text, sent.start, sent.end, Span(trigger, at, at + len(trigger))),
        source=[actor(s) for s in sources], target=[actor(t) for t in targets], sentence_index=sent.index,
    )


def linked(linker, parse, text, trigger, sources=(), targets=()) -> Event:
    doc = parse(text)
    doc.events = [make_event(doc, trigger, sources, targets)]
    linker(doc)
    return doc.events[0]


def mention_ids(doc: Document) -> dict[str, str | None]:
    return {m.text: (m.actor.actor_id if m.actor else None) for m in doc.mentions}


# --- the knowledge base ------------------------------------------------------
def test_actors_kb_integrity():
    entries, ambiguous, generic = packaged_entries()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ids) >= 400  # issue #4: at least 400 organisations, every region
    known = set(ids) | set(load_kb().entries)
    claims: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        assert e.kind in KINDS, e.id
        assert e.sector is None or e.sector in SECTORS, e.id
        assert e.country is None or pycountry.countries.get(alpha_3=e.country), e.id
        assert e.parent is None or e.parent in known, e.id
        assert e.cameo_code is None or re.fullmatch(r"[A-Z]{3,12}", e.cameo_code), e.id
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", e.id), e.id
        for alias in (e.name, *e.aliases):
            claims[alias if is_acronym(alias) else normalize(alias)].add(e.id)
    declared = {(k if is_acronym(k) else normalize(k)): set(v) for k, v in ambiguous.items()}
    shared = {alias: owners for alias, owners in claims.items() if len(owners) > 1}
    assert shared == declared, "every shared alias must be listed under 'ambiguous'"
    assert set(generic.values()) <= {"COP", "MIL", "SPY", "GOV", "MOI", "MFA", "MOD", "CVL", "UNIDENTIFIED", "GROUP"}
    assert generic["police"] == "COP" and generic["gunmen"] == "UNIDENTIFIED"
    for entry in load_kb().entries.values():  # after inheritance every entry is complete
        assert entry.country is None or pycountry.countries.get(alpha_3=entry.country), entry.id
        assert entry.sector in SECTORS and entry.cameo_code, entry.id


def test_actors_kb_generates_every_country():
    kb = load_kb()
    for country in pycountry.countries:
        gov = kb.entries[f"{country.alpha_3}-GOV"]
        assert gov.cameo_code == f"{country.alpha_3}GOV" and gov.sector == "government"
    assert kb.exact("Nairobi") == ["KEN-GOV"]
    assert kb.exact("Damascus") == ["SYR-GOV"]
    assert kb.exact("Afghani") == ["AFG-GOV"]
    assert kb.country_of("the Kenyan coast guard") == "KEN"
    demonyms = yaml.safe_load(resources.files("eventlens.data").joinpath("demonyms.yaml").read_text())
    assert len(demonyms) >= 80
    assert all(pycountry.countries.get(alpha_3=code) for code in demonyms)


def test_actors_normalize():
    assert normalize("The Inter-Services Intelligence's") == "inter services intelligence"
    assert normalize("Kata’ib Ḥezbollah") == "kataib hezbollah"
    assert normalize("the fighters'") == "fighters"


# --- phrases ---------------------------------------------------------------------
def test_actors_acronym_defined_in_text(linker, parse):
    doc = parse(
        "The Kurram Valley Peace Committee (KVPC) accused the army of delays. "
        "On Monday KVPC volunteers blocked the main road."
    )
    doc.events = [make_event(doc, "blocked", sources=["KVPC volunteers"])]
    linker(doc)
    actor = doc.events[0].source[0]
    assert actor.name == "Kurram Valley Peace Committee" and actor.actor_id is None


def test_actors_acronym_known_and_case_sensitive(linker, parse):
    ev = linked(linker, parse, "The ISI questioned two suspects in Lahore.", "questioned", ["The ISI"])
    assert ev.source[0].actor_id == "PAK-ISI"
    kb = load_kb()
    assert kb.acronym("RAW") == ["IND-RAW"] and kb.exact("raw") == []


def test_actors_typo_fuzzy_match(linker, parse):
    ev = linked(linker, parse, "Bashar al-Asad met Ali Shamkani in Damascus.", "met",
                ["Bashar al-Asad"], ["Ali Shamkani"])
    assert ev.source[0].actor_id == "PER-BASHAR-AL-ASSAD"
    assert ev.target[0].actor_id == "PER-ALI-SHAMKHANI"


def test_actors_unknown_militia_stays_unknown(linker, parse):
    ev = linked(linker, parse, "Liwa Haidariyoun fighters clashed with Iraqi police near Basra.",
                "clashed", ["Liwa Haidariyoun fighters"], ["Iraqi police"])
    src, tgt = ev.source[0], ev.target[0]
    assert src.actor_id is None and src.name and "Haidariyoun" in src.name
    assert tgt.actor_id == "IRQ-COP" and tgt.cameo_code == "IRQCOP"


def test_actors_longest_alias_inside_phrase(linker, parse):
    text = "A delegation of Iran's Revolutionary Guards arrived in Baghdad on Sunday."
    ev = linked(linker, parse, text, "arrived", ["A delegation of Iran's Revolutionary Guards"])
    assert ev.source[0].actor_id == "IRN-IRGC" and ev.source[0].cameo_code == "IRNMIL"


def test_actors_pro_modifier_is_not_the_actor(linker, parse):
    ev = linked(linker, parse, "Pro-Moscow Wagner mercenaries attacked pro-Kyiv militias.", "attacked",
                ["Pro-Moscow Wagner mercenaries"])
    assert ev.source[0].actor_id == "RUS-WAGNER"


def test_actors_generic_police_in_kenyan_story(linker, parse):
    text = ("Kenyan officials confirmed the raid on Tuesday. "
            "Police stormed a house in Mombasa and detained four men.")
    ev = linked(linker, parse, text, "stormed", ["Police"], ["four men"])
    assert (ev.source[0].actor_id, ev.source[0].country, ev.source[0].cameo_code) == ("KEN-COP", "KEN", "KENCOP")


def test_actors_focus_country_from_town_names(linker, parse):
    ev = linked(linker, parse, "Police in Mombasa detained four men on Tuesday.", "detained", ["Police"])
    assert ev.source[0].cameo_code == "KENCOP"


def test_actors_generic_with_country_in_phrase(linker, parse):
    text = ("Pakistan protested on Friday. Iranian troops shelled a village near the border, "
            "and Iran's army later denied it. Pakistani soldiers returned fire.")
    doc = parse(text)
    doc.events = [
        make_event(doc, "shelled", ["Iranian troops"]),
        make_event(doc, "denied", ["Iran's army"]),
        make_event(doc, "returned", ["Pakistani soldiers"]),
    ]
    linker(doc)
    assert [e.source[0].cameo_code for e in doc.events] == ["IRNMIL", "IRNMIL", "PAKMIL"]
    assert doc.events[0].source[0].sector == "military"


def test_actors_gunmen_are_unidentified(linker, parse):
    ev = linked(linker, parse, "Gunmen opened fire on a bus near Quetta, Pakistan.", "opened", ["Gunmen"])
    actor = ev.source[0]
    assert actor.actor_id == "UNIDENTIFIED-ARMED-GROUP"
    assert actor.country == "PAK" and actor.cameo_code == "PAKUAF"


def test_actors_fighters_are_the_salient_group(linker, parse):
    text = ("Al-Shabaab claimed the attack. Officials said al-Shabaab had planned it for weeks. "
            "The militants later withdrew from the town.")
    ev = linked(linker, parse, text, "withdrew", ["The militants"])
    assert ev.source[0].actor_id == "SOM-SHABAAB"


def test_actors_group_without_armed_group_stays_empty(linker, parse):
    ev = linked(linker, parse, "The group later withdrew from the talks in Geneva.", "withdrew", ["The group"])
    assert ev.source[0].actor_id is None


def test_actors_capital_as_actor(linker, parse):
    ev = linked(linker, parse, "Tehran condemned the strike on Thursday.", "condemned", ["Tehran"])
    assert (ev.source[0].actor_id, ev.source[0].cameo_code) == ("IRN-GOV", "IRNGOV")


def test_actors_person_linked_to_body(linker, parse):
    ev = linked(linker, parse, "Shamkhani welcomed the proposal.", "welcomed", ["Shamkhani"])
    actor = ev.source[0]
    assert (actor.actor_id, actor.country, actor.sector, actor.cameo_code) == (
        "PER-ALI-SHAMKHANI", "IRN", "government", "IRNGOV"
    )


def test_actors_ambiguous_alias_follows_the_story(linker, parse):
    ev = linked(linker, parse, "In Khartoum, the RSF shelled a market.", "shelled", ["the RSF"])
    assert ev.source[0].actor_id == "SDN-RSF"
    ev = linked(linker, parse, "In New Delhi, the Intelligence Bureau arrested a clerk.", "arrested",
                ["the Intelligence Bureau"])
    assert ev.source[0].actor_id == "IND-IB"


def test_actors_mentions_and_generic_mentions(linker, parse):
    doc = parse("The Taliban and the Houthis issued statements. Police in Kabul arrested three men.")
    linker(doc)
    ids = mention_ids(doc)
    assert ids.get("Taliban") == "AFG-TALIBAN" or ids.get("The Taliban") == "AFG-TALIBAN"
    generic = [m for m in doc.mentions if m.label == "GENERIC"]
    assert any(m.text == "Police" and m.actor.actor_id == "AFG-COP" for m in generic)


def test_actors_user_file_overrides_and_adds(parse, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - id: PAK-ISI\n    name: ISI (renamed)\n    aliases: [Inter-Services Intelligence]\n"
        "    kind: intelligence\n    country: PAK\n    sector: intelligence\n    cameo_code: PAKSPY\n"
        "  - id: KEN-MOMBASA-REPUBLICAN\n    name: Mombasa Republican Council\n    aliases: [MRC]\n"
        "    kind: non_state_armed_group\n    country: KEN\n    sector: rebel\n    cameo_code: KENREB\n"
    )
    user = ActorLinker(Settings(actors_files=[path]))
    doc = parse("The MRC accused the Inter-Services Intelligence of meddling.")
    doc.events = [make_event(doc, "accused", ["The MRC"], ["the Inter-Services Intelligence"])]
    user(doc)
    assert doc.events[0].source[0].actor_id == "KEN-MOMBASA-REPUBLICAN"
    assert doc.events[0].target[0].name == "ISI (renamed)"
    assert load_kb().entries["PAK-ISI"].name == "Inter-Services Intelligence"  # default KB untouched


# --- the seed article ------------------------------------------------------------
SEED_ALIASES = {
    "Inter-Services Intelligence": "PAK-ISI", "ISI": "PAK-ISI", "Pasdaran": "IRN-IRGC",
    "Ali Shamkhan": "PER-ALI-SHAMKHANI", "Shamkhani": "PER-ALI-SHAMKHANI",
    "the Supreme Council of National Security of Iran": "IRN-SNSC", "Liwa Zainebiyoun": "LIWA-ZAINEBIYOUN",
    "the Fatimid Brigade": "LIWA-FATEMIYOUN", "Islamabad": "PAK-GOV", "Tehran": "IRN-GOV",
    "Damascus": "SYR-GOV", "the Intelligence Bureau": "PAK-IB", "Military Intelligence": "PAK-MI",
    "interior ministry": "PAK-MOI", "Bashar al-Assad's": "PER-BASHAR-AL-ASSAD",
}


def seed_body(path) -> str:
    """The article body: paragraphs long enough to be prose (drops the page chrome and title)."""
    return "\n\n".join(p.strip() for p in path.read_text().split("\n\n") if len(p.split()) >= 12)


def test_actors_seed_article(linker, parse, seed_article):
    doc = parse(seed_body(seed_article))
    linker(doc)
    by_text = defaultdict(set)
    for m in doc.mentions:
        by_text[m.text].add(m.actor.actor_id if m.actor else None)
    for text, actor_id in SEED_ALIASES.items():
        assert by_text.get(text) == {actor_id}, (text, by_text.get(text))
    kb = load_kb()
    for alias, actor_id in [("Revolutionary Guards", "IRN-IRGC"), ("Zainabiyoun Brigade", "LIWA-ZAINEBIYOUN"),
                            ("Basij", "IRN-BASIJ"), ("Ansar Allah", "YEM-HOUTHIS"), ("SNSC", "IRN-SNSC"),
                            ("Assad regime", "SYR-GOV"), ("CTD Punjab", "PAK-CTD-PB")]:
        assert (kb.exact(alias) or kb.acronym(alias))[0] == actor_id
    generic = {m.text: m.actor for m in doc.mentions if m.label == "GENERIC"}
    assert generic["police"].actor_id == "PAK-COP"
    assert generic["Pakistani intelligence chiefs"].cameo_code == "PAKSPY"
    assert generic["fighters"].actor_id == "LIWA-ZAINEBIYOUN"
    assert generic["its troops"].cameo_code == "IRNMIL"
    assert not any(m.text == "Zainab" and m.actor for m in doc.mentions)


def test_actors_seed_event_phrases(linker, parse, seed_article):
    doc = parse(seed_body(seed_article))
    phrases = {
        "department": "PAK-CTD-PB",  # the anti-terrorist department of the Punjab region
        "delegation": "PAK-ISI",  # a delegation of Pakistan's powerful Inter-Services Intelligence
        "cell": "LIWA-ZAINEBIYOUN",  # a cell of seven Liwa Zainebiyoun men
    }
    events = []
    for tok in doc.nlp:
        if tok.lower_ in phrases:
            sub = list(tok.subtree)
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
            ev = make_event(doc, tok.text)
            ev.source = [Actor(text=doc.text[start:end], start=start, end=end)]
            events.append((phrases.pop(tok.lower_), ev))
    doc.events = [ev for _, ev in events]
    linker(doc)
    assert [(want, ev.source[0].actor_id) for want, ev in events] == [(w, w) for w, _ in events]


def test_actors_and_places_without_a_parse(linker):
    """Stored documents come back without the spaCy parse: text-only matching still works."""
    from eventlens.model import Mention
    from eventlens.resolve.places import PlaceResolver

    text = "Iranian troops shelled a village near Herat."
    mentions = [Mention("Iranian", 0, 7, "NORP", 0), Mention("Herat", 38, 43, "GPE", 0)]
    doc = Document(id="t", text=text, mentions=mentions)
    doc.events = [Event(
        plover={"type": "TEST", "mode": None, "context": []}, cameo=None, acled={},
        evidence=Evidence(text, 0, len(text), Span("shelled", 15, 22)),
        source=[Actor("Iranian troops", start=0, end=14)],
    )]
    linker(doc)
    PlaceResolver(Settings())(doc)
    assert doc.events[0].source[0].actor_id == "IRN-MIL"
    assert doc.events[0].location.country == "AFG"
