"""Recording outcomes, their parties, amounts, fields, status history and links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from smeforum.audit.domain import save_record, set_related
from smeforum.forums.models import Edition, ForumSeries, Session
from smeforum.orgs.models import Organisation
from smeforum.outcomes.models import (
    Outcome,
    OutcomeAmount,
    OutcomeLink,
    OutcomeParty,
    OutcomeStatusChange,
)
from smeforum.reference.models import City, CooperationField, OutcomeKind


def record_outcome(
    series: ForumSeries,
    *,
    kind: OutcomeKind,
    title: str,
    title_en: str = "",
    edition: Edition | None = None,
    session: Session | None = None,
    signed_on: dt.date | None = None,
    status: str = Outcome.Status.SIGNED,
    external_id: str = "",
    note: str = "",
    is_sample: bool = False,
    actor=None,
) -> Outcome:
    """Record a signed outcome and the first entry of its status history.

    Side effects: the Outcome row, one OutcomeStatusChange (dated ``signed_on``, or today),
    their audit entries; all in one transaction.
    """
    with transaction.atomic():
        outcome = save_record(
            Outcome(
                series=series,
                edition=edition,
                session=session,
                kind=kind,
                title=title,
                title_en=title_en,
                signed_on=signed_on,
                status=status,
                external_id=external_id,
                note=note,
                is_sample=is_sample,
            ),
            actor=actor,
        )
        save_record(
            OutcomeStatusChange(
                outcome=outcome, status=status, on=signed_on or timezone.localdate()
            ),
            actor=actor,
        )
    return outcome


def save_outcome(outcome: Outcome, *, actor=None) -> Outcome:
    """Validate and save an outcome's own fields (its status changes go through
    :func:`change_outcome_status`)."""
    return save_record(outcome, actor=actor)


def change_outcome_status(
    outcome: Outcome, *, status: str, on: dt.date, note: str = "", actor=None
) -> OutcomeStatusChange:
    """Move an outcome to ``status`` on ``on`` and keep the dated history.

    Side effects: a new OutcomeStatusChange, the outcome's status, audit entries.
    """
    with transaction.atomic():
        change = save_record(
            OutcomeStatusChange(outcome=outcome, status=status, on=on, note=note), actor=actor
        )
        outcome.status = status
        save_record(outcome, actor=actor, action="outcomes.outcome.status_changed")
    return change


def add_party(
    outcome: Outcome,
    *,
    country: str,
    organisation: Organisation | None = None,
    city: City | None = None,
    name: str = "",
    role: str = OutcomeParty.Role.PARTY,
    actor=None,
) -> OutcomeParty:
    """Add an organisation, a city or a named government as a party to the outcome."""
    party = OutcomeParty(
        outcome=outcome,
        organisation=organisation,
        city=city,
        name=name,
        country=country,
        role=role,
    )
    return save_record(party, actor=actor)


def add_amount(
    outcome: Outcome,
    *,
    amount: Decimal,
    currency: str,
    amount_kind: str = OutcomeAmount.Kind.CONTRACTUAL,
    actor=None,
) -> OutcomeAmount:
    """Add an amount, kept as entered (Decimal, ISO 4217 currency, kind of amount)."""
    entry = OutcomeAmount(
        outcome=outcome, amount=Decimal(amount), currency=currency, amount_kind=amount_kind
    )
    return save_record(entry, actor=actor)


def set_outcome_fields(
    outcome: Outcome, *, fields: Iterable[CooperationField], actor=None
) -> Outcome:
    """Replace the outcome's fields of cooperation. Side effects: M2M rows, an audit entry."""
    return set_related(outcome, field="fields", values=fields, key="slug", actor=actor)


def add_link(outcome: Outcome, *, url: str, label: str = "", actor=None) -> OutcomeLink:
    """Attach a document or web page to the outcome."""
    return save_record(OutcomeLink(outcome=outcome, url=url, label=label), actor=actor)
