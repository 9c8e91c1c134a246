"""Accepting an invitation: the page an invitation's email links to. Open without signing in:
the link itself is the credential (signed, once, until it expires)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from smeforum.accounts.domain.invitations import accept_invitation, invitation_for_token
from smeforum.accounts.models import Invitation

_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput, strip=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


def _next_page(invitation: Invitation) -> str:
    if invitation.role == Invitation.Role.ORGANISER:
        return reverse("admin:index")
    return reverse("portal:dashboard")


@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    try:
        invitation = invitation_for_token(token)
    except ValidationError as exc:
        return render(
            request, "portal/invitation_invalid.html", {"message": exc.messages[0]}, status=404
        )
    user = request.user if request.user.is_authenticated else None
    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    form = SetPasswordForm(request.POST or None) if user is None and not has_account else None
    error = None
    if request.method == "POST" and (user is not None or (form is not None and form.is_valid())):
        try:
            accepted = accept_invitation(
                invitation,
                user=user,
                password=form.cleaned_data["password1"] if form is not None else "",
            )
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict") and "password" in exc.error_dict:
                form.add_error("password1", exc.error_dict["password"])
            else:
                error = " ".join(exc.messages)
        else:
            if user is None:
                login(request, accepted, backend=_BACKEND)
            return redirect(_next_page(invitation))
    return render(
        request,
        "portal/invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "error": error,
            "has_account": has_account,
            "login_url": f"{reverse('account_login')}?next={request.path}",
        },
    )
