"""One error shape for the whole API: ``{"detail": "...", "field": "<name>" | null}``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


def _error(api: NinjaAPI, request, status: int, detail: str, field: str | None = None):
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        first = exc.errors[0] if exc.errors else {}
        location = [str(part) for part in first.get("loc", ())]
        field = location[-1] if location else None
        return _error(api, request, 422, str(first.get("msg", "Invalid input.")), field)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, exc):
        return _error(api, request, 401, "Authentication required: a session or a bearer token.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _error(api, request, 403, str(exc) or "Permission denied.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, "Not found.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return _error(api, request, exc.status_code, str(exc))
