"""Shared pieces of the resources: the error schema, response maps, pagination, the optimistic
locking of writes, and the language of worded answers."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models, transaction
from django.utils import translation
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import field_validator

from smeforum.audit.domain import assert_unchanged


class ErrorOut(Schema):
    """Every error answer: a message, and the field at fault where there is one; a refusal by
    the rules (422, 409) also carries its ``code`` (``duplicate``, ``agenda_full``, ...)."""

    detail: str
    field: str | None = None
    code: str | None = None


#: Responses every public read operation may give besides 200.
PUBLIC_ERRORS = {404: ErrorOut, 422: ErrorOut}
#: Responses of a read operation that needs a login.
AUTH_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
#: Responses of a write operation: 400 for a body that is not JSON, 403 when the caller may
#: see but not change, 409 on a conflict (a stale ``version``, or a deletion that other records
#: refuse), 422 naming the field at fault.
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class BodyIn(Schema):
    """The body of a write. Text may not hold NUL characters (no database stores them)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Text may not contain NUL characters.")
        return value


VERSION_HELP = (
    "The record's version as last read (its `version`); a stale one is refused with 409. "
    "The `If-Match` header may carry it instead."
)


def requested_version(request, version: str | None) -> str | None:
    """The version the client last read: the body's ``version``, else ``If-Match``."""
    if version:
        return version
    header = request.headers.get("If-Match", "").strip()
    if header.startswith("W/"):
        header = header[2:]
    return header.strip('"') or None


@contextmanager
def unchanged_since(request, obj: models.Model, version: str | None) -> Iterator[None]:
    """One transaction for a write to ``obj``; when the client sent the version it read (see
    :func:`requested_version`), refuse with 409 if the record changed since."""
    token = requested_version(request, version)
    with transaction.atomic():
        if token:
            assert_unchanged(obj, token=token)
        yield


PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    """Page-number pagination, 50 a page (``page_size`` up to 200); the page number is bounded
    so that no offset overflows the database's integers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


def in_requested_language(view):
    """Word the answer in the caller's language: the language cookie, else ``Accept-Language``
    (``en`` or ``zh-hans``), else English. The API's paths carry no language prefix, so the
    locale middleware alone keeps every answer in English. Applied to the whole API in
    ``api.urls`` (``mode="view"``: errors and refusals are worded in it too)."""

    @functools.wraps(view)
    def worded(request, *args, **kwargs):
        with translation.override(translation.get_language_from_request(request)):
            return view(request, *args, **kwargs)

    return worded
