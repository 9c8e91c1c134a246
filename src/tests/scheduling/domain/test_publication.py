"""Publishing a B2B session's agendas and reminding its participants: the emails go to the
people with placed meetings only, in each one's language, listing their meetings in the
edition's time zone; refusals before there is anything to publish or remind of."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from smeforum.audit.models import AuditEntry
from smeforum.scheduling.domain.meetings import add_attendee, place_meeting, request_meeting
from smeforum.scheduling.domain.publication import publish_agendas, send_agenda_reminders
from smeforum.scheduling.models import B2BSession, ScheduleRun
from smeforum.scheduling.tasks import send_agenda_email
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    make_b2b,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def b2b():
    """A B2B session of an edition in Warsaw time, 07:00–07:40 there (14:00 in Shanghai): Li
    Wei (who reads Chinese) meets Jan Kowalski, then Eva Nagy, at table 1; Jan Kowalski's
    meeting with Ivo Horvat is not placed, so Ivo Horvat has no agenda."""
    edition = EditionFactory(time_zone="Europe/Warsaw")
    b2b, _ = make_b2b(edition=edition, slots=2, attendees=0)

    def attendee(name: str, organisation: str, language: str = "en"):
        person = PersonFactory(
            name=name,
            name_latin=name,
            language=language,
            email=f"{name.split()[0].lower()}@example.org",
            organisation=OrganisationFactory(name=organisation),
        )
        return add_attendee(b2b, registration=RegistrationFactory(edition=edition, person=person))

    li = attendee("Li Wei", "Cangzhou Valves", "zh-hans")
    jan = attendee("Jan Kowalski", "Gdansk Pumps")
    eva = attendee("Eva Nagy", "Pecs Medical")
    ivo = attendee("Ivo Horvat", "Zagreb Steel")
    first, second = b2b.slots.order_by("starts_at")
    table = b2b.tables.get(number=1)
    place_meeting(request_meeting(b2b, attendees=[li, jan]), slot=first, table=table)
    place_meeting(request_meeting(b2b, attendees=[li, eva]), slot=second, table=table)
    request_meeting(b2b, attendees=[jan, ivo])
    return b2b


def _subject(b2b, text: str) -> str:
    with translation.override("en"):
        return f"[smeforum] {text} {b2b.session.edition}"


def _meetings(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.startswith("- ")]


def test_publishing_stamps_the_session_and_emails_each_agenda_in_the_edition_time(
    b2b, django_capture_on_commit_callbacks
):
    organiser = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        people = publish_agendas(b2b, actor=organiser)

    assert people == 3
    assert B2BSession.objects.get(pk=b2b.pk).agendas_published_at is not None
    assert AuditEntry.objects.filter(
        action="scheduling.agendas.published", actor=organiser
    ).exists()
    mails = {m.to[0]: m for m in mail.outbox}
    assert sorted(mails) == ["eva@example.org", "jan@example.org", "li@example.org"]
    jan = mails["jan@example.org"]
    assert jan.subject == _subject(b2b, "Your B2B meetings at")
    assert _meetings(jan.body) == ["- 2024-11-07 07:00–07:20, Table 1: Li Wei (Cangzhou Valves)"]
    assert "Times are in Europe/Warsaw." in jan.body
    assert _meetings(mails["eva@example.org"].body) == [
        "- 2024-11-07 07:20–07:40, Table 1: Li Wei (Cangzhou Valves)"
    ]


def test_each_email_is_in_its_recipient_language(b2b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_agendas(b2b)

    li = next(m for m in mail.outbox if m.to == ["li@example.org"])
    # "Table %(number)s" is translated already; the rest follows when the lead adds it.
    assert _meetings(li.body) == [
        "- 2024-11-07 07:00–07:20, 1 号桌: Jan Kowalski (Gdansk Pumps)",
        "- 2024-11-07 07:20–07:40, 1 号桌: Eva Nagy (Pecs Medical)",
    ]


def test_a_reminder_after_publication_says_so(b2b, django_capture_on_commit_callbacks):
    publish_agendas(b2b)
    organiser = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        people = send_agenda_reminders(b2b, actor=organiser)

    assert people == 3
    assert sorted(m.subject for m in mail.outbox if m.to == ["jan@example.org"]) == [
        _subject(b2b, "Reminder: your B2B meetings at")
    ]
    assert AuditEntry.objects.filter(action="scheduling.agendas.reminded", actor=organiser).exists()


def test_a_reminder_before_publication_is_refused(b2b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        send_agenda_reminders(b2b)

    assert exc.value.error_list[0].code == "not_published"
    assert mail.outbox == []


def test_publishing_is_refused_with_nothing_placed_or_while_the_solver_runs(b2b):
    empty, _ = make_b2b(attendees=0)
    ScheduleRun.objects.create(b2b=b2b)  # queued, as start_schedule_run leaves it

    with pytest.raises(ValidationError) as nothing:
        publish_agendas(empty)
    with pytest.raises(ValidationError) as solving:
        publish_agendas(b2b)

    assert nothing.value.error_list[0].code == "nothing_placed"
    assert solving.value.error_list[0].code == "solving"
    assert B2BSession.objects.get(pk=b2b.pk).agendas_published_at is None


def test_the_email_task_of_a_session_that_is_gone_sends_nothing():
    assert send_agenda_email.call(0, "published") == 0
    assert mail.outbox == []
