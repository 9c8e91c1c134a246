"""Matchmaking between organisations: the caller's organisation's recommended partners, its
meeting requests (sent and received) and its ratings of meetings after the event; the
organisers' overview of an edition's requests
(``/editions/{series}/{number}/matchmaking/overview``: organisers with ``matchmaking`` on the
edition and platform admins, anyone else 404).

Everything is the organisation of the caller's person (404 without one). A request the
organisation is not a party of, another organisation's meeting, answers 404 as if it did not
exist; a request it sees but may not act on so (a sender accepting) answers 403. The rules of
the edition refuse with 409 and a ``code`` (``duplicate``, ``declined``, ``limit``,
``agenda_full``, ``closed``, ``not_open``, ``not_accepted``, ``conflict`` for a stale
``version``, ``not_over``, ``cancelled``); bad input with 422.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from smeforum.api.auth import API_AUTH
from smeforum.api.common import AUTH_ERRORS, WRITE_ERRORS, BodyIn
from smeforum.api.errors import NotFound, api_field_names
from smeforum.api.resources_matchmaking import (
    my_organisation,
    organised_edition,
    refusal,
    require,
)
from smeforum.forums.models import Edition
from smeforum.matchmaking import queries
from smeforum.matchmaking.domain import (
    accept_request,
    cancel_request,
    decline_request,
    rate_meeting,
    send_request,
    withdraw_request,
)
from smeforum.matchmaking.domain.ratings import is_party
from smeforum.matchmaking.models import MeetingRating, MeetingRequest, ProfileEdition
from smeforum.matchmaking.overview import request_overview
from smeforum.matchmaking.recommendations import NotConfirmedError, recommend_for
from smeforum.orgs.models import Organisation
from smeforum.reference.countries import country_name
from smeforum.scheduling.models import Meeting

router = Router(auth=API_AUTH, tags=["matchmaking"])

RequestStatus = Literal[tuple(MeetingRequest.Status.values)]  # type: ignore[valid-type]
RatingValue = Literal[tuple(MeetingRating.Value.values)]  # type: ignore[valid-type]
VERSION_HELP = "The request's `version` as last read; a stale one is refused with 409."


def _edition_for(organisation: Organisation, edition_id: int) -> Edition:
    """An edition the caller may name: a published one, or one its profile is confirmed for."""
    edition = (
        Edition.objects.filter(pk=edition_id)
        .filter(Q(is_published=True) | Q(matchmaking_profiles__profile__organisation=organisation))
        .select_related("series")
        .first()
    )
    if edition is None:
        raise Http404
    return edition


def _confirmation(organisation: Organisation, edition: Edition) -> ProfileEdition:
    """The organisation's profile confirmed for ``edition``; refused (422 on ``edition``)
    without one."""
    found = (
        ProfileEdition.objects.filter(profile__organisation=organisation, edition=edition)
        .select_related("profile__organisation", "edition")
        .first()
    )
    if found is None:
        message = _("%(organisation)s has no matchmaking profile confirmed for %(edition)s.") % {
            "organisation": organisation.display_name,
            "edition": edition,
        }
        raise refusal("edition", message, "not_confirmed")
    return found


# --- recommendations -----------------------------------------------------------------------------


class SuggestionOut(Schema):
    organisation_id: int
    profile_edition_id: int | None = Field(
        ..., description="Its confirmation for the edition (``receiver_id`` of a request)."
    )
    organisation: str
    country: str = Field(..., description="ISO 3166-1 alpha-2 code.")
    country_name: str
    score: float = Field(..., description="0..1, best first.")
    reasons: list[str] = Field(..., description="Why, in the request's language.")


class RecommendationsOut(Schema):
    edition_id: int
    series: str
    edition: int
    organisations: list[SuggestionOut]


@router.get("/me/recommendations", response={200: RecommendationsOut, **AUTH_ERRORS})
def my_recommendations(request, edition: int | None = None, top: int = Query(10, ge=1, le=50)):
    """The organisations the caller's organisation should meet at ``edition`` (an edition id;
    by default the latest its profile is confirmed for), best first, with their score and
    reasons; never one it has a request open, accepted or declined with there. 422 on
    ``edition`` when the profile is not confirmed for it; 404 when it is confirmed for none
    (and no edition is named)."""
    organisation = my_organisation(request.auth)
    if edition is None:
        latest = (
            ProfileEdition.objects.filter(profile__organisation=organisation)
            .select_related("edition__series")
            .order_by("-edition__start_date", "-edition_id")
            .first()
        )
        if latest is None:
            raise HttpError(
                404, _("Your organisation's profile is not confirmed for any edition yet.")
            )
        chosen = latest.edition
    else:
        chosen = _edition_for(organisation, edition)
    try:
        suggestions = recommend_for(chosen, organisation, top=top)
    except NotConfirmedError as exc:
        raise refusal("edition", str(exc), "not_confirmed") from exc
    return RecommendationsOut(
        edition_id=chosen.pk,
        series=chosen.series.slug,
        edition=chosen.number,
        organisations=[
            SuggestionOut(
                organisation_id=s.organisation.pk,
                profile_edition_id=s.confirmation_id,
                organisation=s.organisation.display_name,
                country=s.country,
                country_name=country_name(s.country),
                score=round(s.score, 4),
                reasons=s.reasons,
            )
            for s in suggestions
        ],
    )


# --- meeting requests ----------------------------------------------------------------------------


class RequestPartyOut(Schema):
    profile_edition_id: int
    organisation_id: int
    organisation: str
    country: str


class RequestOut(Schema):
    id: int
    edition_id: int
    series: str
    edition: int
    direction: Literal["in", "out"] = Field(..., description="Received (in) or sent (out).")
    status: str
    status_label: str
    is_mutual: bool
    priority: int
    priority_label: str
    sender: RequestPartyOut
    receiver: RequestPartyOut
    message: str
    decline_reason: str
    created_at: dt.datetime
    answered_at: dt.datetime | None
    meeting_id: int | None = Field(..., description="The scheduler's meeting, once made.")
    version: int


class RequestIn(BodyIn):
    edition: int = Field(..., description="The edition's id.")
    receiver_organisation_id: int | None = Field(None, description="The organisation to meet.")
    receiver_id: int | None = Field(
        None, description="Or its confirmation for the edition (a ProfileEdition id)."
    )
    message: str = Field("", max_length=2000)
    priority: Literal[1, 2, 3] = Field(2, description="1 nice to meet, 2 important, 3 essential.")


class AnswerIn(BodyIn):
    version: int | None = Field(None, description=VERSION_HELP)


class DeclineIn(AnswerIn):
    reason: str = Field("", max_length=1000)


def _party(confirmation: ProfileEdition) -> RequestPartyOut:
    organisation = confirmation.profile.organisation
    return RequestPartyOut(
        profile_edition_id=confirmation.pk,
        organisation_id=organisation.pk,
        organisation=organisation.display_name,
        country=str(organisation.country),
    )


def _request_out(row: MeetingRequest, organisation_id: int) -> RequestOut:
    received = row.receiver.profile.organisation_id == organisation_id
    return RequestOut(
        id=row.pk,
        edition_id=row.edition_id,
        series=row.edition.series.slug,
        edition=row.edition.number,
        direction="in" if received else "out",
        status=row.status,
        status_label=str(row.get_status_display()),
        is_mutual=row.is_mutual,
        priority=row.priority,
        priority_label=str(row.get_priority_display()),
        sender=_party(row.sender),
        receiver=_party(row.receiver),
        message=row.message,
        decline_reason=row.decline_reason,
        created_at=row.created_at,
        answered_at=row.answered_at,
        meeting_id=row.meeting_id,
        version=row.version,
    )


def _fresh(pk: int, organisation_id: int) -> RequestOut:
    return _request_out(queries.meeting_requests().get(pk=pk), organisation_id)


@router.get("/me/requests", response={200: list[RequestOut], **AUTH_ERRORS})
def list_my_requests(
    request,
    edition: int | None = None,
    status: RequestStatus | None = None,
    direction: Literal["in", "out"] | None = None,
):
    """The meeting requests the caller's organisation received (``in``) and sent (``out``),
    newest first; ``edition`` (id), ``status`` and ``direction`` filter."""
    organisation = my_organisation(request.auth)
    rows = queries.requests_of_organisation(organisation.pk)
    if edition is not None:
        rows = rows.filter(edition_id=edition)
    if status is not None:
        rows = rows.filter(status=status)
    if direction == "in":
        rows = rows.filter(receiver__profile__organisation=organisation)
    elif direction == "out":
        rows = rows.filter(sender__profile__organisation=organisation)
    return [_request_out(row, organisation.pk) for row in rows.order_by("-created_at", "-id")]


def _receiver(edition: Edition, payload: RequestIn) -> ProfileEdition:
    if (payload.receiver_organisation_id is None) == (payload.receiver_id is None):
        message = _("Give either receiver_organisation_id or receiver_id.")
        raise refusal("receiver_organisation_id", message, "required")
    confirmations = ProfileEdition.objects.filter(edition=edition).select_related(
        "profile__organisation"
    )
    if payload.receiver_id is not None:
        found = confirmations.filter(pk=payload.receiver_id).first()
        if found is None:
            raise NotFound("receiver_id")
        return found
    found = confirmations.filter(profile__organisation_id=payload.receiver_organisation_id).first()
    if found is None:
        raise NotFound("receiver_organisation_id")
    return found


@router.post("/me/requests", response={201: RequestOut, **WRITE_ERRORS})
def send_my_request(request, payload: RequestIn):
    """Ask an organisation confirmed for the edition to meet the caller's. When it had asked
    the caller's organisation already, that request is accepted (mutual) and answered
    instead. Refused with 409 by the edition's rules (see the module's codes)."""
    user = request.auth
    organisation = my_organisation(user)
    edition = _edition_for(organisation, payload.edition)
    sender = _confirmation(organisation, edition)
    require(
        user,
        "matchmaking.send_request",
        sender,
        _("You may not send meeting requests for this organisation."),
    )
    receiver = _receiver(edition, payload)
    field = "receiver_id" if payload.receiver_id is not None else "receiver_organisation_id"
    with api_field_names(receiver=field):
        sent = send_request(
            sender,
            receiver=receiver,
            message=payload.message.strip(),
            priority=payload.priority,
            actor=user,
        )
    return Status(201, _fresh(sent.pk, organisation.pk))


def _my_request(user, request_id: int) -> tuple[MeetingRequest, Organisation]:
    organisation = my_organisation(user)
    row = queries.requests_of_organisation(organisation.pk).filter(pk=request_id).first()
    if row is None or not user.has_perm("matchmaking.see_request", row):
        raise Http404
    return row, organisation


def _act(request, request_id: int, permission: str, message: str, act) -> RequestOut:
    row, organisation = _my_request(request.auth, request_id)
    require(request.auth, permission, row, message)
    done = act(row)
    return _fresh(done.pk, organisation.pk)


@router.post("/me/requests/{request_id}/accept", response={200: RequestOut, **WRITE_ERRORS})
def accept_my_request(request, request_id: int, payload: AnswerIn | None = None):
    """Accept a request the caller's organisation received: it becomes a meeting for the
    scheduler. 403 for the sender."""
    version = payload.version if payload else None
    return _act(
        request,
        request_id,
        "matchmaking.answer_request",
        _("Only the organisation asked may answer this request."),
        lambda row: accept_request(row, version=version, actor=request.auth),
    )


@router.post("/me/requests/{request_id}/decline", response={200: RequestOut, **WRITE_ERRORS})
def decline_my_request(request, request_id: int, payload: DeclineIn | None = None):
    """Decline a request the caller's organisation received, optionally saying why. 403 for
    the sender."""
    version = payload.version if payload else None
    reason = payload.reason if payload else ""
    return _act(
        request,
        request_id,
        "matchmaking.answer_request",
        _("Only the organisation asked may answer this request."),
        lambda row: decline_request(row, reason=reason, version=version, actor=request.auth),
    )


@router.post("/me/requests/{request_id}/withdraw", response={200: RequestOut, **WRITE_ERRORS})
def withdraw_my_request(request, request_id: int, payload: AnswerIn | None = None):
    """Take back an open request the caller's organisation sent. 403 for the receiver."""
    version = payload.version if payload else None
    return _act(
        request,
        request_id,
        "matchmaking.withdraw_request",
        _("Only the organisation that sent this request may withdraw it."),
        lambda row: withdraw_request(row, version=version, actor=request.auth),
    )


@router.post("/me/requests/{request_id}/cancel", response={200: RequestOut, **WRITE_ERRORS})
def cancel_my_request(request, request_id: int, payload: AnswerIn | None = None):
    """Call off an accepted meeting (either side): its meeting leaves the schedule."""
    version = payload.version if payload else None
    return _act(
        request,
        request_id,
        "matchmaking.cancel_request",
        _("You may not call off this meeting."),
        lambda row: cancel_request(row, version=version, actor=request.auth),
    )


# --- the organisers' overview --------------------------------------------------------------------


class OverviewRowOut(Schema):
    organisation_id: int
    organisation: str
    country: str
    sent: int
    received: int
    accepted: int = Field(..., description="Received requests it accepted.")
    declined: int = Field(..., description="Received requests it declined.")
    open: int = Field(..., description="Received requests it has not answered yet.")
    acceptance_rate: Decimal | None = Field(
        ..., description="accepted / (accepted + declined), 0..1; null before any answer."
    )
    meetings: int = Field(..., description="Accepted requests it takes part in, either side.")
    max_meetings: int | None = Field(..., description="The edition's limit; null: none.")
    agenda_full: bool


class OverviewOut(Schema):
    edition_id: int
    series: str
    edition: int
    organisations: list[OverviewRowOut]


@router.get(
    "/editions/{series}/{number}/matchmaking/overview",
    response={200: OverviewOut, **AUTH_ERRORS},
    auth=API_AUTH,
)
def matchmaking_overview(request, series: str, number: int):
    """Per organisation confirmed for the edition: the requests it sent and received, how it
    answered them, its acceptance rate and its meetings against the edition's limit. For
    organisers with the matchmaking permission on the edition and platform admins; 404 for
    anyone else."""
    edition = organised_edition(request.auth, series, number)
    return OverviewOut(
        edition_id=edition.pk,
        series=edition.series.slug,
        edition=edition.number,
        organisations=[OverviewRowOut(**row) for row in request_overview(edition)],
    )


# --- ratings -------------------------------------------------------------------------------------


class RatingIn(BodyIn):
    value: RatingValue
    comment: str = Field("", max_length=2000)


class RatingOut(Schema):
    meeting_id: int
    value: str
    value_label: str
    comment: str
    rated_at: dt.datetime


@router.put("/me/meetings/{meeting_id}/rating", response={200: RatingOut, **WRITE_ERRORS})
def rate_my_meeting(request, meeting_id: int, payload: RatingIn):
    """What the caller's organisation thought of a meeting it had (set or changed), once the
    meeting is over (409 before, and for a cancelled one). Only the organisers see ratings. A
    meeting the organisation was not a party of answers 404."""
    user = request.auth
    organisation = my_organisation(user)
    meeting = Meeting.objects.select_related("b2b__session").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    rater = (
        ProfileEdition.objects.filter(
            profile__organisation=organisation, edition_id=meeting.b2b.session.edition_id
        )
        .select_related("profile")
        .first()
    )
    if rater is None or not is_party(meeting, rater):
        raise Http404
    require(user, "matchmaking.rate_meeting", rater, _("You may not rate this meeting."))
    rating = rate_meeting(
        meeting, rater=rater, value=payload.value, comment=payload.comment, actor=user
    )
    return RatingOut(
        meeting_id=meeting.pk,
        value=rating.value,
        value_label=str(rating.get_value_display()),
        comment=rating.comment,
        rated_at=rating.rated_at,
    )
