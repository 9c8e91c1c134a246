"""The signed-in participant's organisation's cooperation opportunities: the list (every
status, with the organisers' notes), writing one, submitting it for moderation, withdrawing it.

Another organisation's opportunity answers 404, never 403: its existence is not revealed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from smeforum.audit.domain import snapshot_token
from smeforum.forums.models import Edition
from smeforum.matchmaking.domain import save_opportunity, submit_opportunity, withdraw_opportunity
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.portal.account import person_or_404
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.matchmaking_forms import OpportunityForm, with_fresh_token
from smeforum.portal.matchmaking_profile import is_conflict

Status = Opportunity.Status
#: The statuses an owner may submit from, and those they may withdraw from.
SUBMITTABLE = (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN)
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED)
#: Where the domain's messages about the forum land on the form.
RENAME = {"series": "forum", "edition": "forum"}


def places_for(profile: Profile, current: Opportunity | None = None) -> dict:
    """The forums an opportunity of ``profile`` may be for: each edition the profile is
    confirmed for or one of its organisation's people is registered for, and the whole series
    of each; the ``current`` opportunity's own place too. ``{value: (label, series, edition)}``."""
    where = Q(matchmaking_profiles__profile=profile) | Q(
        registrations__person__organisation_id=profile.organisation_id
    )
    if current is not None and current.edition_id is not None:
        where |= Q(pk=current.edition_id)
    editions = list(
        Edition.objects.filter(where)
        .select_related("series")
        .distinct()
        .order_by("-start_date", "-pk")
    )
    places = {}
    for edition in editions:
        places[f"edition:{edition.pk}"] = (str(edition), edition.series, edition)
    series = {edition.series_id: edition.series for edition in editions}
    if current is not None and current.edition_id is None:
        series.setdefault(current.series_id, current.series)
    for one in series.values():
        label = _("%(series)s: any edition") % {"series": one}
        places[f"series:{one.pk}"] = (label, one, None)
    return places


def _place_of(opportunity: Opportunity) -> str:
    if opportunity.edition_id is not None:
        return f"edition:{opportunity.edition_id}"
    return f"series:{opportunity.series_id}"


def _own_profile(person) -> Profile | None:
    if person.organisation_id is None:
        return None
    return Profile.objects.filter(organisation_id=person.organisation_id).first()


def _opportunity_or_404(request, opportunity_id: int):
    """The signed-in person and their organisation's opportunity ``opportunity_id``."""
    person = person_or_404(request.user)
    if person.organisation_id is None:
        raise Http404
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("profile", "series", "edition__series"),
        pk=opportunity_id,
        profile__organisation_id=person.organisation_id,
    )
    if not request.user.has_perm("matchmaking.edit_own_opportunity", opportunity):
        raise Http404
    return person, opportunity


def _list_page(request, person, *, error: ValidationError | None = None, status: int = 200):
    profile = _own_profile(person)
    rows = []
    if profile is not None:
        rows = (
            Opportunity.objects.filter(profile=profile)
            .select_related("series", "edition__series")
            .prefetch_related("sectors")
            .order_by("-updated_at", "-pk")
        )
    context = {
        "person": person,
        "organisation": person.organisation,
        "profile": profile,
        "rows": rows,
        "submittable": SUBMITTABLE,
        "withdrawable": WITHDRAWABLE,
        "errors": error.messages if error is not None else [],
    }
    return render(request, "portal/opportunities.html", context, status=status)


@login_required
@never_cache
def opportunity_list(request):
    return _list_page(request, person_or_404(request.user))


def _edit_page(request, person, profile, opportunity, *, form, status=200, stored=None):
    context = {
        "person": person,
        "organisation": person.organisation,
        "profile": profile,
        "opportunity": opportunity if opportunity is not None and opportunity.pk else None,
        "form": form,
        "stored": stored,
        "submittable": SUBMITTABLE,
        "withdrawable": WITHDRAWABLE,
    }
    return render(request, "portal/opportunity_form.html", context, status=status)


def _initial(opportunity: Opportunity) -> dict:
    initial = {name: getattr(opportunity, name) for name in OpportunityForm.FIELDS}
    initial["sectors"] = sorted(opportunity.sectors.values_list("code", flat=True))
    initial["forum"] = _place_of(opportunity)
    return {**initial, "snapshot": snapshot_token(opportunity)}


def _edit(request, person, profile, opportunity):
    """Show or save ``opportunity`` (unsaved: a new one) of ``profile``."""
    current = opportunity if opportunity.pk is not None else None
    places = places_for(profile, current)
    if request.method != "POST":
        if current is not None:
            initial = _initial(opportunity)
        else:
            initial = {"language": profile.description_language or "en"}
        form = OpportunityForm(initial=initial, places=places)
        return _edit_page(request, person, profile, current, form=form)
    form = OpportunityForm(request.POST, places=places)
    if not form.is_valid():
        return _edit_page(request, person, profile, current, form=form, status=400)
    data = form.cleaned_data
    for name in OpportunityForm.FIELDS:
        setattr(opportunity, name, data[name])
    opportunity.series, opportunity.edition = data["forum"]
    token = data["snapshot"] if current is not None else None
    try:
        save_opportunity(opportunity, sectors=data["sectors"], actor=request.user, token=token)
    except ValidationError as error:
        status, stored = 400, None
        if is_conflict(error):
            status, stored = 409, Opportunity.objects.filter(pk=opportunity.pk).first()
            if stored is not None:
                form = with_fresh_token(form, snapshot_token(stored), places=places)
        add_domain_errors(form, error, rename=RENAME)
        return _edit_page(
            request, person, profile, current, form=form, status=status, stored=stored
        )
    return redirect("portal:opportunities")


@login_required
@never_cache
def opportunity_new(request):
    person = person_or_404(request.user)
    profile = _own_profile(person)
    if profile is None:
        return _edit_page(request, person, None, None, form=None)
    opportunity = Opportunity(profile=profile)
    if not request.user.has_perm("matchmaking.edit_own_opportunity", opportunity):
        raise Http404
    return _edit(request, person, profile, opportunity)


@login_required
@never_cache
def opportunity_edit(request, opportunity_id: int):
    person, opportunity = _opportunity_or_404(request, opportunity_id)
    return _edit(request, person, opportunity.profile, opportunity)


def _move(request, opportunity_id: int, move):
    person, opportunity = _opportunity_or_404(request, opportunity_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        move(opportunity, actor=request.user)
    except ValidationError as error:
        return _list_page(request, person, error=error, status=400)
    return redirect("portal:opportunities")


@login_required
def opportunity_submit(request, opportunity_id: int):
    """Send the opportunity to the organisers for moderation (POST)."""
    return _move(request, opportunity_id, submit_opportunity)


@login_required
def opportunity_withdraw(request, opportunity_id: int):
    """Take the opportunity back (POST): it is no longer shown nor moderated."""
    return _move(request, opportunity_id, withdraw_opportunity)
