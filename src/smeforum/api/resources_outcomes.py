"""Public outcome registry: outcomes of published editions (and those between editions)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.db.models import F, Prefetch, Q
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from smeforum.api.common import PUBLIC_ERRORS, Pages
from smeforum.forums.models import ForumSeries
from smeforum.outcomes.models import Outcome, OutcomeParty

router = Router(tags=["outcomes"])


class AmountOut(Schema):
    amount: Decimal
    currency: str
    kind: str


class PartyOut(Schema):
    name: str
    organisation_id: int | None
    city_id: int | None
    country: str
    role: str


class OutcomeOut(Schema):
    id: int
    series: str
    edition: int | None
    session: int | None
    kind: str
    title: str
    title_en: str
    signed_on: dt.date | None
    status: str
    fields: list[str]
    amounts: list[AmountOut]
    parties: list[PartyOut]
    is_sample: bool

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.series.slug

    @staticmethod
    def resolve_edition(obj) -> int | None:
        return obj.edition.number if obj.edition_id else None

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.slug

    @staticmethod
    def resolve_fields(obj) -> list[str]:
        return sorted(f.slug for f in obj.fields.all())

    @staticmethod
    def resolve_amounts(obj) -> list[AmountOut]:
        return [
            AmountOut(amount=a.amount, currency=a.currency, kind=a.amount_kind)
            for a in sorted(obj.amounts.all(), key=lambda a: a.id)
        ]

    @staticmethod
    def resolve_parties(obj) -> list[PartyOut]:
        return [
            PartyOut(
                name=p.label,
                organisation_id=p.organisation_id,
                city_id=p.city_id,
                country=p.country,
                role=p.role,
            )
            for p in sorted(obj.parties.all(), key=lambda p: p.id)
        ]


def _outcomes():
    return (
        Outcome.objects.filter(Q(edition__isnull=True) | Q(edition__is_published=True))
        .select_related("series", "edition", "kind")
        .prefetch_related(
            "fields",
            "amounts",
            Prefetch(
                "parties", queryset=OutcomeParty.objects.select_related("organisation", "city")
            ),
        )
    )


@router.get("/series/{slug}/outcomes", response={200: list[OutcomeOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_outcomes(
    request,
    slug: str,
    edition: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    field: str | None = None,
    country: str | None = None,
    ordering: Literal["signed_on", "-signed_on"] = "signed_on",
):
    """Outcomes of a series: filters ``edition`` (number), ``kind`` (slug), ``status``,
    ``field`` (slug of a field of cooperation), ``country`` (of a party). Amounts as entered."""
    series = ForumSeries.objects.filter(slug=slug).first()
    if series is None:
        raise Http404
    outcomes = _outcomes().filter(series=series)
    if edition is not None:
        outcomes = outcomes.filter(edition__number=edition)
    if kind:
        outcomes = outcomes.filter(kind__slug=kind)
    if status:
        outcomes = outcomes.filter(status=status)
    if field:
        outcomes = outcomes.filter(fields__slug=field)
    if country:
        outcomes = outcomes.filter(parties__country=country.upper())
    outcomes = outcomes.distinct()
    if ordering == "-signed_on":
        return outcomes.order_by(F("signed_on").desc(nulls_last=True), "-id")
    return outcomes.order_by(F("signed_on").asc(nulls_last=True), "id")


@router.get("/outcomes/{outcome_id}", response={200: OutcomeOut, **PUBLIC_ERRORS})
def get_outcome(request, outcome_id: int):
    outcome = _outcomes().filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    return outcome
