"""Editions through the back office: written by domain functions, audited, refusals shown."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape

from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Edition, EditionCountry
from smeforum.reference.domain.mechanisms import record_membership
from tests.backoffice.forms import changeform_data
from tests.factories import (
    CityFactory,
    EditionFactory,
    MechanismFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.integration

ADD_URL = reverse("admin:forums_edition_add")


def _change_url(edition: Edition) -> str:
    return reverse("admin:forums_edition_change", args=[edition.pk])


def _new_edition_data(client, series, **changes) -> dict:
    data = changeform_data(
        client.get(ADD_URL),
        series=str(series.pk),
        number="9",
        start_date="2025-11-06",
        end_date="2025-11-07",
        host_city=str(series.host_city.pk),
        venue="Cangzhou International Convention Centre",
    )
    data.update(changes)
    return data


def test_add_edition_creates_it_and_audits_it(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()

    # Act
    response = client.post(ADD_URL, _new_edition_data(client, series))

    # Assert
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert (edition.series, edition.number, edition.start_date, edition.end_date) == (
        series,
        9,
        dt.date(2025, 11, 6),
        dt.date(2025, 11, 7),
    )
    entry = AuditEntry.objects.get(action="forums.edition.created")
    assert (entry.actor, entry.object_id, entry.content_type) == (
        staff_user,
        str(edition.pk),
        ContentType.objects.get_for_model(Edition),
    )
    assert entry.after["venue"] == "Cangzhou International Convention Centre"


def test_change_edition_audits_before_and_after_of_the_changed_field(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    edition = EditionFactory(venue="Old hall")
    url = _change_url(edition)
    data = changeform_data(client.get(url), venue="New hall")

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.venue == "New hall"
    entry = AuditEntry.objects.get(action="forums.edition.changed")
    assert (entry.actor, entry.changed_fields()) == (staff_user, ["venue"])
    assert (entry.before["venue"], entry.after["venue"]) == ("Old hall", "New hall")


def test_add_edition_ending_before_it_starts_shows_the_error_and_creates_nothing(
    client, staff_user
):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()
    data = _new_edition_data(client, series, start_date="2025-11-08", end_date="2025-11-01")

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 200
    assert (
        escape("The end date (2025-11-01) is before the start date (2025-11-08).")
        in response.content.decode()
    )
    assert (Edition.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_add_theme_inline_is_written_and_audited(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    edition = EditionFactory()
    url = _change_url(edition)
    data = changeform_data(
        client.get(url),
        **{
            "themes-TOTAL_FORMS": "1",
            "themes-0-text_en": "Digital empowerment for SMEs",
            "themes-0-is_primary": "on",
        },
    )

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    theme = edition.themes.get()
    assert (theme.text_en, theme.is_primary) == ("Digital empowerment for SMEs", True)
    entry = AuditEntry.objects.get(action="forums.editiontheme.created")
    assert (entry.actor, entry.object_id) == (staff_user, str(theme.pk))


def test_inline_refused_by_the_domain_is_shown_and_nothing_is_saved(client, staff_user):
    # Arrange: a series without a mechanism, so no country can be a member of its editions;
    # on a new edition the inline row is only checked when the domain writes it.
    client.force_login(staff_user)
    series = SeriesFactory(mechanism=None)
    data = _new_edition_data(
        client,
        series,
        **{
            "countries-TOTAL_FORMS": "1",
            "countries-0-country": "PL",
            "countries-0-role": "member",
        },
    )

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 200
    assert (
        escape("The series has no cooperation mechanism, so no country is a member.")
        in response.content.decode()
    )
    assert (Edition.objects.count(), EditionCountry.objects.count()) == (0, 0)
    assert AuditEntry.objects.count() == 0


def test_apply_default_country_roles_action_adds_host_and_members(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    mechanism = MechanismFactory()
    for country, joined, left in [
        ("PL", dt.date(2012, 4, 26), None),
        ("HU", dt.date(2012, 4, 26), None),
        ("LT", dt.date(2012, 4, 26), dt.date(2021, 5, 22)),
        ("GR", dt.date(2019, 4, 12), None),
    ]:
        record_membership(mechanism, country=country, joined_on=joined, left_on=left)
    series = SeriesFactory(host_city=CityFactory(), mechanism=mechanism)
    edition = EditionFactory(series=series, start_date=dt.date(2024, 11, 7))
    url = reverse("admin:forums_edition_changelist")

    # Act
    response = client.post(
        url,
        {"action": "apply_default_country_roles_action", "_selected_action": [edition.pk]},
        follow=True,
    )

    # Assert
    assert response.status_code == 200
    roles = set(edition.countries.values_list("country", "role"))
    assert roles == {("CN", "host"), ("GR", "member"), ("HU", "member"), ("PL", "member")}
    assert [str(m) for m in response.context["messages"]] == [f"{edition}: added 4 country roles."]
    entries = AuditEntry.objects.filter(action="forums.editioncountry.defaulted")
    assert sorted(e.after["country"] for e in entries) == ["CN", "GR", "HU", "PL"]
    assert {e.actor for e in entries} == {staff_user}
