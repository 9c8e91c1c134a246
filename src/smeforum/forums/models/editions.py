import zoneinfo

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smeforum.forums import validators
from smeforum.orgs.models import Organisation
from smeforum.reference.bilingual import pick
from smeforum.reference.countries import country_name
from smeforum.reference.fields import CountryField
from smeforum.reference.models import City, Mechanism, Source
from smeforum.reference.validators import validate_time_zone


class ForumSeries(models.Model):
    """A forum held repeatedly, e.g. the China–CEEC (Cangzhou) SME Cooperation Forum."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=100, blank=True)
    short_name_zh = models.CharField(_("short name (Chinese)"), max_length=50, blank=True)
    host_city = models.ForeignKey(City, verbose_name=_("host city"), on_delete=models.PROTECT)
    mechanism = models.ForeignKey(
        Mechanism,
        verbose_name=_("cooperation mechanism"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Its membership on an edition's date gives the edition's member countries."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)

    class Meta:
        verbose_name = _("forum series")
        verbose_name_plural = _("forum series")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)

    @property
    def short_name(self) -> str:
        return pick(self.short_name_en or self.name_en, self.short_name_zh or self.name_zh)

    @property
    def description(self) -> str:
        return pick(self.description_en, self.description_zh)

    def get_absolute_url(self) -> str:
        return reverse("public:series", kwargs={"series": self.slug})


class Edition(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    series = models.ForeignKey(
        ForumSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="editions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class DatePrecision(models.TextChoices):
        DAY = "day", _("exact day")
        YEAR = "year", _("year only")

    date_precision = models.CharField(
        _("date precision"),
        max_length=4,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“Year only” when sources give just the year: pages then show the year."),
    )
    dates_note = models.CharField(
        _("note on dates"),
        max_length=300,
        blank=True,
        help_text=_("E.g. where sources give different dates."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    host_city = models.ForeignKey(City, verbose_name=_("host city"), on_delete=models.PROTECT)
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                name="edition_unique_number",
                violation_error_message=_("This series already has an edition with this number."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="edition_end_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(series)s, edition %(number)s") % {
            "series": self.series.short_name,
            "number": self.number,
        }

    def clean(self) -> None:
        validators.validate_date_range(self.start_date, self.end_date)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def primary_theme(self):
        themes = list(self.themes.all())
        return next((t for t in themes if t.is_primary), themes[0] if themes else None)

    def get_absolute_url(self) -> str:
        return reverse("public:edition", kwargs={"series": self.series.slug, "number": self.number})


class EditionTheme(models.Model):
    """A theme as a source gives it. Sources may disagree: all versions are kept."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="themes")
    text_en = models.CharField(_("theme (English)"), max_length=300)
    text_zh = models.CharField(_("theme (Chinese)"), max_length=200, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(is_primary=True),
                name="edition_one_primary_theme",
                violation_error_message=_("An edition has one primary theme."),
            ),
            models.UniqueConstraint(
                fields=["edition", "text_en", "source"],
                name="edition_theme_unique",
                violation_error_message=_("This theme is already recorded for this source."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return pick(self.text_en, self.text_zh)


class EditionOrganiser(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("host")
        CO_HOST = "co_host", _("co-host")
        SUPPORTER = "supporter", _("supporter")
        CO_ORGANISER = "co_organiser", _("co-organiser")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="edition_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["edition", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation", "role"],
                name="edition_organiser_unique",
                violation_error_message=_(
                    "This organisation already has this role in this edition."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class EditionCountry(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("host")
        MEMBER = "member", _("member")
        OBSERVER = "observer", _("observer")
        GUEST = "guest", _("guest")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="countries")
    country = CountryField()
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("country role")
        verbose_name_plural = _("country roles")
        ordering = ["edition", "role", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "country"],
                name="edition_country_unique",
                violation_error_message=_(
                    "This country already has a role in this edition; a country has one role."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{country_name(self.country)} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.edition_id and self.role and self.country:
            validators.validate_country_role(self.edition, self.country, self.role)
