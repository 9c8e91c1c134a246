"""Optimistic locking in the generic writer's helpers."""

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.domain import assert_unchanged, fingerprint, save_record, snapshot_token
from tests.factories import EditionFactory

pytestmark = pytest.mark.unit


def test_assert_unchanged_accepts_the_current_version_and_refuses_an_old_one(db):
    edition = EditionFactory(venue="Hall A")
    opened = snapshot_token(edition)
    assert_unchanged(edition, token=opened)  # nothing changed yet: no error

    edition.venue = "Hall B"
    save_record(edition)

    with pytest.raises(ValidationError) as excinfo:
        assert_unchanged(edition, token=opened)
    assert excinfo.value.code == "conflict"


def test_fingerprint_of_a_row_just_read_is_its_snapshot_token(db):
    edition = EditionFactory(venue="Hall A")
    read = type(edition).objects.get(pk=edition.pk)
    token = snapshot_token(edition)

    assert fingerprint(read) == token
    read.venue = "Elsewhere"
    assert fingerprint(read) != token
