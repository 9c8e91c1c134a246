from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models import Edition
from smeforum.orgs.models import Organisation, Person
from smeforum.reference.bilingual import pick
from smeforum.reference.fields import CountryField
from smeforum.reference.models import City


class Delegation(models.Model):
    """A country, city or organisation delegation to an edition, with a head and members."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country delegation")
        CITY = "city", _("city delegation")
        ORGANISATION = "organisation", _("organisation delegation")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="delegations")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    country = CountryField()
    city = models.ForeignKey(
        City, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    head = models.ForeignKey(
        Person,
        verbose_name=_("head of delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="delegations_headed",
    )
    is_sample = models.BooleanField(
        _("sample record"), default=False, help_text=_("Generated demo data, not a sourced fact.")
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["edition", "country", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name_en"],
                name="delegation_unique_name",
                violation_error_message=_("This edition already has a delegation with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.CITY and not self.city_id:
            errors["city"] = _("A city delegation needs its city.")
        if self.kind == self.Kind.ORGANISATION and not self.organisation_id:
            errors["organisation"] = _("An organisation delegation needs its organisation.")
        if self.city_id and self.country and self.city.country != self.country:
            errors["city"] = _("The city is not in the delegation's country.")
        if self.organisation_id and self.country and self.organisation.country != self.country:
            errors["organisation"] = _("The organisation is not in the delegation's country.")
        if errors:
            raise ValidationError(errors)


class Registration(models.Model):
    """A person's registration to an edition."""

    class Category(models.TextChoices):
        ENVOY = "envoy", _("envoy")
        GOVERNMENT = "government", _("government representative")
        SISTER_CITY = "sister_city", _("sister-city delegate")
        EMBASSY = "embassy", _("embassy representative")
        BUSINESS_ASSOCIATION = "business_association", _("business association")
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        ENTERPRISE = "enterprise", _("enterprise")
        MEDIA = "media", _("media")
        STAFF = "staff", _("organiser staff")

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")
        CONFIRMED = "confirmed", _("confirmed")
        ATTENDED = "attended", _("attended")
        CANCELLED = "cancelled", _("cancelled")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations"
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    is_sample = models.BooleanField(
        _("sample record"), default=False, help_text=_("Generated demo data, not a sourced fact.")
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["edition", "person__name_latin", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"],
                name="registration_unique_person",
                violation_error_message=_("This person is already registered to this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.edition}"

    def clean(self) -> None:
        if self.delegation_id and self.edition_id and self.delegation.edition_id != self.edition_id:
            raise ValidationError({"delegation": _("The delegation belongs to another edition.")})
