"""The results dashboard's B2B matchmaking section: counted figures per edition, the
investment of the outcomes that came from meetings in CNY and US dollars, no query per row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smeforum.matchmaking.models import MeetingRating
from smeforum.outcomes.domain.outcomes import add_amount, record_outcome
from smeforum.reference.models import OutcomeKind
from tests.factories import EditionFactory, SeriesFactory
from tests.outcomes.factories import make_meeting
from tests.public.markup import parse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _traced_outcome(edition, index: int) -> None:
    met = make_meeting(edition, f"Cangzhou Firm {index}", f"Gdansk Firm {index}", slot=index)
    met.rate(MeetingRating.Value.COOPERATION, MeetingRating.Value.INFORMATIVE)
    outcome = record_outcome(
        edition.series,
        kind=OutcomeKind.objects.get(slug="cooperation_project"),
        title=f"项目 {index}",
        edition=edition,
        signed_on=dt.date(2024, 11, 7),
        meetings=[met.meeting],
    )
    add_amount(outcome, amount=Decimal("100000"), currency="EUR")


def _url(edition) -> str:
    return f"/forums/{edition.series.slug}/{edition.number}/results/"


def test_the_edition_dashboard_shows_its_b2b_results(client):
    edition = EditionFactory(series=SeriesFactory(slug="b2b-forum"), number=1)
    _traced_outcome(edition, 0)
    make_meeting(edition, "Botou Glass", "Krakow Bakery", slot=1)  # held, not rated

    response = client.get(_url(edition))

    page = parse(response.content)
    table = page.find("table", class_="b2b-table")
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert response.status_code == 200
    # EUR 100,000 × 7.7159 CNY and × 1.0785 USD (ECB, 2024-11-07)
    assert rows == [
        [
            "edition 1",
            "2",
            "1",
            "1",
            "1",
            "771,590 yuan as entered: 100,000 EUR",
            "107,850 US dollars",
        ]
    ]


def test_the_dashboard_takes_the_same_queries_however_many_traced_outcomes(client):
    edition = EditionFactory(series=SeriesFactory(slug="b2b-forum"), number=1)
    _traced_outcome(edition, 0)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(edition)).status_code == 200
    _traced_outcome(edition, 1)
    _traced_outcome(edition, 2)

    with CaptureQueriesContext(connection) as three:
        assert client.get(_url(edition)).status_code == 200

    assert len(three) == len(one)
