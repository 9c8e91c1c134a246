"""The versioned API. Resources are added per data app; see docs/architecture.md."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema

from smeforum import __version__
from smeforum.api.accounts import router as accounts_router
from smeforum.api.common import ErrorOut, in_requested_language
from smeforum.api.errors import install_error_handlers
from smeforum.api.resources_forums import router as forums_router
from smeforum.api.resources_matchmaking import router as matchmaking_router
from smeforum.api.resources_moderation import router as moderation_router
from smeforum.api.resources_outcomes import router as outcomes_router
from smeforum.api.resources_participants import router as participants_router
from smeforum.api.resources_people import router as people_router
from smeforum.api.resources_reference import router as reference_router
from smeforum.api.resources_requests import router as requests_router
from smeforum.api.resources_scheduling import router as scheduling_router
from smeforum.forums import queries

api = NinjaAPI(
    title="smeforum API",
    version=f"v1 ({__version__})",
    urls_namespace="api-v1",
    docs_url="/docs",
)
install_error_handlers(api)
# Every answer, errors included, in the caller's language (paths carry no language prefix).
api.add_decorator(in_requested_language, mode="view")
api.add_router("", accounts_router)
api.add_router("", reference_router)
api.add_router("", forums_router)
api.add_router("", outcomes_router)
api.add_router("", participants_router)
api.add_router("", people_router)
api.add_router("", scheduling_router)
api.add_router("", matchmaking_router)
api.add_router("", requests_router)
api.add_router("", moderation_router)


class SeriesOut(Schema):
    slug: str
    name_en: str
    name_zh: str


class EditionOut(Schema):
    number: int
    start_date: dt.date
    end_date: dt.date
    time_zone: str
    venue: str
    format: str
    theme_en: str | None
    theme_zh: str | None


@api.get("/series", response={200: list[SeriesOut], 422: ErrorOut}, tags=["forums"])
def list_series(request):
    """All forum series."""
    return list(queries.all_series())


@api.get(
    "/series/{slug}/editions",
    response={200: list[EditionOut], 404: ErrorOut, 422: ErrorOut},
    tags=["forums"],
)
def list_editions(request, slug: str):
    """The published editions of a series, in order."""
    series = get_object_or_404(queries.all_series(), slug=slug)
    return [
        EditionOut(
            number=e.number,
            start_date=e.start_date,
            end_date=e.end_date,
            time_zone=e.time_zone,
            venue=e.venue,
            format=e.format,
            theme_en=e.primary_theme.text_en if e.primary_theme else None,
            theme_zh=e.primary_theme.text_zh if e.primary_theme else None,
        )
        for e in queries.published_editions(series)
    ]
