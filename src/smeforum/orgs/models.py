from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from smeforum.reference.bilingual import pick
from smeforum.reference.fields import CountryField
from smeforum.reference.models import City, Sector


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        BUSINESS_ASSOCIATION = "business_association", _("business association")
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        GOVERNMENT_BODY = "government_body", _("government body")
        EMBASSY = "embassy", _("embassy or consulate")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
        FINANCIAL_INSTITUTION = "financial_institution", _("financial institution")
        MEDIA = "media", _("media")

    class SizeClass(models.TextChoices):
        """EU SME definition (Recommendation 2003/361/EC)."""

        MICRO = "micro", _("micro (fewer than 10 staff)")
        SMALL = "small", _("small (fewer than 50 staff)")
        MEDIUM = "medium", _("medium (fewer than 250 staff)")
        LARGE = "large", _("large (250 staff or more)")

    name = models.CharField(_("name (original script)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    country = CountryField()
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Generated demo data, not a sourced fact."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="organisation_unique_name_country",
                violation_error_message=_(
                    "An organisation with this name already exists in this country."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and self.name_en != self.name:
            return pick(self.name_en, self.name)
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.size_class and self.kind != self.Kind.ENTERPRISE:
            errors["size_class"] = _("Only enterprises have a size class.")
        if self.city_id and self.city.country != self.country:
            errors["city"] = _("%(city)s is not in %(country)s.") % {
                "city": self.city.name,
                "country": self.country,
            }
        if errors:
            raise ValidationError(errors)


class Person(models.Model):
    name = models.CharField(_("name (original script)"), max_length=200)
    name_latin = models.CharField(_("name (Latin script)"), max_length=200, blank=True)
    position = models.CharField(_("title / position"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language for messages"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the emails smeforum sends this person."),
    )
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        help_text=_("Generated demo data, not a sourced fact."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_latin", "name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_latin and self.name_latin != self.name:
            return pick(self.name_latin, self.name)
        return self.name
