"""A small published/unpublished dataset shared by the public resource tests."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from smeforum.outcomes.models import OutcomeParty
from smeforum.reference.models import CooperationField, Sector
from tests.factories import (
    CityFactory,
    EditionCountryFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    ReportedFigureFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTopicFactory,
    SourceFactory,
)
from tests.reporting.factories import AmountFactory, OutcomeFactory, kind


@dataclass
class PublicWorld:
    series: object
    edition: object
    hidden: object
    warsaw: object
    cangzhou: object
    alpha: object
    beta: object
    session: object
    hidden_session: object
    figure: object
    series_figure: object
    hidden_figure: object
    outcome: object
    between: object
    hidden_outcome: object
    field: object


def build_public_world() -> PublicWorld:
    edition = EditionFactory(number=6, series__slug="sme")
    series = edition.series
    cangzhou = series.host_city
    hidden = EditionFactory(series=series, number=7, is_published=False)
    warsaw = CityFactory(
        name="Warsaw",
        name_zh="华沙",
        country="PL",
        region="Masovia",
        population=1_800_000,
        time_zone="Europe/Warsaw",
    )
    EditionCountryFactory(edition=edition, country="PL", role="member")
    EditionCountryFactory(edition=hidden, country="HU", role="observer")

    alpha = OrganisationFactory(
        name="Alpha Sp. z o.o.", name_en="Alpha Ltd", country="PL", city=warsaw
    )
    alpha.sectors.set([Sector.objects.get(code="26")])
    beta = OrganisationFactory(name="Beta Co", kind="university", country="CN", is_sample=True)

    session = SessionFactory(
        edition=edition,
        kind="opening",
        title_en="Opening ceremony",
        title_zh="开幕式",
        room="Hall A",
    )
    SessionTopicFactory(session=session, title_en="Trade", order=1)
    speaker = PersonFactory(name="Jan Kowalski", organisation=alpha, position="CEO")
    SessionRoleFactory(session=session, person=speaker, talk_title_en="Welcome")
    hidden_session = SessionFactory(edition=hidden, title_en="Hidden")

    source = SourceFactory(
        key="xinhua-2024",
        publisher="Xinhua",
        published_on=dt.date(2024, 11, 8),
        url="https://example.org/xinhua",
        language="zh",
    )
    figure = ReportedFigureFactory(
        series=series, first_edition=edition, last_edition=edition, source=source
    )
    series_figure = ReportedFigureFactory(
        series=series,
        metric="amount",
        qualifier="over",
        value=Decimal("1000000"),
        currency="CNY",
        part_en="contracts",
        source=source,
    )
    hidden_figure = ReportedFigureFactory(
        series=series, first_edition=hidden, last_edition=hidden, source=source
    )

    field = CooperationField.objects.order_by("slug").first()
    outcome = OutcomeFactory(
        series=series,
        edition=edition,
        title="合作项目 A",
        title_en="Project A",
        signed_on=dt.date(2024, 11, 7),
    )
    outcome.fields.set([field])
    AmountFactory(outcome=outcome, amount=Decimal("1500000.00"), currency="CNY")
    OutcomeParty.objects.create(outcome=outcome, organisation=alpha, country="PL")
    OutcomeParty.objects.create(outcome=outcome, city=cangzhou, country="CN", role="chinese_party")
    between = OutcomeFactory(
        series=series,
        title="合作项目 B",
        title_en="Project B",
        signed_on=dt.date(2023, 5, 1),
        status="completed",
        kind=kind("memorandum"),
    )
    OutcomeParty.objects.create(outcome=between, name="Ministry of Economy", country="HU")
    hidden_outcome = OutcomeFactory(series=series, edition=hidden, title_en="Hidden project")
    return PublicWorld(
        series,
        edition,
        hidden,
        warsaw,
        cangzhou,
        alpha,
        beta,
        session,
        hidden_session,
        figure,
        series_figure,
        hidden_figure,
        outcome,
        between,
        hidden_outcome,
        field,
    )
