"""Public forum resources: sessions of published editions and reported figures."""

import datetime as dt
from decimal import Decimal

from django.db.models import F, Prefetch
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from smeforum.api.common import PUBLIC_ERRORS, Pages
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure, Session, SessionRole

router = Router(tags=["forums"])


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
    id: int
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
    source: SourceOut

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


def _sessions():
    return (
        Session.objects.filter(edition__is_published=True)
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


@router.get("/series/{slug}/figures", response={200: list[FigureOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_figures(
    request,
    slug: str,
    metric: str | None = None,
    edition_from: int | None = None,
    edition_to: int | None = None,
):
    """Figures as published, with their scope and source. ``metric``; ``edition_from`` and
    ``edition_to``: figures whose editions lie in that range (series-wide figures have none).
    Figures about an unpublished edition are left out."""
    series = ForumSeries.objects.filter(slug=slug).first()
    if series is None:
        raise Http404
    figures = (
        ReportedFigure.objects.filter(series=series)
        .exclude(first_edition__is_published=False)
        .exclude(last_edition__is_published=False)
        .exclude(session__edition__is_published=False)
        .select_related("source", "first_edition", "last_edition", "outcome_kind")
    )
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
