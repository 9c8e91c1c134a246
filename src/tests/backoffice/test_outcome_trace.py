"""Outcomes and the B2B meetings they came from in the back office: the outcome form offers
only its edition's meetings (labelled with both organisations and the time), saves them through
the domain, the list counts them, and the trace page lists each traced outcome with its
meetings, parties, times and ratings, scoped to the organiser's editions, without N+1."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.models import MeetingRating
from smeforum.outcomes.domain.outcomes import add_amount, record_outcome
from smeforum.outcomes.models import Outcome
from smeforum.reference.models import OutcomeKind
from smeforum.scheduling.domain.meetings import cancel_meeting
from tests.backoffice.forms import changeform_data
from tests.factories import EditionFactory, UserFactory
from tests.outcomes.factories import make_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TRACE_URL = reverse("admin:outcomes_outcome_trace")
CHANGELIST_URL = reverse("admin:outcomes_outcome_changelist")


def _change_url(outcome: Outcome) -> str:
    return reverse("admin:outcomes_outcome_change", args=[outcome.pk])


def _outcome(edition, meetings=(), *, title="沧州—格但斯克泵业合资", amount=None) -> Outcome:
    outcome = record_outcome(
        edition.series,
        kind=OutcomeKind.objects.get(slug="cooperation_project"),
        title=title,
        edition=edition,
        signed_on=dt.date(2024, 11, 7),
        meetings=meetings,
    )
    if amount:
        add_amount(outcome, amount=Decimal(amount), currency="EUR")
    return outcome


@pytest.fixture
def editions():
    first = EditionFactory(number=1)
    return first, EditionFactory(series=first.series, number=2)


def _organiser(edition, *permissions):
    user = UserFactory(username=f"organiser-{'-'.join(permissions) or 'none'}")
    grant_organiser_role(edition.series, user=user, edition=edition, permissions=list(permissions))
    return user


# The outcome form


def test_the_form_offers_the_editions_meetings_that_are_not_cancelled(client, staff_user, editions):
    first, second = editions
    placed = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps", slot=0).meeting
    unplaced = make_meeting(first, "Hebei Steel", "Lodz Cables").meeting
    cancelled = make_meeting(first, "Botou Glass", "Krakow Bakery").meeting
    cancel_meeting(cancelled)
    make_meeting(second, "Renqiu Pipes", "Poznan Grid")
    client.force_login(staff_user)

    response = client.get(_change_url(_outcome(first)))

    field = response.context["adminform"].form.fields["meetings"]
    assert [(pk.value, str(label)) for pk, label in field.choices] == [
        (placed.pk, f"Meeting {placed.pk}: Cangzhou Valves – Gdansk Pumps, 2024-11-07 14:00"),
        (unplaced.pk, f"Meeting {unplaced.pk}: Hebei Steel – Lodz Cables, not placed"),
    ]


def test_the_add_form_offers_no_meeting_before_the_edition_is_chosen(client, staff_user, editions):
    make_meeting(editions[0], "Cangzhou Valves", "Gdansk Pumps")
    client.force_login(staff_user)

    response = client.get(reverse("admin:outcomes_outcome_add"))

    assert list(response.context["adminform"].form.fields["meetings"].choices) == []


def test_meetings_chosen_in_the_form_are_saved_and_audited_as_the_organiser(client, editions):
    first, _ = editions
    meeting = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps", slot=0).meeting
    outcome = _outcome(first)
    organiser = _organiser(first, "outcomes")
    client.force_login(organiser)
    data = changeform_data(client.get(_change_url(outcome)), meetings=[str(meeting.pk)])

    response = client.post(_change_url(outcome), data)

    assert response.status_code == 302
    assert list(outcome.meetings.all()) == [meeting]
    entry = AuditEntry.objects.get(action="outcomes.outcome.meetings_changed")
    assert (entry.actor, entry.after) == (organiser, {"meetings": [meeting.pk]})


def test_moving_an_outcome_with_meetings_to_another_edition_is_shown_as_a_field_error(
    client, staff_user, editions
):
    first, second = editions
    meeting = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps").meeting
    outcome = _outcome(first, [meeting])
    client.force_login(staff_user)
    data = changeform_data(client.get(_change_url(outcome)), edition=str(second.pk))

    response = client.post(_change_url(outcome), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["edition"] == [
        f"This outcome names B2B meetings of another edition (Meeting {meeting.pk}: Cangzhou "
        "Valves – Gdansk Pumps, not placed); remove them from the outcome before moving it."
    ]
    assert Outcome.objects.get().edition == first


def test_the_list_counts_each_outcomes_meetings(client, staff_user, editions):
    first, _ = editions
    meetings = [
        make_meeting(first, "Cangzhou Valves", "Gdansk Pumps").meeting,
        make_meeting(first, "Hebei Steel", "Lodz Cables").meeting,
    ]
    traced = _outcome(first, meetings, title="Traced")
    _outcome(first, title="Untraced")
    client.force_login(staff_user)

    response = client.get(CHANGELIST_URL)

    counts = {o.title: o.meeting_count for o in response.context["cl"].result_list}
    assert counts == {"Traced": 2, "Untraced": 0}
    assert f'href="{TRACE_URL}?edition={first.pk}">2</a>' in response.content.decode()
    assert traced.pk in [o.pk for o in response.context["cl"].result_list]


# The trace page


def test_the_trace_lists_each_outcome_with_its_meetings_parties_times_and_ratings(
    client, staff_user, editions
):
    first, _ = editions
    met = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps", slot=0)
    met.rate(MeetingRating.Value.COOPERATION, MeetingRating.Value.INFORMATIVE)
    other = make_meeting(first, "Hebei Steel", "Lodz Cables")
    outcome = _outcome(first, [met.meeting, other.meeting], title="Pump plant", amount="100000")
    _outcome(first, title="Untraced")
    client.force_login(staff_user)

    response = client.get(TRACE_URL, {"edition": first.pk})

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["outcome"], row["amounts"]) for row in rows] == [(outcome, "100,000.00 EUR")]
    assert [
        (item["meeting"].pk, item["parties"], item["time"], [
            (r["organisation"], r["code"]) for r in item["ratings"]
        ])
        for item in rows[0]["meetings"]
    ] == [
        (met.meeting.pk, "Cangzhou Valves – Gdansk Pumps", "2024-11-07 14:00", [
            ("Cangzhou Valves", "cooperation"), ("Gdansk Pumps", "informative"),
        ]),
        (other.meeting.pk, "Hebei Steel – Lodz Cables", "not placed", []),
    ]  # fmt: skip
    content = response.content.decode()
    assert "Gdansk Pumps: informative, no cooperation planned" in content


def test_an_organiser_sees_the_trace_of_their_editions_only(client, editions):
    first, second = editions
    make_meeting(first, "Cangzhou Valves", "Gdansk Pumps")
    make_meeting(second, "Hebei Steel", "Lodz Cables")
    client.force_login(_organiser(first, "outcomes"))

    own = client.get(TRACE_URL)
    other = client.get(TRACE_URL, {"edition": second.pk})

    assert (own.status_code, own.context["edition"]) == (200, first)
    assert [item["edition"] for item in own.context["editions"]] == [first]
    assert other.status_code == 404


def test_an_organiser_with_outcomes_only_sees_no_ratings_and_no_board_link(client, editions):
    first, _ = editions
    met = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps", slot=0)
    met.rate(MeetingRating.Value.NOT_HELD, MeetingRating.Value.INFORMATIVE)
    _outcome(first, [met.meeting], title="Pump plant")
    client.force_login(_organiser(first, "outcomes"))

    response = client.get(TRACE_URL)

    item = response.context["rows"][0]["meetings"][0]
    assert (response.context["matchmaking"], "ratings" in item, "board" in item) == (
        False,
        False,
        False,
    )
    assert "did not take place" not in response.content.decode()


def test_an_organiser_without_outcomes_may_not_open_the_trace(client, editions):
    client.force_login(_organiser(editions[0], "matchmaking"))

    assert client.get(TRACE_URL).status_code == 403


def test_the_trace_takes_the_same_queries_however_many_outcomes_and_meetings(
    client, staff_user, editions, django_assert_max_num_queries
):
    first, _ = editions
    client.force_login(staff_user)

    def traced(index: int) -> None:
        met = make_meeting(first, f"Cangzhou Firm {index}", f"Polish Firm {index}", slot=index)
        met.rate(MeetingRating.Value.COOPERATION, MeetingRating.Value.NOT_HELD)
        _outcome(first, [met.meeting], title=f"Project {index}", amount="1000")

    traced(0)
    with django_assert_max_num_queries(50) as few:
        client.get(TRACE_URL, {"edition": first.pk})
    traced(1)
    traced(2)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(TRACE_URL, {"edition": first.pk})
    assert len(response.context["rows"]) == 3


# The meeting's side: its page on the board


def test_the_meetings_page_shows_its_request_ratings_and_outcomes(client, editions):
    first, _ = editions
    met = make_meeting(first, "Cangzhou Valves", "Gdansk Pumps", slot=0)
    met.rate(MeetingRating.Value.COOPERATION, MeetingRating.Value.INFORMATIVE)
    outcome = _outcome(first, [met.meeting], title="Pump plant")
    url = reverse("admin:scheduling_b2bsession_meeting", args=[met.meeting.b2b_id, met.meeting.pk])

    matchmaker = _organiser(first, "matchmaking")
    client.force_login(matchmaker)
    trace = client.get(url).context["trace"]
    html = client.get(url).content.decode()
    client.force_login(_organiser(first, "matchmaking", "outcomes"))
    both = client.get(url).context["trace"]

    assert trace["request"] == met.meeting.request
    assert [(r.rater.profile.organisation.name, r.value) for r in trace["ratings"]] == [
        ("Cangzhou Valves", "cooperation"),
        ("Gdansk Pumps", "informative"),
    ]
    assert [(i["outcome"], i["link"]) for i in trace["outcomes"]] == [(outcome, "")]
    assert "Cangzhou Valves asked Gdansk Pumps to meet." in html
    assert [i["link"] for i in both["outcomes"]] == [_change_url(outcome)]
