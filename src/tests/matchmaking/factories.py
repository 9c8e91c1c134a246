"""Matchmaking records made through the domain, for the matchmaking tests."""

from smeforum.matchmaking.domain import save_opportunity, save_profile
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.reference.models import Sector
from tests.factories import EditionFactory, OrganisationFactory


def make_profile(organisation=None, *, sectors=("C",), **fields) -> Profile:
    profile = Profile(organisation=organisation or OrganisationFactory(), **fields)
    return save_profile(profile, sectors=Sector.objects.filter(code__in=sectors))


def make_opportunity(profile=None, *, edition=None, sectors=("C",), **fields) -> Opportunity:
    profile = profile or make_profile()
    edition = edition if edition is not None else EditionFactory()
    values = {"kind": Opportunity.Kind.BUSINESS_OFFER, "title": "Steel pipes", "language": "en"}
    values.update(fields)
    opportunity = Opportunity(profile=profile, series=edition.series, edition=edition, **values)
    return save_opportunity(opportunity, sectors=Sector.objects.filter(code__in=sectors))
