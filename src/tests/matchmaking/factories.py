"""Matchmaking records made through the domain, for the matchmaking tests."""

from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    save_opportunity,
    save_profile,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.reference.models import Sector
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    SeriesFactory,
)


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


def make_published(profile, *, edition, sectors=("C",), **fields) -> Opportunity:
    opportunity = make_opportunity(profile, edition=edition, sectors=sectors, **fields)
    return publish_opportunity(submit_opportunity(opportunity))


def make_cable_edition(*, series_slug: str = "cable-forum", number: int = 1):
    """An edition with a Chinese cable maker offering, a Hungarian grid company requesting
    power cables (they complement each other), and a Polish bakery; each confirmed for it."""
    edition = EditionFactory(series=SeriesFactory(slug=series_slug), number=number)
    ningbo = make_profile(
        OrganisationFactory(name="Ningbo Cable Co.", country="CN"),
        sectors=("27",),
        languages=["zh", "en"],
        description_original="We make power cables for the grid.",
        description_language="en",
    )
    grid = make_profile(
        OrganisationFactory(name="Budapest Grid Kft.", country="HU"),
        sectors=("35",),
        languages=["hu", "en"],
        countries_of_interest=["CN"],
    )
    bakery = make_profile(
        OrganisationFactory(name="Warsaw Bakery", country="PL"), sectors=("10",), languages=["pl"]
    )
    make_published(
        ningbo,
        edition=edition,
        sectors=("27",),
        kind=Opportunity.Kind.BUSINESS_OFFER,
        title="Power cables",
        partnerships=["distribution"],
        target_countries=["HU"],
    )
    make_published(
        grid,
        edition=edition,
        sectors=("27",),
        kind=Opportunity.Kind.BUSINESS_REQUEST,
        title="Power cables wanted",
        partnerships=["distribution"],
    )
    make_published(
        bakery,
        edition=edition,
        sectors=("10",),
        kind=Opportunity.Kind.BUSINESS_OFFER,
        title="Bread",
    )
    for profile in (ningbo, grid, bakery):
        confirm_profile_for_edition(profile, edition=edition, attendees=[])
    return edition, ningbo, grid, bakery


def make_confirmed(edition, *, name: str, country: str = "CN", people: int = 1):
    """An organisation called ``name`` with a profile confirmed for ``edition`` and ``people``
    of its people registered and attending; returns the ``ProfileEdition``."""
    organisation = OrganisationFactory(name=name, country=country)
    registrations = [
        RegistrationFactory(edition=edition, person=PersonFactory(organisation=organisation))
        for _ in range(people)
    ]
    return confirm_profile_for_edition(
        make_profile(organisation), edition=edition, attendees=registrations
    )
