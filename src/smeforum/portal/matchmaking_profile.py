"""The signed-in participant's organisation's matchmaking profile: view and edit it (or create
it), and see which editions the organisers confirmed it for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from smeforum.audit.domain import snapshot_token
from smeforum.matchmaking.domain import save_profile
from smeforum.matchmaking.models import Profile, ProfileEdition
from smeforum.portal.account import person_or_404
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.matchmaking_forms import MatchmakingProfileForm, with_fresh_token

TEMPLATE = "portal/matchmaking_profile.html"


def is_conflict(error: ValidationError) -> bool:
    """An optimistic-locking refusal (``audit.domain.assert_unchanged``)."""
    return getattr(error, "code", None) == "conflict"


def _initial(profile: Profile) -> dict:
    if profile.pk is None:
        return {}
    initial = {name: getattr(profile, name) for name in MatchmakingProfileForm.FIELDS}
    initial["sectors"] = sorted(profile.sectors.values_list("code", flat=True))
    return {**initial, "snapshot": snapshot_token(profile)}


@login_required
@never_cache
def matchmaking_profile(request):
    person = person_or_404(request.user)
    organisation = person.organisation
    context = {"person": person, "organisation": organisation}
    if organisation is None:
        return render(request, TEMPLATE, context)
    profile = Profile.objects.filter(organisation=organisation).first()
    profile = profile or Profile(organisation=organisation)
    if not request.user.has_perm("matchmaking.edit_own_profile", profile):
        raise Http404
    status, stored = 200, None
    if request.method == "POST":
        form = MatchmakingProfileForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            for name in MatchmakingProfileForm.FIELDS:
                setattr(profile, name, data[name])
            token = data["snapshot"] if profile.pk is not None else None
            try:
                save_profile(profile, sectors=data["sectors"], actor=request.user, token=token)
            except ValidationError as error:
                if is_conflict(error):
                    status, stored = 409, Profile.objects.filter(pk=profile.pk).first()
                    if stored is not None:
                        form = with_fresh_token(form, snapshot_token(stored))
                add_domain_errors(form, error)
            else:
                return redirect("portal:matchmaking_profile")
    else:
        form = MatchmakingProfileForm(initial=_initial(profile))
    confirmations = (
        ProfileEdition.objects.filter(profile=profile)
        .select_related("edition__series")
        .order_by("-edition__start_date", "-edition__pk")
        if profile.pk is not None
        else []
    )
    context.update(
        {
            "profile": profile if profile.pk is not None else None,
            "form": form,
            "stored": stored,
            "confirmations": confirmations,
        }
    )
    return render(request, TEMPLATE, context, status=status)
