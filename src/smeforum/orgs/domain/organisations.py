from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from smeforum.audit.domain import log_action, save_record
from smeforum.orgs.models import Organisation, Person
from smeforum.reference.models import Sector


def save_organisation(organisation: Organisation, *, actor=None) -> Organisation:
    """Validate and save an organisation. Side effects: the row, its audit entry."""
    return save_record(organisation, actor=actor)


def set_organisation_sectors(
    organisation: Organisation, *, sectors: Iterable[Sector], actor=None
) -> Organisation:
    """Replace the organisation's NACE sectors. Side effects: the M2M rows, an audit entry."""
    with transaction.atomic():
        before = sorted(organisation.sectors.values_list("code", flat=True))
        organisation.sectors.set(list(sectors))
        after = sorted(organisation.sectors.values_list("code", flat=True))
        if before != after:
            log_action(
                organisation,
                action="orgs.organisation.sectors_changed",
                actor=actor,
                before={"sectors": before},
                after={"sectors": after},
            )
    return organisation


def save_person(person: Person, *, actor=None) -> Person:
    """Validate and save a person. Side effects: the row, its audit entry."""
    return save_record(person, actor=actor)
