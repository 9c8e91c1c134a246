"""Background jobs of matchmaking: the emails about meeting requests, each in the recipient's
language (``Person.language``). A worker runs them (Django's Tasks API). The agenda emails are
scheduling's (``scheduling.tasks.send_agenda_email``)."""

from __future__ import annotations

from django_tasks import task

from smeforum.matchmaking.models import MeetingRequest, ProfileEdition
from smeforum.orgs.models import Person
from smeforum.scheduling.tasks import email_person, site_link

#: The portal page the emails link to (served by the portal surface app).
REQUESTS_URL_NAME = "portal:requests"

#: Which side of a request each event's email goes to.
_REQUEST_EVENTS = {
    "new": ("receiver",),
    "accepted": ("sender",),
    "declined": ("sender",),
    "mutual": ("sender", "receiver"),
    "cancelled": ("sender", "receiver"),
}


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
            "link": site_link(REQUESTS_URL_NAME),
        }
        for person in recipients(confirmation):
            sent += email_person(person, "matchmaking/emails/request.txt", context)
    return sent
