"""B2B matchmaking, read only: a B2B session's schedule for the organisers who run it, and the
caller's own meetings.

- ``/b2b-sessions/{b2b_id}/schedule``: platform admins and organisers with the matchmaking
  permission on the session's edition (``scheduling.view_b2bsession``); anyone else is told it
  does not exist (404), as for other records holding personal data.
- ``/me/agenda``: the placed meetings of the caller's person, in every B2B session they attend;
  a caller not linked to a person gets 404, as ``/me/data`` answers.

Times are given in the edition's time zone (ISO 8601 with its offset); reasons, titles and
names are worded in the request's language (``Accept-Language``: ``en`` or ``zh-hans``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from smeforum.accounts import queries as account_queries
from smeforum.api.auth import API_AUTH
from smeforum.api.common import AUTH_ERRORS
from smeforum.matchmaking.queries import seats_of
from smeforum.scheduling import queries
from smeforum.scheduling.models import B2BSession, Meeting, MeetingParty, Slot, Table
from smeforum.scheduling.reasons import describe_reason

router = Router(auth=API_AUTH, tags=["scheduling"])


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


class TableOut(Schema):
    id: int
    number: int
    label: str
    unavailable_slot_ids: list[int] = Field(..., description="Slots in which it holds nothing.")


class MeetingPartyOut(Schema):
    attendee_id: int
    person_id: int
    person: str
    organisation: str | None
    country: str | None = Field(..., description="The organisation's ISO 3166-1 alpha-2 code.")


class ReasonOut(Schema):
    """Why the solver left a meeting out: its code and parameters, and the same in words."""

    code: str = Field(..., description='The reason\'s code ("" when none is recorded yet).')
    params: dict
    text: str = Field(..., description="The reason in the request's language.")


class MeetingOut(Schema):
    id: int
    status: str
    weight: int
    slot_id: int | None
    table_id: int | None
    is_fixed: bool
    parties: list[MeetingPartyOut]
    unscheduled_reason: ReasonOut | None = Field(
        ..., description="For an accepted meeting not placed; null otherwise."
    )


class RunOut(Schema):
    id: int
    status: str
    progress: int
    phase: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    stats: dict


class ScheduleOut(Schema):
    id: int
    session_id: int
    session_title: str
    series: str
    edition: int
    time_zone: str
    slot_minutes: int
    slots: list[SlotOut]
    tables: list[TableOut]
    meetings: list[MeetingOut]
    latest_run: RunOut | None = Field(..., description="The solver's last run, if any.")


class CounterpartOut(Schema):
    name: str
    organisation: str | None
    country: str | None = Field(..., description="The organisation's ISO 3166-1 alpha-2 code.")


class AgendaMeetingOut(Schema):
    id: int
    b2b_id: int
    session_title: str
    series: str
    edition: int
    time_zone: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    table_number: int
    table_label: str
    table: str = Field(..., description="The table as shown: its label, else its number.")
    counterparts: list[CounterpartOut]


def _organisation(party: MeetingParty) -> tuple[str | None, str | None]:
    """The name and country of the party's organisation (``None`` twice without one)."""
    organisation = party.attendee.registration.person.organisation
    if organisation is None:
        return None, None
    return organisation.display_name, organisation.country


def _party(party: MeetingParty) -> MeetingPartyOut:
    person = party.attendee.registration.person
    organisation, country = _organisation(party)
    return MeetingPartyOut(
        attendee_id=party.attendee_id,
        person_id=person.pk,
        person=person.display_name,
        organisation=organisation,
        country=country,
    )


def _reason(meeting: Meeting, names: dict[str, str]) -> ReasonOut | None:
    if meeting.slot_id is not None or meeting.status != Meeting.Status.ACCEPTED:
        return None
    reason = meeting.unscheduled_reason or {}
    return ReasonOut(
        code=reason.get("code", ""),
        params=reason.get("params", {}),
        text=describe_reason(reason, names),
    )


def _b2b_or_404(user, b2b_id: int) -> B2BSession:
    b2b = B2BSession.objects.select_related("session__edition__series").filter(pk=b2b_id).first()
    if b2b is None or not user.has_perm("scheduling.view_b2bsession", b2b):
        raise Http404
    return b2b


@router.get("/b2b-sessions/{b2b_id}/schedule", response={200: ScheduleOut, **AUTH_ERRORS})
def get_schedule(request, b2b_id: int):
    """A B2B session's schedule: its slots, tables (with the slots they are closed in), every
    meeting with its parties, where it is placed or why the solver left it out, and the
    solver's last run. For platform admins and organisers with the matchmaking permission on
    the edition; 404 for anyone else."""
    b2b = _b2b_or_404(request.auth, b2b_id)
    session = b2b.session
    edition = session.edition
    tz = edition.tz
    slots = Slot.objects.filter(b2b=b2b).order_by("starts_at", "id")
    tables = Table.objects.filter(b2b=b2b).prefetch_related("unavailable_slots").order_by("number")
    meetings = list(queries.meetings_with_parties(b2b).order_by("id"))
    names = {
        queries.attendee_key(party.attendee_id): party.attendee.registration.person.display_name
        for meeting in meetings
        for party in meeting.parties.all()
    }
    run = queries.latest_run(b2b)
    return ScheduleOut(
        id=b2b.pk,
        session_id=session.pk,
        session_title=session.title,
        series=edition.series.slug,
        edition=edition.number,
        time_zone=edition.time_zone,
        slot_minutes=b2b.slot_minutes,
        slots=[
            SlotOut(
                id=s.pk,
                starts_at=timezone.localtime(s.starts_at, tz),
                ends_at=timezone.localtime(s.ends_at, tz),
            )
            for s in slots
        ],
        tables=[
            TableOut(
                id=t.pk,
                number=t.number,
                label=t.label,
                unavailable_slot_ids=sorted(s.pk for s in t.unavailable_slots.all()),
            )
            for t in tables
        ],
        meetings=[
            MeetingOut(
                id=m.pk,
                status=m.status,
                weight=m.weight,
                slot_id=m.slot_id,
                table_id=m.table_id,
                is_fixed=m.is_fixed,
                parties=[_party(p) for p in m.parties.all()],
                unscheduled_reason=_reason(m, names),
            )
            for m in meetings
        ],
        latest_run=None
        if run is None
        else RunOut(
            id=run.pk,
            status=run.status,
            progress=run.progress,
            phase=run.phase,
            created_at=timezone.localtime(run.created_at, tz),
            finished_at=timezone.localtime(run.finished_at, tz) if run.finished_at else None,
            stats=run.stats,
        ),
    )


def _counterpart(party: MeetingParty) -> CounterpartOut:
    organisation, country = _organisation(party)
    return CounterpartOut(
        name=party.attendee.registration.person.display_name,
        organisation=organisation,
        country=country,
    )


@router.get("/me/agenda", response={200: list[AgendaMeetingOut], **AUTH_ERRORS})
def my_agenda(request):
    """The caller's placed meetings in every B2B session they attend (their own seat, or their
    organisation's team seat), in time order, with the people they meet. 404 when no person is
    linked to the account."""
    person = account_queries.roles_of(request.auth)["person"]
    if person is None:
        raise HttpError(404, "No person is linked to this account.")
    parties = MeetingParty.objects.select_related(
        "attendee__registration__person__organisation"
    ).order_by("id")
    seats = set(seats_of(person).values_list("pk", flat=True))
    meetings = (
        Meeting.objects.filter(
            pk__in=MeetingParty.objects.filter(attendee_id__in=seats).values("meeting_id"),
            slot__isnull=False,
            status=Meeting.Status.ACCEPTED,
        )
        .select_related("slot", "table", "b2b__session__edition__series")
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("slot__starts_at", "b2b_id", "table__number", "id")
    )
    agenda = []
    for m in meetings:
        session = m.b2b.session
        edition = session.edition
        tz = edition.tz
        agenda.append(
            AgendaMeetingOut(
                id=m.pk,
                b2b_id=m.b2b_id,
                session_title=session.title,
                series=edition.series.slug,
                edition=edition.number,
                time_zone=edition.time_zone,
                starts_at=timezone.localtime(m.slot.starts_at, tz),
                ends_at=timezone.localtime(m.slot.ends_at, tz),
                table_number=m.table.number,
                table_label=m.table.label,
                table=str(m.table),
                counterparts=[
                    _counterpart(p) for p in m.parties.all() if p.attendee_id not in seats
                ],
            )
        )
    return agenda
