"""The organisers' side of matchmaking in the API: the opportunities waiting for moderation at
an edition, publishing or rejecting one, and the ratings the parties gave the edition's
meetings (organisers only see ratings).

For organisers with ``matchmaking`` on the edition (an evergreen opportunity: on an edition
that looks after it) and platform admins; anyone else gets 404, as if the record did not
exist. A move the opportunity's status does not allow answers 409 (``wrong_status``).
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema

from smeforum.api.auth import API_AUTH
from smeforum.api.common import AUTH_ERRORS, WRITE_ERRORS, BodyIn
from smeforum.api.resources_matchmaking import OpportunityOut, organised_edition
from smeforum.forums.models import Edition
from smeforum.matchmaking import queries
from smeforum.matchmaking.domain import publish_opportunity, reject_opportunity
from smeforum.matchmaking.models import MeetingRating, Opportunity

router = Router(auth=API_AUTH, tags=["matchmaking organisers"])


@router.get(
    "/editions/{series}/{number}/opportunities/moderation",
    response={200: list[OpportunityOut], **AUTH_ERRORS},
)
def opportunities_to_moderate(request, series: str, number: int):
    """The submitted opportunities of the edition (and the evergreen ones of its series and of
    the profiles confirmed for it), oldest change first."""
    edition = organised_edition(request.auth, series, number)
    editions = Edition.objects.filter(pk=edition.pk)
    return list(queries.opportunities_to_moderate(editions).order_by("updated_at", "pk"))


class ModerationIn(BodyIn):
    note: str = Field("", max_length=2000, description="To the owner; required to reject.")


def _moderated(user, opportunity_id: int) -> Opportunity:
    opportunity = queries.opportunities().filter(pk=opportunity_id).first()
    if opportunity is None or not user.has_perm("matchmaking.moderate_opportunity", opportunity):
        raise Http404
    return opportunity


@router.post(
    "/opportunities/{opportunity_id}/publish",
    response={200: OpportunityOut, **WRITE_ERRORS},
)
def publish(request, opportunity_id: int, payload: ModerationIn | None = None):
    """Publish a submitted (or earlier rejected) opportunity: it appears in the marketplace."""
    opportunity = _moderated(request.auth, opportunity_id)
    note = payload.note if payload else ""
    publish_opportunity(opportunity, note=note, actor=request.auth)
    return queries.opportunities().get(pk=opportunity.pk)


@router.post(
    "/opportunities/{opportunity_id}/reject",
    response={200: OpportunityOut, **WRITE_ERRORS},
)
def reject(request, opportunity_id: int, payload: ModerationIn):
    """Reject a submitted or published opportunity, saying why (``note``, required)."""
    opportunity = _moderated(request.auth, opportunity_id)
    reject_opportunity(opportunity, note=payload.note, actor=request.auth)
    return queries.opportunities().get(pk=opportunity.pk)


class EditionRatingOut(Schema):
    meeting_id: int
    organisation_id: int
    organisation: str
    value: str
    value_label: str
    comment: str
    rated_at: dt.datetime

    @staticmethod
    def resolve_organisation_id(obj) -> int:
        return obj.rater.profile.organisation_id

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.rater.profile.organisation.display_name

    @staticmethod
    def resolve_value_label(obj) -> str:
        return str(obj.get_value_display())


@router.get(
    "/editions/{series}/{number}/matchmaking/ratings",
    response={200: list[EditionRatingOut], **AUTH_ERRORS},
)
def edition_ratings(request, series: str, number: int):
    """Every party's rating of the edition's meetings, by meeting."""
    edition = organised_edition(request.auth, series, number)
    return list(
        MeetingRating.objects.filter(rater__edition=edition)
        .select_related("rater__profile__organisation")
        .order_by("meeting_id", "pk")
    )
