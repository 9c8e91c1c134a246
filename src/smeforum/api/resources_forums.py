"""Forum resources: the programme (sessions of published editions, read by anyone, written by
organisers with the programme permission) and reported figures, the published statements.

A reported figure *is* a published statement: a value as a source published it, with its
scope (editions, session, part of a total), the outcome kind it counts, the published total it
is ``part_of``, the amount it is a ``conversion_of`` and its ``external_id``.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from smeforum.accounts import queries
from smeforum.api.auth import API_AUTH
from smeforum.api.common import (
    PUBLIC_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    BodyIn,
    Pages,
    unchanged_since,
)
from smeforum.audit.domain import fingerprint
from smeforum.forums.domain.programme import delete_session, save_session
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure, Session, SessionRole

router = Router(tags=["forums"])

SessionKind = Literal[tuple(Session.Kind.values)]  # type: ignore[valid-type]


class SpeakerOut(Schema):
    person: str
    organisation: str | None
    role: str
    talk_title_en: str


class SessionOut(Schema):
    id: int
    series: str
    edition: int
    kind: str
    title_en: str
    title_zh: str
    day: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    room: str
    description_en: str
    description_zh: str
    topics: list[str]
    speakers: list[SpeakerOut]
    is_sample: bool
    version: str

    @staticmethod
    def resolve_version(obj) -> str:
        return fingerprint(obj)

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.edition.series.slug

    @staticmethod
    def resolve_edition(obj) -> int:
        return obj.edition.number

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.title_en for t in sorted(obj.topics.all(), key=lambda t: (t.order, t.id))]

    @staticmethod
    def resolve_speakers(obj) -> list[SpeakerOut]:
        roles = sorted(obj.roles.all(), key=lambda r: (r.order, r.id))
        return [
            SpeakerOut(
                person=r.person.display_name,
                organisation=r.person.organisation.display_name
                if r.person.organisation_id
                else None,
                role=r.role,
                talk_title_en=r.talk_title_en,
            )
            for r in roles
        ]


class SourceOut(Schema):
    publisher: str
    published_on: dt.date | None
    url: str
    language: str


class FigureOut(Schema):
    """A published statement: the figure as published, its scope and its source."""

    id: int
    series: str
    metric: str
    outcome_kind: str | None
    qualifier: str
    value: Decimal
    currency: str
    first_edition: int | None
    last_edition: int | None
    session: int | None
    part_en: str
    part_zh: str
    converted_from: str
    part_of: int | None = Field(None, description="The published total this is a part of.")
    conversion_of: int | None = Field(
        None, description="The published amount this converts into another currency."
    )
    external_id: str
    note_en: str
    note_zh: str
    source: SourceOut

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.series.slug

    @staticmethod
    def resolve_part_of(obj) -> int | None:
        return obj.part_of_id

    @staticmethod
    def resolve_conversion_of(obj) -> int | None:
        return obj.conversion_of_id

    @staticmethod
    def resolve_outcome_kind(obj) -> str | None:
        return obj.outcome_kind.slug if obj.outcome_kind_id else None

    @staticmethod
    def resolve_first_edition(obj) -> int | None:
        return obj.first_edition.number if obj.first_edition_id else None

    @staticmethod
    def resolve_last_edition(obj) -> int | None:
        return obj.last_edition.number if obj.last_edition_id else None

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id


def _sessions(visible=None):
    return (
        (Session.objects.filter(edition__is_published=True) if visible is None else visible)
        .select_related("edition__series")
        .prefetch_related(
            "topics",
            Prefetch("roles", queryset=SessionRole.objects.select_related("person__organisation")),
        )
    )


@router.get(
    "/editions/{series}/{number}/sessions", response={200: list[SessionOut], **PUBLIC_ERRORS}
)
@paginate(Pages)
def list_sessions(request, series: str, number: int):
    """The programme of a published edition, by day and time."""
    edition = Edition.objects.filter(series__slug=series, number=number, is_published=True).first()
    if edition is None:
        raise Http404
    return _sessions().filter(edition=edition).order_by("day", "starts_at", "id")


@router.get("/sessions/{session_id}", response={200: SessionOut, **PUBLIC_ERRORS})
def get_session(request, session_id: int):
    session = _sessions().filter(pk=session_id).first()
    if session is None:
        raise Http404
    return session


def _public_figures():
    """Figures, less those about an unpublished edition."""
    return (
        ReportedFigure.objects.exclude(first_edition__is_published=False)
        .exclude(last_edition__is_published=False)
        .exclude(session__edition__is_published=False)
        .select_related("series", "source", "first_edition", "last_edition", "outcome_kind")
    )


@router.get("/series/{slug}/figures", response={200: list[FigureOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_figures(
    request,
    slug: str,
    metric: str | None = None,
    edition_from: int | None = None,
    edition_to: int | None = None,
):
    """Published statements (figures as published), with their scope and source. ``metric``;
    ``edition_from`` and ``edition_to``: figures whose editions lie in that range (series-wide
    figures have none). Figures about an unpublished edition are left out."""
    series = ForumSeries.objects.filter(slug=slug).first()
    if series is None:
        raise Http404
    figures = _public_figures().filter(series=series)
    if metric:
        figures = figures.filter(metric=metric)
    if edition_from is not None:
        figures = figures.filter(first_edition__number__gte=edition_from)
    if edition_to is not None:
        figures = figures.filter(last_edition__number__lte=edition_to)
    return figures.order_by(
        F("first_edition__number").asc(nulls_first=True),
        F("last_edition__number").asc(nulls_first=True),
        "metric",
        "id",
    )


@router.get("/figures/{figure_id}", response={200: FigureOut, **PUBLIC_ERRORS})
def get_figure(request, figure_id: int):
    """One published statement (404 when it is about an unpublished edition)."""
    return get_object_or_404(_public_figures(), pk=figure_id)


# --- writing the programme -------------------------------------------------------------------


class SessionIn(BodyIn):
    """Times without an offset are in the edition's time zone."""

    kind: SessionKind
    title_en: str
    title_zh: str = ""
    day: dt.date
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    room: str = ""
    description_en: str = ""
    description_zh: str = ""


class SessionPatch(BodyIn):
    kind: SessionKind | None = None
    title_en: str | None = None
    title_zh: str | None = None
    day: dt.date | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    room: str | None = None
    description_en: str | None = None
    description_zh: str | None = None
    version: str | None = Field(None, description=VERSION_HELP)


NULLABLE_SESSION_FIELDS = frozenset({"starts_at", "ends_at"})


def _aware(value: dt.datetime | None, edition: Edition, field: str) -> dt.datetime | None:
    """``value`` in UTC; naive times are read in the edition's time zone."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value, edition.tz)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ValidationError({field: _("This time is out of range.")}) from None


def _apply_session_changes(session: Session, changes: dict) -> None:
    for key, value in changes.items():
        if key in {"starts_at", "ends_at"}:
            setattr(session, key, _aware(value, session.edition, key))
        elif value is not None or key in NULLABLE_SESSION_FIELDS:
            setattr(session, key, value)


def _session_out(pk: int) -> Session:
    return _sessions(Session.objects.all()).get(pk=pk)


@router.post(
    "/editions/{series}/{number}/sessions",
    response={201: SessionOut, **WRITE_ERRORS},
    auth=API_AUTH,
)
def create_session(request, series: str, number: int, payload: SessionIn):
    """Add a session to the programme (organisers with the programme permission)."""
    user = request.auth
    edition = get_object_or_404(
        queries.editions_visible_to(user).select_related("series"),
        series__slug=series,
        number=number,
    )
    if not user.has_perm("forums.add_session", edition):
        raise PermissionDenied(_("You may not change the programme of this edition."))
    session = Session(edition=edition)
    _apply_session_changes(session, payload.dict())
    save_session(session, actor=user)
    return Status(201, _session_out(session.pk))


def _writable_session(request, session_id: int, permission: str) -> Session:
    user = request.auth
    visible = queries.sessions_visible_to(user).select_related("edition__series")
    session = get_object_or_404(visible, pk=session_id)
    if not user.has_perm(permission, session):
        raise PermissionDenied(_("You may not change the programme of this edition."))
    return session


@router.patch("/sessions/{session_id}", response={200: SessionOut, **WRITE_ERRORS}, auth=API_AUTH)
def update_session(request, session_id: int, payload: SessionPatch):
    """Change a session's fields (those sent; ``starts_at``/``ends_at`` may be null)."""
    session = _writable_session(request, session_id, "forums.change_session")
    changes = payload.dict(exclude_unset=True)
    changes.pop("version", None)
    with unchanged_since(request, session, payload.version):
        _apply_session_changes(session, changes)
        save_session(session, actor=request.auth)
    return _session_out(session.pk)


@router.delete("/sessions/{session_id}", response={204: None, **WRITE_ERRORS}, auth=API_AUTH)
def remove_session(request, session_id: int):
    """Delete a session with its topics and speakers (409 while a reported figure is scoped
    to it). ``If-Match`` with its version refuses to delete a session changed since."""
    session = _writable_session(request, session_id, "forums.delete_session")
    with unchanged_since(request, session, None):
        delete_session(session, actor=request.auth)
    return Status(204, None)
