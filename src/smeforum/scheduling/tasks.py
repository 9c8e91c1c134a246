"""Background jobs of B2B scheduling (Django's Tasks API; a worker runs them): solving a B2B
session, and emailing each participant their agenda, in their language (``Person.language``)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from smeforum.orgs.models import Person
from smeforum.scheduling import engine
from smeforum.scheduling.domain.runs import apply_schedule, fail_schedule_run, record_run_progress
from smeforum.scheduling.models import B2BSession, Meeting, ScheduleRun
from smeforum.scheduling.queries import engine_input

#: The portal page the agenda emails link to (served by the portal surface app).
AGENDA_URL_NAME = "portal:agenda"
#: What an agenda email says: the agendas are ready, or a reminder of the meetings.
AGENDA_KINDS = ("published", "reminder")

#: Seconds between two progress writes.
PROGRESS_EVERY = 0.5


@task()
def solve_b2b_session(run_id: int) -> str:
    """Solve the run's B2B session within its time limit and write the schedule back.
    Returns the run's final status."""
    run = ScheduleRun.objects.select_related("b2b").filter(pk=run_id).first()
    if run is None or not run.is_active:
        return "skipped"
    record_run_progress(run, phase="reading", share=0.0)
    data = engine_input(run.b2b)
    last = [0.0]

    def progress(phase: str, share: float) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY or phase == "done":
            last[0] = time.monotonic()
            record_run_progress(run, phase=phase, share=share)

    try:
        schedule = engine.solve(
            data.instance,
            time_limit=run.b2b.time_limit,
            previous=data.previous,
            keep_previous=run.keep_previous,
            progress=progress,
        )
        return apply_schedule(run, schedule=schedule, versions=data.versions).status
    except engine.InvalidInstanceError as exc:
        return fail_schedule_run(run, error="; ".join(exc.problems)).status
    except Exception as exc:  # a bug: the run must not stay "running" for ever
        fail_schedule_run(run, error=f"{type(exc).__name__}: {exc}")
        raise


def site_link(url_name: str) -> str:
    """The absolute address of the page ``url_name``, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SMEFORUM_SITE_URL + reverse(url_name)


def email_person(person: Person, template: str, context: dict) -> int:
    """Render ``template`` (subject on its first line, then the body) in ``person``'s language
    and send it to them. Returns the number of mails sent."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        text = render_to_string(template, {**context, "person": person})
    subject, _, body = text.strip().partition("\n")
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    return send_mail(prefix + subject.strip(), body.strip() + "\n", None, [person.email])


def agenda_people(b2b: B2BSession) -> dict[int, tuple[Person, list[Meeting]]]:
    """The people with an email address who have placed meetings in ``b2b``, with those
    meetings in time order, by person id."""
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
    ``published`` (the agendas are ready) or ``reminder``. Times are in the edition's time
    zone. Returns the number of mails sent."""
    b2b = B2BSession.objects.select_related("session__edition__series").filter(pk=b2b_id).first()
    if b2b is None or kind not in AGENDA_KINDS:
        return 0
    edition = b2b.session.edition
    link = site_link(AGENDA_URL_NAME)
    sent = 0
    for person, meetings in agenda_people(b2b).values():
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
            "link": link,
        }
        sent += email_person(person, "scheduling/emails/agenda.txt", context)
    return sent
