"""Who may do what: organiser roles, delegation leads, participant links and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models import Edition, ForumSeries
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation

#: The named permissions of an organiser role; each is a ``can_<name>`` field.
ORGANISER_PERMISSIONS = (
    "programme",
    "participants",
    "delegations",
    "outcomes",
    "matchmaking",
    "publish",
)


class OrganiserRole(models.Model):
    """A user's membership of a series' organiser team, optionally narrowed to one edition."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organiser_roles",
    )
    series = models.ForeignKey(
        ForumSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        related_name="organiser_roles",
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organiser_roles",
        help_text=_("Empty: every edition of the series."),
    )
    can_programme = models.BooleanField(_("programme"), default=False)
    can_participants = models.BooleanField(_("participants"), default=False)
    can_delegations = models.BooleanField(_("delegations"), default=False)
    can_outcomes = models.BooleanField(_("outcomes"), default=False)
    can_matchmaking = models.BooleanField(_("matchmaking"), default=False)
    can_publish = models.BooleanField(_("publishing"), default=False)

    class Meta:
        verbose_name = _("organiser role")
        verbose_name_plural = _("organiser roles")
        ordering = ["series", "edition", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "series"],
                condition=Q(edition__isnull=True),
                name="organiser_role_unique_series",
                violation_error_message=_("This user already has a role for this series."),
            ),
            models.UniqueConstraint(
                fields=["user", "series", "edition"],
                condition=Q(edition__isnull=False),
                name="organiser_role_unique_edition",
                violation_error_message=_("This user already has a role for this edition."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.edition if self.edition_id else self.series
        return f"{self.user} @ {scope}"

    @property
    def permissions(self) -> list[str]:
        return [name for name in ORGANISER_PERMISSIONS if getattr(self, f"can_{name}")]

    def clean(self) -> None:
        if self.edition_id and self.series_id and self.edition.series_id != self.series_id:
            raise ValidationError({"edition": _("The edition belongs to another series.")})


class DelegationLead(models.Model):
    """A user who manages a delegation's members and registrations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="delegations_led",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="leads"
    )

    class Meta:
        verbose_name = _("delegation lead")
        verbose_name_plural = _("delegation leads")
        ordering = ["delegation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "delegation"],
                name="delegation_lead_unique",
                violation_error_message=_("This user already leads this delegation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.delegation}"


class PersonAccount(models.Model):
    """The link between a login and the person it is: a participant sees their own records."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="person_account",
    )
    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="account"
    )

    class Meta:
        verbose_name = _("person account")
        verbose_name_plural = _("person accounts")
        ordering = ["user"]

    def __str__(self) -> str:
        return f"{self.user} = {self.person}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True, editable=False)
    token_hash = models.CharField(_("SHA-256 hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.get_scope_display()})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invitation(models.Model):
    """An invitation sent by an organiser: whoever opens its link sets a password (or signs in)
    and receives the role. The link is signed with the secret key and names a random nonce kept
    here; no secret is stored in plain text. Accepted, revoked or expired links do nothing."""

    class Role(models.TextChoices):
        DELEGATION_LEAD = "delegation_lead", _("delegation lead")
        ORGANISER = "organiser", _("organiser")
        PARTICIPANT = "participant", _("participant")

    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    series = models.ForeignKey(
        ForumSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    permissions = models.JSONField(_("organiser permissions"), default=list, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("The person the new login is (participants; optional for leads)."),
    )
    nonce = models.CharField(max_length=32, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    def clean(self) -> None:
        required = {
            self.Role.DELEGATION_LEAD: "delegation",
            self.Role.ORGANISER: "series",
            self.Role.PARTICIPANT: "person",
        }.get(self.role)
        if required and getattr(self, f"{required}_id") is None:
            raise ValidationError(
                {required: _("This role needs a %(field)s.") % {"field": required}}
            )
        if self.edition_id and self.series_id and self.edition.series_id != self.series_id:
            raise ValidationError({"edition": _("The edition belongs to another series.")})
        unknown = sorted(set(self.permissions or []) - set(ORGANISER_PERMISSIONS))
        if unknown:
            raise ValidationError(
                {"permissions": _("Unknown permission: %(names)s.") % {"names": ", ".join(unknown)}}
            )
