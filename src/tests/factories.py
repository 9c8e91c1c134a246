"""factory_boy factories. No surprises: each builds exactly the object named, with valid
defaults, and writes it with the domain's generic writer so the audit log sees it too."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from smeforum.forums.models import (
    Edition,
    EditionTheme,
    ForumSeries,
    ReportedFigure,
    Session,
)
from smeforum.orgs.models import Organisation, Person
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.models import City, Mechanism, Source


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("name", "country")

    name = "Cangzhou"
    name_zh = "沧州"
    country = "CN"
    time_zone = "Asia/Shanghai"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"source-{n}")
    publisher = "PR Newswire"
    published_on = dt.date(2023, 12, 22)
    url = factory.Sequence(lambda n: f"https://example.org/release/{n}")


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism
        django_get_or_create = ("slug",)

    slug = "china-ceec"
    name_en = "China–CEEC Cooperation"
    name_zh = "中国—中东欧国家合作"
    founded_on = dt.date(2012, 4, 26)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumSeries

    slug = factory.Sequence(lambda n: f"forum-{n}")
    name_en = factory.Sequence(lambda n: f"Test SME Cooperation Forum {n}")
    name_zh = "测试中小企业合作论坛"
    host_city = factory.SubFactory(CityFactory)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = dt.date(2024, 11, 7)
    end_date = dt.date(2024, 11, 8)
    time_zone = "Asia/Shanghai"
    venue = "Cangzhou International Convention Centre"
    host_city = factory.SelfAttribute("series.host_city")
    is_published = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionTheme

    edition = factory.SubFactory(EditionFactory)
    text_en = "Deepening Cooperation and Sharing Opportunities"
    text_zh = "深化合作 共享机遇"
    is_primary = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    kind = Session.Kind.KEYNOTE
    title_en = factory.Sequence(lambda n: f"Keynote forum {n}")
    day = factory.SelfAttribute("edition.start_date")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_en = factory.SelfAttribute("name")
    kind = Organisation.Kind.ENTERPRISE
    country = "PL"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    name_latin = factory.SelfAttribute("name")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    edition = factory.SubFactory(EditionFactory)
    kind = Delegation.Kind.COUNTRY
    name_en = factory.Sequence(lambda n: f"Delegation {n}")
    country = "PL"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    person = factory.SubFactory(PersonFactory)
    category = Registration.Category.ENTERPRISE
    status = Registration.Status.CONFIRMED


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    series = factory.SubFactory(SeriesFactory)
    metric = ReportedFigure.Metric.PARTICIPANTS
    qualifier = ReportedFigure.Qualifier.NEARLY
    value = 400
    source = factory.SubFactory(SourceFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(
        lambda u: u.username if "@" in u.username else f"{u.username}@example.org"
    )
    password = factory.django.Password("correct horse battery staple")


def verified_user(email: str, **kwargs):
    """A user who can sign in with ``email`` and the factory's password (email confirmed)."""
    user = UserFactory(username=email, email=email, **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


class EditionOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.EditionOrganiser"

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory, country="CN")
    role = "host"


class EditionCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.EditionCountry"

    edition = factory.SubFactory(EditionFactory)
    country = "PL"
    role = "member"


class SessionTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.SessionTopic"

    session = factory.SubFactory(SessionFactory)
    title_en = factory.Sequence(lambda n: f"Topic {n}")
    order = factory.Sequence(lambda n: n)


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.SessionRole"

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = "speaker"


def make_b2b(*, slots: int = 4, tables: int = 2, attendees: int = 4, edition=None, **kwargs):
    """A configured B2B session (through the domain functions) on the edition's first day,
    from 14:00 Asia/Shanghai, ``slots`` slots of 20 minutes, ``tables`` tables and
    ``attendees`` attendees; returns ``(b2b, [attendee, ...])``."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415 -- only the scheduling tests need it

    from smeforum.scheduling.domain.meetings import add_attendee  # noqa: PLC0415
    from smeforum.scheduling.domain.setup import configure_b2b_session  # noqa: PLC0415

    session = SessionFactory(
        edition=edition or EditionFactory(),
        kind=Session.Kind.MATCHMAKING,
        title_en="B2B matchmaking meeting",
    )
    start = dt.datetime.combine(session.day, dt.time(14, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
    b2b = configure_b2b_session(
        session,
        windows=[(start, start + dt.timedelta(minutes=20 * slots))],
        slot_minutes=20,
        table_count=tables,
        **kwargs,
    )
    people = [
        add_attendee(b2b, registration=RegistrationFactory(edition=session.edition))
        for _ in range(attendees)
    ]
    return b2b, people
