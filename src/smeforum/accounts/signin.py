"""Glue between django-allauth, django-axes and our accounts.

* :class:`AccountAdapter`: allauth's adapter. Self-service signup is on unless
  ``SMEFORUM_OPEN_SIGNUP`` is off (then only invitations create accounts).
* :func:`login_identity`: the identity django-axes counts failures against, taken from
  whatever the login form sent (allauth sends ``email``; the admin and API tests send
  ``username``), lower-cased, so ``A@x.org`` and ``a@x.org`` share one lockout.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return bool(getattr(settings, "SMEFORUM_OPEN_SIGNUP", True))


def login_identity(request, credentials: dict | None) -> str | None:
    """The account name a login attempt is about, for django-axes' lockout."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        value = credentials.get(key)
        if value:
            return str(value).strip().lower()
    data = getattr(request, "POST", None) or {}
    for key in ("login", "email", "username"):
        value = data.get(key)
        if value:
            return str(value).strip().lower()
    return None
