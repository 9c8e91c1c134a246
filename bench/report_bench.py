"""Benchmark ``build_report`` on a large registry (run by hand; not part of the test suite).

Generates outcomes across 20 editions (a few currencies, amount kinds, kinds, dates, ~5 %
cancelled, ~3 % between editions; 3,000 sister-city links) into a fresh database, then times
``build_report(series)`` for all editions: cold (a fresh process: connection, ECB table and
queries) and warm (the same process again, median), and records the peak of Python memory
(tracemalloc) during one report. Sizes grow in place: 100,000 outcomes, then up to 1,000,000.

    python bench/report_bench.py                                   # SQLite file in a temp dir
    createdb -h 127.0.0.1 -U postgres smeforum_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/smeforum_bench python bench/report_bench.py
    dropdb -h 127.0.0.1 -U postgres smeforum_bench

Options: --sizes 100000,1000000  --repeat 5  --index (add the candidate indexes first)
--daily (outcomes between editions signed on any day: the most conversion groups).
Results for a release go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal

SEED = 2018
EDITIONS = 20
LINKS = 3000
BATCH = 10_000
CURRENCIES = (("CNY", 60), ("EUR", 20), ("USD", 15), ("PLN", 5))
KINDS = (
    ("cooperation_project", 50),
    ("memorandum", 15),
    ("cooperation_agreement", 10),
    ("trade", 10),
    ("technology_transfer", 5),
    ("cultural_exchange", 5),
    ("other", 5),
)
FOREIGN = ("PL", "HU", "CZ", "SK", "RS", "HR", "RO", "BG", "SI", "GR", "AL", "ME", "MK", "BA")
#: Candidate indexes (``--index``): covering the report's two big GROUP BY queries.
INDEXES = (
    "CREATE INDEX bench_outcome_report ON outcomes_outcome "
    "(series_id, status, kind_id, edition_id, signed_on)",
    "CREATE INDEX bench_amount_report ON outcomes_outcomeamount "
    "(outcome_id, amount_kind, currency, amount)",
)


def setup(data_dir: str) -> None:
    os.environ.setdefault("SMEFORUM_DEBUG", "1")
    os.environ["SMEFORUM_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "smeforum.settings"
    import django  # noqa: PLC0415 -- settings are chosen above

    django.setup()


def _weighted(rng: random.Random, table) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def prepare():
    """The series, its 20 editions and the cities; returns the series."""
    from smeforum.forums.models import Edition, ForumSeries  # noqa: PLC0415 -- after setup
    from smeforum.reference.models import City  # noqa: PLC0415 -- after setup

    host = City.objects.create(name="Cangzhou", name_zh="沧州", country="CN")
    series = ForumSeries.objects.create(slug="bench", name_en="Benchmark forum", host_city=host)
    for number in range(1, EDITIONS + 1):
        start = dt.date(2005 + number, 11, 10)
        Edition.objects.create(
            series=series, number=number, start_date=start, end_date=start + dt.timedelta(1),
            host_city=host, is_published=True,
        )  # fmt: skip
    City.objects.bulk_create(
        [City(name=f"Chinese city {n}", country="CN") for n in range(30)]
        + [City(name=f"Foreign city {n}", country=FOREIGN[n % len(FOREIGN)]) for n in range(300)]
    )
    return series


def generate(
    series, start: int, stop: int, rng: random.Random, *, daily: bool = False
) -> tuple[int, int]:
    """Outcomes ``start``..``stop`` with their amounts, in batches; returns (outcomes, amounts).

    Outcomes of an edition are signed on its first or second day; between editions, on the
    15th of a month (signing events), or with ``daily`` on any day of 2006–2025 (the worst case
    for conversion: one group per currency and day)."""
    from smeforum.outcomes.models import Outcome, OutcomeAmount  # noqa: PLC0415 -- after setup
    from smeforum.reference.models import OutcomeKind  # noqa: PLC0415 -- after setup

    kinds = {k.slug: k for k in OutcomeKind.objects.all()}
    editions = list(series.editions.order_by("number"))
    statuses = ["signed"] * 60 + ["under_way"] * 20 + ["completed"] * 15 + ["cancelled"] * 5
    made_amounts = 0
    for first in range(start, stop, BATCH):
        outcomes, plans = [], []
        for n in range(first, min(first + BATCH, stop)):
            kind = kinds[_weighted(rng, KINDS)]
            edition = rng.choice(editions) if rng.random() >= 0.03 else None
            if edition is None and daily:
                signed = dt.date(2006, 1, 1) + dt.timedelta(rng.randrange(7300))
            elif edition is None:
                signed = dt.date(rng.randrange(2006, 2026), rng.randrange(1, 13), 15)
            else:
                signed = edition.start_date + dt.timedelta(rng.randrange(2))
            outcomes.append(
                Outcome(
                    series=series, edition=edition, kind=kind, title=f"Outcome {n}",
                    signed_on=signed if rng.random() >= 0.02 else None,
                    status=rng.choice(statuses), is_sample=True,
                )
            )  # fmt: skip
            plans.append(kind.has_amount)
        Outcome.objects.bulk_create(outcomes)
        amounts = []
        for outcome, has_amount in zip(outcomes, plans, strict=True):
            if not has_amount:
                continue
            value = Decimal(rng.randrange(1_000_000, 5_000_000_000)) / 100
            amounts.append(
                OutcomeAmount(outcome=outcome, amount=value, currency=_weighted(rng, CURRENCIES))
            )
            if rng.random() < 0.2:
                amounts.append(
                    OutcomeAmount(outcome=outcome, amount=value * 2, currency="CNY",
                                  amount_kind="planned")
                )  # fmt: skip
        OutcomeAmount.objects.bulk_create(amounts)
        made_amounts += len(amounts)
    return stop - start, made_amounts


def sister_cities(series, rng: random.Random) -> None:
    from smeforum.outcomes.models import Outcome, SisterCityLink  # noqa: PLC0415 -- after setup
    from smeforum.reference.models import City, OutcomeKind  # noqa: PLC0415 -- after setup

    kind = OutcomeKind.objects.get(slug="sister_city")
    chinese = list(City.objects.filter(country="CN", name__startswith="Chinese"))
    foreign = list(City.objects.exclude(country="CN"))
    pairs = rng.sample([(c, f) for c in chinese for f in foreign], LINKS)
    editions = [*series.editions.all(), None]
    outcomes = Outcome.objects.bulk_create(
        [
            Outcome(series=series, edition=rng.choice(editions), kind=kind,
                    title=f"{c.name} – {f.name}", signed_on=dt.date(2015, 5, 5))
            for c, f in pairs
        ]
    )  # fmt: skip
    stages = ["signed"] * 7 + ["letter_of_intent"] * 2 + ["intent"]
    SisterCityLink.objects.bulk_create(
        [
            SisterCityLink(outcome=o, chinese_city=c, foreign_city=f, stage=rng.choice(stages))
            for o, (c, f) in zip(outcomes, pairs, strict=True)
        ]
    )


def analyze() -> None:
    from django.db import connection  # noqa: PLC0415 -- after setup

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(repeat: int) -> dict:
    """Run in a fresh process: one cold report, ``repeat`` warm ones, one under tracemalloc."""
    from django.db import connection  # noqa: PLC0415 -- after setup

    from smeforum.forums.models import ForumSeries  # noqa: PLC0415 -- after setup
    from smeforum.reporting.report import build_report  # noqa: PLC0415 -- after setup

    series = ForumSeries.objects.get(slug="bench")
    connection.close()
    started = time.perf_counter()
    report = build_report(series)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        build_report(series)
        warm.append(time.perf_counter() - started)
    tracemalloc.start()
    build_report(series)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    headline = report.headline()
    return {
        "cold_s": round(cold, 3),
        "warm_s": round(statistics.median(warm), 3),
        "warm_min_s": round(min(warm), 3),
        "peak_kib": round(peak / 1024),
        "outcomes_counted": headline.outcomes,
        "investment_usd": str(headline.investment),
        "rates": len(report.rates),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--index", action="store_true", help="add the candidate indexes")
    parser.add_argument(
        "--daily", action="store_true", help="outcomes between editions signed on any day"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="smeforum-bench-")
    setup(data_dir)
    if args.measure:
        print(json.dumps(measure(args.repeat)))
        return 0

    from django.conf import settings  # noqa: PLC0415 -- after setup
    from django.core.management import call_command  # noqa: PLC0415 -- after setup
    from django.db import connection  # noqa: PLC0415 -- after setup

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine} ({connection.vendor}), data dir {data_dir}", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(SEED)  # noqa: S311 -- seeded, repeatable, not a secret
    series = prepare()
    sister_cities(series, rng)
    if args.index:
        with connection.cursor() as cursor:
            for statement in INDEXES:
                cursor.execute(statement)
    done = 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        _, amounts = generate(series, done, size, rng, daily=args.daily)
        analyze()
        load_s = time.perf_counter() - started
        done = size
        connection.close()
        command = [sys.executable, __file__, "--measure", "--data-dir", data_dir,
                   "--repeat", str(args.repeat)]  # fmt: skip
        result = subprocess.run(  # noqa: S603 -- this script, fixed arguments
            command, capture_output=True, text=True, check=True, env=os.environ.copy()
        )
        measured = json.loads(result.stdout.strip().splitlines()[-1])
        measured.update({"outcomes": size, "new_amounts": amounts, "load_s": round(load_s, 1)})
        rows.append(measured)
        print(json.dumps(measured), flush=True)
    print("\n| outcomes | cold (s) | warm median (s) | peak Python memory (KiB) |")
    print("|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['outcomes']:,} | {row['cold_s']} | {row['warm_s']} | {row['peak_kib']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
