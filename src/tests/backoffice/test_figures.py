"""Reported figures in the back office: their outcome kind, external id and the published
figures they are part of or convert."""

from decimal import Decimal

import pytest
from django.urls import reverse

from smeforum.audit.models import AuditEntry
from smeforum.forums.models import ReportedFigure
from smeforum.reference.models import OutcomeKind
from tests.backoffice.forms import changeform_data
from tests.factories import ReportedFigureFactory, SeriesFactory, SourceFactory

pytestmark = pytest.mark.integration

CHANGELIST_URL = reverse("admin:forums_reportedfigure_changelist")


def _amount(series, value: str, currency: str, **kwargs) -> ReportedFigure:
    return ReportedFigureFactory(
        series=series,
        metric=ReportedFigure.Metric.AMOUNT,
        qualifier=ReportedFigure.Qualifier.EXACT,
        value=Decimal(value),
        currency=currency,
        source=SourceFactory(),
        **kwargs,
    )


def test_change_page_links_a_figure_to_its_total_and_kind(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()
    total = _amount(series, "9200000000", "CNY")
    part = _amount(series, "4744000000", "CNY")
    converted = _amount(series, "610000000", "EUR", converted_from="CNY")
    kind = OutcomeKind.objects.get(slug="cooperation_project")
    url = reverse("admin:forums_reportedfigure_change", args=[part.pk])
    data = changeform_data(
        client.get(url),
        outcome_kind=str(kind.pk),
        external_id="CZ-2023-F7",
        part_of=str(total.pk),
    )
    converted_url = reverse("admin:forums_reportedfigure_change", args=[converted.pk])
    converted_data = changeform_data(client.get(converted_url), conversion_of=str(total.pk))

    # Act
    responses = (client.post(url, data), client.post(converted_url, converted_data))

    # Assert
    assert [r.status_code for r in responses] == [302, 302]
    part.refresh_from_db()
    converted.refresh_from_db()
    assert (part.outcome_kind, part.external_id, part.part_of, converted.conversion_of) == (
        kind,
        "CZ-2023-F7",
        total,
        total,
    )
    assert sorted(AuditEntry.objects.filter(actor=staff_user).values_list("action", flat=True)) == [
        "forums.reportedfigure.changed",
        "forums.reportedfigure.changed",
    ]


def test_changelist_filters_by_outcome_kind(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()
    kind = OutcomeKind.objects.get(slug="sister_city")
    sister_cities = ReportedFigureFactory(
        series=series, metric=ReportedFigure.Metric.COUNT, value=12, outcome_kind=kind
    )
    ReportedFigureFactory(series=series, metric=ReportedFigure.Metric.COUNT, value=40)

    # Act
    response = client.get(CHANGELIST_URL, {"outcome_kind__id__exact": kind.pk})

    # Assert
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [sister_cities]


def test_related_figures_are_picked_with_autocomplete(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    series = SeriesFactory()
    total = _amount(series, "9200000000", "CNY", part_en="all outcomes")
    _amount(series, "1000", "EUR", part_en="unrelated")

    # Act
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "all outcomes",
            "app_label": "forums",
            "model_name": "reportedfigure",
            "field_name": "part_of",
        },
    )

    # Assert
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(total.pk)]
