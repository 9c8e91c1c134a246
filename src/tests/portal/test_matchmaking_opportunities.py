"""The participant's organisation's opportunities: the list (every status, the organisers'
notes), writing one, submitting and withdrawing it; other organisations' opportunities stay out
of reach (404)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from smeforum.accounts.domain.roles import link_person_account
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import (
    reject_opportunity,
    save_opportunity,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.matchmaking.factories import make_opportunity, make_profile, make_published

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = "/my/matchmaking/opportunities/"
NEW = "/my/matchmaking/opportunities/new/"
Status = Opportunity.Status


@pytest.fixture
def me(client):
    """A signed-in participant of Srbija Export (which has a profile), registered for an
    edition; and another organisation's opportunity at the same edition."""
    organisation = OrganisationFactory(name="Srbija Export d.o.o.", country="RS")
    person = PersonFactory(name="Ana Alpha", organisation=organisation)
    edition = EditionFactory()
    RegistrationFactory(edition=edition, person=person)
    user = UserFactory(username="ana")
    link_person_account(person, user=user)
    client.force_login(user)
    profile = make_profile(organisation, description_language="sr")
    foreign = make_opportunity(
        make_profile(OrganisationFactory(name="Magyar Kft.")), edition=edition, title="Theirs"
    )
    return SimpleNamespace(
        organisation=organisation,
        person=person,
        edition=edition,
        user=user,
        profile=profile,
        foreign=foreign,
    )


def _edit_url(opportunity) -> str:
    return reverse("portal:opportunity", kwargs={"opportunity_id": opportunity.pk})


def _move_url(opportunity, move: str) -> str:
    return reverse(f"portal:opportunity_{move}", kwargs={"opportunity_id": opportunity.pk})


def _data(edition, **fields) -> dict:
    data = {
        "forum": f"edition:{edition.pk}",
        "kind": "business_offer",
        "title": "Power cables",
        "summary": "",
        "language": "en",
        "sectors": "",
        "keywords": "",
        "target_countries": "",
        "technology_readiness": "",
        "expires_on": "",
        "snapshot": "",
    }
    data.update(fields)
    return data


def test_the_pages_live_under_my(me):
    assert reverse("portal:opportunities") == LIST
    assert reverse("portal:opportunity_new") == NEW
    assert _edit_url(me.foreign) == f"{LIST}{me.foreign.pk}/"
    assert _move_url(me.foreign, "submit") == f"{LIST}{me.foreign.pk}/submit/"
    assert _move_url(me.foreign, "withdraw") == f"{LIST}{me.foreign.pk}/withdraw/"


@pytest.mark.parametrize("url", [LIST, NEW])
def test_anonymous_callers_are_sent_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_anonymous_posts_change_nothing(client, me):
    client.logout()

    response = client.post(_move_url(me.foreign, "withdraw"))

    assert response.status_code == 302
    me.foreign.refresh_from_db()
    assert me.foreign.status == Status.DRAFT


@pytest.mark.parametrize("url", [LIST, NEW])
def test_without_a_person_the_pages_are_not_found(client, url):
    client.force_login(UserFactory())

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [LIST, NEW])
def test_without_an_organisation_a_message_says_so(client, url):
    user = UserFactory()
    link_person_account(PersonFactory(organisation=None), user=user)
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 200
    assert "has no organisation" in response.content.decode()


@pytest.mark.parametrize("url", [LIST, NEW])
def test_without_a_profile_they_are_asked_to_create_it_first(client, url):
    user = UserFactory()
    link_person_account(PersonFactory(organisation=OrganisationFactory()), user=user)
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 200
    body = response.content.decode()
    assert "has no matchmaking profile yet" in body
    assert reverse("portal:matchmaking_profile") in body


def test_the_list_shows_every_status_and_the_note_of_a_rejection(client, me):
    draft = make_opportunity(me.profile, edition=me.edition, title="A draft")
    rejected = make_opportunity(me.profile, edition=me.edition, title="Rejected one")
    reject_opportunity(submit_opportunity(rejected), note="Too vague; name the products.")
    published = make_published(me.profile, edition=me.edition, title="Published one")
    withdrawn = withdraw_opportunity(
        make_opportunity(me.profile, edition=me.edition, title="Withdrawn one")
    )
    submitted = submit_opportunity(
        make_opportunity(me.profile, edition=me.edition, title="Submitted one")
    )

    response = client.get(LIST)

    assert response.status_code == 200
    rows = list(response.context["rows"])
    assert {row.pk: row.status for row in rows} == {
        draft.pk: Status.DRAFT,
        rejected.pk: Status.REJECTED,
        published.pk: Status.PUBLISHED,
        withdrawn.pk: Status.WITHDRAWN,
        submitted.pk: Status.SUBMITTED,
    }
    body = response.content.decode()
    assert "Too vague; name the products." in body
    assert "Theirs" not in body
    assert _move_url(draft, "submit") in body
    assert _move_url(submitted, "submit") not in body
    assert _move_url(withdrawn, "withdraw") not in body
    assert _move_url(published, "withdraw") in body


def test_list_query_count_does_not_grow_with_rows(client, me, django_assert_max_num_queries):
    for n in range(2):
        make_opportunity(me.profile, edition=me.edition, title=f"Few {n}", sectors=("C", "27"))
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for n in range(8):
        make_opportunity(me.profile, edition=me.edition, title=f"More {n}", sectors=("C", "27"))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)

    assert len(response.context["rows"]) == 10


def test_the_new_form_offers_the_edition_and_its_series(client, me):
    response = client.get(NEW)

    form = response.context["form"]
    assert [value for value, _label in form.fields["forum"].choices] == [
        "",
        f"edition:{me.edition.pk}",
        f"series:{me.edition.series_id}",
    ]
    assert form.initial["language"] == "sr"


def test_a_new_opportunity_is_stored_as_a_draft(client, me):
    response = client.post(
        NEW,
        _data(
            me.edition,
            kind="technology_offer",
            title="Cable insulation",
            summary="A new insulation for power cables.",
            language="EN",
            sectors="27, C",
            keywords="insulation, cables",
            partnerships=["licensing", "technical_cooperation"],
            target_countries="cn hu",
            technology_readiness="7",
            expires_on="2027-06-30",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    opportunity = Opportunity.objects.get(profile=me.profile)
    assert (
        opportunity.kind,
        opportunity.title,
        opportunity.summary,
        opportunity.language,
        opportunity.keywords,
        opportunity.partnerships,
        opportunity.target_countries,
        opportunity.technology_readiness,
        opportunity.expires_on,
        opportunity.edition,
        opportunity.series,
        opportunity.status,
    ) == (
        "technology_offer",
        "Cable insulation",
        "A new insulation for power cables.",
        "en",
        "insulation, cables",
        ["licensing", "technical_cooperation"],
        ["CN", "HU"],
        7,
        dt.date(2027, 6, 30),
        me.edition,
        me.edition.series,
        Status.DRAFT,
    )
    assert sorted(opportunity.sectors.values_list("code", flat=True)) == ["27", "C"]
    entry = AuditEntry.objects.filter(action="matchmaking.opportunity.created").latest("pk")
    assert (entry.actor, entry.object_id) == (me.user, str(opportunity.pk))


def test_an_opportunity_for_the_whole_series_has_no_edition(client, me):
    client.post(NEW, _data(me.edition, forum=f"series:{me.edition.series_id}"))

    opportunity = Opportunity.objects.get(profile=me.profile)
    assert (opportunity.series, opportunity.edition) == (me.edition.series, None)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"technology_readiness": "5"}, "technology_readiness"),  # a business offer
        ({"kind": "rd_request", "technology_readiness": "12"}, "technology_readiness"),
        ({"target_countries": "CN, XX"}, "target_countries"),
        ({"sectors": "27, 999"}, "sectors"),
        ({"language": "xx"}, "language"),
        ({"title": ""}, "title"),
        ({"partnerships": ["smuggling"]}, "partnerships"),
    ],
)
def test_errors_show_at_their_field_and_nothing_is_stored(client, me, fields, field):
    response = client.post(NEW, _data(me.edition, summary="Typed text", **fields))

    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert form["summary"].value() == "Typed text"
    assert not Opportunity.objects.filter(profile=me.profile).exists()


def test_an_edition_the_organisation_has_nothing_to_do_with_is_refused(client, me):
    elsewhere = EditionFactory()

    response = client.post(NEW, _data(elsewhere))

    assert list(response.context["form"].errors) == ["forum"]
    assert not Opportunity.objects.filter(profile=me.profile).exists()


def test_editing_a_published_opportunity_sends_it_back_to_review(client, me):
    published = make_published(me.profile, edition=me.edition, title="Cables", sectors=("27",))
    version = published.version
    page = client.get(_edit_url(published))
    form = page.context["form"]
    assert (form.initial["title"], form.initial["sectors"], form.initial["forum"]) == (
        "Cables",
        ["27"],
        f"edition:{me.edition.pk}",
    )
    assert "goes back to the organisers" in page.content.decode()

    response = client.post(
        _edit_url(published),
        _data(me.edition, title="Power cables", sectors="27", snapshot=form.initial["snapshot"]),
    )

    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.title, published.status, published.version) == (
        "Power cables",
        Status.SUBMITTED,
        version + 1,
    )


def test_a_change_made_meanwhile_is_not_overwritten_and_nothing_typed_is_lost(client, me):
    opportunity = make_opportunity(me.profile, edition=me.edition, title="Cables")
    token = client.get(_edit_url(opportunity)).context["form"].initial["snapshot"]
    organiser = UserFactory(username="organiser")
    opportunity.title = "Cables (corrected)"
    save_opportunity(opportunity, by_owner=False, actor=organiser)

    response = client.post(
        _edit_url(opportunity), _data(me.edition, title="My title", snapshot=token)
    )

    assert response.status_code == 409
    form = response.context["form"]
    [error] = form.non_field_errors()
    assert "organiser" in error
    assert form["title"].value() == "My title"
    assert response.context["stored"].title == "Cables (corrected)"
    opportunity.refresh_from_db()
    assert opportunity.title == "Cables (corrected)"


def test_submit_and_withdraw(client, me):
    opportunity = make_opportunity(me.profile, edition=me.edition)

    assert client.post(_move_url(opportunity, "submit")).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED

    assert client.post(_move_url(opportunity, "withdraw")).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.WITHDRAWN
    actions = list(
        AuditEntry.objects.filter(object_id=str(opportunity.pk), actor=me.user)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["matchmaking.opportunity.submitted", "matchmaking.opportunity.withdrawn"]


def test_a_move_the_status_does_not_allow_is_explained(client, me):
    opportunity = submit_opportunity(make_opportunity(me.profile, edition=me.edition))

    response = client.post(_move_url(opportunity, "submit"))

    assert response.status_code == 400
    assert response.context["errors"] == ["A submitted opportunity cannot be submitted."]
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


@pytest.mark.parametrize("move", ["submit", "withdraw"])
def test_moves_are_posted(client, me, move):
    opportunity = make_opportunity(me.profile, edition=me.edition)

    assert client.get(_move_url(opportunity, move)).status_code == 405


def test_another_organisations_opportunity_is_not_found(client, me):
    assert client.get(_edit_url(me.foreign)).status_code == 404


@pytest.mark.parametrize("move", ["submit", "withdraw"])
def test_another_organisations_opportunity_cannot_be_moved(client, me, move):
    assert client.get(_move_url(me.foreign, move)).status_code == 404
    assert client.post(_move_url(me.foreign, move)).status_code == 404

    me.foreign.refresh_from_db()
    assert me.foreign.status == Status.DRAFT


def test_another_organisations_opportunity_cannot_be_edited(client, me):
    response = client.post(_edit_url(me.foreign), _data(me.edition, title="Hijacked"))

    assert response.status_code == 404
    me.foreign.refresh_from_db()
    assert me.foreign.title == "Theirs"


def test_stored_text_is_escaped(client, me):
    payload = '<script>alert("xss")</script>'
    opportunity = make_opportunity(me.profile, edition=me.edition, title=f"Cables {payload}")
    reject_opportunity(submit_opportunity(opportunity), note=f"Why {payload}")

    for url in (LIST, _edit_url(opportunity)):
        body = client.get(url).content.decode()
        assert payload not in body, url
        assert "&lt;script&gt;" in body, url
