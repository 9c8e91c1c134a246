"""Recording outcomes, their parties, amounts, fields, status history and links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
from smeforum.outcomes.queries import labelled_meetings, meeting_label
from smeforum.reference.models import City, CooperationField, OutcomeKind
from smeforum.scheduling.models import Meeting


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
    meetings: Iterable[Meeting] = (),
    actor=None,
) -> Outcome:
    """Record a signed outcome and the first entry of its status history; ``meetings``: the B2B
    meetings it came from (see :func:`set_outcome_meetings`).

    Side effects: the Outcome row, one OutcomeStatusChange (dated ``signed_on``, or today),
    the meetings named, their audit entries; all in one transaction. Raises
    ``ValidationError`` (nothing written) for a meeting the outcome cannot name.
    """
    meetings = list(meetings)
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
        if meetings:
            set_outcome_meetings(outcome, meetings=meetings, actor=actor)
    return outcome


def save_outcome(outcome: Outcome, *, actor=None) -> Outcome:
    """Validate and save an outcome's own fields (its status changes go through
    :func:`change_outcome_status`). Refuses to move an outcome to another edition (or between
    editions) while it names B2B meetings of its edition: name other meetings first."""
    with transaction.atomic():
        if outcome.pk:
            _check_kept_meetings(outcome)
        return save_record(outcome, actor=actor)


def _check_kept_meetings(outcome: Outcome) -> None:
    elsewhere = outcome.meetings.exclude(b2b__session__edition_id=outcome.edition_id)
    labels = [meeting_label(m) for m in labelled_meetings(elsewhere.order_by("id"))]
    if labels:
        raise ValidationError(
            {
                "edition": _(
                    "This outcome names B2B meetings of another edition (%(meetings)s); remove "
                    "them from the outcome before moving it."
                )
                % {"meetings": "; ".join(labels)}
            }
        )


def meeting_problem(outcome: Outcome, meeting: Meeting, *, named_before: bool) -> str | None:
    """Why ``outcome`` cannot name ``meeting`` (``None``: it can): the meeting must belong to a
    B2B session of the outcome's edition and, unless the outcome named it before, not be
    cancelled. ``meeting`` with ``b2b__session__edition`` and its parties read
    (:func:`~smeforum.outcomes.queries.labelled_meetings`)."""
    label = meeting_label(meeting)
    if outcome.edition_id is None:
        return _(
            "%(meeting)s: an outcome signed between editions cannot name B2B meetings; "
            "choose its edition first."
        ) % {"meeting": label}
    edition = meeting.b2b.session.edition
    if edition.pk != outcome.edition_id:
        return _(
            "%(meeting)s belongs to a B2B session of another edition (%(edition)s), not of the "
            "outcome's edition."
        ) % {"meeting": label, "edition": edition}
    if meeting.status == Meeting.Status.CANCELLED and not named_before:
        return _("%(meeting)s was cancelled: an outcome cannot come from it.") % {"meeting": label}
    return None


def set_outcome_meetings(outcome: Outcome, *, meetings: Iterable[Meeting], actor=None) -> Outcome:
    """Replace the B2B meetings ``outcome`` came from with ``meetings``.

    Each must belong to a B2B session of the outcome's edition and not be cancelled (a meeting
    the outcome already names stays named if it was cancelled since). Raises
    ``ValidationError`` on ``meetings``, naming each refused meeting; nothing is written then.
    Side effects: M2M rows and, when they changed, one audit entry
    (``outcomes.outcome.meetings_changed``, listing meeting ids).
    """
    ids = sorted({meeting.pk for meeting in meetings})
    with transaction.atomic():
        before = set(outcome.meetings.values_list("pk", flat=True)) if outcome.pk else set()
        chosen = list(labelled_meetings(Meeting.objects.filter(pk__in=ids).order_by("id")))
        problems = [
            problem
            for meeting in chosen
            if (problem := meeting_problem(outcome, meeting, named_before=meeting.pk in before))
        ]
        if problems:
            raise ValidationError({"meetings": problems})
        return set_related(outcome, field="meetings", values=chosen, key="pk", actor=actor)


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
