"""The signed-in participant's meeting requests, per edition their organisation is confirmed
for: the edition's rules (limits, deadlines) and the organisation's counts, the requests it
received (accept, decline) and sent (withdraw), accepted ones (call off), and once a meeting
is over, the organisation's own rating of it (never the other party's).

Writes are POST only, each with the request's ``version`` as the page showed it (a request
changed since is refused, with a message); the result is a message on the page they redirect
back to. A request of other organisations answers 404, never 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from smeforum.matchmaking.domain import (
    accept_request,
    cancel_request,
    decline_request,
    rate_meeting,
    withdraw_request,
)
from smeforum.matchmaking.domain.ratings import is_over
from smeforum.matchmaking.models import MeetingRating, MeetingRequest, ProfileEdition, RequestPolicy
from smeforum.matchmaking.queries import meeting_requests, requests_of_organisation
from smeforum.portal.account import person_or_404
from smeforum.portal.forms import DeclineForm, RatingForm, RequestVersionForm
from smeforum.scheduling.models import Meeting

Status = MeetingRequest.Status


@dataclass
class RequestRow:
    request: MeetingRequest
    partner: str
    received: bool
    rating: MeetingRating | None = None  # the organisation's own, never the other party's
    rating_form: RatingForm | None = None  # the meeting is over: it may be rated


@dataclass
class EditionRequests:
    edition: object
    policy: RequestPolicy
    open_sent: int
    meetings: int
    received: list[RequestRow]
    sent: list[RequestRow]


def _rateable(row: MeetingRequest) -> bool:
    meeting = row.meeting
    return (
        row.status == Status.ACCEPTED
        and meeting is not None
        and meeting.status != Meeting.Status.CANCELLED
        and is_over(meeting)
    )


def edition_sections(organisation) -> list[EditionRequests]:
    """The organisation's requests by edition, newest edition first (five queries, whatever
    the number of requests)."""
    confirmed = list(
        ProfileEdition.objects.filter(profile__organisation=organisation)
        .select_related("edition__series")
        .order_by("-edition__start_date", "-edition__pk")
    )
    ids = [c.edition_id for c in confirmed]
    policies = {p.edition_id: p for p in RequestPolicy.objects.filter(edition_id__in=ids)}
    rows = list(
        requests_of_organisation(organisation.pk)
        .filter(edition_id__in=ids)
        .select_related("meeting__b2b__session__edition")
    )
    ratings = {
        r.meeting_id: r
        for r in MeetingRating.objects.filter(
            rater__in=confirmed, meeting_id__in=[r.meeting_id for r in rows if r.meeting_id]
        )
    }
    sections = {
        c.edition_id: EditionRequests(
            c.edition, policies.get(c.edition_id) or RequestPolicy(edition=c.edition), 0, 0, [], []
        )
        for c in confirmed
    }
    for row in rows:
        section = sections[row.edition_id]
        received = row.receiver.profile.organisation_id == organisation.pk
        partner = (row.sender if received else row.receiver).profile.organisation
        item = RequestRow(row, partner.display_name, received)
        if row.meeting_id is not None:
            item.rating = ratings.get(row.meeting_id)
        if _rateable(row):
            initial = (
                {"value": item.rating.value, "comment": item.rating.comment} if item.rating else {}
            )
            item.rating_form = RatingForm(initial=initial, auto_id=f"id_rate{row.pk}_%s")
        (section.received if received else section.sent).append(item)
        section.open_sent += not received and row.status == Status.OPEN
        section.meetings += row.status == Status.ACCEPTED
    return [sections[c.edition_id] for c in confirmed]


@login_required
@never_cache
def requests(request):
    person = person_or_404(request.user)
    organisation = person.organisation
    sections = edition_sections(organisation) if organisation is not None else []
    return render(
        request,
        "portal/requests.html",
        {"person": person, "organisation": organisation, "sections": sections},
    )


#: Which side of a request each permission is for (a platform admin holds every permission:
#: the side is checked as well, so the portal never acts for another organisation).
_SIDES = {
    "matchmaking.see_request": ("sender", "receiver"),
    "matchmaking.answer_request": ("receiver",),
    "matchmaking.withdraw_request": ("sender",),
    "matchmaking.cancel_request": ("sender", "receiver"),
}


def _request_or_404(user, request_id: int, permission: str) -> MeetingRequest:
    """The request, when the user's organisation is a party of it on the side
    ``permission`` is for and the user holds it; else 404 (another organisation's request is
    not revealed)."""
    organisation_id = person_or_404(user).organisation_id
    row = get_object_or_404(meeting_requests(), pk=request_id)
    sides = [getattr(row, side).profile.organisation_id for side in _SIDES[permission]]
    if organisation_id is None or organisation_id not in sides:
        raise Http404
    if not user.has_perm("matchmaking.see_request", row) or not user.has_perm(permission, row):
        raise Http404
    return row


def _back(row: MeetingRequest):
    return redirect(f"{reverse('portal:requests')}#request-{row.pk}")


def _partner(row: MeetingRequest, organisation_id: int) -> str:
    mine = row.sender.profile.organisation_id == organisation_id
    return (row.receiver if mine else row.sender).profile.organisation.display_name


def _form_problem(form) -> str:
    """What was wrong with a form of the list (they are not shown again: the page is)."""
    if "version" in form.errors:
        return _("Something was missing from the form. Reload the page.")
    return " ".join(
        f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
    )


def _write(request, request_id: int, *, permission: str, form_class, act, done: str):
    """The common course of a write: find the request (404), POST only (405), read the form,
    run ``act(row, cleaned_data)``, say how it went, go back to the list."""
    row = _request_or_404(request.user, request_id, permission)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _form_problem(form))
        return _back(row)
    try:
        act(row, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        organisation_id = person_or_404(request.user).organisation_id
        messages.success(request, done % {"organisation": _partner(row, organisation_id)})
    return _back(row)


@login_required
def accept(request, request_id: int):
    return _write(
        request,
        request_id,
        permission="matchmaking.answer_request",
        form_class=RequestVersionForm,
        act=lambda row, data: accept_request(row, version=data["version"], actor=request.user),
        done=_("The request of %(organisation)s is accepted: your meeting is agreed."),
    )


@login_required
def decline(request, request_id: int):
    return _write(
        request,
        request_id,
        permission="matchmaking.answer_request",
        form_class=DeclineForm,
        act=lambda row, data: decline_request(
            row, reason=data["reason"], version=data["version"], actor=request.user
        ),
        done=_("The request of %(organisation)s is declined."),
    )


@login_required
def withdraw(request, request_id: int):
    return _write(
        request,
        request_id,
        permission="matchmaking.withdraw_request",
        form_class=RequestVersionForm,
        act=lambda row, data: withdraw_request(row, version=data["version"], actor=request.user),
        done=_("Your request to %(organisation)s is withdrawn."),
    )


@login_required
def cancel(request, request_id: int):
    return _write(
        request,
        request_id,
        permission="matchmaking.cancel_request",
        form_class=RequestVersionForm,
        act=lambda row, data: cancel_request(row, version=data["version"], actor=request.user),
        done=_("Your meeting with %(organisation)s is called off."),
    )


@login_required
def rate(request, request_id: int):
    """Rate the meeting of an accepted request as the user's organisation's side of it."""
    person = person_or_404(request.user)
    row = _request_or_404(request.user, request_id, "matchmaking.see_request")
    rater = (
        row.sender if row.sender.profile.organisation_id == person.organisation_id else row.receiver
    )
    if not request.user.has_perm("matchmaking.rate_meeting", rater):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_problem(form))
        return _back(row)
    if row.status != Status.ACCEPTED or row.meeting_id is None:
        messages.error(request, _("This request has no meeting to rate."))
        return _back(row)
    try:
        rate_meeting(
            row.meeting,
            rater=rater,
            value=form.cleaned_data["value"],
            comment=form.cleaned_data["comment"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: your rating of the meeting with %(organisation)s is saved.")
            % {"organisation": _partner(row, person.organisation_id)},
        )
    return _back(row)
