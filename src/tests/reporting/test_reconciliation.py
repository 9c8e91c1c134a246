"""Each kind of check and each status, on factory-made records and published figures."""

import datetime as dt
from decimal import Decimal

import pytest

from smeforum.reporting.figures import published_figures
from smeforum.reporting.rates import ReportRates
from smeforum.reporting.reconciliation import Check, reconcile
from smeforum.reporting.registry import Registry
from tests.factories import ReportedFigureFactory, SourceFactory
from tests.reporting.factories import AmountFactory, OutcomeFactory, kind

pytestmark = pytest.mark.unit

D = Decimal


def publish(series, span, metric, value, qualifier="exact", **fields):
    """A published figure about editions ``span`` (first, last) or the whole series (None)."""
    if span is not None:
        fields["first_edition"] = series.editions.get(number=span[0])
        fields["last_edition"] = series.editions.get(number=span[1])
    if isinstance(fields.get("outcome_kind"), str):
        fields["outcome_kind"] = kind(fields["outcome_kind"])
    return ReportedFigureFactory(
        series=series, metric=metric, value=D(value), qualifier=qualifier, **fields
    )


def checks_of(series, editions=None) -> list[Check]:
    figures = published_figures(series, editions)
    return reconcile(figures, registry=Registry(), rates=ReportRates())


def row(check: Check) -> tuple:
    return (check.check, check.scope, check.status, check.expected, check.found, check.ratio)


def test_registry_counts_against_statements(registry):
    projects = publish(registry, (1, 2), "count", "3", outcome_kind="cooperation_project")
    memoranda = publish(registry, (2, 2), "count", "2", outcome_kind="memorandum")
    everything = publish(registry, None, "count", "13", "nearly")
    third = publish(registry, (3, 3), "count", "58")

    checks = {c.figures[0]: c for c in checks_of(registry)}

    assert row(checks[projects.id]) == (
        "registry", "editions 1–2", "consistent", D(3), D(3), D("1.0000"),
    )  # fmt: skip
    assert row(checks[memoranda.id]) == (
        "registry", "edition 2", "difference", D(1), D(2), D("2.0000"),
    )  # fmt: skip
    assert checks[memoranda.id].note == (
        "Registry: cooperation memoranda counted from the records. "
        "Difference (found − expected): 1."
    )
    # All editions and between them: 4 projects, 1 memorandum, 6 sister-city outcomes, 1
    # technology transfer; the cancelled ones left out. "nearly 13" holds for 12.
    assert row(checks[everything.id]) == (
        "registry", "all editions", "consistent", D(12), D(13), D("1.0833"),
    )  # fmt: skip
    assert row(checks[third.id]) == ("registry", "edition 3", "not_itemized", None, D(58), None)
    assert checks[third.id].note == "The registry holds no records of outcomes for this scope."


def test_registry_amounts_in_the_statement_currency_convert_the_others(registry):
    source = SourceFactory(published_on=dt.date(2023, 12, 22))
    usd = publish(
        registry, (2, 2), "amount", "310000", "about", currency="USD",
        outcome_kind="cooperation_project", source=source,
    )  # fmt: skip

    [check] = [c for c in checks_of(registry) if c.figures == [usd.id]]

    # USD 300,000 + CNY 100,000 at the ECB rate of the publication date (14,017.04).
    assert row(check) == (
        "registry", "edition 2", "consistent", D("314017.04"), D("310000"), D("0.9872"),
    )  # fmt: skip
    assert check.note == (
        "Registry: contractual amounts of cooperation projects, from the records. Other "
        "currencies converted: CNY→USD 0.140170 of 2023-12-22 (ECB euro foreign exchange "
        "reference rates)."
    )


def test_registry_amount_in_one_currency_exact_and_slipped(series):
    edition = series.editions.get(number=3)
    AmountFactory(outcome=OutcomeFactory(series=series, edition=edition), amount=D("7292000000.00"))
    exact = publish(series, (3, 3), "amount", "7292000000", currency="CNY",
                    outcome_kind="cooperation_project")  # fmt: skip
    slipped = publish(series, (3, 3), "amount", "72920000000", currency="CNY")

    checks = {c.figures[0]: c for c in checks_of(series)}

    assert row(checks[exact.id]) == (
        "registry", "edition 3", "consistent", D("7292000000.00"), D("7292000000"), D("1.0000"),
    )  # fmt: skip
    assert row(checks[slipped.id]) == (
        "registry", "edition 3", "slip", D("7292000000.00"), D("72920000000"), D("10.0000"),
    )  # fmt: skip
    assert checks[slipped.id].note.endswith(
        "The published figure is 10 times the expected one: a decimal point or unit has slipped."
    )


def test_registry_sister_cities(registry):
    signed = publish(registry, (1, 2), "sister_cities", "3")
    countries = publish(registry, (1, 2), "sister_city_countries", "3", "nearly")
    none = publish(registry, (3, 3), "sister_cities", "1")

    checks = {c.figures[0]: c for c in checks_of(registry)}

    assert row(checks[signed.id]) == (
        "registry", "editions 1–2", "consistent", D(3), D(3), D("1.0000"),
    )  # fmt: skip
    # Poland and Hungary: 2 is not "nearly 3" (at least 2.7).
    assert row(checks[countries.id]) == (
        "registry", "editions 1–2", "difference", D(2), D(3), D("1.5000"),
    )  # fmt: skip
    assert checks[none.id].status == "not_itemized"


def test_parts_against_their_total(series):
    total = publish(series, (2, 2), "participants", "100")
    about = [
        publish(series, (2, 2), "participants", "60", "about", part_en="business", part_of=total),
        publish(series, (2, 2), "participants", "45", "about", part_en="officials", part_of=total),
    ]
    count = publish(series, (3, 3), "count", "58")
    parts = [
        publish(series, (3, 3), "count", v, part_en=p, part_of=count)
        for v, p in (("31", "investment"), ("19", "trade"), ("9", "cooperation"))
    ]
    lone_total = publish(series, (1, 1), "count", "105")
    lone = publish(series, (1, 1), "count", "14", part_en="aviation", part_of=lone_total)

    checks = {c.figures[0]: c for c in checks_of(series) if c.check == "parts"}

    assert row(checks[total.id]) == (
        "parts", "edition 2", "consistent", D(105), D(100), D("0.9524"),
    )  # fmt: skip
    assert checks[total.id].figures == [total.id, *(p.id for p in about)]
    assert checks[total.id].tolerance == D("0.10")
    assert row(checks[count.id]) == (
        "parts", "edition 3", "difference", D(59), D(58), D("0.9831"),
    )  # fmt: skip
    assert checks[count.id].note == (
        "Sum of the published parts: investment (31) + trade (19) + cooperation (9). "
        "Difference (found − expected): -1."
    )
    assert checks[count.id].figures == [count.id, *(p.id for p in parts)]
    assert row(checks[lone_total.id]) == (
        "parts", "edition 1", "not_itemized", D(14), D(105), None,
    )  # fmt: skip
    assert checks[lone_total.id].figures == [lone_total.id, lone.id]


def test_cumulative_against_the_editions_that_make_it_up(series):
    cumulative = publish(series, (1, 3), "count", "10", outcome_kind="cooperation_project")
    first = publish(series, (1, 1), "count", "2", outcome_kind="cooperation_project")
    rest = publish(series, (2, 3), "count", "5", outcome_kind="cooperation_project")
    publish(series, (2, 2), "count", "4", outcome_kind="cooperation_project")
    publish(series, (3, 3), "count", "1", outcome_kind="memorandum")  # another kind: no piece

    [check] = [c for c in checks_of(series) if c.check == "editions"]

    assert row(check) == ("editions", "editions 1–3", "difference", D(7), D(10), D("1.4286"))
    assert check.figures == [cumulative.id, first.id, rest.id]
    assert check.note == (
        "Sum of the published figures for edition 1 (2) + editions 2–3 (5). "
        "Difference (found − expected): 3."
    )


def test_conversion_at_the_nearest_rate_when_the_date_has_none(series):
    late = SourceFactory(published_on=dt.date(2030, 1, 1))
    original = publish(series, (1, 1), "amount", "1000000", currency="CNY", source=late)
    converted = publish(
        series, (1, 1), "amount", "150000", "about", currency="USD", converted_from="CNY",
        conversion_of=original, source=late,
    )  # fmt: skip

    checks = [c for c in checks_of(series) if c.check == "conversion"]

    # The ECB data shipped ends on 2026-10-30: CNY→USD 0.1503107929930307…
    assert [row(c) for c in checks] == [
        ("conversion", "edition 1", "consistent", D("150310.79"), D(150000), D("0.9979")),
    ]
    assert checks[0].figures == [converted.id, original.id]
    assert checks[0].tolerance == D("0.01")
    assert checks[0].note == (
        "1,000,000 CNY (edition 1) at CNY→USD 0.150311 of 2026-10-30 (ECB euro foreign exchange "
        "reference rates) (no rate on 2030-01-01: the nearest date with data) = 150,310.79 USD; "
        "published: 150,000 USD."
    )


def test_conversion_beyond_tolerance_is_a_difference(series, settings):
    source = SourceFactory(published_on=dt.date(2023, 12, 22))
    original = publish(series, (1, 1), "amount", "100000", currency="CNY", source=source)
    publish(series, (1, 1), "amount", "14500", currency="USD", converted_from="CNY",
            conversion_of=original, source=source)  # fmt: skip

    loose = [row(c) for c in checks_of(series) if c.check == "conversion"]
    settings.SMEFORUM_CONVERSION_TOLERANCE = D("0.05")
    tolerant = [row(c) for c in checks_of(series) if c.check == "conversion"]

    assert loose == [
        ("conversion", "edition 1", "difference", D("14017.04"), D(14500), D("1.0345")),
    ]
    assert tolerant == [
        ("conversion", "edition 1", "consistent", D("14017.04"), D(14500), D("1.0345")),
    ]
