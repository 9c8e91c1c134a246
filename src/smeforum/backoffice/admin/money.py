"""Organiser-entered exchange rates for currencies the ECB does not publish."""

from __future__ import annotations

from django.contrib import admin

from smeforum.audit.domain import save_record
from smeforum.backoffice.admin.mixins import DomainWriteAdmin
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.money.domain.rates import record_manual_rate
from smeforum.money.models import ManualRate


def save_manual_rate(rate: ManualRate, *, actor=None) -> ManualRate:
    """New rates through ``record_manual_rate`` (it refuses a second rate for a currency and
    day); corrections to a recorded rate through the generic writer."""
    if not rate._state.adding:
        return save_record(rate, actor=actor)
    recorded = record_manual_rate(
        rate.currency,
        on=rate.on,
        units_per_eur=rate.units_per_eur,
        source=rate.source,
        actor=actor,
    )
    rate.pk = recorded.pk
    rate._state.adding = False
    rate._state.db = recorded._state.db
    return rate


@admin.register(ManualRate)
class ManualRateAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """Read by organisers with ``outcomes``; recorded and corrected by platform admins."""

    edition_lookup = None
    domain_save = staticmethod(save_manual_rate)

    list_display = ("currency", "on", "units_per_eur", "source")
    list_filter = ("currency", ("source", admin.RelatedOnlyFieldListFilter))
    search_fields = ("currency", "source__publisher", "source__title")
    list_select_related = ("source",)
    autocomplete_fields = ("source",)
    date_hierarchy = "on"
    ordering = ("currency", "-on")
    fields = ("currency", "on", "units_per_eur", "source")
