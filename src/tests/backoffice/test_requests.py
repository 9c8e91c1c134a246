"""The organiser's side of meeting requests in the back office: an edition's rules saved
through the domain, requests and ratings read only and scoped to the organiser's editions, and
the edition's overview."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import (
    accept_request,
    decline_request,
    rate_meeting,
    send_request,
    set_request_policy,
)
from smeforum.matchmaking.models import MeetingRating, RequestPolicy
from tests.backoffice.forms import changeform_data
from tests.factories import EditionFactory, UserFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REQUESTS = reverse("admin:matchmaking_meetingrequest_changelist")
RATINGS = reverse("admin:matchmaking_meetingrating_changelist")
POLICY_ADD = reverse("admin:matchmaking_requestpolicy_add")


def _overview(edition) -> str:
    return reverse("admin:matchmaking_requestpolicy_overview", args=[edition.pk])


def _organiser(edition):
    user = UserFactory()
    grant_organiser_role(edition.series, user=user, edition=edition, permissions=["matchmaking"])
    return user


def _edition_with_requests(names=("Cangzhou Valves", "Gdansk Pumps", "Pecs Medical")):
    """Valves asked Pumps (accepted) and Medical (declined); the meeting is rated."""
    edition = EditionFactory()
    make_b2b(edition=edition, attendees=0)
    valves, pumps, medical = (make_confirmed(edition, name=name) for name in names)
    meeting = accept_request(send_request(valves, receiver=pumps)).meeting
    decline_request(send_request(valves, receiver=medical))
    rate_meeting(meeting, rater=valves, value=MeetingRating.Value.COOPERATION)
    rate_meeting(meeting, rater=pumps, value=MeetingRating.Value.INFORMATIVE)
    return edition


# --- request rules ------------------------------------------------------------------------------


def test_an_organiser_sets_the_edition_rules_through_the_domain(client):
    edition = EditionFactory()
    b2b, _ = make_b2b(edition=edition, attendees=0)
    make_b2b(attendees=0)  # another edition's: not offered
    organiser = _organiser(edition)
    client.force_login(organiser)
    page = client.get(POLICY_ADD)

    response = client.post(
        POLICY_ADD,
        changeform_data(
            page, edition=str(edition.pk), b2b=str(b2b.pk), max_open_requests="5", max_meetings="8"
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    policy = RequestPolicy.objects.get(edition=edition)
    assert (policy.b2b, policy.max_open_requests, policy.max_meetings) == (b2b, 5, 8)
    assert AuditEntry.objects.filter(actor=organiser, action__startswith="matchmaking.").exists()
    b2b_field = page.context["adminform"].form.fields["b2b"]
    assert list(b2b_field.queryset) == [b2b]


def test_deadlines_are_entered_and_shown_in_the_edition_time_zone(client, staff_user):
    edition = EditionFactory(time_zone="Europe/Warsaw")
    client.force_login(staff_user)
    data = changeform_data(client.get(POLICY_ADD), edition=str(edition.pk))
    data.update({"requests_close_at_0": "2024-11-01", "requests_close_at_1": "18:00"})

    response = client.post(POLICY_ADD, data)
    policy = RequestPolicy.objects.get(edition=edition)
    page = client.get(reverse("admin:matchmaking_requestpolicy_change", args=[policy.pk]))

    assert response.status_code == 302
    assert policy.requests_close_at == dt.datetime(2024, 11, 1, 17, 0, tzinfo=dt.UTC)
    shown = re.search(r'name="requests_close_at_1" value="([^"]+)"', page.content.decode())
    assert shown.group(1) == "18:00:00"
    assert "Europe/Warsaw" in page.content.decode()
    listed = client.get(reverse("admin:matchmaking_requestpolicy_changelist"))
    assert "2024-11-01 18:00 (Europe/Warsaw)" in listed.content.decode()


def test_an_organiser_cannot_set_the_rules_of_another_edition(client):
    mine, theirs = EditionFactory(), EditionFactory()
    client.force_login(_organiser(mine))

    response = client.post(
        POLICY_ADD, changeform_data(client.get(POLICY_ADD), edition=str(theirs.pk))
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["edition"]
    assert not RequestPolicy.objects.exists()


def test_a_b2b_session_of_another_edition_is_refused_on_the_form(client, staff_user):
    edition = EditionFactory()
    other, _ = make_b2b(attendees=0)
    client.force_login(staff_user)

    response = client.post(
        POLICY_ADD, changeform_data(client.get(POLICY_ADD), edition=str(edition.pk), b2b=other.pk)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["b2b"] == [
        "The B2B session belongs to another edition."
    ]
    assert not RequestPolicy.objects.filter(edition=edition).exists()


def test_the_rules_page_offers_only_the_edition_b2b_sessions_and_links_the_overview(
    client, staff_user
):
    edition = EditionFactory()
    own, _ = make_b2b(edition=edition, attendees=0)
    make_b2b(attendees=0)
    policy = set_request_policy(RequestPolicy(edition=edition))
    client.force_login(staff_user)

    page = client.get(reverse("admin:matchmaking_requestpolicy_change", args=[policy.pk]))

    assert list(page.context["adminform"].form.fields["b2b"].queryset) == [own]
    assert "edition" not in page.context["adminform"].form.fields  # fixed once set
    assert f'<a href="{_overview(edition)}">Overview</a>' in page.content.decode()


# --- requests and ratings -------------------------------------------------------------------------


def test_an_organiser_reads_only_the_requests_and_ratings_of_their_editions(client):
    mine = _edition_with_requests()
    _edition_with_requests(("Other Valves", "Other Pumps", "Other Medical"))
    client.force_login(_organiser(mine))

    requests = client.get(REQUESTS).content.decode()
    ratings = client.get(RATINGS).content.decode()

    assert ("Gdansk Pumps" in requests, "Other Pumps" in requests) == (True, False)
    assert ("Gdansk Pumps" in ratings, "Other Pumps" in ratings) == (True, False)
    assert 'name="_save"' not in requests  # read only: no add or save
    assert "Add meeting request" not in requests


def test_another_edition_request_is_a_404(client):
    mine = _edition_with_requests()
    theirs = _edition_with_requests(("Other Valves", "Other Pumps", "Other Medical"))
    client.force_login(_organiser(mine))
    request = theirs.requests.first()
    rating = MeetingRating.objects.filter(rater__edition=theirs).first()

    assert (
        client.get(
            reverse("admin:matchmaking_meetingrequest_change", args=[request.pk])
        ).status_code,
        client.get(reverse("admin:matchmaking_meetingrating_change", args=[rating.pk])).status_code,
    ) == (404, 404)


def test_requests_filter_by_status_and_search_by_organisation(client, staff_user):
    edition = _edition_with_requests()
    client.force_login(staff_user)

    declined = client.get(REQUESTS, {"status__exact": "declined", "edition": edition.pk})
    searched = client.get(REQUESTS, {"q": "Pecs"})

    assert [str(r) for r in declined.context["cl"].result_list] == [
        "Cangzhou Valves → Pecs Medical"
    ]
    assert [str(r) for r in searched.context["cl"].result_list] == [
        "Cangzhou Valves → Pecs Medical"
    ]


def test_ratings_filter_by_value_and_search_by_organisation(client, staff_user):
    _edition_with_requests()
    client.force_login(staff_user)

    cooperation = client.get(RATINGS, {"value__exact": "cooperation"})
    searched = client.get(RATINGS, {"q": "Gdansk"})

    assert [r.rater.profile.organisation.name for r in cooperation.context["cl"].result_list] == [
        "Cangzhou Valves"
    ]
    assert [r.value for r in searched.context["cl"].result_list] == ["informative"]


def test_the_edition_filter_offers_only_the_organiser_editions(client):
    mine = _edition_with_requests()
    _edition_with_requests(("Other Valves", "Other Pumps", "Other Medical"))
    client.force_login(_organiser(mine))

    response = client.get(REQUESTS)

    spec = next(f for f in response.context["cl"].filter_specs if f.parameter_name == "edition")
    assert [label for _value, label in spec.lookup_choices] == [str(mine)]


@pytest.mark.parametrize("url", [REQUESTS, RATINGS])
def test_the_lists_do_not_grow_queries_with_rows(
    client, staff_user, django_assert_max_num_queries, url
):
    client.force_login(staff_user)
    _edition_with_requests()
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    _edition_with_requests(("B Valves", "B Pumps", "B Medical"))
    _edition_with_requests(("C Valves", "C Pumps", "C Medical"))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.status_code == 200


# --- the overview -------------------------------------------------------------------------------


def test_the_overview_counts_per_organisation_with_totals_and_ratings(client):
    edition = _edition_with_requests()
    set_request_policy(RequestPolicy(edition=edition, max_meetings=1))
    client.force_login(_organiser(edition))

    response = client.get(_overview(edition))

    assert response.status_code == 200
    rows = [
        (r["organisation"], r["sent"], r["received"], r["meetings"], r["agenda_full"])
        for r in response.context["rows"]
    ]
    assert rows == [
        ("Cangzhou Valves", 2, 0, 1, True),
        ("Gdansk Pumps", 0, 1, 1, True),
        ("Pecs Medical", 0, 1, 0, False),
    ]
    assert response.context["totals"] == {
        "sent": 2,
        "accepted": 1,
        "declined": 1,
        "open": 0,
        "acceptance_rate": 0.5,
        "organisations": 3,
        "agenda_full": 2,
    }
    assert [(str(label), n) for label, n in response.context["ratings"]] == [
        ("did not take place", 0),
        ("insufficient interest", 0),
        ("informative, no cooperation planned", 1),
        ("cooperation possible", 1),
    ]
    text = response.content.decode()
    assert "<td>Pecs Medical</td>" in text
    assert "<td>1 / 1</td>" in text
    assert "acceptance rate: 50 %" in text


def test_the_overview_of_another_edition_is_a_404_and_without_the_permission_a_403(client):
    mine, theirs = EditionFactory(), EditionFactory()
    client.force_login(_organiser(mine))
    without = UserFactory()
    grant_organiser_role(mine.series, user=without, permissions=["outcomes"])

    assert client.get(_overview(theirs)).status_code == 404
    assert client.get(_overview(mine)).status_code == 200
    client.force_login(without)
    assert client.get(_overview(mine)).status_code == 403


def test_the_overview_is_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries
):
    edition = _edition_with_requests()
    client.force_login(staff_user)
    with django_assert_max_num_queries(60) as few:
        client.get(_overview(edition))
    for n in range(4):
        make_confirmed(edition, name=f"Extra {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_overview(edition))

    assert len(response.context["rows"]) == 7
