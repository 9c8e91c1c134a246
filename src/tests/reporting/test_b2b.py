"""The report's B2B matchmaking results: meetings held, rated "cooperation possible", that led
to outcomes, and those outcomes' investment in CNY and USD, each figure with the ids behind it;
in every format; in a fixed number of queries."""

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from smeforum.matchmaking.models import MeetingRating
from smeforum.money.conversion import RateBook
from smeforum.outcomes.domain.outcomes import add_amount, change_outcome_status, record_outcome
from smeforum.outcomes.models import Outcome
from smeforum.reference.models import OutcomeKind
from smeforum.reporting import formats, xlsx
from smeforum.reporting.b2b import count_b2b
from smeforum.reporting.counting import Scope
from smeforum.reporting.report import build_report
from smeforum.scheduling.domain.meetings import cancel_meeting
from tests.factories import EditionFactory, SeriesFactory
from tests.outcomes.factories import make_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COOPERATION = MeetingRating.Value.COOPERATION
INFORMATIVE = MeetingRating.Value.INFORMATIVE
NOT_HELD = MeetingRating.Value.NOT_HELD
SIGNED = dt.date(2024, 11, 7)  # the editions' first day; ECB: 1 EUR = 7.7159 CNY = 1.0785 USD


def _outcome(edition, meetings, amounts, *, signed_on=SIGNED, title="合作项目") -> Outcome:
    outcome = record_outcome(
        edition.series,
        kind=OutcomeKind.objects.get(slug="cooperation_project"),
        title=title,
        edition=edition,
        signed_on=signed_on,
        meetings=meetings,
    )
    for amount, currency, *kind in amounts:
        add_amount(
            outcome,
            amount=Decimal(amount),
            currency=currency,
            amount_kind=(kind or ["contractual"])[0],
        )
    return outcome


@dataclass
class World:
    series: object
    meetings: dict[str, int]
    outcomes: dict[str, int]


@pytest.fixture
def world(db):
    """Edition 1: six meetings (m5 cancelled after an outcome named it, m4 never placed);
    outcomes O1 (CNY 1,000,000 from m1 and m4), O2 (EUR 100,000, undated: the edition's start,
    from m1 and m5), O3 (cancelled, from m2), O4 (no meeting). Edition 2: O5 (USD 50,000,
    from m7)."""
    series = SeriesFactory(slug="b2b-forum")
    one = EditionFactory(series=series, number=1)
    two = EditionFactory(series=series, number=2)
    m1 = make_meeting(one, "Cangzhou Valves", "Gdansk Pumps", slot=0).rate(COOPERATION, INFORMATIVE)
    m2 = make_meeting(one, "Hebei Steel", "Lodz Cables", slot=0).rate(NOT_HELD)
    m3 = make_meeting(one, "Botou Glass", "Krakow Bakery", slot=1)
    m4 = make_meeting(one, "Renqiu Pipes", "Poznan Grid")
    m5 = make_meeting(one, "Huanghua Chemicals", "Wroclaw Dairy", slot=2)
    m6 = make_meeting(one, "Xianxian Solar", "Gdynia Wind", slot=1).rate(COOPERATION, COOPERATION)
    m7 = make_meeting(two, "Shijiazhuang Motors", "Lublin Tractors", slot=0)
    o1 = _outcome(one, [m1.meeting, m4.meeting], [("1000000", "CNY"), ("500000", "CNY", "planned")])
    o2 = _outcome(one, [m1.meeting, m5.meeting], [("100000", "EUR")], signed_on=None)
    cancel_meeting(m5.meeting)
    o3 = _outcome(one, [m2.meeting], [("9999999", "USD")])
    change_outcome_status(o3, status=Outcome.Status.CANCELLED, on=SIGNED)
    o4 = _outcome(one, [], [("7777777", "CNY")])
    o5 = _outcome(two, [m7.meeting], [("50000", "USD")])
    meetings = {
        name: met.meeting.pk
        for name, met in zip(
            ("m1", "m2", "m3", "m4", "m5", "m6", "m7"), (m1, m2, m3, m4, m5, m6, m7), strict=True
        )
    }
    outcomes = {
        name: o.pk
        for name, o in zip(("O1", "O2", "O3", "O4", "O5"), (o1, o2, o3, o4, o5), strict=True)
    }
    return World(series, meetings, outcomes)


def test_counts_per_edition_with_the_ids_behind_them(world):
    m, o = world.meetings, world.outcomes

    one, two = build_report(world.series).b2b

    assert (one.number, one.held, one.cooperation, one.traced, one.outcomes) == (
        1,
        [m["m1"], m["m3"], m["m6"]],
        [m["m1"], m["m6"]],
        [m["m1"], m["m4"]],
        [o["O1"], o["O2"]],
    )
    assert one.amount == {"CNY": Decimal("1000000.00"), "EUR": Decimal("100000.00")}
    # CNY 1,000,000 + EUR 100,000 × 7.7159; CNY 1,000,000 × 1.0785 / 7.7159 + EUR 100,000 × 1.0785
    assert one.investment == {"CNY": Decimal("1771590.00"), "USD": Decimal("247626.31")}
    assert (two.number, two.held, two.cooperation, two.traced, two.outcomes) == (
        2,
        [m["m7"]],
        [],
        [m["m7"]],
        [o["O5"]],
    )
    assert two.investment == {"CNY": Decimal("357714.42"), "USD": Decimal("50000.00")}


def test_the_scope_limits_the_editions_and_a_rate_date_converts_everything_on_it(world):
    report = build_report(world.series, editions=[2], rate_date=dt.date(2021, 9, 1))

    assert [(r.number, r.investment) for r in report.b2b] == [
        (2, {"CNY": Decimal("323351.95"), "USD": Decimal("50000.00")})
    ]
    assert ("USD", "CNY", dt.date(2021, 9, 1)) in [(r.base, r.quote, r.on) for r in report.rates]


def test_json_lists_the_ids_and_each_conversion_with_its_rate(world):
    m, o = world.meetings, world.outcomes

    data = json.loads(formats.to_json(build_report(world.series, editions=[1], currency="EUR")))

    ecb = "ECB euro foreign exchange reference rates"
    assert data["b2b"] == [
        {
            "edition": 1,
            "meetings_held": {"count": 3, "meetings": [m["m1"], m["m3"], m["m6"]]},
            "cooperation_possible": {"count": 2, "meetings": [m["m1"], m["m6"]]},
            "led_to_outcome": {"count": 2, "meetings": [m["m1"], m["m4"]]},
            "outcomes": {"count": 2, "outcomes": [o["O1"], o["O2"]]},
            "investment": {
                "amount": {"CNY": "1000000.00", "EUR": "100000.00"},
                "CNY": "1771590.00",
                "USD": "247626.31",
                "undated": {},
                "conversions": [
                    {
                        "currency": "CNY",
                        "date": "2024-11-07",
                        "amount": "1000000.00",
                        "converted": {"CNY": "1000000.00", "USD": "139776.31"},
                        "rates": {
                            "CNY": {
                                "currency": "CNY",
                                "to": "CNY",
                                "date": "2024-11-07",
                                "requested_date": "2024-11-07",
                                "rate": "1",
                                "source": "identity",
                            },
                            "USD": {
                                "currency": "CNY",
                                "to": "USD",
                                "date": "2024-11-07",
                                "requested_date": "2024-11-07",
                                "rate": "0.1397763060692855013673064711",
                                "source": ecb,
                            },
                        },
                    },
                    {
                        "currency": "EUR",
                        "date": "2024-11-07",
                        "amount": "100000.00",
                        "converted": {"CNY": "771590.00", "USD": "107850.00"},
                        "rates": {
                            "CNY": {
                                "currency": "EUR",
                                "to": "CNY",
                                "date": "2024-11-07",
                                "requested_date": "2024-11-07",
                                "rate": "7.7159",
                                "source": ecb,
                            },
                            "USD": {
                                "currency": "EUR",
                                "to": "USD",
                                "date": "2024-11-07",
                                "requested_date": "2024-11-07",
                                "rate": "1.0785",
                                "source": ecb,
                            },
                        },
                    },
                ],
            },
        }
    ]
    assert {("EUR", "CNY", "7.7159"), ("EUR", "USD", "1.0785")} <= {
        (r["currency"], r["to"], r["rate"]) for r in data["rates"]
    }


def test_markdown_csv_and_excel_have_the_section(world):
    m, o = world.meetings, world.outcomes
    report = build_report(world.series, editions=[1])

    markdown = formats.to_markdown(report)
    rows = list(csv.reader(io.StringIO(formats.to_csv(report))))
    sheet = load_workbook(io.BytesIO(xlsx.to_xlsx(report)))["b2b"]

    ids = (f"{m['m1']} {m['m4']}", f"{o['O1']} {o['O2']}")
    assert "## B2B matchmaking results (counted)" in markdown
    assert (
        f"| 1 | 3 | 2 | 2 | 2 | 1,000,000.00 | 100,000.00 | 1,771,590.00 | 247,626.31 | {ids[0]} "
        f"| {ids[1]} |"
    ) in markdown
    assert [row for row in rows if row and row[0] == "b2b"] == [
        ["b2b", "1", "3", "2", "2", "2", "1000000.00", "100000.00", "1771590.00", "247626.31", *ids]
    ]
    assert [row for row in rows if row[:2] == ["section", "edition"]] == [
        [
            "section", "edition", "meetings_held", "cooperation_possible", "led_to_outcome",
            "outcomes", "amount_CNY", "amount_EUR", "investment_CNY", "investment_USD",
            "meeting_ids", "outcome_ids",
        ]
    ]  # fmt: skip
    assert [cell.value for cell in sheet[2]] == [
        1,
        3,
        2,
        2,
        2,
        1000000,
        100000,
        1771590,
        247626.31,
        *ids,
    ]


def test_counting_takes_the_same_queries_however_many_meetings_and_outcomes(world):
    scope = Scope(world.series)
    with CaptureQueriesContext(connection) as before:
        count_b2b(scope, book=RateBook())
    edition = world.series.editions.get(number=1)
    for index in range(3):
        met = make_meeting(edition, f"Cangzhou Firm {index}", f"Polish Firm {index}", slot=3)
        met.rate(COOPERATION)
        _outcome(edition, [met.meeting], [("1000", "EUR")])

    with CaptureQueriesContext(connection) as after:
        results = count_b2b(scope, book=RateBook())

    assert [len(r.traced) for r in results] == [5, 1]
    assert len(after) == len(before) == 4


def test_a_placed_meeting_counts_as_held_only_once_its_slot_has_ended(db):
    series = SeriesFactory()
    past = EditionFactory(series=series, number=1)
    future = EditionFactory(
        series=series, number=2, start_date=dt.date(2099, 5, 1), end_date=dt.date(2099, 5, 2)
    )
    held = make_meeting(past, "Cangzhou Valves", "Gdansk Pumps", slot=0).meeting
    make_meeting(future, "Hebei Steel", "Lodz Cables", slot=0)

    one, two = build_report(series).b2b

    assert (one.held, two.held) == ([held.pk], [])
