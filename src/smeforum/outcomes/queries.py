"""Read-only querysets of the outcome registry, scoped to the user where needed, and the B2B
meetings outcomes came from (with what a label of them needs)."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.accounts.queries import editions_with_permission, in_editions_with_permission
from smeforum.forums.models import Edition
from smeforum.matchmaking.models import MeetingRating
from smeforum.outcomes.models import Outcome
from smeforum.scheduling.models import Meeting, MeetingParty


def outcomes_visible_to(user) -> QuerySet[Outcome]:
    """Public outcomes (between editions or of a published edition), and those of editions
    ``user`` records outcomes for."""
    scope = (
        Q(edition__isnull=True)
        | Q(edition__is_published=True)
        | in_editions_with_permission(user, "outcomes")
    )
    return Outcome.objects.filter(scope)


# --- B2B meetings an outcome came from ---------------------------------------------------------

#: Meetings by time (the unplaced ones last), table and id.
PLACED_FIRST = (F("slot__starts_at").asc(nulls_last=True), "table__number", "id")


def _parties() -> Prefetch:
    parties = MeetingParty.objects.select_related(
        "attendee__registration__person__organisation"
    ).order_by("id")
    return Prefetch("parties", queryset=parties)


def labelled_meetings(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """``meetings`` with what :func:`meeting_label` reads (a fixed number of queries)."""
    return meetings.select_related("slot", "table", "b2b__session__edition").prefetch_related(
        _parties()
    )


def party_names(meeting: Meeting) -> list[str]:
    """Each party's organisation (the person when they have none), in the meeting's order;
    reads ``meeting.parties`` (prefetch it: :func:`labelled_meetings`)."""
    names = []
    for party in meeting.parties.all():
        person = party.attendee.registration.person
        names.append(person.organisation.display_name if person.organisation_id else str(person))
    return names


def meeting_time(meeting: Meeting) -> str:
    """The meeting's slot in its edition's time zone, or "not placed"."""
    if meeting.slot_id is None:
        return _("not placed")
    starts = timezone.localtime(meeting.slot.starts_at, meeting.b2b.session.edition.tz)
    return f"{starts:%Y-%m-%d %H:%M}"


def meeting_label(meeting: Meeting) -> str:
    """“Meeting 12: Cangzhou Valves – Gdansk Pumps, 2024-11-07 14:20”."""
    return _("Meeting %(id)s: %(parties)s, %(time)s") % {
        "id": meeting.pk,
        "parties": " – ".join(party_names(meeting)) or _("no participants"),
        "time": meeting_time(meeting),
    }


def meeting_choices(user, *, edition: Edition | None, outcome: Outcome | None = None):
    """The meetings an outcome of ``edition`` may name, for ``user``: the edition's meetings
    that are not cancelled, if ``user`` records outcomes for it (none without an edition),
    and those ``outcome`` already names; labelled (:func:`labelled_meetings`)."""
    choices = Q(pk__in=[])
    if edition is not None:
        editions = editions_with_permission(user, "outcomes").filter(pk=edition.pk)
        choices = Q(b2b__session__edition__in=editions) & ~Q(status=Meeting.Status.CANCELLED)
    if outcome is not None and outcome.pk:
        choices |= Q(pk__in=outcome.meetings.values("pk"))
    meetings = Meeting.objects.filter(choices).order_by(*PLACED_FIRST)
    return labelled_meetings(meetings)


def traced_outcomes(edition: Edition) -> QuerySet[Outcome]:
    """The outcomes of ``edition`` that name B2B meetings, with their kind, amounts and meetings
    (parties, slot, table and ratings with their raters' organisations): a fixed number of
    queries, however many outcomes and meetings."""
    ratings = MeetingRating.objects.select_related("rater__profile__organisation").order_by(
        "rater__profile__organisation__name", "id"
    )
    meetings = labelled_meetings(Meeting.objects.order_by(*PLACED_FIRST)).prefetch_related(
        Prefetch("ratings", queryset=ratings)
    )
    return (
        Outcome.objects.filter(edition=edition, meetings__isnull=False)
        .distinct()
        .select_related("kind", "edition__series")
        .prefetch_related("amounts", Prefetch("meetings", queryset=meetings))
        .order_by("signed_on", "id")
    )
