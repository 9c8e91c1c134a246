"""Meeting requests: send, accept, decline, withdraw, cancel; the edition's rules for them.

Rules (the edition's :class:`RequestPolicy`; none means no deadline and no limit):

- A request goes from one organisation confirmed for the edition to another; never to itself.
- At most one live (open or accepted) request per pair, in either direction: the database's
  unique constraint on the ordered pair has the last word under concurrent requests.
- Asking someone who already asked you accepts their request and marks it mutual; a mutual
  meeting weighs twice its priority for the scheduler.
- After being declined, an organisation cannot ask the same one again at this edition.
- Sending closes at ``requests_close_at``, answering at ``answers_close_at``.
- ``max_open_requests`` caps the open requests an organisation has sent; ``max_meetings`` the
  accepted ones it takes part in. The two confirmations are locked while a request is
  accepted, so two acceptances at once cannot go over the limit.
- An accepted request becomes a meeting of the policy's B2B session as soon as both sides have
  someone attending (``meet_accepted_requests`` catches up the rest later).

Every change is one transaction with an audit entry; emails go out as tasks once it commits.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action, save_record
from smeforum.matchmaking import tasks
from smeforum.matchmaking.domain.ratings import is_over
from smeforum.matchmaking.models import MeetingRequest, ProfileEdition, RequestPolicy
from smeforum.participants.models import Registration
from smeforum.scheduling.domain.meetings import add_attendee, cancel_meeting, request_meeting
from smeforum.scheduling.models import Attendee, B2BSession

_MAX_CAPACITY = 20  # scheduling.validators.validate_capacity's upper bound


def policy_of(edition) -> RequestPolicy:
    """The edition's request rules; an unsaved one (no deadline, no limit) when none is set."""
    return RequestPolicy.objects.filter(edition=edition).first() or RequestPolicy(edition=edition)


def set_request_policy(policy: RequestPolicy, *, actor=None) -> RequestPolicy:
    """Validate and save an edition's request rules. Side effects: the row, an audit entry."""
    return save_record(policy, actor=actor)


def _notify(event: str, request: MeetingRequest) -> None:
    if request.is_sample:  # the demo's sample requests email nobody
        return
    transaction.on_commit(partial(tasks.send_request_email.enqueue, request.pk, event))


def _ordered(a: ProfileEdition, b: ProfileEdition) -> tuple[int, int]:
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


def _lock(*confirmations: ProfileEdition) -> None:
    """Lock the confirmations (in id order, so two transactions cannot deadlock) until the
    transaction ends: acceptances and requests of the same organisations queue up here."""
    ids = sorted(c.pk for c in confirmations)
    list(ProfileEdition.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _open_sent(confirmation: ProfileEdition) -> int:
    return MeetingRequest.objects.filter(
        sender=confirmation, status=MeetingRequest.Status.OPEN
    ).count()


def _meetings_of(confirmation: ProfileEdition) -> int:
    return MeetingRequest.objects.filter(
        Q(sender=confirmation) | Q(receiver=confirmation), status=MeetingRequest.Status.ACCEPTED
    ).count()


def _closed(policy: RequestPolicy, deadline, message: str) -> None:
    """Refuse when ``deadline`` has passed; the message gives it in the edition's time zone."""
    if deadline is not None and timezone.now() > deadline:
        edition = policy.edition
        when = timezone.localtime(deadline, edition.tz).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(message % {"when": f"{when} ({edition.time_zone})"}, code="closed")


def _check_agenda(policy: RequestPolicy, confirmation: ProfileEdition, *, yours: bool) -> None:
    if policy.max_meetings is not None and _meetings_of(confirmation) >= policy.max_meetings:
        if yours:
            message = _("Your agenda is full: %(limit)s meetings is the most at this edition.")
        else:
            message = _(
                "%(organisation)s's agenda is full: %(limit)s meetings is the most at this edition."
            )
        raise ValidationError(
            message
            % {"limit": policy.max_meetings, "organisation": confirmation.profile.organisation},
            code="agenda_full",
        )


def send_request(
    sender: ProfileEdition,
    *,
    receiver: ProfileEdition,
    message: str = "",
    priority: int = MeetingRequest.Priority.NORMAL,
    is_sample: bool = False,
    actor=None,
) -> MeetingRequest:
    """Ask ``receiver`` to meet ``sender`` at their edition. When ``receiver`` had already
    asked ``sender``, that request is accepted and marked mutual and returned instead.

    Raises ``ValidationError`` (with a code: ``closed``, ``limit``, ``agenda_full``,
    ``declined``, ``duplicate``, ``invalid``) naming what is wrong. Side effects: the request,
    an audit entry, an email to the receiver (or to both, for a mutual match); no email for a
    sample request (``is_sample``, the demo's).
    """
    if sender.edition_id != receiver.edition_id:
        raise ValidationError(
            {"receiver": _("Both organisations must take part in the same edition.")},
            code="invalid",
        )
    if sender.pk == receiver.pk:
        raise ValidationError(
            {"receiver": _("An organisation cannot ask itself to meet.")}, code="invalid"
        )
    policy = policy_of(sender.edition)
    _closed(policy, policy.requests_close_at, _("Meeting requests closed on %(when)s."))
    low, high = _ordered(sender, receiver)
    with transaction.atomic():
        _lock(sender, receiver)
        theirs = (
            MeetingRequest.objects.select_for_update(of=("self",))
            .filter(sender=receiver, receiver=sender, status=MeetingRequest.Status.OPEN)
            .order_by("pk")
            .first()
        )
        if theirs is not None:
            theirs.priority = max(theirs.priority, priority)
            return _accept(theirs, policy=policy, actor=actor, mutual=True, note=message)
        live = MeetingRequest.objects.filter(
            pair_low=low, pair_high=high, status__in=MeetingRequest.LIVE
        ).first()
        if live is not None:
            if live.status == MeetingRequest.Status.ACCEPTED:
                text = _("You already have a meeting with %(organisation)s.")
            else:
                text = _("You already asked %(organisation)s to meet.")
            raise ValidationError(
                text % {"organisation": receiver.profile.organisation}, code="duplicate"
            )
        if MeetingRequest.objects.filter(
            sender=sender, receiver=receiver, status=MeetingRequest.Status.DECLINED
        ).exists():
            raise ValidationError(
                _("%(organisation)s declined your request at this edition.")
                % {"organisation": receiver.profile.organisation},
                code="declined",
            )
        if policy.max_open_requests is not None and _open_sent(sender) >= policy.max_open_requests:
            raise ValidationError(
                _(
                    "You have %(limit)s open requests, the most at this edition: wait for "
                    "answers or withdraw one."
                )
                % {"limit": policy.max_open_requests},
                code="limit",
            )
        _check_agenda(policy, sender, yours=True)
        _check_agenda(policy, receiver, yours=False)
        request = MeetingRequest(
            edition_id=sender.edition_id,
            sender=sender,
            receiver=receiver,
            pair_low=low,
            pair_high=high,
            message=message,
            priority=priority,
            sent_by=actor if getattr(actor, "pk", None) else None,
            is_sample=is_sample,
        )
        try:
            with transaction.atomic():
                save_record(request, actor=actor, action="matchmaking.request.sent")
        except IntegrityError as exc:  # a concurrent request for the pair won
            raise ValidationError(
                _("These two already have an open request or a meeting with each other."),
                code="duplicate",
            ) from exc
        _notify("new", request)
    return request


def _current(request: MeetingRequest, version: int | None) -> MeetingRequest:
    current = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("sender__profile__organisation", "receiver__profile__organisation")
        .filter(pk=request.pk)
        .order_by("pk")
        .first()
    )
    if current is None:
        raise ValidationError(_("This request no longer exists."), code="gone")
    if version is not None and current.version != version:
        raise ValidationError(
            _("This request changed since you opened it. Reload the page."), code="conflict"
        )
    return current


def _must_be_open(request: MeetingRequest) -> None:
    if request.status != MeetingRequest.Status.OPEN:
        raise ValidationError(
            _("This request is %(status)s already.") % {"status": request.get_status_display()},
            code="not_open",
        )


def _answer(request: MeetingRequest, status: str, actor) -> None:
    request.status = status
    request.answered_at = timezone.now()
    request.answered_by = actor if getattr(actor, "pk", None) else None
    request.version += 1


def _accept(
    request: MeetingRequest, *, policy: RequestPolicy, actor, mutual: bool, note: str = ""
) -> MeetingRequest:
    _check_agenda(policy, request.receiver, yours=True)
    _check_agenda(policy, request.sender, yours=False)
    _answer(request, MeetingRequest.Status.ACCEPTED, actor)
    if mutual:
        request.is_mutual = True
        if note:
            request.message = f"{request.message}\n\n{note}".strip()
    save_record(request, actor=actor, action="matchmaking.request.accepted")
    _meet(request, policy=policy, actor=actor)
    _notify("mutual" if mutual else "accepted", request)
    return request


def accept_request(
    request: MeetingRequest, *, version: int | None = None, actor=None
) -> MeetingRequest:
    """The receiver accepts ``request``: it becomes a meeting for the scheduler (when the
    edition's B2B session is set and both sides have someone attending). Refused after the
    answer deadline or when either agenda is full. Side effects: the request, the meeting,
    audit entries, an email to the sender."""
    policy = policy_of(request.edition)
    _closed(policy, policy.answers_close_at, _("Answers to meeting requests closed on %(when)s."))
    with transaction.atomic():
        _lock(request.sender, request.receiver)
        current = _current(request, version)
        _must_be_open(current)
        return _accept(current, policy=policy, actor=actor, mutual=False)


def decline_request(
    request: MeetingRequest, *, reason: str = "", version: int | None = None, actor=None
) -> MeetingRequest:
    """The receiver declines ``request``, optionally saying why; refused after the answer
    deadline. Side effects: the request, an audit entry, an email to the sender."""
    policy = policy_of(request.edition)
    _closed(policy, policy.answers_close_at, _("Answers to meeting requests closed on %(when)s."))
    with transaction.atomic():
        current = _current(request, version)
        _must_be_open(current)
        _answer(current, MeetingRequest.Status.DECLINED, actor)
        current.decline_reason = reason.strip()
        save_record(current, actor=actor, action="matchmaking.request.declined")
        _notify("declined", current)
    return current


def withdraw_request(
    request: MeetingRequest, *, version: int | None = None, actor=None
) -> MeetingRequest:
    """The sender takes back an open ``request``. Side effects: the request, an audit entry."""
    with transaction.atomic():
        current = _current(request, version)
        _must_be_open(current)
        current.status = MeetingRequest.Status.WITHDRAWN
        current.version += 1
        save_record(current, actor=actor, action="matchmaking.request.withdrawn")
    return current


def cancel_request(
    request: MeetingRequest, *, version: int | None = None, actor=None
) -> MeetingRequest:
    """Either side calls off an accepted meeting: the request is cancelled and its meeting
    leaves the schedule. A meeting that is over cannot be called off (it was held or not:
    the ratings say). Side effects: the request, the meeting, audit entries, an email to
    both sides."""
    with transaction.atomic():
        current = _current(request, version)
        if current.status != MeetingRequest.Status.ACCEPTED:
            raise ValidationError(
                _("Only an accepted meeting can be called off."), code="not_accepted"
            )
        if current.meeting_id is not None and is_over(current.meeting):
            raise ValidationError(
                _("This meeting is over: rate it instead of calling it off."), code="is_over"
            )
        current.status = MeetingRequest.Status.CANCELLED
        current.version += 1
        save_record(current, actor=actor, action="matchmaking.request.cancelled")
        if current.meeting_id is not None:
            cancel_meeting(current.meeting, actor=actor)
        _notify("cancelled", current)
    return current


def _b2b_of(policy: RequestPolicy) -> B2BSession | None:
    if policy.b2b_id is not None:
        return policy.b2b
    sessions = list(B2BSession.objects.filter(session__edition_id=policy.edition_id)[:2])
    return sessions[0] if len(sessions) == 1 else None


def _attendee(
    b2b: B2BSession, confirmation: ProfileEdition, policy: RequestPolicy, actor
) -> Attendee | None:
    """The organisation's seat in ``b2b``: an attendee already there for one of its people,
    or its first attending registration, holding as many meetings at once as it sends
    people."""
    people = [
        r
        for r in confirmation.attendees.order_by("pk")
        if r.status != Registration.Status.CANCELLED
    ]
    if not people:
        return None
    existing = Attendee.objects.filter(b2b=b2b, registration__in=people).order_by("pk").first()
    if existing is not None:
        return existing
    return add_attendee(
        b2b,
        registration=people[0],
        capacity=min(len(people), _MAX_CAPACITY),
        max_meetings=policy.max_meetings,
        actor=actor,
    )


def _meet(request: MeetingRequest, *, policy: RequestPolicy, actor) -> bool:
    """Create the meeting of an accepted ``request`` when it can be; returns whether it was."""
    if request.meeting_id is not None:
        return False
    b2b = _b2b_of(policy)
    if b2b is None:
        return False
    parties = [_attendee(b2b, c, policy, actor) for c in (request.sender, request.receiver)]
    if None in parties or parties[0].pk == parties[1].pk:
        return False
    meeting = request_meeting(b2b, attendees=parties, weight=request.weight, actor=actor)
    request.meeting = meeting
    request.save(update_fields=["meeting"])
    log_action(
        request, action="matchmaking.request.met", actor=actor, after={"meeting": meeting.pk}
    )
    return True


def meet_accepted_requests(edition, *, actor=None) -> dict[str, int]:
    """Turn the edition's accepted requests that have no meeting yet into meetings of its B2B
    session (after the session was set, or once someone attends). Returns how many were
    ``created`` and how many are still ``waiting`` (no B2B session, or nobody attending)."""
    policy = policy_of(edition)
    created = waiting = 0
    pending = MeetingRequest.objects.filter(
        edition=edition, status=MeetingRequest.Status.ACCEPTED, meeting__isnull=True
    ).select_related("sender", "receiver")
    for request in pending.order_by("pk"):
        with transaction.atomic():
            # Read again under the locks: a call-off or another catch-up may have come first.
            _lock(request.sender, request.receiver)
            current = _current(request, None)
            if current.status != MeetingRequest.Status.ACCEPTED or current.meeting_id:
                continue
            if _meet(current, policy=policy, actor=actor):
                created += 1
            else:
                waiting += 1
    return {"created": created, "waiting": waiting}
