"""After the event, each party rates each meeting it had. Only organisers see the ratings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import save_record
from smeforum.matchmaking.models import MeetingRating, MeetingRequest, ProfileEdition
from smeforum.scheduling.models import Meeting


def is_party(meeting: Meeting, confirmation: ProfileEdition) -> bool:
    """Whether ``confirmation``'s organisation took part in ``meeting``: it sent or received
    the request behind it, or one of its people is a party of it."""
    request = MeetingRequest.objects.filter(meeting=meeting).first()
    if request is not None:
        return confirmation.pk in (request.sender_id, request.receiver_id)
    organisation_id = confirmation.profile.organisation_id
    return meeting.parties.filter(
        attendee__registration__person__organisation_id=organisation_id
    ).exists()


def is_over(meeting: Meeting, *, now: dt.datetime | None = None) -> bool:
    """Whether ``meeting`` is in the past: its slot has ended, or (not placed) its edition's
    last day is over in the edition's time zone."""
    now = now or timezone.now()
    if meeting.slot_id is not None:
        return meeting.slot.ends_at <= now
    edition = meeting.b2b.session.edition
    return now.astimezone(edition.tz).date() > edition.end_date


def rate_meeting(
    meeting: Meeting,
    *,
    rater: ProfileEdition,
    value: str,
    comment: str = "",
    is_sample: bool = False,
    actor=None,
) -> MeetingRating:
    """Record (or change) what ``rater``'s organisation thought of ``meeting``.

    Refused for a cancelled meeting, before it is over, and for an organisation that was not
    a party. ``is_sample`` labels a generated (demo) rating. Side effects: the rating and an
    audit entry; one transaction.
    """
    meeting = Meeting.objects.select_related("slot", "b2b__session__edition").get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be rated."), code="cancelled")
    if not is_over(meeting):
        raise ValidationError(_("A meeting can be rated once it is over."), code="not_over")
    if not is_party(meeting, rater):
        raise ValidationError(
            _("%(organisation)s did not take part in this meeting.")
            % {"organisation": rater.profile.organisation},
            code="not_party",
        )
    try:
        with transaction.atomic():
            # Ordered by id: the default ordering (meeting, rater) joins the meeting's own
            # ordering through nullable relations, which PostgreSQL cannot lock.
            rating = MeetingRating.objects.select_for_update(of=("self",)).filter(
                meeting=meeting, rater=rater
            ).order_by("pk").first() or MeetingRating(meeting=meeting, rater=rater)
            rating.value = value
            rating.comment = comment.strip()
            rating.rated_by = actor if getattr(actor, "pk", None) else None
            rating.rated_at = timezone.now()
            rating.is_sample = is_sample
            return save_record(rating, actor=actor, action="matchmaking.rating.saved")
    except IntegrityError as exc:  # the other person of the same organisation rated first
        raise ValidationError(
            _("Someone of your organisation rated this meeting just now. Reload the page."),
            code="conflict",
        ) from exc
