"""Background jobs of matchmaking: the emails about meeting requests and agendas, each in the
recipient's language (``Person.language``). A worker runs them (Django's Tasks API)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from smeforum.matchmaking.models import MeetingRequest, ProfileEdition
from smeforum.orgs.models import Person
from smeforum.scheduling.models import B2BSession, Meeting

#: The portal pages the emails link to (served by the portal surface app).
REQUESTS_URL_NAME = "portal:requests"
AGENDA_URL_NAME = "portal:agenda"

#: Which side of a request each event's email goes to.
_REQUEST_EVENTS = {
    "new": ("receiver",),
    "accepted": ("sender",),
    "declined": ("sender",),
    "mutual": ("sender", "receiver"),
    "cancelled": ("sender", "receiver"),
}


def _link(url_name: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SMEFORUM_SITE_URL + reverse(url_name)


def recipients(confirmation: ProfileEdition) -> list[Person]:
    """Who hears about ``confirmation``'s requests: its people attending the edition who have
    an email address; when none do, the organisation's people who have one."""
    attending = [
        r.person for r in confirmation.attendees.select_related("person") if r.person.email
    ]
    if attending:
        return list({p.pk: p for p in attending}.values())
    return list(
        Person.objects.filter(organisation_id=confirmation.profile.organisation_id)
        .exclude(email="")
        .order_by("pk")
    )


def _send(person: Person, template: str, context: dict) -> int:
    with translation.override(person.language or settings.LANGUAGE_CODE):
        text = render_to_string(template, {**context, "person": person})
    subject, _, body = text.strip().partition("\n")
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    return send_mail(prefix + subject.strip(), body.strip() + "\n", None, [person.email])


@task()
def send_request_email(request_id: int, event: str) -> int:
    """Tell the side(s) of a meeting request that concern ``event`` (new, accepted, declined,
    mutual, cancelled). Returns the number of mails sent."""
    request = (
        MeetingRequest.objects.select_related(
            "edition__series",
            "sender__profile__organisation",
            "receiver__profile__organisation",
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return 0
    sent = 0
    for side in _REQUEST_EVENTS[event]:
        confirmation = getattr(request, side)
        other = request.receiver if side == "sender" else request.sender
        context = {
            "request": request,
            "event": event,
            "other": other.profile.organisation,
            "link": _link(REQUESTS_URL_NAME),
        }
        for person in recipients(confirmation):
            sent += _send(person, "matchmaking/emails/request.txt", context)
    return sent


def _agenda_people(b2b: B2BSession) -> dict[int, tuple[Person, list[Meeting]]]:
    meetings = (
        Meeting.objects.filter(b2b=b2b, status=Meeting.Status.ACCEPTED, slot__isnull=False)
        .select_related("slot", "table")
        .prefetch_related("parties__attendee__registration__person__organisation")
        .order_by("slot__starts_at", "table__number")
    )
    people: dict[int, tuple[Person, list[Meeting]]] = {}
    for meeting in meetings:
        for party in meeting.parties.all():
            person = party.attendee.registration.person
            if person.email:
                people.setdefault(person.pk, (person, []))[1].append(meeting)
    return people


@task()
def send_agenda_email(b2b_id: int, kind: str) -> int:
    """Email every attendee of a B2B session who has placed meetings their agenda: ``kind`` is
    ``published`` (the agendas are ready) or ``reminder``. Returns the number of mails sent."""
    b2b = B2BSession.objects.select_related("session__edition__series").filter(pk=b2b_id).first()
    if b2b is None:
        return 0
    edition = b2b.session.edition
    sent = 0
    for person, meetings in _agenda_people(b2b).values():
        rows = []
        for meeting in meetings:
            others = [
                p.attendee.registration.person
                for p in meeting.parties.all()
                if p.attendee.registration.person_id != person.pk
            ]
            rows.append({"meeting": meeting, "others": others})
        context = {
            "b2b": b2b,
            "edition": edition,
            "kind": kind,
            "rows": rows,
            "tz": edition.time_zone,
            "link": _link(AGENDA_URL_NAME),
        }
        sent += _send(person, "matchmaking/emails/agenda.txt", context)
    return sent
