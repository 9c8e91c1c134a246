from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.forums.domain.figures import record_reported_figure
from smeforum.forums.models import ReportedFigure
from tests.factories import EditionFactory, SeriesFactory, SessionFactory, SourceFactory

pytestmark = pytest.mark.unit


@pytest.fixture
def series(db):
    return SeriesFactory()


@pytest.fixture
def source(db):
    return SourceFactory()


def test_record_reported_figure_investment_in_yuan_saved_and_audited(series, source, staff_user):
    # Arrange
    edition = EditionFactory(series=series)

    # Act
    figure = record_reported_figure(
        series,
        metric="amount",
        value=Decimal("1684580000000"),
        currency="CNY",
        qualifier="over",
        source=source,
        first_edition=edition,
        actor=staff_user,
    )

    # Assert
    figure.refresh_from_db()
    assert figure.value == Decimal("1684580000000")
    assert figure.currency == "CNY"
    assert figure.value_display == "1,684,580,000,000 CNY"
    entry = AuditEntry.objects.get()
    assert entry.action == "forums.reportedfigure.created"
    assert entry.after["value"] == "1684580000000.0000"


def test_record_reported_figure_count_without_currency_displays_plain_number(series, source):
    # Act
    figure = record_reported_figure(
        series, metric="participants", value=Decimal(400), qualifier="nearly", source=source
    )

    # Assert
    figure.refresh_from_db()
    assert figure.value_display == "400"
    assert str(figure) == "participants: nearly 400"


def test_record_reported_figure_money_without_currency_refused(series, source):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(series, metric="amount", value=Decimal(1000), source=source)

    # Assert
    assert excinfo.value.message_dict == {
        "currency": ["An amount of money needs its ISO 4217 currency."]
    }
    assert ReportedFigure.objects.count() == 0


def test_record_reported_figure_count_with_currency_refused(series, source):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series, metric="participants", value=Decimal(400), currency="CNY", source=source
        )

    # Assert
    assert excinfo.value.message_dict == {
        "currency": ["Only amounts of money have a currency; this metric is a count."]
    }


def test_record_reported_figure_unknown_currency_refused(series, source):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series, metric="amount", value=Decimal(1000), currency="XXQ", source=source
        )

    # Assert
    assert excinfo.value.message_dict == {
        "currency": ["“XXQ” is not an ISO 4217 currency code (e.g. CNY, USD, EUR)."]
    }


def test_record_reported_figure_converted_from_its_own_currency_refused(series, source):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series,
            metric="amount",
            value=Decimal(1000),
            currency="CNY",
            converted_from="CNY",
            source=source,
        )

    # Assert
    assert excinfo.value.message_dict == {
        "converted_from": ["An amount cannot be converted from its own currency."]
    }


def test_record_reported_figure_converted_from_another_currency_accepted(series, source):
    # Act
    figure = record_reported_figure(
        series,
        metric="amount",
        value=Decimal("230000000"),
        currency="USD",
        converted_from="CNY",
        source=source,
    )

    # Assert
    assert (figure.currency, figure.converted_from) == ("USD", "CNY")


def test_record_reported_figure_negative_value_refused(series, source):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(series, metric="participants", value=Decimal(-1), source=source)

    # Assert
    assert excinfo.value.message_dict == {"value": ["A reported figure cannot be negative."]}


def test_record_reported_figure_zero_value_accepted(series, source):
    # Act
    figure = record_reported_figure(series, metric="count", value=Decimal(0), source=source)

    # Assert
    assert figure.value_display == "0"


def test_record_reported_figure_first_edition_alone_is_a_single_edition(series, source):
    # Arrange
    edition = EditionFactory(series=series, number=3)

    # Act
    figure = record_reported_figure(
        series, metric="participants", value=Decimal(400), source=source, first_edition=edition
    )

    # Assert
    figure.refresh_from_db()
    assert (figure.first_edition, figure.last_edition) == (edition, edition)
    assert figure.is_single_edition is True


def test_record_reported_figure_range_of_editions_accepted(series, source):
    # Arrange
    first = EditionFactory(series=series, number=1)
    last = EditionFactory(series=series, number=4)

    # Act
    figure = record_reported_figure(
        series,
        metric="count",
        value=Decimal(120),
        source=source,
        first_edition=first,
        last_edition=last,
    )

    # Assert
    assert (figure.first_edition.number, figure.last_edition.number) == (1, 4)
    assert figure.is_single_edition is False


def test_record_reported_figure_first_edition_after_last_refused(series, source):
    # Arrange
    fourth = EditionFactory(series=series, number=4)
    first = EditionFactory(series=series, number=1)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series,
            metric="count",
            value=Decimal(120),
            source=source,
            first_edition=fourth,
            last_edition=first,
        )

    # Assert
    assert excinfo.value.message_dict == {
        "last_edition": ["The last edition comes before the first edition."]
    }


def test_record_reported_figure_last_edition_without_first_refused(series, source):
    # Arrange
    edition = EditionFactory(series=series)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series, metric="count", value=Decimal(12), source=source, last_edition=edition
        )

    # Assert
    assert excinfo.value.message_dict == {
        "last_edition": [
            "Give both the first and the last edition (the same one for a single edition), "
            "or neither for the whole series."
        ]
    }


def test_record_reported_figure_edition_of_another_series_refused(series, source):
    # Arrange
    foreign = EditionFactory(series=SeriesFactory())

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series,
            metric="participants",
            value=Decimal(400),
            source=source,
            first_edition=foreign,
        )

    # Assert
    assert excinfo.value.message_dict == {
        "first_edition": ["The editions must belong to the figure's series."]
    }


def test_record_reported_figure_session_of_the_edition_accepted(series, source):
    # Arrange
    edition = EditionFactory(series=series)
    session = SessionFactory(edition=edition)

    # Act
    figure = record_reported_figure(
        series,
        metric="count",
        value=Decimal(35),
        source=source,
        first_edition=edition,
        session=session,
    )

    # Assert
    assert figure.session == session


def test_record_reported_figure_session_of_another_edition_refused(series, source):
    # Arrange
    edition = EditionFactory(series=series)
    other_session = SessionFactory(edition=EditionFactory(series=series))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series,
            metric="count",
            value=Decimal(35),
            source=source,
            first_edition=edition,
            session=other_session,
        )

    # Assert
    assert excinfo.value.message_dict == {
        "session": ["A session narrows a single-edition figure to a session of that edition."]
    }
    assert ReportedFigure.objects.count() == 0


def test_record_reported_figure_session_on_a_whole_series_figure_refused(series, source):
    # Arrange
    session = SessionFactory(edition=EditionFactory(series=series))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_reported_figure(
            series, metric="count", value=Decimal(35), source=source, session=session
        )

    # Assert
    assert excinfo.value.message_dict == {
        "session": ["A session narrows a single-edition figure to a session of that edition."]
    }
