"""One error shape for the whole API: ``{"detail": "...", "field": "<name>" | null}``.

A domain function's ``ValidationError`` becomes a 422 naming the field at fault (as the API
calls it: see :func:`api_field_names`), with the refusal's ``code`` where it has one
(``{"detail", "field", "code"}``); a conflict with the stored state (see
:data:`CONFLICT_CODES`: a stale version, a refused deletion, a meeting request no longer
open, a full agenda, a closed deadline...) becomes a 409.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DomainValidationError
from django.http import Http404, QueryDict
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

#: Codes of domain refusals that are a conflict with the stored state, not bad input: an
#: optimistic-locking conflict, a refused deletion, and the matchmaking rules (a request
#: already made or declined, a limit or deadline reached, a status that does not allow it).
CONFLICT_CODES = frozenset(
    {
        "conflict",
        "protected",
        "duplicate",
        "declined",
        "closed",
        "limit",
        "agenda_full",
        "not_open",
        "not_accepted",
        "wrong_status",
        "not_over",
        "is_over",
        "cancelled",
    }
)


class NotFound(Http404):
    """A 404 about a value of the request body (an id the caller may not see, or none)."""

    def __init__(self, field: str | None = None) -> None:
        super().__init__("Not found.")
        self.field = field


def _error(api: NinjaAPI, request, status: int, detail: str, field: str | None = None, **extra):
    return api.create_response(request, {"detail": detail, "field": field, **extra}, status=status)


def _first_refusal(exc: DomainValidationError) -> tuple[str | None, DomainValidationError]:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return (None if field == NON_FIELD_ERRORS else field), errors[0]
    return None, exc.error_list[0]


@contextmanager
def api_field_names(prefix: str = "", **names: str):
    """Name the fields of the domain's ``ValidationError`` raised inside as the API does:
    ``api_field_names(delegation="delegation_id")``; ``prefix`` for a nested object
    (``person.email``)."""
    try:
        yield
    except DomainValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed = {
            key if key == NON_FIELD_ERRORS else prefix + names.get(key, key): errors
            for key, errors in exc.error_dict.items()
        }
        raise DomainValidationError(renamed) from exc


def _nul_guard(api: NinjaAPI):
    """Keep NUL characters from the database (PostgreSQL cannot compare text holding one, and
    would answer 500): a path holding one names nothing (404); the query string's are dropped,
    as no search or filter can mean them."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            if any("\x00" in str(value) for value in (*args, *kwargs.values())):
                return _error(api, request, 404, "Not found.")
            if "\x00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in key + "".join(values) for key, values in request.GET.lists()
            ):
                query = QueryDict(mutable=True)
                for key, values in request.GET.lists():
                    query.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
                request.GET = query
            return view(request, *args, **kwargs)

        return guarded

    return decorator


def install_error_handlers(api: NinjaAPI) -> None:
    api.add_decorator(_nul_guard(api), mode="view")

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        first = exc.errors[0] if exc.errors else {}
        location = [str(part) for part in first.get("loc", ())]
        field = location[-1] if location else None
        return _error(api, request, 422, str(first.get("msg", "Invalid input.")), field)

    @api.exception_handler(DomainValidationError)
    def refused(request, exc):
        field, error = _first_refusal(exc)
        message = error.message % error.params if error.params else error.message
        status = 409 if error.code in CONFLICT_CODES else 422
        coded = {"code": error.code} if error.code else {}
        return _error(api, request, status, str(message), field, **coded)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, exc):
        return _error(api, request, 401, "Authentication required: a session or a bearer token.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return _error(api, request, 403, str(exc) or "Permission denied.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _error(api, request, 404, "Not found.", getattr(exc, "field", None))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return _error(api, request, exc.status_code, str(exc))
