"""The ontology data (PLOVER, CAMEO, ACLED) is complete, consistent and matches its docs."""

from __future__ import annotations

import collections
import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventlens.coding.lexicon import load_lexicon
from eventlens.coding.ontology import (
    GENERATED_END,
    GENERATED_START,
    cameo_contexts,
    cameo_to_plover,
    load_ontology,
    ontology_markdown,
    penta_of,
    plover_to_acled,
    plover_to_cameo,
    quad_class_of,
    split_cameo_actor,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ontology.md"
PLV_TRAIN = ROOT.parent / "shared" / "data" / "plover" / "plv_train.jsonl"
DATA = resources.files("eventlens").joinpath("data")

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
OUTSIDE_SCOPE = ["Diplomatic engagement", "Claim of responsibility", "Organized crime", "Natural disaster",
                 "Man-made disaster"]  # fmt: skip
SD = "Strategic developments"
# Codes in data/triggers.yaml that are not CAMEO codes (CAMEO 173 has no sub-codes); they pass
# the non-strict check only. Fix them in triggers.yaml, then empty this set.
NONSTANDARD_LEXICON_CAMEO: set[str] = set()


class _UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        duplicates = [k for k, n in collections.Counter(keys).items() if n > 1]
        assert not duplicates, f"duplicate keys {duplicates} at {node.start_mark}"
        return super().construct_mapping(node, deep=deep)


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_ontology_files_have_no_duplicate_keys():
    manifest = yaml.load(DATA.joinpath("ontology.yaml").read_text("utf-8"), Loader=_UniqueKeyLoader)
    for part in manifest["parts"]:
        yaml.load(DATA.joinpath("ontology", part).read_text("utf-8"), Loader=_UniqueKeyLoader)
    assert set(manifest["versions"]) == {"plover", "cameo", "acled"}


def test_ontology_plover_has_16_types_each_defined(onto):
    assert set(onto.plover) == PLOVER_TYPES
    for name, entry in onto.plover.items():
        assert entry["definition"], name
        assert entry["penta"] in {1, 2, 3, 4}
        assert all(d for d in entry["modes"].values()), name
        assert all(mode and mode == mode.strip().lower() for mode in entry["modes"]), name
    assert len(onto.plover["ASSAULT"]["modes"]) == 18
    assert sum(len(e["modes"]) for e in onto.plover.values()) == 72


def test_ontology_plover_aliases_and_contexts(onto):
    aliases = onto.raw["aliases"]
    assert aliases["YIELD"]["types"] == ["CONCEDE", "RETREAT"]
    assert all(set(a["types"]) <= PLOVER_TYPES for a in aliases.values())
    assert {"military", "election", "legislative", "cyber", "corruption", "terrorism", "crime"} <= set(onto.contexts)
    assert all(onto.contexts.values())
    assert all(target in onto.contexts for target in onto.raw["context_aliases"].values())
    assert onto.context("pandemic") == "disease"
    assert onto.context("natural_disaster") == "enviro_disaster"
    with pytest.raises(ValueError, match="context"):
        onto.context("weather")


def test_ontology_cameo_roots_and_quad_classes(onto):
    assert list(onto.cameo_roots) == [f"{n:02d}" for n in range(1, 21)]
    assert onto.cameo_roots["17"] == "Coerce"
    expected = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for quad, roots in expected.items():
        for root in roots:
            assert onto.cameo[f"{root:02d}"]["quad"] == quad


def test_ontology_cameo_codes_nest_under_their_parent(onto):
    codes = onto.cameo
    assert all(code.isdigit() and 2 <= len(code) <= 4 for code in codes)
    assert all(code[:-1] in codes for code in codes if len(code) > 2)
    assert all(f"{root}0" in codes for root in onto.cameo_roots)
    assert all(entry["name"] and entry["definition"] for entry in codes.values())
    counts = collections.Counter(len(code) for code in codes)
    assert counts == {2: 20, 3: 149, 4: 147}


def test_ontology_acled_types_subtypes_and_interactions(onto):
    scoped = {t: subs for t, subs in onto.acled.items() if t != "Outside ACLED scope"}
    assert len(scoped) == 6
    assert sum(len(subs) for subs in scoped.values()) == 25
    assert onto.acled["Outside ACLED scope"] == OUTSIDE_SCOPE
    for entry in onto.raw["event_types"].values():
        assert entry["definition"] and all(entry["sub_event_types"].values())
    assert [i["name"] for i in onto.raw["interactions"].values()][:2] == ["State forces", "Rebel groups"]
    assert list(onto.raw["interactions"]) == list(range(1, 9))


def test_ontology_cameo_to_plover_targets_exist(onto):
    for code in onto.cameo:
        coded = cameo_to_plover(code)
        if code.startswith("01"):
            assert coded is None, code
            continue
        onto.check_plover(*coded)
        for context in cameo_contexts(code):
            assert context in onto.contexts, (code, context)


def test_ontology_plover_to_cameo_covers_every_mode(onto):
    approximate = onto.raw["approximate"]
    for name, entry in onto.plover.items():
        assert set(onto.raw["plover_to_cameo"][name]) == {"", *entry["modes"]}
        for mode in ["", *entry["modes"]]:
            code = plover_to_cameo(name, mode)
            assert code in onto.cameo, (name, mode, code)
            if cameo_to_plover(code)[0] != name:
                assert f"{name}/{mode}" in approximate, (name, mode, code)
    for key in approximate:
        name, mode = key.split("/")
        onto.check_plover(name, mode)


def test_ontology_acled_rules_reference_existing_codes(onto):
    for rule in onto.raw["plover_to_acled"]:
        for name in rule.get("types", []):
            for mode in rule.get("modes", [""]):
                onto.check_plover(name, mode)
        assert all(context in onto.contexts for context in rule.get("contexts", []))
        assert all(code in onto.cameo for code in rule.get("cameo", []))
        if rule["acled"]:
            assert rule["acled"][1] in onto.acled[rule["acled"][0]], rule
    for name, entry in onto.plover.items():
        for mode in ["", *entry["modes"]]:
            coded = plover_to_acled(name, mode, ["crime", "resource", "military"])
            assert coded is None or coded[1] in onto.acled[coded[0]]


def _lexicon_files() -> list[str]:
    """``data/triggers.yaml`` and any ``data/lexicon/*.yaml`` (same entry schema)."""
    folder = DATA.joinpath("lexicon")
    extra = sorted(f"lexicon/{p.name}" for p in folder.iterdir() if p.name.endswith(".yaml")) if folder.is_dir() else []
    return ["triggers.yaml", *extra]


@pytest.mark.parametrize("name", _lexicon_files())
def test_ontology_every_lexicon_entry_passes_check(onto, name):
    nonstandard = set()
    for raw in yaml.safe_load(DATA.joinpath(name).read_text("utf-8")) or []:
        acled = tuple(raw["acled"]) if raw.get("acled") else None
        plover_type, mode, cameo = raw["plover"][0], raw["plover"][1] or "", str(raw["cameo"])
        onto.check(plover_type, mode, cameo, acled, contexts=raw.get("context", ()))
        if cameo not in onto.cameo:
            nonstandard.add(cameo)
    assert nonstandard == (NONSTANDARD_LEXICON_CAMEO if name == "triggers.yaml" else set())


def test_ontology_lexicon_loads():
    assert load_lexicon()


def test_ontology_check_rejects_unknown_codes(onto):
    onto.check("COERCE", "arrest", "173", ("Strategic developments", "Arrests"), contexts=["legal"])
    onto.check("COERCE", "arrest", "1731", None)  # an unlisted refinement of 173
    for args, kwargs, message in [
        (("ARREST", "", "173", None), {}, "PLOVER type"),
        (("COERCE", "drone", "173", None), {}, "PLOVER mode"),
        (("COERCE", "", "999", None), {}, "CAMEO code"),
        (("COERCE", "", "0999", None), {}, "CAMEO code"),
        (("COERCE", "", "1731", None), {"strict": True}, "CAMEO code"),
        (("COERCE", "", "173", ("Battles", "Arrests")), {}, "ACLED"),
        (("COERCE", "", "173", None), {"contexts": ["weather"]}, "context"),
    ]:
        with pytest.raises(ValueError, match=message):
            onto.check(*args, **kwargs)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("173", ("COERCE", "arrest")),
        ("0874", ("RETREAT", "withdraw")),
        ("042", ("CONSULT", "visit")),
        ("190", ("ASSAULT", "firearms")),
        ("193", ("ASSAULT", "firearms")),
        ("1952", ("ASSAULT", "drone")),
        ("0211", ("REQUEST", "assist")),
        ("0353", ("CONCEDE", "")),
        ("0841", ("RETREAT", "release")),
        ("116", ("SANCTION", "convict")),
        ("1712", ("ASSAULT", "destroy")),
        ("1831", ("ASSAULT", "suicide-attack")),
        ("2041", ("ASSAULT", "unconventional")),
        ("015", None),
    ],
)
def test_ontology_cameo_to_plover_spot_checks(code, expected):
    assert cameo_to_plover(code) == expected


@pytest.mark.parametrize(
    ("plover", "contexts", "cameo", "expected"),
    [
        (("PROTEST", "demo"), (), None, ("Protests", "Peaceful protest")),
        (("PROTEST", "riot"), (), None, ("Riots", "Violent demonstration")),
        (("ASSAULT", "drone"), (), None, ("Explosions/Remote violence", "Air/drone strike")),
        (("ASSAULT", "explosives"), (), None, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        (("ASSAULT", "suicide-attack"), (), None, ("Explosions/Remote violence", "Suicide bomb")),
        (("ASSAULT", "heavy-weapons"), (), None, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (("ASSAULT", "abduct"), (), None, ("Violence against civilians", "Abduction/forced disappearance")),
        (("ASSAULT", "sexual"), (), None, ("Violence against civilians", "Sexual violence")),
        (("ASSAULT", "firearms"), (), None, ("Battles", "Armed clash")),
        (("ASSAULT", "destroy"), (), None, ("Strategic developments", "Looting/property destruction")),
        (("COERCE", "arrest"), (), None, ("Strategic developments", "Arrests")),
        (("CONSULT", "phone"), (), None, ("Outside ACLED scope", "Diplomatic engagement")),
        (("SUPPORT", ""), (), "057", ("Strategic developments", "Agreement")),
        (("SUPPORT", ""), (), "051", None),
        (("RETREAT", "withdraw"), (), None, ("Strategic developments", "Change to group/activity")),
        (("RETREAT", "withdraw"), ("territory",), None, (SD, "Non-violent transfer of territory")),
        (("ASSAULT", "firearms"), ("crime",), None, ("Outside ACLED scope", "Organized crime")),
        (("AID", ""), ("natural_disaster",), None, ("Outside ACLED scope", "Natural disaster")),
        (("THREATEN", "violence"), (), None, None),
        ((None, ""), (), "015", ("Outside ACLED scope", "Claim of responsibility")),
    ],
)
def test_ontology_plover_to_acled_spot_checks(plover, contexts, cameo, expected):
    assert plover_to_acled(plover[0], plover[1], contexts, cameo) == expected


def test_ontology_plover_to_cameo_spot_checks():
    assert plover_to_cameo("COERCE", "arrest") == "173"
    assert plover_to_cameo("ASSAULT", "drone") == "1952"
    assert plover_to_cameo("CONSULT") == "040"
    with pytest.raises(ValueError, match="mode"):
        plover_to_cameo("CONSULT", "riot")


def test_ontology_quad_class_of():
    assert [quad_class_of(c) for c in ("010", "0211", "057", "062", "0874", "090", "1385", "14", "2042")] == [
        1, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="CAMEO"):
        quad_class_of("21")


def test_ontology_penta_of_and_known_quad_differences(onto):
    assert [penta_of(t) for t in ("CONSULT", "AID", "REQUEST", "SANCTION", "YIELD", "DEMAND")] == [1, 2, 3, 4, 2, 3]
    with pytest.raises(ValueError, match="PLOVER type"):
        penta_of("CRIME")
    differ = {c for c in onto.cameo if (p := cameo_to_plover(c)) and penta_of(p[0]) != quad_class_of(c)}
    expected = {c for c in onto.cameo if c.startswith("02") or c[:3] in {"080", "081", "082", "083"}}
    assert differ == expected | {"08", "116"}


@pytest.mark.skipif(not PLV_TRAIN.exists(), reason="PLOVER benchmark data not present")
def test_ontology_penta_matches_plover_benchmark_majority():
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with PLV_TRAIN.open() as lines:
        for line in lines:
            row = json.loads(line)
            counts[row["gold_root"]][row["gold_penta"]] += 1
    for root, penta in counts.items():
        majority, n = penta.most_common(1)[0]
        assert penta_of(root) == majority, root
        assert n / sum(penta.values()) > 0.9, root


def test_ontology_split_cameo_actor():
    assert split_cameo_actor("PAKSPY") == ("PAK", ("SPY",))
    assert split_cameo_actor("irnmil") == ("IRN", ("MIL",))
    assert split_cameo_actor("IRQREBSHI") == ("IRQ", ("REB", "SHI"))
    assert split_cameo_actor("IGOUNO") == ("IGO", ("UNO",))
    assert split_cameo_actor("REB") == (None, ("REB",))
    assert split_cameo_actor("IGONAT") == ("IGO", ("NAT",))  # organisation codes are not listed
    for bad in ("PAKXYZ", "PAKSP", ""):
        with pytest.raises(ValueError):
            split_cameo_actor(bad)


def test_ontology_actor_kb_cameo_codes_split():
    actors = yaml.safe_load(DATA.joinpath("actors.yaml").read_text("utf-8"))["actors"]
    for actor in actors:
        if actor.get("cameo_code"):
            split_cameo_actor(actor["cameo_code"])


def test_ontology_actor_codes_well_formed(onto):
    for table in ("top_level", "roles", "religions"):
        for code, entry in onto.raw[table].items():
            assert len(code) == 3 and code.isupper() and entry["name"] and entry["definition"], code
    for role in ("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "CVL", "BUS",
                 "CRM", "MED", "EDU", "HLH", "HRI", "LAB", "AGR", "ELI", "RAD", "MOD", "REF"):  # fmt: skip
        assert role in onto.raw["roles"]
    religions = onto.raw["religions"]
    assert {"MOS", "SHI", "SUN", "CHR", "JEW", "HIN", "BUD"} <= set(religions)
    assert all(e["parent"] in religions for e in religions.values() if "parent" in e)


def test_ontology_docs_listing_up_to_date():
    text = DOC.read_text("utf-8")
    assert GENERATED_START in text and text.rstrip().endswith(GENERATED_END), "docs/ontology.md lost its markers"
    generated = text.split(GENERATED_START, 1)[1].rsplit(GENERATED_END, 1)[0].strip()
    assert generated == ontology_markdown().strip(), (
        'docs/ontology.md is stale: python -c "from eventlens.coding.ontology import update_markdown; '
        "update_markdown('docs/ontology.md')\""
    )
