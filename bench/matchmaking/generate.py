"""A seeded synthetic matchmaking population with known complementary pairs.

``generate(n, seed)`` returns ``(profiles, pairs)``:

- Countries: 48 % China, 47 % Central and Eastern Europe (PL 12 %, HU 10 %, CZ, SK, RS, RO,
  BG, HR, SI, GR the rest), 5 % elsewhere (DE, AT). A Chinese profile writes in Chinese (70 %)
  or English, a Polish one in Polish (60 %) or English, a Hungarian one in Hungarian (60 %) or
  English, the others in English; languages: the local one, and English for 70 %.
- Sectors: 1–3 NACE classes of 15 (bench/matchmaking/phrases.py), drawn with popularity
  falling as 1/rank^0.8; 1–3 opportunities of random kinds in those sectors, 1–2
  partnerships, 0–2 target countries; 0–3 countries of interest; capacity 6, 8, 12 or 16
  (slots x people). Every text names a model code ("ZR-7315") of its own.
- **Hubs**: 3 % of the profiles have 6 opportunities of every kind, 3 sectors, several
  languages and interest in 6 countries: they match nearly everyone, and make exposure skewed.
- **Planted pairs**: 40 % of the profiles come in pairs, one Chinese and one CEE: an offer
  of one and the complementary request of the other in the same NACE class, a shared
  partnership 6 times in 10 (as likely as not otherwise), the request targeting the other's
  country half the time, each interested in the other's country half the time; each
  describes the same product in its own language, and both texts name the same model code
  and its number. ``pairs`` lists them (each pair once).
"""

from __future__ import annotations

import random
import string

from bench.matchmaking.phrases import (
    CITIES,
    CITY_ZH,
    FILLER,
    INTRO,
    LOCAL_LANGUAGE,
    OFFER,
    PARTNERSHIP_WORDS,
    REQUEST,
    SECTORS,
    SIZE,
)

from smeforum.matchmaking.recommend import KINDS, PARTNERSHIPS, Opportunity, Profile

CEE_WEIGHTS = {
    "PL": 12,
    "HU": 10,
    "CZ": 5,
    "SK": 4,
    "RS": 4,
    "RO": 4,
    "BG": 3,
    "HR": 2,
    "SI": 2,
    "GR": 1,
}
SECTOR_CODES = list(SECTORS)
SECTOR_WEIGHTS = [1 / (r + 1) ** 0.8 for r in range(len(SECTOR_CODES))]
FAMILIES = {
    "business": ("business_offer", "business_request"),
    "technology": ("technology_offer", "technology_request"),
    "investment": ("investment_offer", "investment_request"),
}
ALL_COUNTRIES = ["CN", *CEE_WEIGHTS, "DE", "AT"]


def _country(rng: random.Random, side: str | None = None) -> str:
    side = side or rng.choices(["CN", "CEE", "OTHER"], [48, 47, 5])[0]
    if side == "CN":
        return "CN"
    if side == "OTHER":
        return rng.choice(["DE", "AT"])
    return rng.choices(list(CEE_WEIGHTS), list(CEE_WEIGHTS.values()))[0]


def _language(rng: random.Random, country: str) -> tuple[str, tuple[str, ...]]:
    local = LOCAL_LANGUAGE[country]
    languages = (local, "en") if rng.random() < 0.7 else (local,)
    share = {"zh": 0.7, "pl": 0.6, "hu": 0.6}.get(local, 0.0)
    writes = local if rng.random() < share else "en"
    if writes == "en" and "en" not in languages:
        languages = (local, "en")
    return writes, languages


def _model(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase, k=2)) + f"-{rng.randint(1000, 9999)}"


def _name(rng: random.Random) -> str:
    syllables = ["hua", "xin", "pol", "mex", "tech", "bud", "ro", "lux", "ster", "kon", "vita"]
    return "".join(rng.choices(syllables, k=2)).capitalize() + rng.choice(
        [" Ltd", " Sp. z o.o.", " Kft.", " s.r.o.", ""]
    )


def _sentence(rng, lang, kind, sector, partnership, model):
    term = rng.choice(SECTORS[sector][lang])
    words = PARTNERSHIP_WORDS[partnership][lang]
    template = OFFER if KINDS[kind][1] == "offer" else REQUEST
    return term, template[lang].format(t=term, model=model, p=words)


def _profile(rng, pid, country, sectors, opps_spec, interest, capacity, model, writes, languages):
    """opps_spec: [(kind, sector, partnerships, targets)]."""
    city = rng.choice(CITIES[country])
    if writes == "zh":
        city = CITY_ZH.get(city, city)
    pool = [t for s in sectors for t in SECTORS[s][writes]]
    t1, t2 = rng.sample(pool, 2)
    parts = [
        INTRO[writes].format(
            name=_name(rng), size=rng.choice(SIZE[writes]), city=city, t1=t1, t2=t2
        )
    ]
    opportunities = []
    for k, (kind, sector, partnerships, targets) in enumerate(opps_spec):
        title, summary = _sentence(rng, writes, kind, sector, partnerships[0], model)
        opportunities.append(
            Opportunity(
                id=f"{pid}-o{k + 1}",
                kind=kind,
                title=title,
                summary=summary,
                sectors=(sector,),
                partnerships=tuple(partnerships),
                target_countries=tuple(targets),
            )
        )
    parts.append(rng.choice(FILLER[writes]))
    return Profile(
        id=pid,
        country=country,
        sectors=tuple(sectors),
        languages=languages,
        text=" ".join(parts),
        countries_of_interest=tuple(interest),
        capacity=capacity,
        opportunities=tuple(opportunities),
    )


def _random_profile(rng, pid, hub=False):
    country = _country(rng)
    writes, languages = _language(rng, country)
    n_sectors = 3 if hub else rng.randint(1, 3)
    sectors = sorted(set(rng.choices(SECTOR_CODES, SECTOR_WEIGHTS, k=n_sectors)))
    kinds = list(KINDS) if hub else rng.sample(list(KINDS), rng.randint(1, 3))
    specs = []
    for kind in kinds[:6]:
        partnerships = rng.sample(PARTNERSHIPS, rng.randint(1, 2))
        targets = rng.sample([c for c in ALL_COUNTRIES if c != country], rng.randint(0, 2))
        specs.append((kind, rng.choice(sectors), partnerships, targets))
    others = [c for c in ALL_COUNTRIES if c != country]
    interest = rng.sample(others, 6 if hub else rng.randint(0, 3))
    if hub:
        languages = tuple(dict.fromkeys((*languages, "en", "zh", "pl", "hu")))
    capacity = 16 if hub else rng.choice([6, 8, 12, 16])
    return _profile(
        rng, pid, country, sectors, specs, interest, capacity, _model(rng), writes, languages
    )


def _planted(rng, pa, pb):
    sector = rng.choices(SECTOR_CODES, SECTOR_WEIGHTS)[0]
    offer, request = FAMILIES[rng.choice(list(FAMILIES))]
    partnership = rng.choice(PARTNERSHIPS)
    model = _model(rng)
    a_country, b_country = "CN", _country(rng, "CEE")
    a_kind, b_kind = (offer, request) if rng.random() < 0.5 else (request, offer)
    result = []
    for pid, country, kind, other in (
        (pa, a_country, a_kind, b_country),
        (pb, b_country, b_kind, a_country),
    ):
        writes, languages = _language(rng, country)
        extra = rng.choices(SECTOR_CODES, SECTOR_WEIGHTS)[0]
        sectors = sorted({sector, extra}) if rng.random() < 0.4 else [sector]
        wants_other = KINDS[kind][1] == "request" and rng.random() < 0.5
        targets = [other] if wants_other else []
        shared = partnership if rng.random() < 0.6 else rng.choice(PARTNERSHIPS)
        specs = [(kind, sector, [shared], targets)]
        if rng.random() < 0.5:
            specs.append(
                (rng.choice(list(KINDS)), rng.choice(sectors), [rng.choice(PARTNERSHIPS)], [])
            )
        interest = [other] if rng.random() < 0.5 else []
        interest += [_country(rng)] if rng.random() < 0.5 else []
        interest = list(dict.fromkeys(c for c in interest if c != country))
        capacity = rng.choice([6, 8, 12, 16])
        result.append(
            _profile(
                rng,
                pid,
                country,
                [sector, *[s for s in sectors if s != sector]],
                specs,
                interest,
                capacity,
                model,
                writes,
                languages,
            )
        )
    return result


def generate(n: int, seed: int = 1, planted_share: float = 0.4, hub_share: float = 0.03):
    rng = random.Random(seed)  # noqa: S311  (a seeded benchmark, not secrets)
    profiles: list[Profile] = []
    pairs: list[tuple[str, str]] = []
    n_pairs = int(n * planted_share) // 2
    n_hubs = int(n * hub_share)
    for k in range(n_pairs):
        a, b = f"p{2 * k:06d}", f"p{2 * k + 1:06d}"
        profiles += _planted(rng, a, b)
        pairs.append((a, b))
    for k in range(len(profiles), n):
        profiles.append(_random_profile(rng, f"p{k:06d}", hub=k - 2 * n_pairs < n_hubs))
    order = list(range(len(profiles)))
    rng.shuffle(order)
    return [profiles[i] for i in order], pairs
