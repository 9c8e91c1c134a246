from __future__ import annotations

from collections.abc import Iterable

from smeforum.audit.domain import save_record, set_related
from smeforum.orgs.models import Organisation, Person
from smeforum.reference.models import Sector


def save_organisation(organisation: Organisation, *, actor=None) -> Organisation:
    """Validate and save an organisation. Side effects: the row, its audit entry."""
    return save_record(organisation, actor=actor)


def set_organisation_sectors(
    organisation: Organisation, *, sectors: Iterable[Sector], actor=None
) -> Organisation:
    """Replace the organisation's NACE sectors. Side effects: the M2M rows, an audit entry."""
    return set_related(organisation, field="sectors", values=sectors, key="code", actor=actor)


def save_person(person: Person, *, actor=None) -> Person:
    """Validate and save a person. Side effects: the row, its audit entry."""
    return save_record(person, actor=actor)
