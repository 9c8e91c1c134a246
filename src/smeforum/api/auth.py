"""API authentication: personal tokens (``Authorization: Bearer <token>``) for programs, the
session for the browser. A read-scoped token is refused on unsafe methods."""

from __future__ import annotations

from ninja.security import HttpBearer, django_auth

from smeforum.accounts.domain.tokens import authenticate_api_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """A personal API token; ``write`` scope is needed for anything but reading."""

    def authenticate(self, request, token: str):
        user = authenticate_api_token(token, write=request.method not in SAFE_METHODS)
        if user is not None:
            request.user = user
        return user


#: Token first, then the browser's session (which checks CSRF on unsafe methods).
API_AUTH = [BearerToken(), django_auth]
