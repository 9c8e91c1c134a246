import datetime as dt
from decimal import Decimal

import pytest

from smeforum.outcomes.models import Outcome, OutcomeAmount, SisterCityLink
from tests.factories import CityFactory, EditionFactory, SeriesFactory
from tests.reporting.factories import AmountFactory, OutcomeFactory, SisterCityLinkFactory, kind

EDITION_DATES = {
    1: (dt.date(2019, 11, 9), dt.date(2019, 11, 9)),
    2: (dt.date(2021, 9, 1), dt.date(2021, 9, 1)),
    3: (dt.date(2022, 12, 15), dt.date(2022, 12, 16)),
}


@pytest.fixture
def series(db):
    """A forum series with editions 1–3 (held 2019-11-09, 2021-09-01, 2022-12-15/16)."""
    series = SeriesFactory(slug="cangzhou-test")
    for number, (start, end) in EDITION_DATES.items():
        EditionFactory(series=series, number=number, start_date=start, end_date=end)
    return series


@pytest.fixture
def registry(series):
    """Outcomes in editions 1 and 2 and between editions, in CNY, EUR and USD, one cancelled.

    editions 1–2: 3 projects (CNY 1,100,000 + EUR 500,000 + USD 300,000 contractual, CNY
    200,000 planned), 1 memorandum, 5 sister-city outcomes (3 signed: Warsaw, Budapest twice;
    a letter of intent, an intent); cancelled: a CNY 9,999,999 project and a signed link.
    between editions: a project (EUR 250,000, 2020-06-15), a technology transfer without a date
    (EUR 40,000), a signed link with Belgrade.
    """
    ed1, ed2 = series.editions.get(number=1), series.editions.get(number=2)
    project = kind("cooperation_project")
    o1 = OutcomeFactory(series=series, edition=ed1, kind=project, signed_on=dt.date(2019, 11, 9))
    AmountFactory(outcome=o1, amount=Decimal("1000000.00"), currency="CNY")
    AmountFactory(
        outcome=o1,
        amount=Decimal("200000.00"),
        currency="CNY",
        amount_kind=OutcomeAmount.Kind.PLANNED,
    )
    o2 = OutcomeFactory(series=series, edition=ed1, kind=project, signed_on=None)
    AmountFactory(outcome=o2, amount=Decimal("500000.00"), currency="EUR")
    o3 = OutcomeFactory(series=series, edition=ed2, kind=project, signed_on=dt.date(2021, 9, 1))
    AmountFactory(outcome=o3, amount=Decimal("300000.00"), currency="USD")
    AmountFactory(outcome=o3, amount=Decimal("100000.00"), currency="CNY")
    OutcomeFactory(series=series, edition=ed2, kind=kind("memorandum"))
    cancelled = OutcomeFactory(
        series=series, edition=ed2, kind=project, status=Outcome.Status.CANCELLED
    )
    AmountFactory(outcome=cancelled, amount=Decimal("9999999.00"), currency="CNY")
    between = OutcomeFactory(series=series, kind=project, signed_on=dt.date(2020, 6, 15))
    AmountFactory(outcome=between, amount=Decimal("250000.00"), currency="EUR")
    undated = OutcomeFactory(series=series, kind=kind("technology_transfer"), signed_on=None)
    AmountFactory(outcome=undated, amount=Decimal("40000.00"), currency="EUR")

    cangzhou = CityFactory(name="Cangzhou", country="CN")
    shijiazhuang = CityFactory(name="Shijiazhuang", name_zh="石家庄", country="CN")
    warsaw = CityFactory(name="Warsaw", name_zh="华沙", country="PL")
    budapest = CityFactory(name="Budapest", name_zh="布达佩斯", country="HU")
    gyor = CityFactory(name="Győr", name_zh="杰尔", country="HU")
    belgrade = CityFactory(name="Belgrade", name_zh="贝尔格莱德", country="RS")
    stage = SisterCityLink.Stage
    links = [
        (ed1, cangzhou, warsaw, stage.SIGNED, Outcome.Status.SIGNED),
        (ed2, cangzhou, budapest, stage.SIGNED, Outcome.Status.SIGNED),
        (ed2, shijiazhuang, budapest, stage.SIGNED, Outcome.Status.COMPLETED),
        (ed2, cangzhou, gyor, stage.LETTER_OF_INTENT, Outcome.Status.SIGNED),
        (ed2, cangzhou, belgrade, stage.INTENT, Outcome.Status.SIGNED),
        (ed2, shijiazhuang, gyor, stage.SIGNED, Outcome.Status.CANCELLED),
        (None, cangzhou, belgrade, stage.SIGNED, Outcome.Status.UNDER_WAY),
    ]
    for edition, chinese, foreign, link_stage, status in links:
        SisterCityLinkFactory(
            outcome__series=series,
            outcome__edition=edition,
            outcome__status=status,
            chinese_city=chinese,
            foreign_city=foreign,
            stage=link_stage,
        )
    return series
