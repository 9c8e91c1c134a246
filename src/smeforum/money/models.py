from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smeforum.reference.fields import CurrencyField
from smeforum.reference.models import Source


class ManualRate(models.Model):
    """An organiser-entered reference rate for a currency the ECB does not publish
    (RSD, BAM, MKD, ALL, GEL, ...): ``units_per_eur`` units of ``currency`` buy one euro."""

    currency = CurrencyField()
    on = models.DateField(_("date"))
    units_per_eur = models.DecimalField(
        _("units per euro"),
        max_digits=18,
        decimal_places=8,
        help_text=_("How many units of the currency one euro buys on that date."),
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("manual exchange rate")
        verbose_name_plural = _("manual exchange rates")
        ordering = ["currency", "-on"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "on"],
                name="manual_rate_unique_day",
                violation_error_message=_("This currency already has a rate on this date."),
            ),
            models.CheckConstraint(
                condition=Q(units_per_eur__gt=0),
                name="manual_rate_positive",
                violation_error_message=_("A rate must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.units_per_eur} {self.currency} ({self.on:%Y-%m-%d})"
