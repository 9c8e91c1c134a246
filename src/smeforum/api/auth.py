"""API authentication: personal tokens (``Authorization: Bearer <token>``) for programs, the
session for the browser.

- A read-scoped token on an unsafe method (POST, PATCH, DELETE) is refused with 403, whatever
  else the request carries; no token and no session give 401.
- The session is checked for CSRF on unsafe methods (403 without the ``X-CSRFToken`` header).
- Organiser staff write with the session only once they have turned on two-factor
  authentication, as for the back office (``SMEFORUM_REQUIRE_STAFF_TOTP``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth
from ninja.utils import check_csrf

from smeforum.accounts import queries
from smeforum.accounts.domain.tokens import find_api_token
from smeforum.accounts.models import ApiToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """A personal API token; ``write`` scope is needed for anything but reading."""

    def authenticate(self, request, token: str):
        found = find_api_token(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and found.scope != ApiToken.Scope.WRITE:
            raise PermissionDenied(
                _("This token may only read; writing needs a token with the write scope.")
            )
        request.user = found.user
        request.api_token = found
        return found.user


class BrowserSession(SessionAuth):
    """The browser's signed-in session. Without one there is nothing to forge: the answer is
    401, not a CSRF failure."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request):
        if request.method not in SAFE_METHODS:
            if check_csrf(request):
                raise PermissionDenied(
                    _("CSRF check failed: send the csrftoken cookie's value in X-CSRFToken.")
                )
            user = request.user
            if (
                settings.SMEFORUM_REQUIRE_STAFF_TOTP
                and queries.is_organiser_staff(user)
                and not queries.has_totp(user)
            ):
                raise PermissionDenied(
                    _("Organiser staff must turn on two-factor authentication before writing.")
                )
        return request.COOKIES.get(self.param_name)


#: Token first, then the browser's session (which checks CSRF on unsafe methods).
API_AUTH = [BearerToken(), BrowserSession()]
