"""The back-office page that imports a B2B session's meetings from a file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.audit.models import AuditEntry
from smeforum.scheduling.models import Attendee, Meeting, MeetingParty
from tests.factories import (
    EditionFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    make_b2b,
)

pytestmark = pytest.mark.integration

GOOD = (
    "participant_1,participant_2,priority,slot,table,reference\n"
    "ana@example.org,bo@example.org,4,14:20,1,REQ-1\n"
    "bo@example.org,chen@example.org,,,,\n"
)
BAD = (
    "participant_1,participant_2,priority\n"
    "ana@example.org,bo@example.org,4\n"
    "ana@example.org,nobody@example.org,999\n"
)


@pytest.fixture
def b2b(db):
    b2b, _ = make_b2b(edition=EditionFactory(), attendees=0)
    for name in ("ana", "bo", "chen"):
        RegistrationFactory(
            edition=b2b.session.edition,
            person=PersonFactory(name=name.title(), email=f"{name}@example.org"),
        )
    return b2b


def _organiser(edition, *permissions):
    user = UserFactory(username=f"organiser-{'-'.join(permissions)}-{edition.pk}")
    grant_organiser_role(edition.series, user=user, edition=edition, permissions=list(permissions))
    return user


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _upload(client, b2b, text: str, name: str = "meetings.csv"):
    url = reverse("admin:scheduling_b2bsession_import", args=[b2b.pk])
    token = client.get(url).context["csrf_token"]
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(url, {"file": upload, "csrfmiddlewaretoken": str(token)})


def _meetings(b2b) -> list[tuple[list[str], int, bool]]:
    return [
        (
            list(
                MeetingParty.objects.filter(meeting=m)
                .order_by("pk")
                .values_list("attendee__registration__person__email", flat=True)
            ),
            m.weight,
            m.is_fixed,
        )
        for m in Meeting.objects.filter(b2b=b2b).order_by("pk")
    ]


def test_an_organiser_with_matchmaking_imports_a_file(b2b):
    user = _organiser(b2b.session.edition, "matchmaking")
    client = _client(user)

    response = _upload(client, b2b, GOOD)

    assert response.status_code == 200
    assert response.context["problems"] == []
    result = response.context["result"]
    assert (result.meetings, result.attendees, result.fixed) == (2, 3, 1)
    content = response.content.decode()
    assert "2 meetings added" in content
    assert "3 new attendees" in content
    assert "1 meeting placed and fixed" in content
    assert reverse("admin:scheduling_b2bsession_change", args=[b2b.pk]) in content
    assert _meetings(b2b) == [
        (["ana@example.org", "bo@example.org"], 4, True),
        (["bo@example.org", "chen@example.org"], 1, False),
    ]
    entry = AuditEntry.objects.get(action="scheduling.b2bsession.meetings_imported")
    assert (entry.actor, entry.after["file"], list(entry.after["references"].values())) == (
        user,
        "meetings.csv",
        ["REQ-1"],
    )


def test_a_refused_file_lists_every_problem_and_writes_nothing(b2b):
    client = _client(_organiser(b2b.session.edition, "matchmaking"))

    response = _upload(client, b2b, BAD)

    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["problems"] == [
        "row 3, column participant_2: no registration with email nobody@example.org in this "
        "edition",
        "row 3, column priority: The priority must be from 1 to 100.",
    ]
    content = response.content.decode()
    assert "The file has 2 problems. Nothing was imported" in content
    assert "row 3, column participant_2: no registration with email nobody@example.org" in content
    assert Meeting.objects.count() == 0
    assert Attendee.objects.count() == 0


def test_the_template_is_a_csv_with_the_header(b2b):
    client = _client(_organiser(b2b.session.edition, "matchmaking"))

    response = client.get(reverse("admin:scheduling_b2bsession_import_template", args=[b2b.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == (
        "participant_1,participant_2,participant_3,priority,slot,table,reference\r\n"
    )


def test_an_organiser_without_matchmaking_is_refused(b2b):
    client = Client()  # no CSRF check: the permission alone refuses the upload
    client.force_login(_organiser(b2b.session.edition, "programme"))
    page = reverse("admin:scheduling_b2bsession_import", args=[b2b.pk])
    template = reverse("admin:scheduling_b2bsession_import_template", args=[b2b.pk])
    upload = SimpleUploadedFile("meetings.csv", GOOD.encode(), content_type="text/csv")

    statuses = (
        client.get(page).status_code,
        client.get(template).status_code,
        client.post(page, {"file": upload}).status_code,
    )

    assert statuses == (403, 403, 403)
    assert Meeting.objects.count() == 0


def test_a_b2b_session_of_another_edition_is_not_found(b2b):
    other_edition = EditionFactory(series=b2b.session.edition.series)
    client = _client(_organiser(other_edition, "matchmaking"))

    page = client.get(reverse("admin:scheduling_b2bsession_import", args=[b2b.pk]))
    template = client.get(reverse("admin:scheduling_b2bsession_import_template", args=[b2b.pk]))

    assert (page.status_code, template.status_code) == (404, 404)


def test_a_post_without_the_csrf_token_is_refused(b2b):
    client = _client(_organiser(b2b.session.edition, "matchmaking"))
    upload = SimpleUploadedFile("meetings.csv", GOOD.encode(), content_type="text/csv")

    response = client.post(
        reverse("admin:scheduling_b2bsession_import", args=[b2b.pk]), {"file": upload}
    )

    assert response.status_code == 403
    assert Meeting.objects.count() == 0
