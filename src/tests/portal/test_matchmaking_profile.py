"""The participant's organisation's matchmaking profile page: creating and editing it,
errors at their fields, edit conflicts, and the editions it is confirmed for."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from smeforum.accounts.domain.roles import link_person_account
from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import confirm_profile_for_edition, save_profile
from smeforum.matchmaking.models import Profile
from smeforum.reference.models import Sector
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.matchmaking.factories import make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/my/matchmaking/profile/"


@pytest.fixture
def me(client):
    """A signed-in participant of Srbija Export, registered for an edition."""
    organisation = OrganisationFactory(name="Srbija Export d.o.o.", country="RS")
    person = PersonFactory(name="Ana Alpha", organisation=organisation)
    edition = EditionFactory()
    registration = RegistrationFactory(edition=edition, person=person)
    user = UserFactory(username="ana")
    link_person_account(person, user=user)
    client.force_login(user)
    return SimpleNamespace(
        organisation=organisation,
        person=person,
        edition=edition,
        registration=registration,
        user=user,
    )


def _post(client, **fields):
    data = {
        "description_original": "",
        "description_language": "",
        "description_en": "",
        "sectors": "",
        "size_class": "",
        "countries_of_interest": "",
        "languages": "",
        "snapshot": "",
    }
    data.update(fields)
    return client.post(URL, data)


def test_the_page_lives_under_my():
    assert reverse("portal:matchmaking_profile") == URL


def test_anonymous_callers_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_without_a_person_the_page_is_not_found(client):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 404


def test_without_an_organisation_a_message_says_so(client):
    user = UserFactory()
    link_person_account(PersonFactory(organisation=None), user=user)
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    assert "form" not in response.context
    assert "has no organisation" in response.content.decode()
    assert _post(client, description_en="Hello").status_code == 200
    assert Profile.objects.count() == 0


def test_an_organisation_without_a_profile_creates_it(client, me):
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["profile"] is None
    assert "has no matchmaking profile yet" in page.content.decode()

    response = _post(
        client,
        description_original="Izvozimo kablove.",
        description_language="SR",
        description_en="We export cables.",
        sectors="27, C",
        size_class="small",
        countries_of_interest="cn, hu",
        languages="sr en",
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    profile = Profile.objects.get(organisation=me.organisation)
    assert (
        profile.description_original,
        profile.description_language,
        profile.description_en,
        profile.size_class,
        profile.countries_of_interest,
        profile.languages,
        profile.version,
    ) == ("Izvozimo kablove.", "sr", "We export cables.", "small", ["CN", "HU"], ["sr", "en"], 1)
    assert sorted(profile.sectors.values_list("code", flat=True)) == ["27", "C"]
    entry = AuditEntry.objects.filter(action="matchmaking.profile.created").latest("pk")
    assert (entry.actor, entry.object_id) == (me.user, str(profile.pk))


def test_the_profile_opens_with_its_values_and_saves_changes(client, me):
    profile = make_profile(
        me.organisation,
        sectors=("27",),
        description_en="Cables.",
        countries_of_interest=["CN"],
        languages=["sr"],
    )

    form = client.get(URL).context["form"]

    assert form.initial["sectors"] == ["27"]
    assert form.initial["countries_of_interest"] == ["CN"]
    assert form.initial["snapshot"] == snapshot_token(profile)
    html = str(form["countries_of_interest"])
    assert 'value="CN"' in html

    response = _post(
        client,
        description_en="Power cables for the grid.",
        sectors="27 35",
        size_class="medium",
        countries_of_interest="CN, PL",
        languages="sr, en, zh",
        snapshot=form.initial["snapshot"],
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (
        profile.description_en,
        profile.size_class,
        profile.countries_of_interest,
        profile.languages,
        profile.version,
    ) == ("Power cables for the grid.", "medium", ["CN", "PL"], ["sr", "en", "zh"], 2)
    assert sorted(profile.sectors.values_list("code", flat=True)) == ["27", "35"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sectors": "27, ZZ"}, "sectors"),
        ({"countries_of_interest": "CN, XX"}, "countries_of_interest"),
        ({"languages": "en, xx"}, "languages"),
        ({"description_original": "Opis.", "description_language": ""}, "description_language"),
        ({"description_original": "Opis.", "description_language": "xyz"}, "description_language"),
        ({"size_class": "huge"}, "size_class"),
    ],
)
def test_errors_show_at_their_field_and_nothing_is_saved(client, me, fields, field):
    response = _post(client, description_en="Typed text", **fields)

    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert form["description_en"].value() == "Typed text"
    assert Profile.objects.count() == 0


def test_the_unknown_codes_are_named(client, me):
    response = _post(client, sectors="27, ZZ", description_en="x")

    assert response.context["form"].errors["sectors"] == [
        "Not NACE Rev. 2 codes: ZZ (e.g. C, 27, 46)."
    ]


def test_a_change_made_meanwhile_is_not_overwritten_and_nothing_typed_is_lost(client, me):
    profile = make_profile(me.organisation, description_en="Ours.")
    token = client.get(URL).context["form"].initial["snapshot"]
    organiser = UserFactory(username="organiser")
    profile.description_en = "Corrected by the organisers."
    save_profile(profile, sectors=Sector.objects.filter(code="C"), actor=organiser)

    response = _post(client, description_en="My new text.", sectors="27", snapshot=token)

    assert response.status_code == 409
    form = response.context["form"]
    [error] = form.non_field_errors()
    assert "organiser" in error
    assert (form["description_en"].value(), form["sectors"].value()) == ("My new text.", "27")
    assert response.context["stored"].description_en == "Corrected by the organisers."
    assert "Corrected by the organisers." in response.content.decode()
    profile.refresh_from_db()
    assert profile.description_en == "Corrected by the organisers."

    # Saving again, having seen their change, replaces it on purpose.
    again = _post(
        client, description_en="My new text.", sectors="27", snapshot=form["snapshot"].value()
    )

    assert again.status_code == 302
    profile.refresh_from_db()
    assert profile.description_en == "My new text."


def test_an_existing_profile_is_not_saved_without_a_token(client, me):
    profile = make_profile(me.organisation, description_en="Ours.")

    response = _post(client, description_en="Blind write.")

    assert response.status_code == 409
    profile.refresh_from_db()
    assert profile.description_en == "Ours."


def test_the_editions_it_is_confirmed_for_are_listed(client, me):
    profile = make_profile(me.organisation)
    confirmed = confirm_profile_for_edition(
        profile, edition=me.edition, attendees=[me.registration]
    )
    EditionFactory()  # an edition it is not confirmed for

    response = client.get(URL)

    assert list(response.context["confirmations"]) == [confirmed]
    assert str(me.edition) in response.content.decode()


def test_the_organisation_cannot_be_changed_from_the_form(client, me):
    other = OrganisationFactory(name="Other Kft.")

    _post(client, description_en="Ours.", organisation=str(other.pk))

    assert list(Profile.objects.values_list("organisation_id", flat=True)) == [me.organisation.pk]


def test_the_dashboard_links_the_profile_and_the_opportunities(client, me):
    body = client.get(reverse("portal:dashboard")).content.decode()

    assert f'href="{URL}"' in body
    assert f'href="{reverse("portal:opportunities")}"' in body


def test_stored_text_is_escaped(client, me):
    payload = '<script>alert("xss")</script>'
    profile = make_profile(me.organisation, description_en=f"Cables {payload}")
    token = snapshot_token(profile)
    profile.description_original = payload
    profile.description_language = "en"
    save_profile(profile, sectors=[])

    body = _post(client, description_en="Mine", snapshot=token).content.decode()

    assert payload not in body
    assert "&lt;script&gt;" in body
