import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.forums.domain.editions import (
    add_organiser,
    add_theme,
    apply_default_country_roles,
    save_edition,
    save_series,
    set_country_role,
)
from smeforum.forums.models import Edition, EditionCountry, EditionTheme, ForumSeries
from tests.factories import (
    CityFactory,
    EditionFactory,
    OrganisationFactory,
    SeriesFactory,
    SourceFactory,
)
from tests.reference.ceec import MEMBERS_ON_2023_11_13

pytestmark = pytest.mark.unit


def _edition(series: ForumSeries, **fields) -> Edition:
    values = {
        "series": series,
        "number": 8,
        "start_date": dt.date(2024, 11, 7),
        "end_date": dt.date(2024, 11, 8),
        "host_city": series.host_city,
    }
    values.update(fields)
    return Edition(**values)


# --- series and editions -------------------------------------------------------------------


def test_save_series_saved_and_audited(staff_user):
    # Arrange
    series = ForumSeries(slug="cangzhou", name_en="Cangzhou SME Forum", host_city=CityFactory())

    # Act
    save_series(series, actor=staff_user)

    # Assert
    assert ForumSeries.objects.get().slug == "cangzhou"
    assert AuditEntry.objects.get().action == "forums.forumseries.created"


def test_save_edition_valid_edition_saved_and_audited(staff_user):
    # Arrange
    edition = _edition(SeriesFactory())

    # Act
    save_edition(edition, actor=staff_user)

    # Assert
    stored = Edition.objects.get()
    assert (stored.number, stored.start_date, stored.end_date) == (
        8,
        dt.date(2024, 11, 7),
        dt.date(2024, 11, 8),
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "forums.edition.created"
    assert entry.after["start_date"] == "2024-11-07"


def test_save_edition_one_day_edition_accepted(db):
    # Arrange
    edition = _edition(SeriesFactory(), end_date=dt.date(2024, 11, 7))

    # Act
    save_edition(edition)

    # Assert
    assert Edition.objects.get().end_date == dt.date(2024, 11, 7)


def test_save_edition_end_before_start_refused_on_end_date(db):
    # Arrange
    edition = _edition(
        SeriesFactory(), start_date=dt.date(2024, 11, 7), end_date=dt.date(2024, 11, 6)
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_edition(edition)

    # Assert
    assert excinfo.value.message_dict == {
        "end_date": ["The end date (2024-11-06) is before the start date (2024-11-07)."]
    }
    assert Edition.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_save_edition_duplicate_number_in_series_refused(db):
    # Arrange
    series = SeriesFactory()
    save_edition(_edition(series, number=8))
    duplicate = _edition(
        series, number=8, start_date=dt.date(2025, 11, 7), end_date=dt.date(2025, 11, 8)
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_edition(duplicate)

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["This series already has an edition with this number."]
    }
    assert Edition.objects.count() == 1


def test_save_edition_same_number_in_another_series_accepted(db):
    # Arrange
    save_edition(_edition(SeriesFactory(), number=8))
    other_series = SeriesFactory()

    # Act
    save_edition(_edition(other_series, number=8))

    # Assert
    assert list(Edition.objects.values_list("number", flat=True)) == [8, 8]


def test_save_edition_invalid_time_zone_refused(db):
    # Arrange
    edition = _edition(SeriesFactory(), time_zone="Asia/Cangzhou")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_edition(edition)

    # Assert
    assert excinfo.value.message_dict == {
        "time_zone": ["“Asia/Cangzhou” is not an IANA time zone (e.g. Asia/Shanghai)."]
    }


def test_save_edition_changed_dates_logged_with_before_and_after(db):
    # Arrange
    edition = save_edition(_edition(SeriesFactory()))
    edition = Edition.objects.get(pk=edition.pk)
    edition.end_date = dt.date(2024, 11, 9)

    # Act
    save_edition(edition)

    # Assert
    entry = AuditEntry.objects.get(action="forums.edition.changed")
    assert entry.changed_fields() == ["end_date"]
    assert (entry.before["end_date"], entry.after["end_date"]) == ("2024-11-08", "2024-11-09")


# --- themes and organisers -----------------------------------------------------------------


def test_add_theme_two_themes_from_two_sources_both_kept(db):
    # Arrange
    edition = EditionFactory()
    xinhua = SourceFactory(publisher="Xinhua")
    prn = SourceFactory(publisher="PR Newswire")

    # Act
    add_theme(edition, text_en="Deepening Cooperation and Sharing Opportunities", source=xinhua)
    add_theme(edition, text_en="Cooperation for Win-Win Development", source=prn)

    # Assert
    assert sorted(edition.themes.values_list("source__publisher", "text_en")) == [
        ("PR Newswire", "Cooperation for Win-Win Development"),
        ("Xinhua", "Deepening Cooperation and Sharing Opportunities"),
    ]


def test_add_theme_second_primary_theme_refused(db):
    # Arrange
    edition = EditionFactory()
    add_theme(edition, text_en="Deepening Cooperation", source=SourceFactory(), is_primary=True)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_theme(edition, text_en="Sharing Opportunities", source=SourceFactory(), is_primary=True)

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["An edition has one primary theme."]}
    assert EditionTheme.objects.count() == 1


def test_add_theme_primary_themes_of_two_editions_accepted(db):
    # Arrange
    first = EditionFactory()
    second = EditionFactory(series=first.series)
    add_theme(first, text_en="Deepening Cooperation", is_primary=True)

    # Act
    add_theme(second, text_en="Deepening Cooperation", is_primary=True)

    # Assert
    assert EditionTheme.objects.filter(is_primary=True).count() == 2


def test_add_theme_same_text_from_same_source_refused(db):
    # Arrange
    edition = EditionFactory()
    source = SourceFactory()
    add_theme(edition, text_en="Deepening Cooperation", source=source)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_theme(edition, text_en="Deepening Cooperation", source=source)

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["This theme is already recorded for this source."]
    }


def test_add_organiser_same_role_twice_refused(db):
    # Arrange
    edition = EditionFactory()
    organisation = OrganisationFactory(country="CN")
    add_organiser(edition, organisation=organisation, role="host")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_organiser(edition, organisation=organisation, role="host")

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["This organisation already has this role in this edition."]
    }


def test_add_organiser_second_role_of_same_organisation_accepted(db):
    # Arrange
    edition = EditionFactory()
    organisation = OrganisationFactory(country="CN")
    add_organiser(edition, organisation=organisation, role="host")

    # Act
    add_organiser(edition, organisation=organisation, role="supporter")

    # Assert
    assert sorted(edition.organisers.values_list("role", flat=True)) == ["host", "supporter"]


# --- country roles -------------------------------------------------------------------------


def test_set_country_role_host_country_as_host_accepted(edition_2023):
    # Act
    entry = set_country_role(edition_2023, country="CN", role="host")

    # Assert
    assert (entry.country, entry.role) == ("CN", "host")


def test_set_country_role_host_outside_host_city_country_refused(edition_2023):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_country_role(edition_2023, country="PL", role="host")

    # Assert
    assert excinfo.value.message_dict == {
        "role": ["Poland cannot be host: the host city is in China."]
    }
    assert EditionCountry.objects.count() == 0


def test_set_country_role_host_country_as_observer_refused(edition_2023):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_country_role(edition_2023, country="CN", role="observer")

    # Assert
    assert excinfo.value.message_dict == {
        "role": ["China is the host country; its role is “host”."]
    }


def test_set_country_role_member_on_start_date_accepted(edition_2023):
    # Act
    entry = set_country_role(edition_2023, country="GR", role="member")

    # Assert
    assert EditionCountry.objects.get() == entry
    assert entry.role == "member"


def test_set_country_role_former_member_as_member_refused(edition_2023):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_country_role(edition_2023, country="LT", role="member")

    # Assert
    assert excinfo.value.message_dict == {
        "role": ["Lithuania was not a member of China–CEEC Cooperation on 2023-11-13."]
    }
    assert EditionCountry.objects.count() == 0


def test_set_country_role_member_before_leaving_accepted(cangzhou_series):
    # Arrange
    edition = EditionFactory(
        series=cangzhou_series, start_date=dt.date(2019, 11, 9), end_date=dt.date(2019, 11, 10)
    )

    # Act
    entry = set_country_role(edition, country="LT", role="member")

    # Assert
    assert entry.role == "member"


def test_set_country_role_member_as_observer_refused(edition_2023):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_country_role(edition_2023, country="PL", role="observer")

    # Assert
    assert excinfo.value.message_dict == {
        "role": [
            "Poland was a member of China–CEEC Cooperation on 2023-11-13, so it cannot be observer."
        ]
    }


def test_set_country_role_non_member_as_observer_accepted(edition_2023):
    # Act
    entry = set_country_role(edition_2023, country="GE", role="observer")

    # Assert
    assert list(EditionCountry.objects.values_list("country", "role")) == [("GE", "observer")]
    assert entry.pk is not None


def test_set_country_role_member_without_mechanism_refused(db):
    # Arrange
    edition = EditionFactory()

    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_country_role(edition, country="PL", role="member")

    # Assert
    assert excinfo.value.message_dict == {
        "role": ["The series has no cooperation mechanism, so no country is a member."]
    }


def test_set_country_role_twice_replaces_the_role(edition_2023):
    # Arrange
    source = SourceFactory()
    set_country_role(edition_2023, country="GE", role="observer", source=source, note="Envoy")

    # Act
    set_country_role(edition_2023, country="GE", role="guest")

    # Assert
    assert list(EditionCountry.objects.values_list("country", "role", "source", "note")) == [
        ("GE", "guest", source.pk, "Envoy")
    ]
    actions = AuditEntry.objects.filter(action__startswith="forums.editioncountry")
    assert list(actions.order_by("id").values_list("action", flat=True)) == [
        "forums.editioncountry.created",
        "forums.editioncountry.changed",
    ]


def test_apply_default_country_roles_gives_host_and_members_on_start_date(edition_2023):
    # Act
    created = apply_default_country_roles(edition_2023)

    # Assert
    assert [(e.country, e.role) for e in created] == [("CN", "host")] + [
        (code, "member") for code in MEMBERS_ON_2023_11_13
    ]
    assert EditionCountry.objects.filter(edition=edition_2023).count() == 15
    assert AuditEntry.objects.filter(action="forums.editioncountry.defaulted").count() == 15


def test_apply_default_country_roles_second_call_adds_nothing(edition_2023):
    # Arrange
    apply_default_country_roles(edition_2023)

    # Act
    created = apply_default_country_roles(edition_2023)

    # Assert
    assert created == []
    assert EditionCountry.objects.filter(edition=edition_2023).count() == 15
    assert AuditEntry.objects.filter(action="forums.editioncountry.defaulted").count() == 15


def test_apply_default_country_roles_leaves_existing_roles_alone(edition_2023):
    # Arrange
    set_country_role(edition_2023, country="PL", role="member", note="Ministry delegation")
    set_country_role(edition_2023, country="GE", role="observer")

    # Act
    created = apply_default_country_roles(edition_2023)

    # Assert
    assert "PL" not in [e.country for e in created]
    assert len(created) == 14
    assert EditionCountry.objects.get(edition=edition_2023, country="PL").note == (
        "Ministry delegation"
    )
    assert EditionCountry.objects.get(edition=edition_2023, country="GE").role == "observer"


def test_apply_default_country_roles_without_mechanism_gives_only_host(db):
    # Arrange
    edition = EditionFactory()

    # Act
    created = apply_default_country_roles(edition)

    # Assert
    assert [(e.country, e.role) for e in created] == [("CN", "host")]
