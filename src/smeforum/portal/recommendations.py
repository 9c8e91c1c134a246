"""The signed-in participant's partner recommendations: for each edition their organisation's
matchmaking profile is confirmed for, the organisations to meet there, best first, with why,
each with a form asking it to meet (``send``); and the organisation's requests at the edition
with their status (those partners are no longer recommended)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from smeforum.matchmaking.domain import send_request
from smeforum.matchmaking.models import MeetingRequest, ProfileEdition, RequestPolicy
from smeforum.matchmaking.queries import requests_of_organisation
from smeforum.matchmaking.recommendations import recommend_for
from smeforum.portal.account import person_or_404
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.forms import MeetingRequestForm
from smeforum.reference.countries import country_name

#: How many organisations to suggest per edition.
TOP = 10


@dataclass(frozen=True)
class RecommendationRow:
    organisation: str
    country: str
    percent: int  # the score, 0..100
    reasons: list[str]
    form: MeetingRequestForm | None = None  # None: requests are closed
    earlier: str = ""  # the status of an earlier request with it (withdrawn, cancelled)


@dataclass(frozen=True)
class RequestStatus:
    """One of the organisation's requests at the edition, as the recommendations show it."""

    organisation: str
    status: str
    sent: bool  # the organisation sent it (else: received it)


@dataclass(frozen=True)
class EditionRecommendations:
    edition: object
    rows: list[RecommendationRow]
    requests: list[RequestStatus] = field(default_factory=list)
    closed_at: object = None  # when requests closed, if they did
    failed: MeetingRequestForm | None = None  # a request that was not sent, to a partner...
    failed_to: str = ""  # ...no longer among the rows


def _form(edition, confirmation_id, failed: MeetingRequestForm | None) -> MeetingRequestForm:
    if failed is not None and failed.cleaned_data.get("receiver") == confirmation_id:
        return failed
    return MeetingRequestForm(
        initial={"edition": edition.pk, "receiver": confirmation_id},
        auto_id=f"id_r{confirmation_id}_%s",
    )


def edition_recommendations(
    edition,
    organisation,
    *,
    requests=(),
    policy: RequestPolicy | None = None,
    failed: MeetingRequestForm | None = None,
    failed_to: str = "",
) -> EditionRecommendations:
    """The edition's suggestions for ``organisation`` with a request form each (unless
    requests are closed), and its ``requests`` there; ``failed`` is a request form that was
    refused, shown again with its errors and text."""
    policy = policy or RequestPolicy(edition=edition)
    closed_at = policy.requests_close_at
    is_closed = closed_at is not None and timezone.now() > closed_at
    earlier = {}
    statuses = []
    for row in requests:
        sent = row.sender.profile.organisation_id == organisation.pk
        partner = (row.receiver if sent else row.sender).profile.organisation
        if row.status in MeetingRequest.LIVE or row.status == MeetingRequest.Status.DECLINED:
            statuses.append(RequestStatus(partner.display_name, row.get_status_display(), sent))
        else:
            earlier.setdefault(partner.pk, row.get_status_display())
    rows = []
    for suggestion in recommend_for(edition, organisation, top=TOP):
        form = None if is_closed else _form(edition, suggestion.confirmation_id, failed)
        if form is failed:
            failed = None  # shown in its row
        rows.append(
            RecommendationRow(
                organisation=suggestion.organisation.display_name,
                country=country_name(suggestion.country),
                percent=round(suggestion.score * 100),
                reasons=suggestion.reasons,
                form=form,
                earlier=earlier.get(suggestion.organisation.pk, ""),
            )
        )
    return EditionRecommendations(
        edition,
        rows,
        statuses,
        closed_at if is_closed else None,
        failed,
        failed_to if failed is not None else "",
    )


def _page(request, person, *, failed=None, failed_edition_id=None, failed_to=""):
    organisation = person.organisation
    editions = []
    if organisation is not None:
        confirmed = list(
            ProfileEdition.objects.filter(profile__organisation=organisation)
            .select_related("edition__series")
            .order_by("-edition__pk")
        )
        ids = [c.edition_id for c in confirmed]
        policies = {p.edition_id: p for p in RequestPolicy.objects.filter(edition_id__in=ids)}
        requests = {}
        for row in requests_of_organisation(organisation.pk).filter(edition_id__in=ids):
            requests.setdefault(row.edition_id, []).append(row)
        for confirmation in confirmed:
            mine = confirmation.edition_id == failed_edition_id
            editions.append(
                edition_recommendations(
                    confirmation.edition,
                    organisation,
                    requests=requests.get(confirmation.edition_id, []),
                    policy=policies.get(confirmation.edition_id),
                    failed=failed if mine else None,
                    failed_to=failed_to if mine else "",
                )
            )
    return render(
        request,
        "portal/recommendations.html",
        {"person": person, "organisation": organisation, "editions": editions},
        status=400 if failed is not None else 200,
    )


@login_required
@never_cache
def recommendations(request):
    return _page(request, person_or_404(request.user))


@login_required
def send(request):
    """Ask a recommended organisation to meet: the sender is the user's organisation's
    confirmation for the edition. A refused request comes back on the page with its text."""
    person = person_or_404(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MeetingRequestForm(request.POST)
    if not form.is_valid() and ("edition" in form.errors or "receiver" in form.errors):
        raise Http404
    sender = (
        ProfileEdition.objects.filter(
            profile__organisation_id=person.organisation_id,
            edition_id=form.cleaned_data["edition"],
        )
        .select_related("profile__organisation", "edition")
        .first()
    )
    if person.organisation_id is None or sender is None:
        raise Http404
    receiver = get_object_or_404(
        ProfileEdition.objects.select_related("profile__organisation"),
        pk=form.cleaned_data["receiver"],
        edition_id=sender.edition_id,
    )
    if not request.user.has_perm("matchmaking.send_request", sender):
        raise Http404
    partner = receiver.profile.organisation.display_name
    if form.is_valid():
        try:
            made = send_request(
                sender,
                receiver=receiver,
                message=form.cleaned_data["message"],
                priority=form.cleaned_data["priority"],
                actor=request.user,
            )
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            if made.sender_id == sender.pk:
                text = _("%(organisation)s has your request to meet.")
            else:
                text = _("%(organisation)s had asked to meet you too: your meeting is agreed.")
            messages.success(request, text % {"organisation": partner})
            return redirect("portal:requests")
    return _page(
        request, person, failed=form, failed_edition_id=sender.edition_id, failed_to=partner
    )
