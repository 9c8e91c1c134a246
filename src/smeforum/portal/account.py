"""The signed-in user's own pages: dashboard, profile and personal data."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from smeforum.accounts.domain.personal_data import export_person_data
from smeforum.accounts.queries import roles_of
from smeforum.audit.domain import assert_unchanged, snapshot_token
from smeforum.orgs.domain.organisations import save_person
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.forms import ProfileForm


def person_or_404(user):
    person = roles_of(user)["person"]
    if person is None:
        raise Http404(_("Your account is not linked to a participant."))
    return person


@login_required
def dashboard(request):
    roles = roles_of(request.user)
    person = roles["person"]
    registrations = (
        person.registrations.select_related("edition__series", "delegation").order_by(
            "-edition__start_date", "edition__number"
        )
        if person is not None
        else []
    )
    return render(
        request,
        "portal/dashboard.html",
        {
            "person": person,
            "registrations": registrations,
            "leads": roles["delegation_lead"],
            "organiser_roles": roles["organiser"],
        },
    )


@login_required
@never_cache
def profile(request):
    person = person_or_404(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            for name in ProfileForm.FIELDS:
                setattr(person, name, form.cleaned_data[name])
            try:
                with transaction.atomic():
                    assert_unchanged(person, token=form.cleaned_data["snapshot"])
                    save_person(person, actor=request.user)
            except ValidationError as error:
                add_domain_errors(form, error)
            else:
                return redirect("portal:profile")
    else:
        initial = {name: getattr(person, name) for name in ProfileForm.FIELDS}
        form = ProfileForm(initial={**initial, "snapshot": snapshot_token(person)})
    return render(request, "portal/profile.html", {"person": person, "form": form})


@login_required
@never_cache
def personal_data(request):
    person = person_or_404(request.user)
    body = json.dumps(
        export_person_data(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{person.pk}.json"'
    return response
