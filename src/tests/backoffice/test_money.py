"""Manual exchange rates through the back office: recorded by the domain, one per currency and
day, listed without N+1 queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from smeforum.audit.models import AuditEntry
from smeforum.money.domain.rates import record_manual_rate
from smeforum.money.models import ManualRate
from tests.backoffice.forms import changeform_data
from tests.factories import SourceFactory

pytestmark = pytest.mark.integration

ADD_URL = reverse("admin:money_manualrate_add")
CHANGELIST_URL = reverse("admin:money_manualrate_changelist")


def _rate(day: int, **kwargs) -> ManualRate:
    kwargs.setdefault("source", SourceFactory(publisher="National Bank of Serbia"))
    return record_manual_rate(
        "RSD", on=dt.date(2024, 11, day), units_per_eur=Decimal("117.1"), **kwargs
    )


def test_changelist_shows_the_rate_with_its_source(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    _rate(6)

    # Act
    response = client.get(CHANGELIST_URL)

    # Assert
    content = response.content.decode()
    assert response.status_code == 200
    assert ("RSD" in content, "National Bank of Serbia" in content) == (True, True)


def test_changelist_query_count_does_not_grow_with_rows(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    client.get(CHANGELIST_URL)  # warm the caches (content types, session)
    counts = {}
    created = 0

    # Act
    for item_count in (1, 3):
        while created < item_count:
            created += 1
            _rate(created)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST_URL)
        assert response.status_code == 200
        counts[item_count] = len(queries)

    # Assert
    assert ManualRate.objects.count() == 3
    assert counts[1] == counts[3]


def test_add_rate_records_it_and_audits_it(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    source = SourceFactory(publisher="National Bank of Serbia")
    data = changeform_data(
        client.get(ADD_URL),
        currency="RSD",
        on="2024-11-06",
        units_per_eur="117.1",
        source=str(source.pk),
    )

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 302
    rate = ManualRate.objects.get()
    assert (rate.currency, rate.on, rate.units_per_eur, rate.source) == (
        "RSD",
        dt.date(2024, 11, 6),
        Decimal("117.10000000"),
        source,
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor) == ("money.manualrate.created", staff_user)


def test_second_rate_for_the_same_day_is_a_form_error(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    first = _rate(6)
    data = changeform_data(
        client.get(ADD_URL),
        currency="RSD",
        on="2024-11-06",
        units_per_eur="118",
        source=str(first.source.pk),
    )

    # Act
    response = client.post(ADD_URL, data)

    # Assert
    assert response.status_code == 200
    assert escape("This currency already has a rate on this date.") in response.content.decode()
    assert list(ManualRate.objects.values_list("units_per_eur", flat=True)) == [
        Decimal("117.10000000")
    ]
    assert AuditEntry.objects.filter(actor=staff_user).count() == 0
