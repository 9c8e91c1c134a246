"""The signed-in participant's meeting requests: those their organisation received and those it
sent, at every edition it is confirmed for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from smeforum.matchmaking.queries import requests_of_organisation
from smeforum.portal.account import person_or_404


@login_required
@never_cache
def requests(request):
    person = person_or_404(request.user)
    organisation = person.organisation
    received, sent = [], []
    if organisation is not None:
        for row in requests_of_organisation(organisation.pk):
            mine = row.receiver.profile.organisation_id == organisation.pk
            (received if mine else sent).append(row)
    return render(
        request,
        "portal/requests.html",
        {"person": person, "organisation": organisation, "received": received, "sent": sent},
    )
