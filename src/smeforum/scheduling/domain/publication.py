"""Telling the participants of a B2B session their agendas: publishing them once the schedule
is ready, and reminding them (the day before, by cron: ``smeforum match remind``).

Each email goes to every person with an email address and a placed meeting, in their language,
listing their meetings in the edition's time zone (``tasks.send_agenda_email``), once the
transaction commits.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action, save_record
from smeforum.scheduling import queries, tasks
from smeforum.scheduling.models import B2BSession, Meeting


def _enqueue(b2b: B2BSession, kind: str) -> int:
    transaction.on_commit(partial(tasks.send_agenda_email.enqueue, b2b.pk, kind))
    return len(tasks.agenda_people(b2b))


def publish_agendas(b2b: B2BSession, *, actor=None) -> int:
    """Mark ``b2b``'s agendas published (again, after a change of the schedule) and email each
    participant with placed meetings their agenda. Refused (``solving``) while the solver runs
    and (``nothing_placed``) before any meeting is placed. Returns how many people are
    emailed. Side effects: ``agendas_published_at``, an audit entry, the emails on commit."""
    with transaction.atomic():
        locked = B2BSession.objects.select_for_update().get(pk=b2b.pk)
        run = queries.latest_run(locked)
        if run is not None and run.is_active:
            raise ValidationError(
                _("The solver is still working on this schedule; publish once it is done."),
                code="solving",
            )
        placed = locked.meetings.filter(slot__isnull=False, status=Meeting.Status.ACCEPTED)
        if not placed.exists():
            raise ValidationError(
                _("No meeting is scheduled yet: there is no agenda to publish."),
                code="nothing_placed",
            )
        locked.agendas_published_at = timezone.now()
        save_record(locked, actor=actor, action="scheduling.agendas.published")
        b2b.agendas_published_at = locked.agendas_published_at
        return _enqueue(locked, "published")


def send_agenda_reminders(b2b: B2BSession, *, actor=None) -> int:
    """Remind each participant of ``b2b`` with placed meetings of their agenda. Refused
    (``not_published``) before the agendas are published. Returns how many people are
    emailed. Side effects: an audit entry, the emails on commit."""
    with transaction.atomic():
        current = B2BSession.objects.get(pk=b2b.pk)
        if current.agendas_published_at is None:
            raise ValidationError(
                _("The agendas are not published yet: publish them before reminding anyone."),
                code="not_published",
            )
        log_action(current, action="scheduling.agendas.reminded", actor=actor)
        return _enqueue(current, "reminder")
