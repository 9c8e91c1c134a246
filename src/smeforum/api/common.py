"""Shared pieces of the public resources: the error schema, response maps and pagination."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination


class ErrorOut(Schema):
    """Every error answer: a message, and the field at fault where there is one."""

    detail: str
    field: str | None = None


#: Responses every public read operation may give besides 200.
PUBLIC_ERRORS = {404: ErrorOut, 422: ErrorOut}
#: Responses of a read operation that needs a login.
AUTH_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}

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
