from decimal import Decimal

import pytest
from django.utils import translation

from smeforum.forums.models import Edition, ReportedFigure
from tests.factories import EditionFactory, SeriesFactory, ThemeFactory

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (Decimal("1684580000000"), "CNY", "1,684,580,000,000 CNY"),
        (Decimal("1684580000000.0000"), "CNY", "1,684,580,000,000 CNY"),
        (Decimal("400"), "", "400"),
        (Decimal("400.0000"), "", "400"),
        (Decimal("2.5000"), "EUR", "2.5 EUR"),
        (Decimal("100.0000"), "", "100"),
    ],
)
def test_reported_figure_value_display_drops_trailing_zeros(value, currency, expected):
    # Arrange
    figure = ReportedFigure(value=value, currency=currency)

    # Act
    text = figure.value_display

    # Assert
    assert text == expected


def test_edition_str_names_series_and_number(db):
    # Arrange
    edition = EditionFactory(series=SeriesFactory(name_en="X Forum", short_name_en="X"), number=7)

    # Act
    with translation.override("en"):
        text = str(edition)

    # Assert
    assert text == "X, edition 7"


def test_edition_primary_theme_prefers_the_primary_one(db):
    # Arrange
    edition = EditionFactory()
    ThemeFactory(edition=edition, text_en="Secondary", is_primary=False)
    primary = ThemeFactory(edition=edition, text_en="Primary", is_primary=True)

    # Act
    theme = Edition.objects.get(pk=edition.pk).primary_theme

    # Assert
    assert theme == primary


def test_edition_primary_theme_falls_back_to_the_first_theme(db):
    # Arrange
    edition = EditionFactory()
    first = ThemeFactory(edition=edition, text_en="First", is_primary=False)
    ThemeFactory(edition=edition, text_en="Second", is_primary=False)

    # Act
    theme = edition.primary_theme

    # Assert
    assert theme == first
