"""The signed-in participant's partner recommendations: for each edition their organisation's
matchmaking profile is confirmed for, the organisations to meet there, best first, with why."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from smeforum.matchmaking.models import ProfileEdition
from smeforum.matchmaking.recommendations import recommend_for
from smeforum.portal.account import person_or_404
from smeforum.reference.countries import country_name

#: How many organisations to suggest per edition.
TOP = 10


@dataclass(frozen=True)
class RecommendationRow:
    organisation: str
    country: str
    percent: int  # the score, 0..100
    reasons: list[str]


@dataclass(frozen=True)
class EditionRecommendations:
    edition: object
    rows: list[RecommendationRow]


def edition_recommendations(edition, organisation) -> EditionRecommendations:
    rows = [
        RecommendationRow(
            organisation=suggestion.organisation.display_name,
            country=country_name(suggestion.country),
            percent=round(suggestion.score * 100),
            reasons=suggestion.reasons,
        )
        for suggestion in recommend_for(edition, organisation, top=TOP)
    ]
    return EditionRecommendations(edition, rows)


@login_required
@never_cache
def recommendations(request):
    person = person_or_404(request.user)
    organisation = person.organisation
    editions = []
    if organisation is not None:
        confirmed = (
            ProfileEdition.objects.filter(profile__organisation=organisation)
            .select_related("edition__series")
            .order_by("-edition__pk")
        )
        editions = [edition_recommendations(pe.edition, organisation) for pe in confirmed]
    return render(
        request,
        "portal/recommendations.html",
        {"person": person, "organisation": organisation, "editions": editions},
    )
