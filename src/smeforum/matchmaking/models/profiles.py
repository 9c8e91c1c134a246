"""Matchmaking profiles of organisations and their cooperation opportunities."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models import Edition, ForumSeries
from smeforum.matchmaking import validators
from smeforum.orgs.models import Organisation
from smeforum.participants.models import Registration
from smeforum.reference.models import Sector

_SAMPLE_HELP = _("Generated demo data, not a sourced fact.")


class Profile(models.Model):
    """An organisation's matchmaking profile, one per organisation, kept across editions."""

    class SizeClass(models.TextChoices):
        """EU SME definition (Recommendation 2003/361/EC)."""

        MICRO = "micro", _("micro (fewer than 10 staff)")
        SMALL = "small", _("small (fewer than 50 staff)")
        MEDIUM = "medium", _("medium (fewer than 250 staff)")
        LARGE = "large", _("large (250 staff or more)")

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="matchmaking_profile",
    )
    description_original = models.TextField(_("description (original language)"), blank=True)
    description_language = models.CharField(
        _("language of the description"),
        max_length=2,
        blank=True,
        validators=[validators.validate_language_code],
        help_text=_("ISO 639-1 code, e.g. zh, pl, hu, en."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    countries_of_interest = models.JSONField(
        _("countries of interest"),
        default=list,
        blank=True,
        validators=[validators.validate_country_list],
        help_text=_("ISO 3166-1 alpha-2 codes."),
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        validators=[validators.validate_language_list],
        help_text=_("ISO 639-1 codes."),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_SAMPLE_HELP)

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["organisation__name_en", "organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    def organiser_scope(self) -> Q:
        """The editions (a filter on ``Edition``) whose organisers with ``matchmaking`` look
        after this profile: those it is confirmed for; a new profile (not saved yet): any."""
        if self.pk is None:
            return Q(pk__isnull=False)
        return Q(matchmaking_profiles__profile_id=self.pk)

    def clean(self) -> None:
        if self.description_original and not self.description_language:
            raise ValidationError(
                {"description_language": _("Say which language the description is in.")}
            )


class ProfileEdition(models.Model):
    """A profile confirmed for an edition, and who of the organisation attends it."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="editions"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="matchmaking_profiles",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))
    attendees = models.ManyToManyField(
        Registration,
        verbose_name=_("who attends"),
        blank=True,
        related_name="matchmaking_profiles",
    )

    class Meta:
        verbose_name = _("profile confirmed for an edition")
        verbose_name_plural = _("profiles confirmed for editions")
        ordering = ["edition", "profile"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "edition"],
                name="profileedition_unique_profile_edition",
                violation_error_message=_("This profile is already confirmed for this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} @ {self.edition}"

    def organiser_scope(self) -> Q:
        return Q(pk=self.edition_id)


class Opportunity(models.Model):
    """A cooperation opportunity: an offer or request of a profile, for an edition or evergreen
    (no edition), moderated by the organisers before it is published."""

    class Kind(models.TextChoices):
        BUSINESS_OFFER = "business_offer", _("business offer")
        BUSINESS_REQUEST = "business_request", _("business request")
        TECHNOLOGY_OFFER = "technology_offer", _("technology offer")
        TECHNOLOGY_REQUEST = "technology_request", _("technology request")
        RD_REQUEST = "rd_request", _("R&D request")
        INVESTMENT_OFFER = "investment_offer", _("investment offer")
        INVESTMENT_REQUEST = "investment_request", _("investment request")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="opportunities"
    )
    series = models.ForeignKey(
        ForumSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        help_text=_("Empty: evergreen, not tied to one edition."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        validators=[validators.validate_language_code],
        help_text=_("ISO 639-1 code of the title and summary."),
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="opportunities"
    )
    keywords = models.TextField(_("keywords"), blank=True)
    partnerships = models.JSONField(
        _("partnerships sought"),
        default=list,
        blank=True,
        validators=[validators.validate_partnership_list],
    )
    target_countries = models.JSONField(
        _("target countries"),
        default=list,
        blank=True,
        validators=[validators.validate_country_list],
        help_text=_("ISO 3166-1 alpha-2 codes."),
    )
    technology_readiness = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[validators.validate_technology_readiness],
        help_text=_("1–9; technology offers and requests and R&D requests only."),
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_sample = models.BooleanField(_("sample record"), default=False, help_text=_SAMPLE_HELP)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "external_id"],
                condition=~Q(external_id=""),
                name="opportunity_unique_external_id",
                violation_error_message=_(
                    "This series already has an opportunity with this external id."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def organiser_scope(self) -> Q:
        """The editions (a filter on ``Edition``) whose organisers with ``matchmaking`` moderate
        this opportunity: its edition; an evergreen one: any edition of its series or any
        edition its profile is confirmed for."""
        if self.edition_id is not None:
            return Q(pk=self.edition_id)
        return Q(series_id=self.series_id) | Q(matchmaking_profiles__profile_id=self.profile_id)

    def clean(self) -> None:
        errors = {}
        if self.edition_id and self.series_id and self.edition.series_id != self.series_id:
            errors["edition"] = _("The edition belongs to another series.")
        try:
            validators.validate_readiness_for_kind(self.kind, self.technology_readiness)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
