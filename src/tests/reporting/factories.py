"""Factories for the outcomes registry, as the reports read it (the project has none yet)."""

import datetime as dt
from decimal import Decimal

import factory

from smeforum.outcomes.models import Outcome, OutcomeAmount, SisterCityLink
from smeforum.reference.models import OutcomeKind
from tests.factories import CityFactory, SeriesFactory


def kind(slug: str) -> OutcomeKind:
    """A shipped outcome kind (loaded by a migration)."""
    return OutcomeKind.objects.get(slug=slug)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    series = factory.SubFactory(SeriesFactory)
    edition = None
    kind = factory.LazyFunction(lambda: kind("cooperation_project"))
    title = factory.Sequence(lambda n: f"合作项目 {n}")
    title_en = factory.Sequence(lambda n: f"Cooperation project {n}")
    signed_on = dt.date(2019, 11, 9)
    status = Outcome.Status.SIGNED


class AmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeAmount

    outcome = factory.SubFactory(OutcomeFactory)
    amount = Decimal("1000.00")
    currency = "CNY"
    amount_kind = OutcomeAmount.Kind.CONTRACTUAL


class SisterCityLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SisterCityLink

    outcome = factory.SubFactory(
        OutcomeFactory, kind=factory.LazyFunction(lambda: kind("sister_city"))
    )
    chinese_city = factory.SubFactory(CityFactory)
    foreign_city = factory.SubFactory(CityFactory, name="Warsaw", name_zh="华沙", country="PL")
    stage = SisterCityLink.Stage.SIGNED
