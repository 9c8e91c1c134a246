"""Benchmark of the partner recommendations (run by hand, not part of the test suite).

    PYTHONPATH=src:. python bench/matchmaking/run.py [--quality 5000] [--speed 100000]
        [--seed 1] [--queries 20]

On a population from bench/matchmaking/generate.py it prints:

- quality (``--quality`` profiles), with and without spreading: precision@10 and recall@10
  against the planted pairs (each planted profile has one known partner, so precision@10 is
  at most 0.1), the mean reciprocal rank of the partner, coverage (share of profiles with at
  least 5 *good* recommendations in their 10: a complementary offer/request whose sectors
  share at least the NACE division), the Gini coefficient of appearances in the top-10
  lists, the most appearances of one profile, the share of profiles shown to nobody, and the
  time of ``recommend_all`` for everyone;
- speed (``--speed`` profiles): indexing time and the median (and 90th percentile) time of
  ``recommend`` for ``--queries`` random profiles.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.matchmaking.generate import generate

from smeforum.matchmaking.recommend import build_index, describe_all, gini, recommend, recommend_all
from smeforum.matchmaking.recommend.nace import path
from smeforum.matchmaking.recommend.spread import exposure_counts


def is_good(rec) -> bool:
    for r in rec.reasons:
        if r.code == "complement" and r.params["sector"]:
            return len(path(r.params["sector"])) >= 2
    return False


def quality(n: int, seed: int, top: int = 10) -> None:
    started = time.perf_counter()
    profiles, pairs = generate(n, seed)
    partner = dict(pairs) | {b: a for a, b in pairs}
    print(
        f"generated {n} profiles, {len(pairs)} planted pairs in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    index = build_index(profiles)
    print(f"indexed in {time.perf_counter() - started:.2f} s")
    for spread in (False, True):
        started = time.perf_counter()
        lists = recommend_all(index, top=top, spread=spread)
        seconds = time.perf_counter() - started
        hits, rr = [], []
        for pid, other in partner.items():
            ids = [r.profile_id for r in lists[pid]]
            hits.append(other in ids)
            rr.append(1 / (ids.index(other) + 1) if other in ids else 0.0)
        precision = sum(hits) / (top * len(hits))
        recall = sum(hits) / len(hits)
        coverage = sum(sum(map(is_good, recs)) >= 5 for recs in lists.values()) / n
        counts = exposure_counts(index, lists)
        print(
            f"spread={spread!s:5}  precision@{top} {precision:.3f} (max 0.100)  "
            f"recall@{top} {recall:.3f}  MRR {statistics.mean(rr):.3f}  "
            f"coverage {coverage:.3f}  Gini {gini(counts):.3f}  max {counts.max()}  "
            f"never shown {(counts == 0).mean():.3f}  full lists "
            f"{sum(len(v) == top for v in lists.values()) / n:.3f}  time {seconds:.1f} s"
        )
    example = next(iter(partner))
    print(f"\nexample: {example}")
    for rec in recommend(index, example, top=3):
        print(f"  {rec.profile_id} {rec.score:.3f}")
        for line in describe_all(rec.reasons):
            print(f"    - {line}")


def speed(n: int, seed: int, queries: int, top: int = 10) -> None:
    started = time.perf_counter()
    profiles, _ = generate(n, seed)
    print(f"\ngenerated {n} profiles in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    index = build_index(profiles)
    print(
        f"indexed in {time.perf_counter() - started:.1f} s "
        f"({len(index.text.vocab):,} features, {len(index.text.indices):,} entries)"
    )
    rng = random.Random(seed)  # noqa: S311  (a seeded benchmark, not secrets)
    ids = rng.sample([p.id for p in profiles], queries)
    recommend(index, ids[0], top=top)  # warm up
    times = []
    for pid in ids:
        started = time.perf_counter()
        recommend(index, pid, top=top)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"recommend top-{top} among {n}: median {statistics.median(times) * 1000:.1f} ms, "
        f"p90 {times[int(0.9 * len(times)) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quality", type=int, default=5000)
    parser.add_argument("--speed", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    if args.quality:
        quality(args.quality, args.seed)
    if args.speed:
        speed(args.speed, args.seed, args.queries)


if __name__ == "__main__":
    main()
