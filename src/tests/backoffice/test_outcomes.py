"""Outcomes through the back office: recorded and re-dated by the domain functions, their
status history kept, sister-city refusals shown on the form, lists without N+1 queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from smeforum.audit.models import AuditEntry
from smeforum.outcomes.domain.outcomes import (
    add_amount,
    add_party,
    record_outcome,
    set_outcome_fields,
)
from smeforum.outcomes.models import Outcome, OutcomeStatusChange, SisterCityLink
from smeforum.reference.models import CooperationField, OutcomeKind, Sector
from tests.backoffice.forms import changeform_data
from tests.factories import CityFactory, EditionFactory, OrganisationFactory, SeriesFactory

pytestmark = pytest.mark.integration

ADD_URL = reverse("admin:outcomes_outcome_add")
CHANGELIST_URL = reverse("admin:outcomes_outcome_changelist")


def _change_url(outcome: Outcome) -> str:
    return reverse("admin:outcomes_outcome_change", args=[outcome.pk])


def _kind(slug: str) -> OutcomeKind:
    return OutcomeKind.objects.get(slug=slug)


def _outcome(series=None, *, kind: str = "cooperation_project", **kwargs) -> Outcome:
    kwargs.setdefault("title", "沧州—克拉科夫管件厂")
    kwargs.setdefault("title_en", "Cangzhou–Kraków pipe fittings plant")
    kwargs.setdefault("signed_on", dt.date(2023, 6, 8))
    return record_outcome(series or SeriesFactory(), kind=_kind(kind), **kwargs)


def _history(outcome: Outcome) -> list[tuple[str, dt.date]]:
    return list(
        OutcomeStatusChange.objects.filter(outcome=outcome)
        .order_by("on", "id")
        .values_list("status", "on")
    )


def _actions(actor) -> list[str]:
    """The audit actions written by ``actor`` (the arranged data is written by no one)."""
    return sorted(AuditEntry.objects.filter(actor=actor).values_list("action", flat=True))


# The list


def test_changelist_shows_amounts_as_entered_and_between_editions(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()
    add_amount(outcome, amount=Decimal("4744000000"), currency="CNY")

    # Act
    response = client.get(CHANGELIST_URL)

    # Assert
    content = response.content.decode()
    assert response.status_code == 200
    assert ("4,744,000,000.00 CNY" in content, "between editions" in content) == (True, True)


def _outcome_row(index: int) -> None:
    edition = EditionFactory()
    outcome = _outcome(edition.series, edition=edition, title=f"Project {index}")
    add_amount(outcome, amount=Decimal("1000000"), currency="EUR")
    add_amount(outcome, amount=Decimal("250000"), currency="EUR", amount_kind="realised")
    add_party(outcome, organisation=OrganisationFactory(country="CN"), country="CN")
    set_outcome_fields(outcome, fields=CooperationField.objects.filter(slug="general_aviation"))


def test_changelist_query_count_does_not_grow_with_rows(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    client.get(CHANGELIST_URL)  # warm the caches (content types, session)
    counts = {}
    created = 0

    # Act
    for item_count in (1, 3):
        while created < item_count:
            _outcome_row(created)
            created += 1
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST_URL)
        assert response.status_code == 200
        counts[item_count] = len(queries)

    # Assert
    assert Outcome.objects.count() == 3
    assert counts[1] == counts[3]


def test_changelist_finds_an_outcome_by_party_name(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    found = _outcome(title_en="Pipe fittings plant")
    add_party(
        found, organisation=OrganisationFactory(name="Hebei Steel Co", country="CN"), country="CN"
    )
    _outcome(title="Other", title_en="Logistics hub")

    # Act
    response = client.get(CHANGELIST_URL, {"q": "Hebei Steel"})

    # Assert
    assert list(response.context["cl"].result_list) == [found]


# Adding and changing


def test_add_outcome_records_it_with_its_first_status_entry(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()
    organisation = OrganisationFactory(name="Hebei Steel Co", country="CN")
    data = changeform_data(
        client.get(ADD_URL),
        **{
            "kind": str(_kind("cooperation_project").pk),
            "title": "沧州—克拉科夫管件厂",
            "title_en": "Cangzhou–Kraków pipe fittings plant",
            "series": str(series.pk),
            "signed_on": "2023-06-08",
            "status": "signed",
            "fields": [str(CooperationField.objects.get(slug="general_aviation").pk)],
            "parties-TOTAL_FORMS": "1",
            "parties-0-role": "chinese_party",
            "parties-0-organisation": str(organisation.pk),
            "parties-0-country": "CN",
            "amounts-TOTAL_FORMS": "1",
            "amounts-0-amount": "4744000000",
            "amounts-0-currency": "CNY",
            "amounts-0-amount_kind": "contractual",
        },
    )

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.series, outcome.title_en, outcome.status) == (
        series,
        "Cangzhou–Kraków pipe fittings plant",
        "signed",
    )
    assert _history(outcome) == [("signed", dt.date(2023, 6, 8))]
    assert list(outcome.fields.values_list("slug", flat=True)) == ["general_aviation"]
    assert list(outcome.amounts.values_list("amount", "currency")) == [
        (Decimal("4744000000.00"), "CNY")
    ]
    assert [p.organisation for p in outcome.parties.all()] == [organisation]
    assert _actions(staff_user) == [
        "outcomes.outcome.created",
        "outcomes.outcome.fields_changed",
        "outcomes.outcomeamount.created",
        "outcomes.outcomeparty.created",
        "outcomes.outcomestatuschange.created",
    ]
    assert set(AuditEntry.objects.values_list("actor", flat=True)) == {staff_user.pk}


def test_changing_the_status_in_the_form_adds_a_history_entry_dated_today(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()
    data = changeform_data(client.get(_change_url(outcome)), status="under_way", note="Built.")

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.status, outcome.note) == ("under_way", "Built.")
    assert _history(outcome) == [
        ("signed", dt.date(2023, 6, 8)),
        ("under_way", timezone.localdate()),
    ]
    assert _actions(staff_user) == [
        "outcomes.outcome.changed",
        "outcomes.outcome.status_changed",
        "outcomes.outcomestatuschange.created",
    ]
    status_entry = AuditEntry.objects.get(action="outcomes.outcome.status_changed")
    assert (status_entry.before["status"], status_entry.after["status"]) == (
        "signed",
        "under_way",
    )


def test_changing_other_fields_leaves_the_history_alone(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()
    data = changeform_data(client.get(_change_url(outcome)), external_id="CZ-2023-017")

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.external_id, _history(outcome), _actions(staff_user)) == (
        "CZ-2023-017",
        [("signed", dt.date(2023, 6, 8))],
        ["outcomes.outcome.changed"],
    )


def test_status_history_is_shown_read_only(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()

    # Act
    response = client.get(_change_url(outcome))

    # Assert
    history = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is OutcomeStatusChange
    )
    assert (
        history.has_add_permission,
        history.has_change_permission,
        history.has_delete_permission,
        len(history.formset.forms),
    ) == (False, False, False, 1)
    content = response.content.decode()
    assert ("June 8, 2023" in content, 'name="status_history-0-status"' in content) == (
        True,
        False,
    )


# Actions


def test_mark_as_completed_action_changes_status_with_history(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcomes = [_outcome(title=f"Project {n}") for n in range(2)]
    done = _outcome(title="Already done", status="completed")

    # Act
    response = client.post(
        CHANGELIST_URL,
        {
            "action": "mark_completed",
            "_selected_action": [o.pk for o in [*outcomes, done]],
        },
    )

    # Assert
    assert response.status_code == 302
    assert [_history(o) for o in outcomes] == [
        [("signed", dt.date(2023, 6, 8)), ("completed", timezone.localdate())]
    ] * 2
    assert _history(done) == [("completed", dt.date(2023, 6, 8))]
    assert set(Outcome.objects.values_list("status", flat=True)) == {"completed"}
    assert (
        _actions(staff_user)
        == ["outcomes.outcome.status_changed"] * 2 + ["outcomes.outcomestatuschange.created"] * 2
    )


def test_mark_as_under_way_action(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()

    # Act
    response = client.post(
        CHANGELIST_URL, {"action": "mark_under_way", "_selected_action": [outcome.pk]}
    )

    # Assert
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.status, len(_history(outcome))) == ("under_way", 2)


# Sister-city links


def _sister_city_data(client, outcome, chinese_city, foreign_city) -> dict:
    return changeform_data(
        client.get(_change_url(outcome)),
        **{
            "sister_city_link-TOTAL_FORMS": "1",
            "sister_city_link-0-chinese_city": str(chinese_city.pk),
            "sister_city_link-0-foreign_city": str(foreign_city.pk),
            "sister_city_link-0-level": "city",
            "sister_city_link-0-stage": "signed",
            "sister_city_link-0-on": "2023-06-08",
        },
    )


def test_sister_city_link_is_added_to_a_sister_city_outcome(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome(kind="sister_city", title="沧州—克拉科夫")
    cangzhou = CityFactory()
    krakow = CityFactory(name="Kraków", name_zh="克拉科夫", country="PL")
    data = _sister_city_data(client, outcome, cangzhou, krakow)

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 302
    link = SisterCityLink.objects.get()
    assert (link.outcome, link.chinese_city, link.foreign_city, link.stage) == (
        outcome,
        cangzhou,
        krakow,
        "signed",
    )


def test_sister_city_link_in_one_country_is_a_form_error(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome(kind="sister_city", title="沧州—石家庄")
    audit_count = AuditEntry.objects.count()
    data = _sister_city_data(
        client, outcome, CityFactory(), CityFactory(name="Shijiazhuang", name_zh="石家庄")
    )

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 200
    assert (
        escape(
            "Cangzhou and Shijiazhuang are in the same country; a sister-city link joins two "
            "countries."
        )
        in response.content.decode()
    )
    assert (SisterCityLink.objects.count(), AuditEntry.objects.count()) == (0, audit_count)


def test_sister_city_link_with_a_chinese_city_outside_china_is_a_form_error(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome(kind="sister_city", title="克拉科夫—布达佩斯")
    data = _sister_city_data(
        client,
        outcome,
        CityFactory(name="Kraków", name_zh="克拉科夫", country="PL"),
        CityFactory(name="Budapest", name_zh="布达佩斯", country="HU"),
    )

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 200
    assert escape("Kraków is not in China.") in response.content.decode()
    assert SisterCityLink.objects.count() == 0


def test_sister_city_link_on_another_kind_of_outcome_is_a_form_error(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    outcome = _outcome()
    data = _sister_city_data(
        client, outcome, CityFactory(), CityFactory(name="Kraków", name_zh="克拉科夫", country="PL")
    )

    # Act
    response = client.post(_change_url(outcome), data)

    # Assert
    assert response.status_code == 200
    assert (
        escape("Only an outcome of the kind “sister-city relationship” has a sister-city link")
        in response.content.decode()
    )
    assert SisterCityLink.objects.count() == 0


# Kinds and fields organisers add


def test_new_outcome_kind_added_in_the_admin_is_offered_for_outcomes(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    add_url = reverse("admin:reference_outcomekind_add")
    data = changeform_data(
        client.get(add_url),
        name_en="investment promotion agreement",
        plural_en="investment promotion agreements",
        name_zh="投资促进协议",
        slug="investment_promotion",
        has_amount="on",
        order="95",
    )

    # Act
    response = client.post(add_url, data)
    form = client.get(ADD_URL).context["adminform"].form

    # Assert
    assert response.status_code == 302
    kind = OutcomeKind.objects.get(slug="investment_promotion")
    assert (kind.name_en, kind.has_amount, kind.order) == (
        "investment promotion agreement",
        True,
        95,
    )
    assert kind in form.fields["kind"].queryset
    assert _actions(staff_user) == ["reference.outcomekind.created"]


def test_outcome_of_a_new_kind_can_be_recorded(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    kind = OutcomeKind.objects.create(slug="fair_contract", name_en="trade fair contract")
    series = SeriesFactory()
    data = changeform_data(
        client.get(ADD_URL),
        kind=str(kind.pk),
        title="Trade fair contract",
        series=str(series.pk),
        status="signed",
    )

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.kind, _history(outcome)) == (kind, [("signed", timezone.localdate())])


def test_new_cooperation_field_with_sectors_is_audited(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    add_url = reverse("admin:reference_cooperationfield_add")
    data = changeform_data(
        client.get(add_url),
        name_en="pipe fittings",
        name_zh="管件",
        slug="pipe_fittings",
        sectors=[str(Sector.objects.get(code=code).pk) for code in ("25", "24")],
    )

    # Act
    response = client.post(add_url, data)

    # Assert
    assert response.status_code == 302
    field = CooperationField.objects.get(slug="pipe_fittings")
    assert sorted(field.sectors.values_list("code", flat=True)) == ["24", "25"]
    entry = AuditEntry.objects.get(action="reference.cooperationfield.sectors_changed")
    assert (entry.actor, entry.before, entry.after) == (
        staff_user,
        {"sectors": []},
        {"sectors": ["24", "25"]},
    )
    assert _actions(staff_user) == [
        "reference.cooperationfield.created",
        "reference.cooperationfield.sectors_changed",
    ]
