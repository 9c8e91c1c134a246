"""The scheduling model admins: B2B sessions link to their board, attendees are changed with
``update_attendee`` (its refusals on the form), meetings and runs are only read; the board's
writes need the CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import Meeting
from tests.backoffice.forms import changeform_data
from tests.backoffice.schedule.conftest import board_url
from tests.factories import make_b2b

pytestmark = pytest.mark.integration


@pytest.fixture
def placed(edition):
    b2b, (a, b, *_rest) = make_b2b(edition=edition, slots=2)
    meeting = request_meeting(b2b, attendees=[a, b])
    place_meeting(meeting, slot=b2b.slots.first(), table=b2b.tables.first())
    return b2b, a, Meeting.objects.get(pk=meeting.pk)


def test_the_b2b_session_list_links_to_the_board(client, organiser, placed):
    b2b, _a, _meeting = placed
    client.force_login(organiser)

    response = client.get(reverse("admin:scheduling_b2bsession_changelist"))

    assert f'<a href="{board_url("board", b2b.pk)}">Schedule</a>' in response.content.decode()


def test_an_attendee_is_changed_with_update_attendee(client, organiser, placed):
    _b2b, attendee, _meeting = placed
    client.force_login(organiser)
    url = reverse("admin:scheduling_attendee_change", args=[attendee.pk])
    page = client.get(url)

    response = client.post(url, changeform_data(page, capacity=2, max_meetings=5))

    attendee.refresh_from_db()
    assert response.status_code == 302
    assert (attendee.capacity, attendee.max_meetings) == (2, 5)


def test_a_refusal_of_update_attendee_is_shown_at_its_field(client, organiser, placed):
    b2b, attendee, meeting = placed
    client.force_login(organiser)
    url = reverse("admin:scheduling_attendee_change", args=[attendee.pk])
    page = client.get(url)
    field = page.context["adminform"].form.fields["unavailable_slots"]
    choices = [field.label_from_instance(slot) for slot in field.queryset]

    response = client.post(url, changeform_data(page, unavailable_slots=[meeting.slot_id]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    day = b2b.session.day
    # 14:00 and 14:20 in Shanghai are 07:00 and 07:20 in Warsaw, the edition's time zone.
    assert choices == [f"{day} 07:00–07:20", f"{day} 07:20–07:40"]
    assert form.errors == {"unavailable_slots": [f"A meeting is placed in {day} 07:00–07:20."]}
    assert list(attendee.unavailable_slots.all()) == []


@pytest.mark.parametrize("model", ["meeting", "schedulerun"])
def test_meetings_and_runs_are_only_read(client, organiser, placed, model):
    b2b, _a, meeting = placed
    b2b.runs.create()
    obj = meeting if model == "meeting" else b2b.runs.get()
    client.force_login(organiser)
    url = reverse(f"admin:scheduling_{model}_change", args=[obj.pk])

    statuses = (client.get(url).status_code, client.post(url, {}).status_code)

    assert statuses == (200, 403)


def test_a_move_without_the_csrf_token_is_refused(organiser, placed):
    b2b, _a, meeting = placed
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(board_url("unplace", b2b.pk, meeting.pk), {"version": meeting.version})

    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).slot_id == meeting.slot_id
