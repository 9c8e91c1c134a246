"""The signed-in participant's B2B meetings: a page listing every B2B session they attend with
their placed meetings, and each session's meetings as an iCalendar file. A colleague attending
the same edition for the same organisation sees the organisation's seat too (the meetings its
accepted requests gave it).

Times are shown in the edition's time zone; the calendar file carries them with that zone
(``TZID`` and its ``VTIMEZONE``), so calendar programs show them right wherever they run.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from icalendar import Calendar, Event

from smeforum.matchmaking.queries import seats_of
from smeforum.portal.account import person_or_404
from smeforum.reference.countries import country_name
from smeforum.scheduling.queries import agenda_of


@dataclass(frozen=True)
class Counterpart:
    name: str
    organisation: str
    country: str

    def __str__(self) -> str:
        return " · ".join(part for part in (self.name, self.organisation, self.country) if part)


@dataclass(frozen=True)
class AgendaRow:
    meeting_id: int
    starts_at: object  # aware datetime, in the edition's time zone
    ends_at: object
    table: str
    counterparts: list[Counterpart]


@dataclass(frozen=True)
class SessionAgenda:
    attendee: object
    b2b: object
    time_zone: str
    location: str  # the session's room and the edition's venue
    rows: list[AgendaRow]


def counterpart(attendee) -> Counterpart:
    person = attendee.registration.person
    organisation = person.organisation
    return Counterpart(
        name=person.display_name,
        organisation=organisation.display_name if organisation is not None else "",
        country=country_name(organisation.country) if organisation is not None else "",
    )


def session_agenda(attendee) -> SessionAgenda:
    """``attendee``'s placed meetings in time order, with times in the edition's time zone."""
    b2b = attendee.b2b
    session = b2b.session
    edition = session.edition
    tz = edition.tz
    rows = [
        AgendaRow(
            meeting_id=item.meeting.pk,
            starts_at=timezone.localtime(item.meeting.slot.starts_at, tz),
            ends_at=timezone.localtime(item.meeting.slot.ends_at, tz),
            table=str(item.meeting.table),
            counterparts=[counterpart(other) for other in item.counterparts],
        )
        for item in agenda_of(attendee)
    ]
    location = ", ".join(part for part in (session.room, edition.venue) if part)
    return SessionAgenda(attendee, b2b, edition.time_zone, location, rows)


@login_required
@never_cache
def agenda(request):
    person = person_or_404(request.user)
    agendas = [session_agenda(attendee) for attendee in seats_of(person)]
    return render(request, "portal/agenda.html", {"person": person, "agendas": agendas})


def agenda_calendar(agenda: SessionAgenda) -> bytes:
    """The meetings of ``agenda`` as an iCalendar file: one event per meeting, its UID stable
    across downloads so that importing the file again updates the events."""
    session = agenda.b2b.session
    calendar = Calendar()
    calendar.add("prodid", "-//smeforum//B2B agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{session.title} · {session.edition}")
    calendar.add("x-wr-timezone", agenda.time_zone)
    stamp = timezone.now()
    for row in agenda.rows:
        names = ", ".join(c.name for c in row.counterparts)
        event = Event()
        event.add("uid", f"meeting-{row.meeting_id}@smeforum")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.starts_at)
        event.add("dtend", row.ends_at)
        event.add("summary", _("Meeting with %(names)s") % {"names": names})
        event.add("location", ", ".join(p for p in (row.table, agenda.location) if p))
        event.add("description", "\n".join(str(c) for c in row.counterparts))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@login_required
@never_cache
def agenda_ics(request, b2b_id: int):
    person = person_or_404(request.user)
    attendee = seats_of(person).filter(b2b_id=b2b_id).first()
    if attendee is None:
        raise Http404(_("You do not take part in this B2B session."))
    response = HttpResponse(
        agenda_calendar(session_agenda(attendee)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="b2b-agenda-{b2b_id}.ics"'
    return response
