"""The score of one pair and its reasons, signal by signal.

Each signal gives a value in 0..1; the score is their weighted sum (the weights add up to 1).
A signal that counts gives a :class:`Reason` (code, params, its part of the score), worded by
reasons.describe (or with gettext by the Django side).
"""

from __future__ import annotations

from .index import Index
from .model import PARTNERSHIPS, Reason, complementary
from .nace import LEVELS, label, proximity
from .regions import CROSS_CHINA_CEE, cross_value

WEIGHTS = {
    "complement": 0.35,  # an offer of theirs meets a request of yours, or the reverse
    "text": 0.20,  # the descriptions are alike (character n-grams)
    "sector": 0.15,  # closest sectors in the NACE tree
    "cross_border": 0.15,  # China <-> CEE first
    "interest": 0.10,  # each wants the other's country
    "language": 0.05,  # a shared language
}
# value of sectors sharing 0..4 levels: nothing, section, division, group, class
SECTOR_VALUE = (0.0, 0.2, 0.5, 0.75, 1.0)
# complement value: base + sector closeness of the two opportunities + a shared partnership
COMPLEMENT_BASE, COMPLEMENT_SECTOR, COMPLEMENT_PARTNERSHIP = 0.6, 0.25, 0.15
TEXT_SCALE = 2.0  # cosine 0.5 and above counts fully
TEXT_REASON = 0.05  # smallest cosine worth a reason


def _closest(a, b) -> tuple[int, tuple, tuple]:
    best = (0, (), ())
    for x in a:
        for y in b:
            n = proximity(x, y)
            if n > best[0]:
                best = (n, x, y)
    return best


def complement(index: Index, i: int, j: int) -> tuple[float, dict | None]:
    """The best offer/request match between the opportunities of ``i`` and ``j``."""
    best, params = 0.0, None
    mine, theirs = index.profiles[i].opportunities, index.profiles[j].opportunities
    for a, yours in enumerate(mine):
        for b, their in enumerate(theirs):
            if not complementary(yours.kind, their.kind):
                continue
            n, x, _ = _closest(index.opp_paths[i][a], index.opp_paths[j][b])
            shared = [
                p for p in PARTNERSHIPS if p in yours.partnerships and p in their.partnerships
            ]
            value = (
                COMPLEMENT_BASE
                + COMPLEMENT_SECTOR * SECTOR_VALUE[n]
                + (COMPLEMENT_PARTNERSHIP if shared else 0.0)
            )
            if value > best:
                best = value
                params = {
                    "theirs": their.kind,
                    "yours": yours.kind,
                    "their_opportunity": their.id,
                    "your_opportunity": yours.id,
                    "partnership": shared[0] if shared else "",
                    "sector": label(x[:n]) if n else "",
                    "countries": sorted(their.target_countries),
                }
    return best, params


def score_pair(index: Index, i: int, j: int, text_sim: float) -> tuple[float, list[Reason]]:
    """The score of recommending ``j`` to ``i`` and the reasons, heaviest first (the text
    reason's ``terms`` are filled in by :func:`add_terms` for the pairs shown)."""
    parts: list[tuple[str, float, str, dict]] = []
    value, params = complement(index, i, j)
    if params:
        parts.append(("complement", value, "complement", params))
    n, x, y = _closest(index.paths[i], index.paths[j])
    if n:
        level = {"level": LEVELS[n - 1], "yours": label(x), "theirs": label(y)}
        parts.append(("sector", SECTOR_VALUE[n], "sector", level))
    if text_sim > 0:
        reason = {"similarity": round(text_sim, 2), "terms": []}
        parts.append(("text", min(1.0, TEXT_SCALE * text_sim), "text", reason))
    me, them = index.profiles[i], index.profiles[j]
    cross = cross_value(me.country, them.country)
    if cross:
        code = "cross_border" if cross == CROSS_CHINA_CEE else ""
        parts.append(("cross_border", cross, code, {"yours": me.country, "theirs": them.country}))
    if them.country in index.wants[i]:
        parts.append(("interest", 0.5, "their_country_wanted", {"country": them.country}))
    if me.country in index.wants[j]:
        parts.append(("interest", 0.5, "wants_your_country", {"country": me.country}))
    shared = sorted({x.lower() for x in me.languages} & {x.lower() for x in them.languages})
    if shared:
        parts.append(("language", 1.0, "language", {"languages": shared}))
    score = 0.0
    reasons = []
    for signal, v, code, p in parts:
        part = WEIGHTS[signal] * v
        score += part
        if code and (code != "text" or text_sim >= TEXT_REASON):
            reasons.append(Reason(code, p, round(part, 4)))
    reasons.sort(key=lambda r: -r.weight)
    return min(1.0, round(score, 6)), reasons


def add_terms(
    index: Index, mine: dict[str, bool], j: int, reasons: list[Reason], limit: int = 3
) -> None:
    """Fill the text reason's ``terms``: the rarest words both texts use (``mine``: the
    recipient's words, ``index.words_of(i)``)."""
    text = next((r for r in reasons if r.code == "text"), None)
    if text is None:
        return
    theirs = index.words_of(j)
    common = [(w, cjk) for w, cjk in mine.items() if w in theirs and (cjk or len(w) >= 2)]
    ranked = sorted(common, key=lambda wc: (-index.text.rarity(*wc), wc[0]))
    text.params["terms"] = [w for w, _ in ranked[:limit]]
