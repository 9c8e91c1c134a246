"""A B2B matchmaking session's slots, tables, attendees and meetings, and its solver runs.

Double booking is refused by the database itself, so two organisers moving meetings at once
cannot both win: a table holds one meeting per slot (``meeting_unique_table_slot``), and each
attendee holds at most ``capacity`` meetings per slot because every placed party takes one
numbered lane below its capacity (``meetingparty_unique_lane``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smeforum.forums.models import Session
from smeforum.participants.models import Registration
from smeforum.scheduling import validators


class B2BSession(models.Model):
    """The matchmaking set-up of a programme session: its slot length and the schedule."""

    session = models.OneToOneField(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="b2b"
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=20, validators=[validators.validate_slot_minutes]
    )
    time_limit = models.PositiveSmallIntegerField(
        _("solver time limit (seconds)"), default=10, validators=[validators.validate_time_limit]
    )
    agendas_published_at = models.DateTimeField(
        _("agendas published at"),
        null=True,
        blank=True,
        help_text=_("When the participants were told their agendas are ready."),
    )
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Generated demo data (its slots, tables and meetings), not a sourced fact."),
    )

    class Meta:
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")
        ordering = ["session__edition", "session__day", "session__starts_at", "id"]

    def __str__(self) -> str:
        return str(self.session)

    @property
    def edition(self):
        return self.session.edition

    def clean(self) -> None:
        if self.session_id:
            validators.validate_matchmaking_session(self.session.kind)


class Slot(models.Model):
    """A time slot in which every free table can hold one meeting."""

    b2b = models.ForeignKey(B2BSession, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["b2b", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["b2b", "starts_at"],
                name="slot_unique_start",
                violation_error_message=_("This B2B session already has a slot at this time."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def edition(self):
        return self.b2b.session.edition


class Table(models.Model):
    """A meeting table, numbered within its session; it may be unavailable in some slots."""

    b2b = models.ForeignKey(B2BSession, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Shown instead of the number.")
    )
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable in"), blank=True, related_name="closed_tables"
    )

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["b2b", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["b2b", "number"],
                name="table_unique_number",
                violation_error_message=_("This B2B session already has a table with this number."),
            ),
        ]

    def __str__(self) -> str:
        return self.label or _("Table %(number)s") % {"number": self.number}

    @property
    def edition(self):
        return self.b2b.session.edition


class Attendee(models.Model):
    """A registered participant (or organisation's team) taking part in a B2B session."""

    b2b = models.ForeignKey(B2BSession, on_delete=models.CASCADE, related_name="attendees")
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="b2b_attendances",
    )
    capacity = models.PositiveSmallIntegerField(
        _("meetings at once"),
        default=1,
        validators=[validators.validate_capacity],
        help_text=_("For example 2 when an organisation sends two representatives."),
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable in"), blank=True, related_name="absent_attendees"
    )

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = pgettext_lazy("B2B", "attendees")
        ordering = ["b2b", "registration__person__name_latin", "registration__person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["b2b", "registration"],
                name="attendee_unique_registration",
                violation_error_message=_("This participant already attends this B2B session."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.registration.person)

    @property
    def edition(self):
        return self.b2b.session.edition

    def clean(self) -> None:
        if self.b2b_id and self.registration_id:
            validators.validate_same_edition(
                self.b2b.session.edition_id, self.registration.edition_id
            )


class Meeting(models.Model):
    """A meeting that two or more attendees agreed to hold, and where it takes place."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        CANCELLED = "cancelled", _("cancelled")

    b2b = models.ForeignKey(B2BSession, on_delete=models.CASCADE, related_name="meetings")
    attendees = models.ManyToManyField(
        Attendee,
        through="MeetingParty",
        verbose_name=pgettext_lazy("B2B meeting", "participants"),
        related_name="meetings",
    )
    weight = models.PositiveSmallIntegerField(
        _("priority"),
        default=1,
        validators=[validators.validate_weight],
        help_text=_("Higher priorities are placed first (1–100)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACCEPTED
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    table = models.ForeignKey(
        Table,
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    is_fixed = models.BooleanField(
        _("fixed"), default=False, help_text=_("The solver keeps a fixed meeting where it is.")
    )
    unscheduled_reason = models.JSONField(
        _("why not scheduled"),
        default=dict,
        blank=True,
        help_text=_("The solver's reason: a code and its parameters (see reasons.py)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["b2b", "slot__starts_at", "table__number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(slot__isnull=False),
                name="meeting_unique_table_slot",
                violation_error_message=_("This table already holds a meeting in this slot."),
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, table__isnull=True)
                | Q(slot__isnull=False, table__isnull=False),
                name="meeting_slot_with_table",
                violation_error_message=_("A placed meeting needs both a slot and a table."),
            ),
            models.CheckConstraint(
                condition=Q(is_fixed=False) | Q(slot__isnull=False),
                name="meeting_fixed_is_placed",
                violation_error_message=_("Only a placed meeting can be fixed."),
            ),
        ]

    def __str__(self) -> str:
        return _("Meeting %(id)s") % {"id": self.pk}

    @property
    def edition(self):
        return self.b2b.session.edition

    @property
    def is_placed(self) -> bool:
        return self.slot_id is not None


class MeetingParty(models.Model):
    """An attendee's seat in a meeting. While the meeting is placed, the party holds one lane
    (0 .. capacity - 1) of its attendee in that slot; the unique lane is what stops a person
    from being booked twice at once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parties")
    attendee = models.ForeignKey(Attendee, on_delete=models.PROTECT, related_name="parties")
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="parties"
    )
    lane = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "attendee"],
                name="meetingparty_unique_attendee",
                violation_error_message=_("This participant is already in this meeting."),
            ),
            models.UniqueConstraint(
                fields=["attendee", "slot", "lane"],
                condition=Q(slot__isnull=False),
                name="meetingparty_unique_lane",
                violation_error_message=_("This participant already has a meeting in this slot."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.attendee)


class ScheduleRun(models.Model):
    """One run of the solver on a B2B session, with its progress and result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    b2b = models.ForeignKey(B2BSession, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    keep_previous = models.BooleanField(_("keep placed meetings where they are"), default=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    phase = models.CharField(_("phase"), max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    stats = models.JSONField(_("statistics"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["b2b", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.b2b} · {self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def edition(self):
        return self.b2b.session.edition

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
