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

    # unit-length sentence embeddings per profile (rows), when an encoder was given
    embeddings: np.ndarray | None = None
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


#: Cosine of two sentence embeddings that counts as no similarity: multilingual models give
#: unrelated texts about 0.2-0.4, so only what is above this floor, rescaled to 0..1, counts.
EMBEDDING_FLOOR = 0.5


def _embeddings(encoder, texts: list[str]) -> np.ndarray:
    vectors = np.asarray(encoder(texts), dtype=np.float32)
    if vectors.shape[0] != len(texts):
        raise ValueError(f"the encoder gave {vectors.shape[0]} vectors for {len(texts)} texts")
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(lengths == 0, 1.0, lengths)


def semantic(index: Index, i: int, others: np.ndarray) -> np.ndarray | None:
    """The sentence-embedding similarity of profile ``i`` to ``others`` (0..1, above
    :data:`EMBEDDING_FLOOR`), or ``None`` when the index has no embeddings."""
    if index.embeddings is None:
        return None
    cosine = index.embeddings[others] @ index.embeddings[i]
    return np.clip((cosine - EMBEDDING_FLOOR) / (1.0 - EMBEDDING_FLOOR), 0.0, 1.0)


def build_index(profiles, encoder=None) -> Index:
    """Index ``profiles`` (raises InvalidProfilesError listing every problem).

    ``encoder``: optional, a callable turning a list of texts into one vector each (a
    multilingual sentence-embedding model installed locally); the text signal then takes the
    larger of the character n-gram and the embedding similarity, so texts in different
    languages without a shared word can still meet. Without one, n-grams alone."""
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
    texts = [profile_text(p) for p in profiles]
    return Index(
        profiles=profiles,
        position={p.id: i for i, p in enumerate(profiles)},
        text=build_text_index(texts),
        embeddings=_embeddings(encoder, texts) if encoder is not None and texts else None,
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
