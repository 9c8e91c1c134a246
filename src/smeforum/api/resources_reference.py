"""Public reference resources: countries, cities and organisations."""

from typing import Literal

from django.db.models import F, Q
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from smeforum.api.common import PUBLIC_ERRORS, Pages
from smeforum.forums.models import EditionCountry
from smeforum.orgs.models import Organisation
from smeforum.reference.countries import all_countries, get_country
from smeforum.reference.models import City

router = Router(tags=["reference"])

CountryRole = Literal["host", "member", "observer", "guest"]


class CountryOut(Schema):
    code: str
    alpha3: str
    name_en: str
    name_zh: str


class CountryRoleOut(Schema):
    series: str
    edition: int
    role: str


class CountryDetailOut(CountryOut):
    roles: list[CountryRoleOut]


class CityOut(Schema):
    id: int
    name: str
    name_zh: str
    country: str
    region: str
    population: int | None
    time_zone: str


class OrganisationOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    country: str
    city: str | None
    size_class: str
    sectors: list[str]
    website: str
    description: str
    is_sample: bool

    @staticmethod
    def resolve_city(obj) -> str | None:
        return obj.city.name if obj.city_id else None

    @staticmethod
    def resolve_sectors(obj) -> list[str]:
        return sorted(s.code for s in obj.sectors.all())


def _country(c) -> CountryOut:
    return CountryOut(code=c.code, alpha3=c.alpha3, name_en=c.name_en, name_zh=c.name_zh)


@router.get("/countries", response={200: list[CountryOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_countries(request, role: CountryRole | None = None):
    """ISO 3166-1 countries, by code; ``role``: only those with that role in a published
    edition."""
    countries = all_countries()
    if role is not None:
        codes = set(
            EditionCountry.objects.filter(edition__is_published=True, role=role).values_list(
                "country", flat=True
            )
        )
        countries = [c for c in countries if c.code in codes]
    return [_country(c) for c in sorted(countries, key=lambda c: c.code)]


@router.get("/countries/{code}", response={200: CountryDetailOut, **PUBLIC_ERRORS})
def get_country_detail(request, code: str):
    """One country with its roles in published editions."""
    country = get_country(code) if len(code) == 2 else None
    if country is None:
        raise Http404
    roles = (
        EditionCountry.objects.filter(country=country.code, edition__is_published=True)
        .select_related("edition__series")
        .order_by("edition__series__slug", "edition__number")
    )
    return CountryDetailOut(
        **_country(country).dict(),
        roles=[
            CountryRoleOut(series=r.edition.series.slug, edition=r.edition.number, role=r.role)
            for r in roles
        ],
    )


@router.get("/cities", response={200: list[CityOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_cities(
    request,
    country: str | None = None,
    q: str | None = None,
    ordering: Literal["name", "-population"] = "name",
):
    """Cities; ``country`` (ISO code), ``q`` (name contains), ``ordering``."""
    cities = City.objects.all()
    if country:
        cities = cities.filter(country=country.upper())
    if q:
        cities = cities.filter(Q(name__icontains=q) | Q(name_zh__icontains=q))
    if ordering == "-population":
        return cities.order_by(F("population").desc(nulls_last=True), "name", "id")
    return cities.order_by("name", "id")


@router.get("/cities/{city_id}", response={200: CityOut, **PUBLIC_ERRORS})
def get_city(request, city_id: int):
    city = City.objects.filter(pk=city_id).first()
    if city is None:
        raise Http404
    return city


def _organisations():
    return Organisation.objects.select_related("city").prefetch_related("sectors")


@router.get("/organisations", response={200: list[OrganisationOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_organisations(
    request,
    country: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    is_sample: bool | None = None,
    q: str | None = None,
    ordering: Literal["name", "-name"] = "name",
):
    """Organisations (public fields only); filters ``country``, ``kind``, ``sector`` (NACE
    code), ``is_sample``, ``q`` (name contains)."""
    orgs = _organisations()
    if country:
        orgs = orgs.filter(country=country.upper())
    if kind:
        orgs = orgs.filter(kind=kind)
    if sector:
        orgs = orgs.filter(sectors__code=sector).distinct()
    if is_sample is not None:
        orgs = orgs.filter(is_sample=is_sample)
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(name_en__icontains=q))
    if ordering == "-name":
        return orgs.order_by("-name", "-id")
    return orgs.order_by("name", "id")


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **PUBLIC_ERRORS})
def get_organisation(request, organisation_id: int):
    organisation = _organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation
