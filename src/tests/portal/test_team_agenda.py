"""An organisation sends two people: accepted requests give it one seat (its first attending
registration), and both people see the seat's meetings on /my/agenda/ and in /api/v1/me/agenda."""

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import link_person_account
from smeforum.matchmaking.domain import accept_request, send_request
from smeforum.scheduling.domain.meetings import place_meeting
from tests.api.matchmaking_world import call
from tests.factories import EditionFactory, UserFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = pytest.mark.integration


@pytest.fixture
def team(db):
    edition = EditionFactory()
    b2b, _ = make_b2b(edition=edition, attendees=0)
    pumps = make_confirmed(edition, name="Gdansk Pumps", country="PL", people=2)
    valves = make_confirmed(edition, name="Cangzhou Valves", country="CN")
    request = accept_request(send_request(valves, receiver=pumps))
    place_meeting(
        request.meeting, slot=b2b.slots.order_by("starts_at")[1], table=b2b.tables.first()
    )
    first, second = (r.person for r in pumps.attendees.order_by("pk"))
    users = {}
    for key, person in (("seat", first), ("colleague", second)):
        users[key] = UserFactory(username=key)
        link_person_account(person, user=users[key])
    return users, valves.attendees.get().person


@pytest.mark.parametrize("who", ["seat", "colleague"])
def test_both_people_of_the_team_see_the_meeting_on_the_portal(client, team, who):
    users, counterpart = team
    client.force_login(users[who])
    response = client.get(reverse("portal:agenda"))
    rows = [row for agenda in response.context["agendas"] for row in agenda.rows]
    assert [[c.name for c in row.counterparts] for row in rows] == [[counterpart.display_name]]


@pytest.mark.parametrize("who", ["seat", "colleague"])
def test_both_people_of_the_team_get_the_meeting_from_the_api(client, team, who):
    users, counterpart = team
    agenda = call(client, "GET", "/api/v1/me/agenda", users[who]).json()
    assert [[c["name"] for c in m["counterparts"]] for m in agenda] == [[counterpart.display_name]]


def test_a_person_of_another_organisation_does_not_see_the_teams_meeting(client, team):
    outsider = make_confirmed(EditionFactory(), name="Elsewhere Ltd").attendees.get().person
    user = UserFactory(username="outsider")
    link_person_account(outsider, user=user)
    assert call(client, "GET", "/api/v1/me/agenda", user).json() == []
