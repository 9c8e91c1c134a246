"""The printouts' pages in the back office: who gets the PDFs, who gets 403 or 404."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from tests.factories import EditionFactory, UserFactory, make_b2b

pytestmark = pytest.mark.integration

PAGES = ("agendas_pdf", "table_plan_pdf")


@pytest.fixture
def b2b(db):
    """A B2B session with one placed meeting between its first two attendees."""
    b2b, (first, second, *_) = make_b2b(attendees=3)
    meeting = request_meeting(b2b, attendees=[first, second])
    place_meeting(meeting, slot=b2b.slots.order_by("starts_at").first(), table=b2b.tables.first())
    return b2b


def _url(page: str, b2b) -> str:
    return reverse(f"admin:scheduling_b2bsession_{page}", args=[b2b.pk])


def _organiser(edition, username: str, permissions: list[str], *, whole_series: bool = False):
    user = UserFactory(username=username)
    scope = {} if whole_series else {"edition": edition}
    grant_organiser_role(edition.series, user=user, permissions=permissions, **scope)
    return user


def _names(b2b) -> list[str]:
    return sorted(str(a.registration.person) for a in b2b.attendees.all() if a.parties.exists())


@pytest.mark.parametrize("page", PAGES)
def test_an_organiser_with_matchmaking_gets_the_pdf(client, b2b, page):
    client.force_login(_organiser(b2b.session.edition, "planner", ["matchmaking"]))

    response = client.get(_url(page, b2b))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    name = "agendas" if page == "agendas_pdf" else "table-plan"
    assert response["Content-Disposition"] == f'attachment; filename="b2b-{b2b.pk}-{name}.pdf"'
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for person in _names(b2b):
        assert person in text


def test_the_agendas_have_a_page_per_attendee_with_a_meeting(client, b2b, staff_user):
    client.force_login(staff_user)

    response = client.get(_url("agendas_pdf", b2b))

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2


@pytest.mark.parametrize("page", PAGES)
def test_an_organiser_without_matchmaking_is_refused(client, b2b, page):
    permissions = ["programme", "participants", "outcomes", "publish", "delegations"]
    client.force_login(_organiser(b2b.session.edition, "programmer", permissions))

    response = client.get(_url(page, b2b))

    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_another_editions_b2b_session_is_not_found(client, b2b, page):
    other = EditionFactory(series=b2b.session.edition.series)
    client.force_login(_organiser(other, "elsewhere", ["matchmaking"]))

    response = client.get(_url(page, b2b))

    assert response.status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_a_series_wide_organiser_with_matchmaking_prints_every_edition(client, b2b, page):
    user = _organiser(b2b.session.edition, "series", ["matchmaking"], whole_series=True)
    client.force_login(user)

    response = client.get(_url(page, b2b))

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_a_b2b_session_that_does_not_exist_is_not_found(client, staff_user, b2b, page):
    client.force_login(staff_user)

    response = client.get(reverse(f"admin:scheduling_b2bsession_{page}", args=[b2b.pk + 1000]))

    assert response.status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_a_participant_is_sent_to_the_login(client, b2b, page):
    client.force_login(UserFactory(username="participant"))

    response = client.get(_url(page, b2b))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
