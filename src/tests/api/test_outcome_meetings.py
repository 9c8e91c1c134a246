"""An outcome in the API names the B2B meetings it came from (the report's trace)."""

import pytest

from smeforum.outcomes.domain.outcomes import record_outcome
from smeforum.reference.models import OutcomeKind
from tests.factories import EditionFactory
from tests.outcomes.factories import make_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_outcome_lists_the_ids_of_the_meetings_it_came_from(client):
    edition = EditionFactory()
    first = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps").meeting
    second = make_meeting(edition, "Hebei Steel", "Lodz Cables").meeting
    kind = OutcomeKind.objects.get(slug="memorandum")
    traced = record_outcome(
        edition.series, kind=kind, title="Pumps MoU", edition=edition, meetings=[second, first]
    )
    untraced = record_outcome(edition.series, kind=kind, title="Other MoU", edition=edition)

    one = client.get(f"/api/v1/outcomes/{traced.pk}").json()
    listed = client.get(f"/api/v1/series/{edition.series.slug}/outcomes").json()

    assert one["meetings"] == sorted([first.pk, second.pk])
    assert {row["id"]: row["meetings"] for row in listed["items"]} == {
        traced.pk: sorted([first.pk, second.pk]),
        untraced.pk: [],
    }
