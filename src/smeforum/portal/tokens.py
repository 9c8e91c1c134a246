"""The user's own API tokens: list, create (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from smeforum.accounts.domain.tokens import create_api_token, revoke_api_token
from smeforum.accounts.queries import tokens_of
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.forms import TokenForm


@login_required
@never_cache
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = create_api_token(
                request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                actor=request.user,
            )
        except ValidationError as error:
            add_domain_errors(form, error)
        else:
            # Rendered, not redirected: the secret never lands in a session or a URL.
            return render(request, "portal/token_created.html", {"token": token, "raw": raw})
    tokens = tokens_of(request.user).order_by("-created_at", "-id")
    status = 400 if form.is_bound else 200
    return render(request, "portal/tokens.html", {"tokens": tokens, "form": form}, status=status)


@login_required
def revoke(request, token_id: int):
    token = get_object_or_404(tokens_of(request.user), pk=token_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    revoke_api_token(token, actor=request.user)
    return redirect("portal:tokens")
