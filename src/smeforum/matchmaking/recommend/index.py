"""The index built once per edition: the text index and inverted indexes (posting lists of
profile positions) for kinds, sectors, languages and wanted countries, so a query looks only
at the profiles that share something with it instead of scanning every pair."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .model import InvalidProfilesError, Profile
from .nace import path
from .regions import region
from .text import TextIndex, build_text_index, words
from .validation import validate


@dataclass
class Index:
    profiles: tuple[Profile, ...]
    position: dict[str, int]  # profile id -> position
    text: TextIndex
    paths: list[tuple[tuple[str, ...], ...]]  # every sector path of a profile (own and its opps')
    opp_paths: list[tuple[tuple[tuple[str, ...], ...], ...]]  # per opportunity (own or profile's)
    wants: list[frozenset[str]]  # countries of interest and target countries
    region: np.ndarray  # int8 per profile: regions.CN, CEEC, OTHER
    country: np.ndarray  # int32 per profile, into country_ids
    country_ids: dict[str, int]
    capacity: np.ndarray  # int64 per profile
    kind_posts: dict[str, np.ndarray]  # opportunity kind -> profiles with one
    sector_posts: dict[
        tuple[str, ...], np.ndarray
    ]  # path prefix -> profiles with a sector under it
    language_posts: dict[str, np.ndarray]
    wants_posts: dict[str, np.ndarray]  # country -> profiles that want it

    word_cache: dict[int, dict[str, bool]] = field(default_factory=dict)  # filled when asked

    @property
    def size(self) -> int:
        return len(self.profiles)

    def words_of(self, i: int) -> dict[str, bool]:
        """The words of profile ``i``'s text (word -> is CJK), kept once computed."""
        if i not in self.word_cache:
            self.word_cache[i] = dict(words(profile_text(self.profiles[i])))
        return self.word_cache[i]


def _posts(lists: dict) -> dict:
    return {k: np.array(sorted(v), dtype=np.int32) for k, v in lists.items()}


def profile_text(p: Profile) -> str:
    """All the words of a profile: its description and its opportunities'."""
    parts = [p.text]
    for o in p.opportunities:
        parts += [o.title, o.summary, " ".join(o.keywords)]
    return "\n".join(x for x in parts if x)


def build_index(profiles) -> Index:
    """Index ``profiles`` (raises InvalidProfilesError listing every problem)."""
    profiles = tuple(profiles)
    problems = validate(list(profiles))
    if problems:
        raise InvalidProfilesError(problems)
    kinds, sectors, languages, wanted = (defaultdict(set) for _ in range(4))
    paths, opp_paths, wants = [], [], []
    country_ids: dict[str, int] = {}
    for i, p in enumerate(profiles):
        own = tuple(dict.fromkeys(path(s) for s in p.sectors))
        per_opp = []
        for o in p.opportunities:
            kinds[o.kind].add(i)
            mine = tuple(dict.fromkeys(path(s) for s in o.sectors))
            per_opp.append(mine or own)
        every = tuple(dict.fromkeys(own + tuple(x for opp in per_opp for x in opp)))
        for x in every:
            for depth in range(1, len(x) + 1):
                sectors[x[:depth]].add(i)
        for lang in p.languages:
            languages[lang.lower()].add(i)
        want = frozenset(p.countries_of_interest) | frozenset(
            c for o in p.opportunities for c in o.target_countries
        )
        for c in want:
            wanted[c].add(i)
        paths.append(every)
        opp_paths.append(tuple(per_opp))
        wants.append(want)
        country_ids.setdefault(p.country, len(country_ids))
    return Index(
        profiles=profiles,
        position={p.id: i for i, p in enumerate(profiles)},
        text=build_text_index([profile_text(p) for p in profiles]),
        paths=paths,
        opp_paths=opp_paths,
        wants=wants,
        region=np.array([region(p.country) for p in profiles], dtype=np.int8),
        country=np.array([country_ids[p.country] for p in profiles], dtype=np.int32),
        country_ids=country_ids,
        capacity=np.array([p.capacity for p in profiles], dtype=np.int64),
        kind_posts=_posts(kinds),
        sector_posts=_posts(sectors),
        language_posts=_posts(languages),
        wants_posts=_posts(wanted),
    )
