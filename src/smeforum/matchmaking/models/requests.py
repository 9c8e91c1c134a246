"""Meeting requests between organisations confirmed for an edition, the edition's rules for
them, and what each party thought of a meeting afterwards."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models import Edition
from smeforum.matchmaking import validators
from smeforum.matchmaking.models.profiles import ProfileEdition
from smeforum.scheduling.models import B2BSession, Meeting

_SAMPLE_HELP = _("Generated demo data, not a sourced fact.")


class RequestPolicy(models.Model):
    """An edition's rules for meeting requests: deadlines, limits per participant, and the B2B
    session whose meetings accepted requests become."""

    edition = models.OneToOneField(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="request_policy",
    )
    b2b = models.ForeignKey(
        B2BSession,
        verbose_name=_("B2B session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request_policies",
        help_text=_("Accepted requests become meetings of this session, for the scheduler."),
    )
    requests_close_at = models.DateTimeField(
        _("requests close at"), null=True, blank=True, help_text=_("Empty: no deadline.")
    )
    answers_close_at = models.DateTimeField(
        _("answers close at"), null=True, blank=True, help_text=_("Empty: no deadline.")
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("most open requests per participant"),
        null=True,
        blank=True,
        validators=[validators.validate_limit],
        help_text=_("Requests sent and not yet answered. Empty: no limit."),
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings per participant"),
        null=True,
        blank=True,
        validators=[validators.validate_limit],
        help_text=_("Accepted requests. Empty: no limit."),
    )

    class Meta:
        verbose_name = _("meeting request rules")
        verbose_name_plural = _("meeting request rules")
        ordering = ["edition"]

    def __str__(self) -> str:
        return str(self.edition)

    def organiser_scope(self) -> Q:
        return Q(pk=self.edition_id)

    def clean(self) -> None:
        errors = {}
        if self.b2b_id and self.edition_id and self.b2b.session.edition_id != self.edition_id:
            errors["b2b"] = _("The B2B session belongs to another edition.")
        if (
            self.requests_close_at
            and self.answers_close_at
            and self.answers_close_at < self.requests_close_at
        ):
            errors["answers_close_at"] = _("Answers cannot close before requests do.")
        if errors:
            raise ValidationError(errors)


class MeetingRequest(models.Model):
    """One organisation asking another to meet at an edition.

    ``pair_low``/``pair_high`` are the two confirmations' ids in order, so that the database
    refuses a second live (open or accepted) request for the same pair in either direction.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CANCELLED = "cancelled", _("cancelled")

    class Priority(models.IntegerChoices):
        LOW = 1, _("nice to meet")
        NORMAL = 2, _("important")
        HIGH = 3, _("essential")

    LIVE = (Status.OPEN, Status.ACCEPTED)

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="requests"
    )
    sender = models.ForeignKey(
        ProfileEdition,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    receiver = models.ForeignKey(
        ProfileEdition,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    pair_low = models.PositiveIntegerField(editable=False)
    pair_high = models.PositiveIntegerField(editable=False)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_mutual = models.BooleanField(
        _("mutual"), default=False, help_text=_("Both asked to meet each other.")
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="request",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_SAMPLE_HELP)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair_low", "pair_high"],
                condition=Q(status__in=["open", "accepted"]),
                name="meetingrequest_one_live_per_pair",
                violation_error_message=_(
                    "These two already have an open request or a meeting with each other."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(sender=F("receiver")),
                name="meetingrequest_not_to_self",
                violation_error_message=_("An organisation cannot ask itself to meet."),
            ),
            models.CheckConstraint(
                condition=Q(pair_low__lt=F("pair_high")),
                name="meetingrequest_pair_ordered",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return _("%(sender)s → %(receiver)s") % {
            "sender": self.sender.profile,
            "receiver": self.receiver.profile,
        }

    def organiser_scope(self) -> Q:
        return Q(pk=self.edition_id)

    @property
    def weight(self) -> int:
        """The scheduler's weight of the meeting: the priority, doubled when mutual."""
        return int(self.priority) * (2 if self.is_mutual else 1)

    def organisation_ids(self) -> tuple[int, int]:
        return (self.sender.profile.organisation_id, self.receiver.profile.organisation_id)


class MeetingRating(models.Model):
    """What one party of a meeting thought of it afterwards. Organisers only see these."""

    class Value(models.TextChoices):
        NOT_HELD = "not_held", _("did not take place")
        INSUFFICIENT = "insufficient", _("insufficient interest")
        INFORMATIVE = "informative", _("informative, no cooperation planned")
        COOPERATION = "cooperation", _("cooperation possible")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.ForeignKey(
        ProfileEdition,
        verbose_name=_("rated by"),
        on_delete=models.CASCADE,
        related_name="ratings_given",
    )
    value = models.CharField(_("rating"), max_length=12, choices=Value.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person who rated"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_SAMPLE_HELP)

    class Meta:
        verbose_name = _("meeting rating")
        verbose_name_plural = _("meeting ratings")
        ordering = ["meeting", "rater"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "rater"],
                name="meetingrating_one_per_party",
                violation_error_message=_("This party already rated this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.rater.profile}: {self.get_value_display()}"

    def organiser_scope(self) -> Q:
        return Q(pk=self.rater.edition_id)
