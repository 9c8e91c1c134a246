"""A delegation's page for its lead (and organisers with the delegations or participants
permission): members with status and contact, adding a member, changing a status, the head.

A delegation the user may not see answers 404, never 403: its existence is not revealed.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from smeforum.accounts.queries import has_organiser_permission
from smeforum.orgs.domain.organisations import save_person
from smeforum.orgs.models import Person
from smeforum.participants.domain.registrations import (
    change_registration_status,
    register_person,
    set_delegation_head,
)
from smeforum.participants.models import Delegation
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.forms import HeadForm, MemberForm, StatusForm


def _delegation_or_404(user, delegation_id: int) -> Delegation:
    delegation = get_object_or_404(
        Delegation.objects.select_related("edition__series", "head"), pk=delegation_id
    )
    if not user.has_perm("participants.view_delegation", delegation):
        raise Http404
    return delegation


def _lead_only(user, delegation: Delegation) -> bool:
    """Leads set only the statuses of LEAD_STATUSES; organisers with participants, any."""
    return not has_organiser_permission(user, delegation.edition, "participants")


def _page(request, delegation, *, member_form=None, head_form=None, status_form=None):
    """The page; a form passed in is one that failed and is shown with its errors (400)."""
    members = delegation.members.select_related("person__organisation").order_by(
        "person__name_latin", "person__name"
    )
    lead_only = _lead_only(request.user, delegation)
    rows = [
        {
            "registration": member,
            "status_form": status_form
            if status_form is not None and status_form.prefix == f"m{member.pk}"
            else StatusForm(
                initial={"status": member.status}, lead_only=lead_only, prefix=f"m{member.pk}"
            ),
        }
        for member in members
    ]
    head = next((m for m in rows if m["registration"].person_id == delegation.head_id), None)
    context = {
        "delegation": delegation,
        "rows": rows,
        "can_change": request.user.has_perm("participants.change_delegation", delegation),
        "can_change_members": request.user.has_perm("participants.change_registration", delegation),
        "member_form": member_form or MemberForm(delegation=delegation),
        "head_form": head_form
        or HeadForm(
            delegation=delegation,
            initial={"registration": head["registration"] if head else None},
        ),
    }
    failed = any(form is not None for form in (member_form, head_form, status_form))
    return render(request, "portal/delegation.html", context, status=400 if failed else 200)


@login_required
@never_cache
def delegation_detail(request, delegation_id: int):
    delegation = _delegation_or_404(request.user, delegation_id)
    if request.method != "POST":
        return _page(request, delegation)
    if not request.user.has_perm("participants.change_delegation", delegation):
        raise Http404
    form = MemberForm(request.POST, delegation=delegation)
    if form.is_valid():
        data = form.cleaned_data
        person = Person(
            name=data["name"],
            name_latin=data["name_latin"],
            position=data["position"],
            organisation=data["organisation"],
            email=data["email"],
            phone=data["phone"],
        )
        try:
            with transaction.atomic():
                save_person(person, actor=request.user)
                register_person(
                    delegation.edition,
                    person=person,
                    category=data["category"],
                    delegation=delegation,
                    actor=request.user,
                )
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            return redirect("portal:delegation", delegation_id=delegation.pk)
    return _page(request, delegation, member_form=form)


@login_required
def change_status(request, delegation_id: int, registration_id: int):
    delegation = _delegation_or_404(request.user, delegation_id)
    registration = get_object_or_404(delegation.members, pk=registration_id)
    if not request.user.has_perm("participants.change_registration", registration):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(
        request.POST, lead_only=_lead_only(request.user, delegation), prefix=f"m{registration.pk}"
    )
    if not form.is_valid():
        return _page(request, delegation, status_form=form)
    change_registration_status(registration, status=form.cleaned_data["status"], actor=request.user)
    return redirect("portal:delegation", delegation_id=delegation.pk)


@login_required
def set_head(request, delegation_id: int):
    delegation = _delegation_or_404(request.user, delegation_id)
    if not request.user.has_perm("participants.change_delegation", delegation):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = HeadForm(request.POST, delegation=delegation)
    if form.is_valid():
        try:
            set_delegation_head(
                delegation, person=form.cleaned_data["registration"].person, actor=request.user
            )
        except ValidationError as error:
            add_domain_errors(form, error, rename={"head": "registration"})
        else:
            return redirect("portal:delegation", delegation_id=delegation.pk)
    return _page(request, delegation, head_form=form)
