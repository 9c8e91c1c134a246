"""Cooperation mechanisms and their membership over time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from smeforum.audit.domain import save_record
from smeforum.reference.models import Mechanism, Membership, Source


def record_membership(
    mechanism: Mechanism,
    *,
    country: str,
    joined_on: dt.date,
    left_on: dt.date | None = None,
    source: Source | None = None,
    note: str = "",
    actor=None,
) -> Membership:
    """Record that ``country`` belonged to ``mechanism`` from ``joined_on`` to ``left_on``.

    Refuses a period that overlaps another period of the same country. Side effects: one
    Membership row and its audit entry.
    """
    with transaction.atomic():
        overlapping = mechanism.memberships.filter(country=country).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=joined_on)
        )
        if left_on is not None:
            overlapping = overlapping.filter(joined_on__lt=left_on)
        if overlapping.exists():
            raise ValidationError(
                {
                    "joined_on": _(
                        "%(country)s already has a membership period overlapping %(day)s."
                    )
                    % {"country": country, "day": joined_on.isoformat()}
                }
            )
        membership = Membership(
            mechanism=mechanism,
            country=country,
            joined_on=joined_on,
            left_on=left_on,
            source=source,
            note=note,
        )
        return save_record(membership, actor=actor)


def end_membership(membership: Membership, *, left_on: dt.date, actor=None) -> Membership:
    """Close an open membership period on ``left_on`` (exclusive)."""
    membership.left_on = left_on
    return save_record(membership, actor=actor)
