"""A small, realistic forum for the public pages: the Cangzhou series with a year-only first
edition and a fully recorded fifth edition (13–14 November 2023, Asia/Shanghai)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from smeforum.participants.models import Registration
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EditionCountryFactory,
    EditionFactory,
    EditionOrganiserFactory,
    MechanismFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    ReportedFigureFactory,
    SeriesFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTopicFactory,
    SourceFactory,
    ThemeFactory,
)

UTC = dt.UTC


@pytest.fixture
def series(db):
    """The Cangzhou series, with English and Chinese names."""
    return SeriesFactory(
        slug="cangzhou",
        name_en="China-CEEC (Cangzhou) SME Cooperation Forum",
        name_zh="中国—中东欧国家（沧州）中小企业合作论坛",
        short_name_en="Cangzhou SME Forum",
        short_name_zh="沧州中小企业论坛",
        description_en="Held yearly in Cangzhou since 2018.",
        description_zh="自2018年起每年在沧州举办。",
        host_city=CityFactory(),
        mechanism=MechanismFactory(),
    )


@pytest.fixture
def hebei_release(db):
    return SourceFactory(
        key="prn-2023-12-22",
        publisher="PR Newswire (Hebei)",
        published_on=dt.date(2023, 12, 22),
        url="https://en.prnasia.com/releases/global/hebei-431974.shtml",
    )


@pytest.fixture
def cangzhou_release(db):
    return SourceFactory(
        key="prn-2023-11-17",
        publisher="PR Newswire (Cangzhou)",
        published_on=dt.date(2023, 11, 17),
        url="https://www.finanznachrichten.de/nachrichten-2023-11/60700664.htm",
    )


@pytest.fixture
def first_edition(series):
    """Edition 1: sources give only the year."""
    return EditionFactory(
        series=series,
        number=1,
        start_date=dt.date(2018, 1, 1),
        end_date=dt.date(2018, 1, 1),
        date_precision="year",
    )


@pytest.fixture
def edition(series, first_edition, hebei_release, cangzhou_release):
    """Edition 5 with themes, organisers, countries, programme, registrations, a delegation
    and reported figures. Returns the edition; its parts are on ``edition.parts``."""
    edition = EditionFactory(
        series=series,
        number=5,
        start_date=dt.date(2023, 11, 13),
        end_date=dt.date(2023, 11, 14),
        time_zone="Asia/Shanghai",
    )
    ThemeFactory(
        edition=edition,
        text_en="Expanding Openness and Cooperation for Mutual Development",
        text_zh="扩大开放合作 实现互利共赢",
        source=hebei_release,
        is_primary=True,
    )
    ThemeFactory(
        edition=edition,
        text_en="Expanding openness and cooperation for win-win development",
        text_zh="扩大开放合作 实现共赢发展",
        source=cangzhou_release,
        is_primary=False,
    )
    miit = OrganisationFactory(
        name="中华人民共和国工业和信息化部",
        name_en="Ministry of Industry and Information Technology",
        kind="government_body",
        country="CN",
    )
    secretariat = OrganisationFactory(
        name="中国—中东欧国家合作秘书处",
        name_en="Secretariat for China-CEEC Cooperation",
        kind="government_body",
        country="CN",
    )
    EditionOrganiserFactory(
        edition=edition, organisation=miit, role="host", source=cangzhou_release
    )
    EditionOrganiserFactory(edition=edition, organisation=secretariat, role="supporter")
    EditionCountryFactory(edition=edition, country="CN", role="host")
    EditionCountryFactory(edition=edition, country="PL", role="member")
    EditionCountryFactory(edition=edition, country="HU", role="member")
    EditionCountryFactory(edition=edition, country="GE", role="observer", source=hebei_release)

    # 14:00–17:30 in Cangzhou is 06:00–09:30 UTC.
    opening = SessionFactory(
        edition=edition,
        kind="keynote",
        title_en="Opening Ceremony and Keynote Speeches",
        title_zh="开幕式暨主旨演讲",
        day=dt.date(2023, 11, 13),
        starts_at=dt.datetime(2023, 11, 13, 6, 0, tzinfo=UTC),
        ends_at=dt.datetime(2023, 11, 13, 9, 30, tzinfo=UTC),
        room="Hall A",
        source=hebei_release,
    )
    SessionTopicFactory(
        session=opening,
        title_en="Financial empowerment for SME development",
        title_zh="金融赋能中小企业发展",
        order=1,
    )
    SessionTopicFactory(
        session=opening,
        title_en="Advanced technology and industrial cooperation",
        title_zh="先进技术与产业合作",
        order=2,
    )
    xu = PersonFactory(
        name="徐晓兰",
        name_latin="Xu Xiaolan",
        position="Vice Minister",
        organisation=miit,
        email="",
    )
    SessionRoleFactory(session=opening, person=xu, role="speaker")
    # 09:30 in Cangzhou is 01:30 UTC.
    matchmaking = SessionFactory(
        edition=edition,
        kind="matchmaking",
        title_en="B2B Matchmaking Meeting (sample)",
        title_zh="企业对接洽谈会（示例）",
        day=dt.date(2023, 11, 14),
        starts_at=dt.datetime(2023, 11, 14, 1, 30, tzinfo=UTC),
        is_sample=True,
    )

    polish = [
        PersonFactory(name=name, organisation__country="PL", is_sample=sample)
        for name, sample in [
            ("Anna Nowak", True),
            ("Piotr Kowalczyk", True),
            ("Jan Zieliński", False),
        ]
    ]
    registrations = [
        RegistrationFactory(edition=edition, person=person, is_sample=person.is_sample)
        for person in polish
    ]
    RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Ewa Cancelled", organisation__country="PL"),
        status=Registration.Status.CANCELLED,
    )
    RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Wang Wei", organisation__country="CN"),
        category=Registration.Category.GOVERNMENT,
        status=Registration.Status.ATTENDED,
    )
    RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Li Na", organisation=None),
        category=Registration.Category.MEDIA,
    )
    delegation = DelegationFactory(
        edition=edition,
        name_en="Delegation of Poland",
        name_zh="波兰代表团",
        country="PL",
        head=polish[0],
        is_sample=True,
    )
    for registration in registrations[:2]:
        registration.delegation = delegation
        registration.save()

    ReportedFigureFactory(
        series=series,
        first_edition=edition,
        last_edition=edition,
        metric="participants",
        qualifier="nearly",
        value=400,
        source=hebei_release,
    )
    ReportedFigureFactory(
        series=series,
        first_edition=first_edition,
        last_edition=edition,
        metric="amount",
        qualifier="exact",
        value=1684580000000,
        currency="CNY",
        source=hebei_release,
    )
    edition.parts = SimpleNamespace(
        opening=opening,
        matchmaking=matchmaking,
        miit=miit,
        speaker=xu,
        delegation=delegation,
    )
    return edition
