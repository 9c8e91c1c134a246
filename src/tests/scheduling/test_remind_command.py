"""``smeforum match remind`` (the ``remind_agendas`` command): a cron's reminder the day before
(``--due``), or one edition's B2B sessions by name."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.domain.publication import publish_agendas
from tests.factories import EditionFactory, make_b2b

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _b2b(edition, *, publish: bool = True):
    """A B2B session of ``edition`` with one placed meeting between two people."""
    b2b, (a, b) = make_b2b(edition=edition, slots=1, attendees=2)
    place_meeting(
        request_meeting(b2b, attendees=[a, b]), slot=b2b.slots.get(), table=b2b.tables.first()
    )
    if publish:
        publish_agendas(b2b)
    return b2b


def _edition_in(days: int, time_zone: str = "Asia/Shanghai"):
    """An edition of one day, ``days`` after today in ``time_zone``."""
    day = timezone.now().astimezone(ZoneInfo(time_zone)).date() + dt.timedelta(days=days)
    return EditionFactory(start_date=day, end_date=day, time_zone=time_zone)


def _remind(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("remind_agendas", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _reminded() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith("[smeforum] Reminder"))


def test_due_reminds_the_published_sessions_of_tomorrow_only(django_capture_on_commit_callbacks):
    tomorrow = _b2b(_edition_in(1))
    _b2b(_edition_in(0))  # today: reminded yesterday
    _b2b(_edition_in(2))
    _b2b(_edition_in(1), publish=False)  # nothing published: nobody to remind
    people = sorted(
        party.attendee.registration.person.email for party in tomorrow.meetings.get().parties.all()
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        out, err = _remind("--due")

    assert (out, err) == (f"{tomorrow}: reminder sent to 2 people\n", "")
    assert _reminded() == people


def test_an_edition_named_reminds_its_sessions_and_reports_those_not_published(
    django_capture_on_commit_callbacks,
):
    edition = EditionFactory()
    published = _b2b(edition)
    waiting = _b2b(edition, publish=False)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError) as exc:
        call_command(
            "remind_agendas",
            "--series",
            edition.series.slug,
            "--edition",
            str(edition.number),
            stdout=io.StringIO(),
            stderr=(err := io.StringIO()),
        )

    assert (str(exc.value), exc.value.returncode) == ("some B2B sessions were not reminded", 1)
    assert err.getvalue() == (
        f"{waiting}: The agendas are not published yet: publish them before reminding anyone.\n"
    )
    assert len(_reminded()) == 2
    assert published.agendas_published_at is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give either --due or --series with --edition"),
        (("--due", "--series", "x"), "give either --due or --series with --edition"),
        (("--series", "x"), "--series and --edition go together"),
        (("--series", "nowhere", "--edition", "1"), "--edition: nowhere has no edition 1"),
    ],
)
def test_wrong_arguments_are_refused(args, message):
    with pytest.raises(CommandError) as exc:
        _remind(*args)

    assert (str(exc.value), exc.value.returncode) == (message, 2)


def test_nothing_due_says_so():
    assert _remind("--due") == ("No B2B session to remind.\n", "")
