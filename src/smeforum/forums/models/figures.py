from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models.editions import Edition, ForumSeries
from smeforum.forums.models.programme import Session
from smeforum.reference.bilingual import pick
from smeforum.reference.fields import CurrencyField
from smeforum.reference.models import OutcomeKind, Source


class ReportedFigure(models.Model):
    """A figure as a source published it ("nearly 400 participants"), with its scope.

    Shown as reported, with its source, never as if counted by the platform.
    Scope: one edition (first = last), a range of editions, or the whole series (both empty);
    optionally narrowed to one session (a sub-event) or a named part of a total.
    """

    class Metric(models.TextChoices):
        PARTICIPANTS = "participants", _("participants")
        ATTENDEES = "attendees", _("attendees")
        BUSINESS_PEOPLE = "business_people", _("business people")
        COUNTRIES = "countries", _("countries represented")
        ENVOY_COUNTRIES = "envoy_countries", _("countries and regions sending envoys")
        SUB_VENUE_COUNTRIES = "sub_venue_countries", _("countries with a sub-venue")
        COUNT = "count", _("outcomes signed")
        AMOUNT = "amount", _("total amount")
        SISTER_CITIES = "sister_cities", _("sister-city relationships")
        SISTER_CITY_COUNTRIES = "sister_city_countries", _("countries of sister cities")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        ABOUT = "about", _("about")
        OVER = "over", _("over")
        NEARLY = "nearly", _("nearly")

    MONEY_METRICS = frozenset({Metric.AMOUNT})

    series = models.ForeignKey(
        ForumSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        related_name="reported_figures",
    )
    first_edition = models.ForeignKey(
        Edition,
        verbose_name=_("first edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_edition = models.ForeignKey(
        Edition,
        verbose_name=_("last edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session (sub-event)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_figures",
    )
    part_en = models.CharField(
        _("part (English)"),
        max_length=200,
        blank=True,
        help_text=_("When the figure is a part of a total, e.g. “investment outcomes”."),
    )
    part_zh = models.CharField(_("part (Chinese)"), max_length=100, blank=True)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    outcome_kind = models.ForeignKey(
        OutcomeKind,
        verbose_name=_("outcome kind"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For counts and amounts: the kind of outcome counted (empty: all kinds)."),
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    currency = CurrencyField(blank=True)
    converted_from = CurrencyField(
        verbose_name=_("converted from"),
        blank=True,
        help_text=_("Set when the publisher converted the amount from another currency."),
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_("The published total this figure is a sub-total of."),
    )
    conversion_of = models.ForeignKey(
        "self",
        verbose_name=_("conversion of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversions",
        help_text=_("The published amount this figure converts into another currency."),
    )
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["series", "first_edition__number", "last_edition__number", "metric", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "external_id"],
                condition=~models.Q(external_id=""),
                name="reported_figure_unique_external_id",
                violation_error_message=_(
                    "This series already has a figure with this external id."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric_label}: {self.get_qualifier_display()} {self.value_display}"

    @property
    def metric_label(self) -> str:
        """“cooperation projects signed” for a count of one kind, else the metric's name."""
        if self.outcome_kind_id and self.metric == self.Metric.COUNT:
            return str(_("%(kinds)s signed") % {"kinds": self.outcome_kind.plural_name})
        if self.outcome_kind_id and self.metric == self.Metric.AMOUNT:
            return str(_("amount of %(kinds)s") % {"kinds": self.outcome_kind.plural_name})
        return str(self.get_metric_display())

    @property
    def value_display(self) -> str:
        text = f"{Decimal(self.value):,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text} {self.currency}".strip()

    @property
    def part(self) -> str:
        return pick(self.part_en, self.part_zh)

    @property
    def note(self) -> str:
        return pick(self.note_en, self.note_zh)

    @property
    def is_single_edition(self) -> bool:
        return self.first_edition_id is not None and self.first_edition_id == self.last_edition_id

    def clean(self) -> None:
        errors = {}
        if self.metric in self.MONEY_METRICS and not self.currency:
            errors["currency"] = _("An amount of money needs its ISO 4217 currency.")
        if self.metric and self.metric not in self.MONEY_METRICS and self.currency:
            errors["currency"] = _("Only amounts of money have a currency; this metric is a count.")
        if self.converted_from and self.converted_from == self.currency:
            errors["converted_from"] = _("An amount cannot be converted from its own currency.")
        if self.outcome_kind_id and self.metric not in {self.Metric.COUNT, self.Metric.AMOUNT}:
            errors["outcome_kind"] = _("Only counts and amounts of outcomes have an outcome kind.")
        if self.part_of_id and self.part_of_id == self.pk:
            errors["part_of"] = _("A figure cannot be a part of itself.")
        if self.conversion_of_id and not self.converted_from:
            errors["converted_from"] = _("A conversion names the currency it converts from.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("A reported figure cannot be negative.")
        if (self.first_edition_id is None) != (self.last_edition_id is None):
            errors["last_edition"] = _(
                "Give both the first and the last edition (the same one for a single edition), "
                "or neither for the whole series."
            )
        elif self.first_edition_id is not None:
            first, last = self.first_edition, self.last_edition
            if first.series_id != self.series_id or last.series_id != self.series_id:
                errors["first_edition"] = _("The editions must belong to the figure's series.")
            elif first.number > last.number:
                errors["last_edition"] = _("The last edition comes before the first edition.")
        if self.session_id is not None and not (
            self.is_single_edition and self.session.edition_id == self.first_edition_id
        ):
            errors["session"] = _(
                "A session narrows a single-edition figure to a session of that edition."
            )
        if errors:
            raise ValidationError(errors)
