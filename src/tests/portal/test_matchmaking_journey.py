"""The participant's whole journey in the browser: edit the organisation's matchmaking profile,
read the recommended partners, ask one to meet, the partner accepts, the organisers solve the
B2B schedule, and the meeting is on both agendas."""

from types import SimpleNamespace

import pytest
from django.test import Client

from smeforum.accounts.domain.roles import link_person_account
from smeforum.matchmaking.domain import confirm_profile_for_edition
from smeforum.matchmaking.models import MeetingRequest, Profile
from smeforum.scheduling.domain.runs import start_schedule_run
from tests.factories import PersonFactory, RegistrationFactory, UserFactory, make_b2b
from tests.matchmaking.factories import make_cable_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def _member(profile, edition):
    registration = RegistrationFactory(
        edition=edition, person=PersonFactory(organisation=profile.organisation)
    )
    confirm_profile_for_edition(profile, edition=edition, attendees=[registration])
    user = UserFactory()
    link_person_account(registration.person, user=user)
    client = Client()
    client.force_login(user)
    return SimpleNamespace(client=client, person=registration.person)


def test_profile_to_recommendations_to_an_accepted_meeting_on_both_agendas(
    django_capture_on_commit_callbacks,
):
    edition, ningbo, grid, _ = make_cable_edition()
    b2b, _ = make_b2b(edition=edition, attendees=0)
    a, b = _member(grid, edition), _member(ningbo, edition)

    # 1. Budapest Grid describes itself on its matchmaking profile.
    form = a.client.get("/my/matchmaking/profile/").context["form"]
    data = {**{k: v or "" for k, v in form.initial.items()}, "size_class": "medium"}
    data.update(
        description_original="Villamosenergia-hálózatot üzemeltetünk.",
        description_language="hu",
        description_en="We run a power grid and buy power cables.",
        sectors="35",
        countries_of_interest="CN",
        languages="hu, en",
    )
    assert a.client.post("/my/matchmaking/profile/", data).status_code == 302
    profile = Profile.objects.get(pk=grid.pk)
    assert (profile.description_en, profile.countries_of_interest, profile.size_class) == (
        "We run a power grid and buy power cables.",
        ["CN"],
        "medium",
    )

    # 2. Its recommendations put Ningbo Cable first, with reasons.
    [item] = a.client.get("/my/recommendations/").context["editions"]
    first = item.rows[0]
    assert first.organisation == "Ningbo Cable Co."
    assert first.reasons

    # 3. It asks Ningbo Cable to meet; Ningbo Cable accepts on its requests page.
    with django_capture_on_commit_callbacks(execute=True):
        a.client.post(
            "/my/requests/new/",
            {**first.form.initial, "message": "Cables for Hungary?", "priority": 3},
        )
    request = MeetingRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        b.client.post(f"/my/requests/{request.pk}/accept/", {"version": request.version})
    request.refresh_from_db()
    assert (request.status, request.meeting.weight) == ("accepted", 3)

    # 4. The organisers solve the B2B schedule (the worker runs at once in tests).
    with django_capture_on_commit_callbacks(execute=True):
        start_schedule_run(b2b)
    request.meeting.refresh_from_db()
    assert request.meeting.slot is not None

    # 5. The meeting is on both agendas, each naming the other side.
    for member, other in ((a, b), (b, a)):
        agendas = member.client.get("/my/agenda/").context["agendas"]
        rows = [row for agenda in agendas for row in agenda.rows]
        assert [[c.name for c in row.counterparts] for row in rows] == [[other.person.display_name]]
